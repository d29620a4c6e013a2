"""Answer sheets as CSV: what a spreadsheet opens cleanly and what a workshop hands round.

Columns, exactly: principle_id, principle, question_id, question, rating, note. UTF-8 with a
byte-order mark, RFC 4180 quoting, one row per question in bank order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from spreadkit.answers import MAX_NOTE, NOT_APPLICABLE, Answer, AnswersFile, Meta, bank_ref
from spreadkit.bank import Bank, Principle
from spreadkit.errors import InputFileError
from spreadkit.files import check_size, not_utf8, unreadable

COLUMNS = ("principle_id", "principle", "question_id", "question", "rating", "note")
REQUIRED = ("question_id", "rating")
BOM = "\ufeff"


def spreadsheet_csv(rows: Iterable[Sequence[object]]) -> str:
    """CSV as spreadsheets open it cleanly: a byte-order mark, CRLF line ends, RFC 4180 quoting."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return BOM + buffer.getvalue()


def write_sheet(bank: Bank, principles: list[Principle], answers: AnswersFile | None = None) -> str:
    """A sheet for these principles, blank or filled from `answers`."""
    rows: list[Sequence[object]] = [COLUMNS]
    for principle in principles:
        for question in principle.questions:
            answer = answers.answers.get(question.id) if answers else None
            rating = "" if answer is None or answer.rating is None else str(answer.rating)
            note = answer.note if answer else ""
            rows.append((principle.id, principle.name, question.id, question.text, rating, note))
    return spreadsheet_csv(rows)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def parse_rating(cell: str, bank: Bank) -> int | Literal["n/a"] | None:
    """The rating a cell means, or raise ValueError saying what would be accepted."""
    text = cell.strip()
    if not text:
        return None
    if text.lower() == NOT_APPLICABLE:
        return NOT_APPLICABLE
    if text.lstrip("-").isdigit():
        value = int(text)
        if bank.level(value) is None:
            raise ValueError(
                f"rating {value} is out of range: use {bank.scale[0].value} to {bank.max_value}"
            )
        return value
    for level in bank.scale:
        if level.label.casefold() == text.casefold():
            return level.value
    raise ValueError(
        f"'{text}' is not a rating: use {bank.scale[0].value} to {bank.max_value}, a label such "
        f"as '{bank.scale[-1].label}', n/a, or leave it blank"
    )


def _rows(text: str) -> list[list[str]]:
    """The sheet's rows. Commas separate the columns, but a spreadsheet set up for a language that
    writes decimals with a comma saves semicolons instead, so a header made that way is read so."""
    rows = list(csv.reader(io.StringIO(text)))
    if rows and len(rows[0]) == 1:
        for delimiter in (";", "\t"):
            header = {cell.strip().lower() for cell in rows[0][0].split(delimiter)}
            if set(REQUIRED) <= header:
                return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows


def read_sheet(path: Path, bank: Bank, respondent: str | None = None) -> AnswersFile:
    """The answers in a sheet; every problem is reported at once, one line each, row and column named."""
    check_size(path, "an answer sheet")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = _rows(handle.read())
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, 'save the sheet as "CSV UTF-8"') from None
    except csv.Error as exc:
        raise InputFileError(f"{path}: not a readable CSV sheet ({exc})") from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputFileError(
            f"{path}: the sheet is empty; it needs a header row ({','.join(COLUMNS)})"
        )

    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputFileError(
            "\n".join(f"{path}: row 1: missing column '{name}'" for name in missing)
        )
    where = {name: header.index(name) for name in COLUMNS if name in header}
    filled = sum(1 for row in rows[1:] if any(cell.strip() for cell in row))
    questions = len(bank.question_ids)
    if filled > questions:
        raise InputFileError(
            f"{path}: {filled} rows of answers, but the bank has only {questions} questions; "
            "is it the right file?"
        )

    def place(row: int, name: str) -> str:
        return f"{path}: row {row}, column {_column_letter(where[name])} ({name})"

    problems: list[str] = []
    answers: dict[str, Answer] = {}
    first_seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: row[i] if i < len(row) else "" for name, i in where.items()}
        question_id = cells["question_id"].strip()
        if bank.question(question_id) is None:
            problems.append(f"{place(number, 'question_id')}: unknown question id '{question_id}'")
            continue
        if question_id in first_seen:
            problems.append(
                f"{place(number, 'question_id')}: '{question_id}' appears twice "
                f"(first in row {first_seen[question_id]})"
            )
            continue
        first_seen[question_id] = number
        try:
            rating = parse_rating(cells["rating"], bank)
        except ValueError as exc:
            problems.append(f"{place(number, 'rating')}: {exc}")
            continue
        note = cells.get("note", "").strip()
        if len(note) > MAX_NOTE:
            problems.append(
                f"{place(number, 'note')}: the note has {len(note):,} characters; "
                f"the limit is {MAX_NOTE:,}"
            )
            continue
        if rating is not None or note:
            answers[question_id] = Answer(rating=rating, note=note)
    if problems:
        raise InputFileError("\n".join(problems))
    meta = Meta(respondent=respondent if respondent is not None else path.stem)
    return AnswersFile(bank=bank_ref(bank), meta=meta, answers=answers)
