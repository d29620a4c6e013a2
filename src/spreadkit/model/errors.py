"""Named failures, each carrying its exit code, so one handler can report them without a traceback."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID_INPUT = 1
    USAGE = 2
    INTERRUPTED = 130


class SpreadkitError(Exception):
    """A failure we foresaw: its message is shown to the person as it is, on one line."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputFileError(SpreadkitError):
    """A file the person gave us is missing, unreadable or malformed."""


class NotAnswers(InputFileError):
    """A file spreadkit made that holds nobody's answers (a report, a plan, a card): one found
    in a folder of answers is passed over with a word, as a blank sheet is."""


class BankError(InputFileError):
    """The question bank breaks one of its rules."""


class AnswersError(InputFileError):
    """An answers file does not fit its format or its bank."""


class RefusedOverwrite(SpreadkitError):
    """Writing would replace an existing file the person did not ask us to replace."""


class UsageError(SpreadkitError):
    exit_code = ExitCode.USAGE


class NoTerminal(UsageError):
    """Prompts need a keyboard; scripts are pointed at the non-interactive commands."""
