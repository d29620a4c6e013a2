"""Excel workbooks (openpyxl): a sheet to fill in that needs no instructions from anyone, the
same sheet filled, a team's workbook, and a plan to edit.

Text from any file goes in as text, never as a formula (a note starting with "=" stays a note),
and characters a workbook's XML does not allow are replaced with "�", so writing never fails.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from spreadkit.model.answers import SHEET_COLUMNS, AnswersFile
from spreadkit.model.plan import PLAN_COLUMNS, STATUSES
from spreadkit.model.safe import xml_safe
from spreadkit.model.wording import band_label, choice_labels, distribution
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from spreadkit.model.bank import Bank, Principle
    from spreadkit.model.reports import BlankView, PersonView, PlanView, TeamView

ANSWERS_SHEET = "Answers"
_HEADER = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def put(sheet: Worksheet, row: int, column: int, value: Any, *, wrap: bool = False) -> None:
    """One cell. Text is stored as text, so it is never run as a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = xml_safe(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.alignment = _WRAP if wrap else _TOP


def header(sheet: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    """A bold header row that stays in view, and columns wide enough to read."""
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = _HEADER
        sheet.cell(row=1, column=column).fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def saved(book: Workbook) -> bytes:
    """The workbook as bytes, each sheet made ready to read and to print first."""
    for sheet in book.worksheets:
        _fit_rows(sheet)
        # A4, as wide as the page, as many pages down as it takes.
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_title_rows = "1:1" if sheet.freeze_panes == "A2" else None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Characters of ordinary text in one unit of column width, and points in one line of it.
_CHARACTERS_PER_WIDTH = 1.1
_LINE_HEIGHT = 15


def _fit_rows(sheet: Worksheet) -> None:
    """Rows tall enough for their wrapped text: not every spreadsheet works this out on opening,
    and a row one line high hides all but the start of a note."""
    for row in sheet.iter_rows():
        lines = 1
        for found in row:
            if not (found.alignment.wrap_text and isinstance(found.value, str)):
                continue
            width = sheet.column_dimensions[found.column_letter].width or 13
            per_line = max(1, int(width * _CHARACTERS_PER_WIDTH))
            needed = sum(-(-max(len(part), 1) // per_line) for part in found.value.split("\n"))
            lines = max(lines, needed)
        number = row[0].row
        if lines > 1 and number is not None:
            sheet.row_dimensions[number].height = lines * _LINE_HEIGHT


def _instructions(book: Workbook, bank: Bank, count: int) -> str:
    """The Instructions sheet; returns the range that holds the drop-down's choices."""
    sheet = book.active
    assert sheet is not None
    sheet.title = "Instructions"
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    lines = [
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
            "Sending it back",
            "Keep the columns and the question_id values as they are, save the "
            "workbook (as .xlsx), and send it back to whoever sent it to you. Do not add rows.",
        ),
        ("Rating scale", "Each rating, what it is called, and what it means:"),
    ]
    for row, (label, text) in enumerate(lines, start=1):
        put(sheet, row, 1, label)
        sheet.cell(row=row, column=1).font = _HEADER
        put(sheet, row, 2, text, wrap=True)
    first = len(lines) + 2
    meanings = [level.description for level in bank.scale] + [
        "Not applicable: left out of the score."
    ]
    for offset, (choice, meaning) in enumerate(zip(choice_labels(bank), meanings, strict=True)):
        put(sheet, first + offset, 1, choice)
        put(sheet, first + offset, 2, meaning, wrap=True)
    return f"Instructions!$A${first}:$A${first + len(meanings) - 1}"


def _answers_sheet(
    book: Workbook, bank: Bank, principles: Iterable[Principle], answers: AnswersFile | None
) -> None:
    sheet = book.create_sheet(ANSWERS_SHEET)
    header(sheet, SHEET_COLUMNS, (16, 20, 30, 70, 30, 60))
    # As the drop-down offers them; the scale counts up from 0, so a rating is its place.
    labels = choice_labels(bank)
    row = 1
    for principle in principles:
        for question in principle.questions:
            row += 1
            answer = answers.answers.get(question.id) if answers else None
            rating = (
                ""
                if answer is None or answer.rating is None
                else labels[answer.rating if isinstance(answer.rating, int) else -1]
            )
            cells = (
                principle.id,
                principle.name,
                question.id,
                question.text,
                rating,
                answer.note if answer else "",
            )
            for column, value in enumerate(cells, start=1):
                put(sheet, row, column, value, wrap=column in (4, 6))
            if question.help:
                sheet.cell(row=row, column=4).comment = Comment(
                    xml_safe(question.help), "spreadkit"
                )
    book.active = book.index(sheet)
    sheet.sheet_view.tabSelected = True


def _drop_down(book: Workbook, choices: str, rows: int) -> None:
    sheet = book[ANSWERS_SHEET]
    check = DataValidation(
        type="list",
        formula1=f"={choices}",
        allow_blank=True,
        showDropDown=False,  # in Excel's XML, False shows the arrow
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="Rating",
        prompt="Choose how fully this is in place, n/a if it does not apply, or leave it blank.",
        errorTitle="Not a rating",
        error="Choose a rating from the list, or n/a, or leave it blank.",
    )
    sheet.add_data_validation(check)
    if rows:
        check.add(f"E2:E{rows + 1}")


def _workbook(bank: Bank, principles: list[Principle], answers: AnswersFile | None) -> bytes:
    book = Workbook()
    count = sum(len(p.questions) for p in principles)
    choices = _instructions(book, bank, count)
    _answers_sheet(book, bank, principles, answers)
    _drop_down(book, choices, count)
    return saved(book)


def blank(view: BlankView) -> bytes:
    return _workbook(view.bank, view.principles, None)


def filled(view: PersonView) -> bytes:
    return _workbook(view.bank, list(view.bank.principles), view.answers)


def team(view: TeamView) -> bytes:
    """A Summary sheet, a Questions sheet (the team CSV's columns, numbers as numbers), and the
    questions to Discuss with their notes."""
    from spreadkit.exports.team_sheet import team_rows

    result = view.result
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    header(
        summary,
        ["principle", "team score", "lowest", "highest", "scored by", "band"],
        (26, 12, 10, 10, 12, 20),
    )
    for row, p in enumerate(result.principles, start=2):
        figures = (p.principle.name, p.score, p.min, p.max, p.respondents, band_label(p.band))
        for column, value in enumerate(figures, start=1):
            put(summary, row, column, value)
    last = len(result.principles) + 3
    put(summary, last, 1, "Overall")
    put(summary, last, 2, result.overall)
    put(summary, last, 6, band_label(result.overall_band))
    put(summary, last + 1, 1, f"{plural(result.respondents, 'respondent')}")

    questions = book.create_sheet("Questions")
    rows = team_rows(view, numbers=True)
    header(questions, [str(c) for c in rows[0]], [16, 30, 60] + [10] * (len(rows[0]) - 3))
    for row, values in enumerate(rows[1:], start=2):
        for column, figure in enumerate(values, start=1):
            put(questions, row, column, figure, wrap=column == 3)

    _discuss_sheet(book, view)
    return saved(book)


def _discuss_sheet(book: Workbook, view: TeamView) -> None:
    """The flagged questions, ranked: how each was rated (by name with --names), then its notes."""
    discuss = book.create_sheet("Discuss")
    header(
        discuss,
        [
            "rank",
            "principle",
            "question",
            "spread",
            "mean",
            "ratings",
            "who said",
            "rating",
            "note",
        ],
        (6, 20, 50, 8, 8, 30, 16, 10, 60),
    )
    row = 1
    for rank, item in enumerate(view.result.to_discuss(), start=1):
        tally = item.tally
        notes = tally.notes or [(None, None, "")]
        for author, rating, note in notes:
            row += 1
            cells = (
                rank,
                item.principle.name,
                item.question.text,
                tally.spread,
                round(tally.mean or 0, 2),
                distribution(tally, view.names),
                author if view.names and author else "",
                "" if rating is None else str(rating),
                note,
            )
            for column, value in enumerate(cells, start=1):
                put(discuss, row, column, value, wrap=column in (3, 6, 9))


def plan(view: PlanView) -> bytes:
    """The plan as a workbook to edit: a drop-down for the status, dates as dates."""
    from spreadkit.exports.plan_sheet import plan_rows

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    rows = plan_rows(view)
    header(sheet, PLAN_COLUMNS, (24, 18, 50, 8, 50, 18, 12, 10, 40))
    for row, (values, item) in enumerate(zip(rows[1:], view.plan.items, strict=True), start=2):
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, wrap=column in (3, 5, 9))
        if item.rating is not None:
            put(sheet, row, 4, item.rating)  # a number, not text that looks like one
        if item.action.due:
            put(sheet, row, 7, item.action.due)
            sheet.cell(row=row, column=7).number_format = "yyyy-mm-dd"
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    status.error = f"The status is one of: {', '.join(STATUSES)}."
    status.showErrorMessage = True
    sheet.add_data_validation(status)
    status.add(f"H2:H{max(len(rows), 2)}")
    return saved(book)
