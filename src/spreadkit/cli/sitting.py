"""One sitting: a person (or a room) answering into one file, as `assess` and `agree` both do.

The file is locked while they answer, an existing one is resumed or started again only as they
choose (the old one kept as a backup), every answer is saved as soon as it is given, and if they
stop (Ctrl-C, end of input) what was saved last is known, for the message that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from spreadkit.cli.locks import AnswersLock
from spreadkit.cli.writing import back_up, save_answers
from spreadkit.model.answers import AnswersFile
from spreadkit.model.bank import Bank
from spreadkit.readers.answers import load_answers

Notify = Callable[[str], None]


class Interrupted(Exception):
    """Ctrl-C or end of input at a prompt; carries what was saved so the message can say so."""

    def __init__(self, saved: AnswersFile | None) -> None:
        super().__init__("interrupted")
        self.saved = saved


class Sitting:
    def __init__(self, bank: Bank, output: Path, notify: Notify) -> None:
        self.bank = bank
        self.output = output
        self.notify = notify
        self.last: AnswersFile | None = None
        self._lock = AnswersLock(output)

    def __enter__(self) -> Sitting:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self._lock.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._lock.release()
        if isinstance(error, KeyboardInterrupt | EOFError):
            raise Interrupted(self.last) from None

    def save(self, answers: AnswersFile) -> None:
        save_answers(self.output, answers)
        self.last = answers

    def open(
        self, fresh: Callable[[], AnswersFile], *, resume: bool
    ) -> tuple[AnswersFile, bool] | None:
        """The answers to start from and whether they are a fresh start; None when the person
        chose to leave an existing file as it is."""
        from spreadkit.cli import prompts

        if not self.output.exists():
            return fresh(), True
        notices: list[str] = []
        existing = load_answers(self.output, self.bank, notices=notices)
        for notice in notices:
            self.notify(f"Note: {notice}")
        self.last = existing
        choice = (
            prompts.ExistingFile.RESUME if resume else prompts.ask_existing_file(str(self.output))
        )
        if choice is prompts.ExistingFile.QUIT:
            return None
        if choice is prompts.ExistingFile.RESUME:
            return existing.fitted_to(self.bank), False
        self.notify(f"The previous answers are kept in {back_up(self.output)}.")
        return fresh(), True
