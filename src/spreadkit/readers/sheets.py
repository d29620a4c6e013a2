"""Reading answer sheets (CSV): every problem reported at once, by row and column, as a
spreadsheet shows them.

Only `question_id` and `rating` are needed; the other columns are there for people to read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from spreadkit.model.answers import (
    SHEET_COLUMNS,
    Answer,
    AnswersFile,
    Meta,
    bank_ref,
    report_time,
)
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError
from spreadkit.model.limits import MAX_NOTE, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from spreadkit.model.safe import uncell
from spreadkit.readers.common import column_letter, name_from_file, not_answers, read_text
from spreadkit.readers.ratings import doubtful_cells, parse_rating

REQUIRED = ("question_id", "rating")


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


def sheet_rows(
    path: Path, prefer: str = "Answers", kind: str = "an answer sheet"
) -> tuple[str, list[list[str]], bool]:
    """Where the rows came from, the rows as text, and whether they came from CSV (whose cells
    carry the text mark of `safe.cell`; a workbook's hold text as text). In a workbook, the sheet
    called `prefer` is read, or the only one."""
    if path.suffix.lower() == ".xlsx":
        from spreadkit.readers.workbooks import workbook_rows

        source, rows = workbook_rows(path, prefer)
        return source, rows, False
    return str(path), _csv_rows(path, kind), True


def is_answer_sheet(rows: list[list[str]]) -> bool:
    return bool(rows) and "question_id" in {cell.strip().lower() for cell in rows[0]}


def read_sheet(path: Path, bank: Bank, respondent: str | None = None) -> AnswersFile:
    """The answers in a sheet (CSV or a workbook); every problem is reported at once, row and
    column named. Survey responses, with a row for each person, are pointed elsewhere."""
    source, rows, marked = sheet_rows(path)
    if not is_answer_sheet(rows):
        from spreadkit.readers.responses import looks_like_responses

        if looks_like_responses(rows, bank):
            raise InputFileError(
                f"{path}: holds survey responses, a row for each person; spreadkit team reads "
                "them all, and spreadkit import makes an answers file for each person"
            )
    who = respondent if respondent is not None else name_from_file(path)
    return answers_from_rows(source, rows, bank, who, marked=marked)


def _csv_rows(path: Path, kind: str) -> list[list[str]]:
    text = read_text(path, kind, 'save the sheet as "CSV UTF-8"')
    try:
        rows = _rows(text)
    except csv.Error as exc:
        why = "a cell is too large" if "field larger" in str(exc) else "its quoting is broken"
        raise InputFileError(
            f"{path}: not a readable CSV sheet: {why}; open it in a spreadsheet and save it "
            'again as "CSV UTF-8"'
        ) from None
    if len(rows) > MAX_SHEET_ROWS:
        raise InputFileError(f"{path}: more than {MAX_SHEET_ROWS:,} rows; is it the right file?")
    wide = next((n for n, row in enumerate(rows, start=1) if len(row) > MAX_SHEET_COLUMNS), None)
    if wide is not None:
        raise InputFileError(
            f"{path}: row {wide} has more than {MAX_SHEET_COLUMNS:,} columns; is it the right file?"
        )
    return rows


def answers_from_rows(
    source: str, rows: list[list[str]], bank: Bank, respondent: str, *, marked: bool = True
) -> AnswersFile:
    """Answers from a sheet's rows, header first, whatever file they came from; `source` names
    the file (and the sheet in a workbook) in every message."""
    where = _columns(source, rows, bank)

    def place(row: int, name: str) -> str:
        return f"{source}: row {row}, column {column_letter(where[name])} ({name})"

    problems: list[str] = []
    answers: dict[str, Answer] = {}
    first_seen: dict[str, int] = {}
    doubts = doubtful_cells(rows, where["rating"])
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number in doubts:
            problems.append(f"{place(number, 'rating')}: {doubts[number]}")
            continue
        cells = {name: _cell(row, i, marked) for name, i in where.items()}
        question_id = cells["question_id"].strip()
        try:
            if not question_id:
                raise _Problem("question_id", "the question_id is blank; copy it from the template")
            if bank.question(question_id) is None:
                raise _Problem("question_id", f"unknown question id '{question_id}'")
            if question_id in first_seen:
                raise _Problem(
                    "question_id",
                    f"'{question_id}' appears twice (first in row {first_seen[question_id]})",
                )
            first_seen[question_id] = number
            answer = _answer(cells, bank)
        except _Problem as problem:
            problems.append(f"{place(number, problem.column)}: {problem.message}")
            continue
        if answer is not None:
            answers[question_id] = answer
    if problems:
        raise InputFileError("\n".join(problems))
    # A sheet does not say when it was filled in: the time it is read stands for it.
    read_at = report_time()
    meta = Meta(respondent=respondent, created=read_at, updated=read_at)
    return AnswersFile(bank=bank_ref(bank), meta=meta, answers=answers)


def _cell(row: list[str], index: int, marked: bool) -> str:
    if index >= len(row):
        return ""
    return uncell(row[index]) if marked else row[index]


class _Problem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _columns(source: str, rows: list[list[str]], bank: Bank) -> dict[str, int]:
    """Where each known column is, once the header and the size of the sheet are checked."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputFileError(
            f"{source}: the sheet is empty; an answer sheet needs a header row "
            f"({','.join(SHEET_COLUMNS)}), survey responses a row naming the form's questions"
        )
    header = [cell.strip().lower() for cell in rows[0]]
    made = made_here(header)
    if made:
        raise not_answers(source, made)
    if "question_id" not in header:
        # Said as import says it: the file may be meant as a survey's responses.
        raise InputFileError(
            f"{source}: neither an answer sheet (no question_id column) nor survey responses "
            "(no column names a question by its id or its whole text)"
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputFileError(
            "\n".join(f"{source}: row 1: missing column '{name}'" for name in missing)
        )
    filled = sum(1 for row in rows[1:] if any(cell.strip() for cell in row))
    questions = len(bank.question_ids)
    if filled > questions:
        raise InputFileError(
            f"{source}: {filled} rows of answers, but the bank has only {questions} questions; "
            "is it the right file?"
        )
    return {name: header.index(name) for name in SHEET_COLUMNS if name in header}


def made_here(header: list[str]) -> str:
    """What a sheet spreadkit made is, by its header (lower case), when it holds nobody's
    answers: a plan, a team's or a programme's report; empty for anything else. An answer sheet
    with columns of its own added (an owner, say) still has its principle_id."""
    columns = set(header)
    if "principle_id" not in columns and {"action", "owner", "status"} <= columns:
        return "a plan"
    if {"mean", "spread", "discuss"} <= columns:
        return "a team report"
    if {"site", "round", "respondents"} <= columns and "question_id" not in columns:
        return "a programme report"
    return ""


def _answer(cells: dict[str, str], bank: Bank) -> Answer | None:
    """The answer in a row, or None for a row with neither a rating nor a note."""
    try:
        rating = parse_rating(cells["rating"], bank)
    except ValueError as exc:
        raise _Problem("rating", str(exc)) from None
    # The note exactly as written: spaces and blank lines are part of what the person said.
    note = cells.get("note", "")
    if len(note) > MAX_NOTE:
        raise _Problem("note", f"the note has {len(note):,} characters; the limit is {MAX_NOTE:,}")
    return Answer(rating=rating, note=note) if rating is not None or note else None
