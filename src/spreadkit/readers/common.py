"""What every reader shares: one-line errors that say what is wrong with a file and where, a size
limit that holds for pipes and devices as for files, and JSON with finite numbers only."""

from __future__ import annotations

import json
import math
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from spreadkit.model.errors import InputFileError, NotAnswers
from spreadkit.model.limits import MAX_DETAIL, MAX_FILE_BYTES
from spreadkit.model.safe import unbroken

# A number in a bank or answers file is a rating, a weight, a score or a target: never longer.
MAX_DIGITS = 20


def unreadable(path: Path, exc: OSError) -> InputFileError:
    """Word a failure to open a file the way a person would understand it."""
    if path.is_dir():
        # Windows refuses to open a folder with PermissionError, Linux with IsADirectoryError.
        return InputFileError(f"{path}: is a folder; give one answers file or sheet")
    if isinstance(exc, FileNotFoundError):
        return InputFileError(f"{path}: no such file")
    if isinstance(exc, PermissionError):
        return InputFileError(f"{path}: permission denied")
    return InputFileError(f"{path}: cannot be read ({exc.strerror})")


def not_utf8(path: Path, exc: UnicodeDecodeError, advice: str) -> InputFileError:
    """Name the line to look at: a byte offset means nothing in a spreadsheet or an editor."""
    line = bytes(exc.object[: exc.start]).count(b"\n") + 1
    return InputFileError(f"{path}: line {line}: not UTF-8 text; {advice}")


def too_large(path: Path, kind: str, size: int) -> InputFileError:
    """`size` is the file's size, or 0 when it cannot be told (a pipe, a device)."""
    limit = f"{MAX_FILE_BYTES // 1024 // 1024} MB"
    if size > MAX_FILE_BYTES:
        how_big = f"{size / 1024 / 1024:.1f} MB is too large for {kind} (the limit is {limit})"
    else:
        how_big = f"more than {limit}, too large for {kind}"
    return InputFileError(f"{path}: {how_big}; is it the right file?")


def read_bytes(path: Path, kind: str) -> bytes:
    """The file's bytes, reading no further than the size limit: a pipe or a device that never
    ends (/dev/zero) is refused as soon as the limit is passed, as a huge file is."""
    try:
        # Unbuffered: a team's folder is read a file at a time, and a regular file comes whole
        # in one read of the size it says it is, with no buffer set up around it.
        with open(path, "rb", buffering=0) as handle:  # noqa: PTH123
            found = os.fstat(handle.fileno())
            size = found.st_size if stat.S_ISREG(found.st_mode) else 0
            if size > MAX_FILE_BYTES:
                raise too_large(path, kind, size)
            content = handle.read(size + 1 if size else _CHUNK) or b""
            if len(content) != size:  # a pipe, a device, or a file that grew or came short
                content += _rest(handle, MAX_FILE_BYTES + 1 - len(content))
    except OSError as exc:
        raise unreadable(path, exc) from None
    if len(content) > MAX_FILE_BYTES:
        raise too_large(path, kind, size)
    return content


_CHUNK = 1 << 20


def _rest(handle: BinaryIO, most: int) -> bytes:
    """What is left to read, stopping at the end or after `most` bytes, whichever comes first."""
    parts: list[bytes] = []
    while most > 0 and (part := handle.read(min(most, _CHUNK))):
        parts.append(part)
        most -= len(part)
    return b"".join(parts)


def name_from_file(path: Path) -> str:
    """Who answered, when only the file name says: printable, and no longer than a name may be."""
    return unbroken(path.stem)[:MAX_DETAIL]


def not_answers(source: str, made: str) -> NotAnswers:
    """The error for a file spreadkit made that holds nobody's answers, saying what it is."""
    hint = " (read it with spreadkit plan --from)" if made == "a plan" else ""
    return NotAnswers(f"{source}: is {made} made by spreadkit, not anyone's answers{hint}")


def read_text(path: Path, kind: str, advice: str) -> str:
    """The file as text: UTF-8, with or without a byte-order mark."""
    content = read_bytes(path, kind)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, advice) from None


class _BadNumber(ValueError):
    def __init__(self, token: str, why: str) -> None:
        super().__init__(why)
        self.token = token
        self.why = why


def _constant(token: str) -> Any:
    raise _BadNumber(token, f"{token} is not a number JSON allows; write a number")


def _float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _BadNumber(token, f"{token[:20]} is too large a number")
    return value


def _int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(token, f"a number of {len(token):,} digits is too large")
    return int(token)


# What Python's JSON reader says, as a person editing the file would understand it.
_JSON_WORDS = {
    "Expecting value": "a value was expected here (is something missing, or a comma too many?)",
    "Expecting property name enclosed in double quotes": (
        "a name in double quotes was expected here (is there a comma too many?)"
    ),
    "Expecting ',' delimiter": "a comma is missing here",
    "Expecting ':' delimiter": "a colon is missing here",
    "Unterminated string starting at": "a text in quotes is not closed",
    "Extra data": "there is more after the end of the document",
    "Invalid control character at": "a line break or tab inside quotes (write it as \\n or \\t)",
    "Invalid \\escape": "a backslash that JSON does not allow (write \\\\ for one)",
}


def _plain(message: str) -> str:
    for said, meant in _JSON_WORDS.items():
        if message.startswith(said):
            return meant
    return message[:1].lower() + message[1:]


class _Repeated(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose every name is its own: a name given twice (of which JSON readers quietly
    keep the last) is refused."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Repeated(key)
            seen.add(key)
    return found


def _where_repeated(text: str, key: str) -> tuple[int, int]:
    """The line and column of the second `"key":` in the text (where the reader stopped)."""
    quoted = json.dumps(key)
    first = text.find(quoted)
    at = text.find(quoted, first + 1) if first >= 0 else -1
    at = max(at, 0)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def parse_json(text: str, source: str) -> Any:
    """JSON with only finite numbers of a sensible size: NaN, Infinity, 1e400 or a number of
    thousands of digits is refused with the line and column, never stored or passed on; so is a
    name given twice in one object."""
    try:
        return json.loads(
            text,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
            object_pairs_hook=_once_each,
        )
    except _Repeated as exc:
        line, column = _where_repeated(text, exc.key)
        raise InputFileError(
            f'{source}: line {line}, column {column}: "{exc.key[:60]}" is given twice in the '
            "same object, and only one can count; keep one"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{source}: line {exc.lineno}, column {exc.colno}: not valid JSON: {_plain(exc.msg)}"
        ) from None
    except _BadNumber as exc:
        at = max(text.find(exc.token), 0)
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        raise InputFileError(f"{source}: line {line}, column {column}: {exc.why}") from None
    except RecursionError:
        raise InputFileError(f"{source}: the JSON is nested too deeply") from None


def read_json(path: Path, kind: str = "a spreadkit file") -> Any:
    """The parsed document, or an InputFileError that says what is wrong with the file and where."""
    text = read_text(path, kind, "is this the right file?")
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty")
    return parse_json(text, str(path))


def column_letter(index: int) -> str:
    """The spreadsheet's name for a column counted from 0: A, B, … Z, AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@contextmanager
def ctrl_c_held_back() -> Iterator[None]:
    """Ctrl+C pressed while something must not be cut short (helper processes starting, files
    being put in place) is acted on as soon as it is done: a helper's start interrupted halfway
    can leave it waiting for ever, and an import stopped halfway a folder half written."""

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread hears Ctrl+C
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
    if pressed:
        raise KeyboardInterrupt
