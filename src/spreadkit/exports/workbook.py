"""Excel workbooks to fill in and to edit: a sheet that needs no instructions from anyone, the
same sheet filled, and a plan (a team's and a programme's workbooks, tables only, are
`report_book`'s). All are written by `xlsx`.

The sheet to fill in puts the question, the rating and the note first, where a laptop's screen
shows them, and the ids last; only the rating and note cells can be typed in (the sheets are
protected without a password, so anyone may turn it off), and printed it is a paper form. The
plan workbook holds an Excel table, with filters, its figures as numbers and its dates as dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from spreadkit.exports.table_book import DATE, ONE_DECIMAL, Sheet, page
from spreadkit.exports.xlsx import STYLE, Page, drop_down, package, page_text, per_line, row
from spreadkit.model.answers import AnswersFile
from spreadkit.model.plan import PLAN_COLUMNS, STATUSES
from spreadkit.model.safe import isolated
from spreadkit.model.wording import choice_labels
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank, Principle
    from spreadkit.model.reports import (
        BlankView,
        PersonView,
        PlanView,
    )

ANSWERS_SHEET = "Answers"
# The Answers sheet's columns, as people fill it in: the ids last. Sheets are read by the names in
# their header row, so a workbook with the CSV sheet's order (the ids first) reads the same.
ANSWER_COLUMNS: Final[tuple[str, ...]] = (
    "question",
    "rating",
    "note",
    "principle",
    "principle_id",
    "question_id",
)
_ANSWER_WIDTHS: Final = (55, 18, 50, 16, 16, 30)
# Printed, the sheet is a paper form of the question, rating, note and principle: ids mean
# nothing on paper, and leaving them off keeps the print large enough to read.
_PRINTED_COLUMNS: Final = 4
# The drop-down's choices, by a name for their cells on the Instructions sheet: the form Excel
# itself keeps a list from another sheet in, which every version of Excel and LibreOffice reads.
RATINGS_NAME: Final = "Ratings"
# Each column's style: the question and principle wrap; the rating and note are where to write,
# shaded and open when the sheet is protected; the ids are only read.
_ANSWER_STYLES: Final = tuple(
    STYLE[name]
    for name in ("boxed wrap", "boxed open", "boxed open", "boxed wrap", "boxed top", "boxed top")
)
_OPEN_LINES = 2  # a row with a cell to write in has room for two lines, on screen and paper


def _guidance(bank: Bank, count: int) -> list[tuple[str, str]]:
    """What the Instructions sheet says, a label and its text a row."""
    return [
        (
            "What this is",
            f"{bank.title}: {plural(count, 'question')} on the Answers sheet, each "
            "to rate by how fully it is in place today.",
        ),
        (
            "How to answer",
            "On the Answers sheet, choose a rating for each question from the "
            "drop-down in the rating column, and write your actual answer, in your own words, in "
            "the note column: the note is where the real answer goes. A question with a comment "
            "(a small red corner) says what a 4 looks like.",
        ),
        (
            "Not applicable",
            "Choose n/a when a question does not apply here: it is left out of "
            "the score, not counted as 0.",
        ),
        (
            "Blank",
            "Leave the rating blank for a question you cannot answer yet: it stays "
            "unanswered and is left out of the score.",
        ),
        (
            "On paper",
            "Printed, the Answers sheet is a form to fill in by hand: write a rating and a note "
            "beside each question, then type them into the shaded cells.",
        ),
        (
            "Sending it back",
            "Only the rating and note cells can be typed in, so the questions and the ids at the "
            "end of each row stay as they are. Save the workbook (as .xlsx) and send it back to "
            "whoever sent it to you. (Review > Unprotect Sheet turns the protection off; there "
            "is no password. Keep the question_id column and do not add rows.)",
        ),
        ("Rating scale", "Each rating, what it is called, and what it means:"),
    ]


def _instructions(bank: Bank, count: int) -> Page:
    """The Instructions sheet, protected, with the name for the cells the drop-down offers."""
    lines = _guidance(bank, count)
    widths = (22, 70)
    wrapped = {column: per_line(width) for column, width in enumerate(widths, start=1)}
    labelled = (STYLE["strong"], STYLE["wrap"])
    rows = [row(number, line, labelled, wrapped) for number, line in enumerate(lines, start=1)]
    first = len(lines) + 2
    meanings = [level.description for level in bank.scale] + [
        "Not applicable: left out of the score."
    ]
    choices = zip(choice_labels(bank), meanings, strict=True)
    rows += [
        row(number, choice, (STYLE["wrap"],) * 2, wrapped)
        for number, choice in enumerate(choices, start=first)
    ]
    last = first + len(meanings) - 1
    return Page(
        "Instructions",
        widths,
        rows,
        header=False,
        protected=True,
        names={RATINGS_NAME: f"Instructions!$A${first}:$A${last}"},
    )


def _answers_sheet(
    bank: Bank, principles: Iterable[Principle], answers: AnswersFile | None
) -> Page:
    """The Answers sheet: a row for each question, its help as the question's comment."""
    widths = _ANSWER_WIDTHS
    wrapped = {column: per_line(widths[column - 1]) for column in range(1, _PRINTED_COLUMNS + 1)}
    rows = [row(1, ANSWER_COLUMNS, (STYLE["boxed header"],) * len(ANSWER_COLUMNS))]
    notes: list[tuple[int, int, str]] = []
    # As the drop-down offers them; the scale counts up from 0, so a rating is its place.
    labels = choice_labels(bank)
    for principle in principles:
        for question in principle.questions:
            number = len(rows) + 1
            answer = answers.answers.get(question.id) if answers else None
            rating = (
                ""
                if answer is None or answer.rating is None
                else labels[answer.rating if isinstance(answer.rating, int) else -1]
            )
            cells = (
                question.text,
                rating,
                answer.note if answer else "",
                principle.name,
                principle.id,
                question.id,
            )
            rows.append(row(number, cells, _ANSWER_STYLES, wrapped, least=_OPEN_LINES))
            if question.help:
                notes.append((number, 1, question.help))
    key = page_text("Rating: " + ", ".join(isolated(label) for label in labels))
    # A header holds at most 255 characters, its codes counted; a scale too long for it is on
    # the Instructions.
    heading = key if len(key) <= 240 else "Rating: see the Instructions sheet"
    checks = []
    if len(rows) > 1:
        checks.append(
            drop_down(
                f"B2:B{len(rows)}",
                RATINGS_NAME,  # as Excel keeps it: no "=" in the file
                prompt=(
                    "Rating",
                    "Choose how fully this is in place, n/a if it does not apply, or leave it "
                    "blank.",
                ),
                error=("Not a rating", "Choose a rating from the list, or n/a, or leave it blank."),
            )
        )
    return Page(
        ANSWERS_SHEET,
        widths,
        rows,
        printed=_PRINTED_COLUMNS,
        heading=heading,
        protected=True,
        selected=True,
        validations=checks,
        notes=notes,
    )


def _workbook(bank: Bank, principles: list[Principle], answers: AnswersFile | None) -> bytes:
    count = sum(len(p.questions) for p in principles)
    return package([_instructions(bank, count), _answers_sheet(bank, principles, answers)])


def blank(view: BlankView) -> bytes:
    return _workbook(view.bank, view.principles, None)


def filled(view: PersonView) -> bytes:
    return _workbook(view.bank, list(view.bank.principles), view.answers)


def plan(view: PlanView) -> bytes:
    """The plan as a workbook to edit: a table, a drop-down for the status, dates as dates."""
    from spreadkit.exports.plan_sheet import plan_rows

    rows: list[list[Any]] = []
    for values, item in zip(plan_rows(view)[1:], view.plan.items, strict=True):
        rows.append([*values[:3], item.rating, *values[4:6], item.action.due, *values[7:]])
    sheet = Sheet(
        "Plan",
        "PlanActions",
        PLAN_COLUMNS,
        (24, 18, 50, 8, 50, 18, 12, 10, 40),
        rows,
        wrap=frozenset({3, 5, 9}),
        formats={4: ONE_DECIMAL, 7: DATE},
    )
    rows_end = max(len(rows), 1) + 1
    status = drop_down(
        f"H2:H{rows_end}",
        '"' + ",".join(STATUSES) + '"',
        error=("Not a status", f"The status is one of: {', '.join(STATUSES)}."),
    )
    return package([page(sheet, [status])])
