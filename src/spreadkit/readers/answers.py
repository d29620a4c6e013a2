"""Answers files: read, checked against the bank, and fitted to its version."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from spreadkit.answers import AnswersFile, check_answers
from spreadkit.bank import Bank
from spreadkit.errors import AnswersError
from spreadkit.migrate import migrate, needs_migration
from spreadkit.problems import from_validation_error, summarise
from spreadkit.readers.common import not_utf8, parse_json, read_bytes


def load_answers(
    path: Path, bank: Bank, *, compatible: bool = False, notices: list[str] | None = None
) -> AnswersFile:
    """Answers fitted to `bank`; what migration did to them is added to `notices`."""
    content = read_bytes(path, "an answers file")
    try:
        answers = AnswersFile.model_validate_json(content)
    except ValidationError:
        # The slow path, only for a file with something wrong: it words the problem exactly.
        answers = _load_answers_carefully(path, content)
    if needs_migration(answers, bank):
        answers, report = migrate(answers, bank)
        if notices is not None:
            notices.append(report.describe(str(path)))
    problems = check_answers(answers, bank, compatible=compatible)
    if problems:
        raise AnswersError(summarise(str(path), problems))
    return answers


def _load_answers_carefully(path: Path, content: bytes) -> AnswersFile:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, "is this the right file?") from None
    if not text.strip():
        raise AnswersError(f"{path}: the file is empty")
    data = parse_json(text, str(path))
    if not isinstance(data, dict) or data.get("format") != "spreadkit-answers":
        raise AnswersError(
            f"{path}: $.format: not a spreadkit answers file "
            '(expected "format": "spreadkit-answers")'
        )
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(summarise(str(path), from_validation_error(exc))) from None
