"""Answers files: read, checked against the bank, and fitted to its version."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from spreadkit.answers import MAX_FILE_BYTES, AnswersFile, check_answers
from spreadkit.bank import Bank
from spreadkit.errors import AnswersError
from spreadkit.migrate import migrate, needs_migration
from spreadkit.problems import from_validation_error, summarise
from spreadkit.readers.common import check_size, read_json


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
