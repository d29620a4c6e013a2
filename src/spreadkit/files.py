"""Reading and writing the files people give us: clear one-line errors in, atomic writes out."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from spreadkit.answers import MAX_FILE_BYTES, AnswersFile, check_answers
from spreadkit.bank import Bank, check_bank_data
from spreadkit.errors import AnswersError, BankError, InputFileError, RefusedOverwrite
from spreadkit.migrate import migrate, needs_migration
from spreadkit.problems import Problem, from_validation_error, summarise

BANK_RESOURCE = "data/principles.json"
# In a source checkout the bank lives at the repository root; the wheel carries it in the package.
_CHECKOUT_BANK = Path(__file__).resolve().parents[2] / "data" / "principles.json"


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


def check_size(path: Path, kind: str) -> None:
    """Refuse a file far too large to be what it claims, before reading it all into memory."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from None
    if size > MAX_FILE_BYTES:
        raise InputFileError(
            f"{path}: {size / 1024 / 1024:.1f} MB is too large for {kind} (the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB); is it the right file?"
        )


def read_json(path: Path, kind: str = "a spreadkit file") -> Any:
    """The parsed document, or an InputFileError that says what is wrong with the file and where."""
    check_size(path, kind)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, "is this the right file?") from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise InputFileError(f"{path}: the JSON is nested too deeply") from None


def builtin_bank_text() -> tuple[str, str]:
    """The built-in bank's text and a name for it in messages."""
    resource = resources.files("spreadkit").joinpath(BANK_RESOURCE)
    if resource.is_file():
        return resource.read_text(encoding="utf-8"), "built-in bank"
    if _CHECKOUT_BANK.is_file():
        return _CHECKOUT_BANK.read_text(encoding="utf-8"), str(_CHECKOUT_BANK)
    raise BankError(
        "the built-in question bank is missing from this installation; reinstall spreadkit"
    )


def bank_problems(data: Any) -> tuple[Bank | None, list[Problem]]:
    """The bank, if it is sound, and every problem found in it: shape and rules alike."""
    problems = check_bank_data(data)
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        return None, from_validation_error(exc) + problems
    return (None if problems else bank), problems


def parse_bank(data: Any, source: str) -> Bank:
    bank, problems = bank_problems(data)
    if bank is None:
        raise BankError(summarise(source, problems))
    return bank


def load_bank(path: Path | None = None) -> Bank:
    if path is not None:
        return parse_bank(read_json(path, "a question bank"), str(path))
    text, source = builtin_bank_text()
    return parse_bank(json.loads(text), source)


def load_answers(
    path: Path, bank: Bank, *, compatible: bool = False, notices: list[str] | None = None
) -> AnswersFile:
    """Answers fitted to `bank`; what migration did to them is added to `notices`."""
    try:
        with path.open("rb") as handle:
            # The size is read from the open file: no second look-up of the path per file.
            if os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
                check_size(path, "an answers file")
            content = handle.read()
        answers = AnswersFile.model_validate_json(content)
    except (ValidationError, OSError):
        # The slow path, only for a file with something wrong: it words the problem exactly.
        answers = _load_answers_carefully(path)
    if needs_migration(answers, bank):
        answers, report = migrate(answers, bank)
        if notices is not None:
            notices.append(report.describe(str(path)))
    problems = check_answers(answers, bank, compatible=compatible)
    if problems:
        raise AnswersError(summarise(str(path), problems))
    return answers


def _load_answers_carefully(path: Path) -> AnswersFile:
    data = read_json(path, "an answers file")
    if not isinstance(data, dict) or data.get("format") != "spreadkit-answers":
        raise AnswersError(
            f"{path}: $.format: not a spreadkit answers file "
            '(expected "format": "spreadkit-answers")'
        )
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(summarise(str(path), from_validation_error(exc))) from None


def atomic_write_text(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so the old file survives any failure."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write an export, refusing to replace an existing file unless the person said --force."""
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise RefusedOverwrite(f"{path}: already exists; use --force to replace it")
    if not path.parent.exists():
        raise InputFileError(f"{path.parent}: no such folder")
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be written ({exc.strerror})") from None


def back_up(path: Path) -> Path:
    """Copy a file to the first free NAME.bak, NAME.bak2, ... so no earlier backup is replaced."""
    number = 1
    while True:
        backup = path.with_name(f"{path.name}.bak{number if number > 1 else ''}")
        if not backup.exists():
            break
        number += 1
    try:
        atomic_write_text(backup, path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(f"{backup}: cannot write the backup ({exc.strerror})") from None
    return backup


def dump_answers(answers: AnswersFile) -> str:
    return answers.model_dump_json(indent=2) + "\n"


def save_answers(path: Path, answers: AnswersFile) -> None:
    try:
        atomic_write_text(path, dump_answers(answers))
    except OSError as exc:
        raise InputFileError(f"{path}: cannot save the answers ({exc.strerror})") from None
