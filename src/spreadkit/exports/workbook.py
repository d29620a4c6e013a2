"""Excel workbooks (openpyxl): a sheet to fill in that needs no instructions from anyone, the
same sheet filled, and a plan to edit (a team's and a programme's workbooks, tables only, are
`report_book`'s).

The sheet to fill in puts the question, the rating and the note first, where a laptop's screen
shows them, and the ids last; only the rating and note cells can be typed in (the sheets are
protected without a password, so anyone may turn it off), and printed it is a paper form. The
plan workbook holds an Excel table, with filters, and its figures as numbers.

Text from any file goes in as text, never as a formula (a note starting with "=" stays a note),
and characters a workbook's XML does not allow are replaced with "�", so writing never fails.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.table import Table, TableStyleInfo

from spreadkit.exports.table_book import LINE_HEIGHT, PORTRAIT_WIDTH, lines_of, per_line
from spreadkit.model.answers import AnswersFile
from spreadkit.model.plan import PLAN_COLUMNS, STATUSES
from spreadkit.model.safe import xml_safe
from spreadkit.model.wording import choice_labels
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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
_RATING, _NOTE = 2, 3  # the columns people answer in
# Printed, the sheet is a paper form of the question, rating, note and principle: ids mean
# nothing on paper, and leaving them off keeps the print large enough to read.
_PRINTED_COLUMNS: Final = 4
# The drop-down's choices, by a name for their cells on the Instructions sheet: the form Excel
# itself keeps a list from another sheet in, which every version of Excel and LibreOffice reads.
RATINGS_NAME: Final = "Ratings"

# Named, so that every spreadsheet shows the same font (one left unnamed falls back to its own).
_HEADER = Font(name="Calibri", size=11, bold=True, color="000000")
_HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF8DC")  # pale: where to write, on screen and paper
_LINE = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_OPEN = Protection(locked=False)
_ONE_DECIMAL = "0.0"
_WHOLE = "0"


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
    """A bold header row that stays in view and is printed on every page, and columns wide
    enough to read."""
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = _HEADER
        sheet.cell(row=1, column=column).fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True


def protect(sheet: Worksheet) -> None:
    """Locked cells cannot be typed over, but columns and rows can still be widened (a long note
    needs a taller row). No password: Review > Unprotect Sheet turns it off for anyone."""
    sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def saved(book: Workbook) -> bytes:
    """The workbook as bytes, each sheet made ready to read and to print first."""
    for sheet in book.worksheets:
        _fit_rows(sheet)
        # A4, as wide as the page, as many pages down as it takes; portrait when it fits.
        columns = _printed_columns(sheet)
        width = sum(_width(sheet, column) for column in range(1, columns + 1))
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "portrait" if width <= PORTRAIT_WIDTH else "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_margins.left = sheet.page_margins.right = 0.5
        sheet.page_margins.top = sheet.page_margins.bottom = 0.75
        footer = sheet.oddFooter
        assert footer is not None  # openpyxl makes one for every sheet
        footer.center.text = "&A, page &P of &N"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _printed_columns(sheet: Worksheet) -> int:
    """How many columns are printed: those of the print area, where there is one."""
    if sheet.print_area:
        cells = str(sheet.print_area).rpartition("!")[2].replace("$", "")
        return range_boundaries(cells)[2] or sheet.max_column
    return sheet.max_column


def _width(sheet: Worksheet, column: int) -> float:
    return float(sheet.column_dimensions[get_column_letter(column)].width or 13)


def _page_text(text: str) -> str:
    """Text for a printed header or footer, where "&" starts a code: doubled, it is a "&"."""
    return xml_safe(text).replace("&", "&&")


def _fit_rows(sheet: Worksheet) -> None:
    """Rows tall enough for their wrapped text: not every spreadsheet works this out on opening,
    and a row one line high hides all but the start of a note. A row with a cell to write in
    has room for two lines, on screen and on paper."""
    for row in sheet.iter_rows():
        lines = 1
        for found in row:
            if found.protection.locked is False and found.alignment.wrap_text:
                lines = max(lines, 2)
            if not (found.alignment.wrap_text and isinstance(found.value, str)):
                continue
            lines = max(lines, lines_of(found.value, per_line(_width(sheet, found.column))))
        number = row[0].row
        if lines > 1 and number is not None:
            sheet.row_dimensions[number].height = lines * LINE_HEIGHT


def _instructions(book: Workbook, bank: Bank, count: int) -> None:
    """The Instructions sheet, protected, and the name for the cells the drop-down offers."""
    sheet = book.active
    assert sheet is not None
    sheet.title = "Instructions"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 70
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
    for row, (label, text) in enumerate(lines, start=1):
        put(sheet, row, 1, label)
        sheet.cell(row=row, column=1).font = _HEADER
        put(sheet, row, 2, text, wrap=True)
    first = len(lines) + 2
    meanings = [level.description for level in bank.scale] + [
        "Not applicable: left out of the score."
    ]
    for offset, (choice, meaning) in enumerate(zip(choice_labels(bank), meanings, strict=True)):
        put(sheet, first + offset, 1, choice, wrap=True)
        put(sheet, first + offset, 2, meaning, wrap=True)
    last = first + len(meanings) - 1
    book.defined_names[RATINGS_NAME] = DefinedName(
        RATINGS_NAME, attr_text=f"Instructions!$A${first}:$A${last}"
    )
    protect(sheet)


def _answers_sheet(
    book: Workbook, bank: Bank, principles: Iterable[Principle], answers: AnswersFile | None
) -> int:
    """The Answers sheet; returns how many questions it holds."""
    sheet = book.create_sheet(ANSWERS_SHEET)
    header(sheet, ANSWER_COLUMNS, _ANSWER_WIDTHS)
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
                question.text,
                rating,
                answer.note if answer else "",
                principle.name,
                principle.id,
                question.id,
            )
            for column, value in enumerate(cells, start=1):
                put(sheet, row, column, value, wrap=column <= _PRINTED_COLUMNS)
            for column in (_RATING, _NOTE):
                sheet.cell(row=row, column=column).protection = _OPEN
                sheet.cell(row=row, column=column).fill = _ANSWER_FILL
            if question.help:
                sheet.cell(row=row, column=1).comment = Comment(
                    xml_safe(question.help), "spreadkit"
                )
    for cells in sheet.iter_rows(max_col=len(ANSWER_COLUMNS)):
        for cell in cells:
            cell.border = _BOX
    # Printed: a form of the columns people read and write in, each page headed by the scale.
    sheet.print_area = f"A1:{get_column_letter(_PRINTED_COLUMNS)}{row}"
    key = _page_text("Rating: " + ", ".join(choice_labels(bank)))
    heading = sheet.oddHeader
    assert heading is not None  # openpyxl makes one for every sheet
    # A header holds at most 255 characters; a scale too long for it is on the Instructions.
    heading.center.text = key if len(key) <= 240 else "Rating: see the Instructions sheet"
    heading.center.size = 9
    protect(sheet)
    book.active = book.index(sheet)
    sheet.sheet_view.tabSelected = True
    return row - 1


def _drop_down(book: Workbook, rows: int) -> None:
    sheet = book[ANSWERS_SHEET]
    check = DataValidation(
        type="list",
        formula1=RATINGS_NAME,  # as Excel keeps it: no "=" in the file
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
        column = get_column_letter(_RATING)
        check.add(f"{column}2:{column}{rows + 1}")


def _workbook(bank: Bank, principles: list[Principle], answers: AnswersFile | None) -> bytes:
    book = Workbook()
    count = sum(len(p.questions) for p in principles)
    _instructions(book, bank, count)
    _drop_down(book, _answers_sheet(book, bank, principles, answers))
    return saved(book)


def blank(view: BlankView) -> bytes:
    return _workbook(view.bank, view.principles, None)


def filled(view: PersonView) -> bytes:
    return _workbook(view.bank, list(view.bank.principles), view.answers)


def table(
    sheet: Worksheet,
    name: str,
    names: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[Sequence[Any]],
    *,
    wrap: Iterable[int] = (),
    formats: dict[int, str] | None = None,
) -> None:
    """A header row and the rows under it, with no blank row, as an Excel table: a filter on each
    column and banded rows. `formats` gives a column (counted from 1) its number format; a
    figure that is missing is an empty cell, not text."""
    # Each header in full beside its filter button.
    fitted = [max(width, len(name) + 4) for name, width in zip(names, widths, strict=True)]
    header(sheet, names, fitted)
    wrapped = set(wrap)
    for row, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, wrap=column in wrapped)
            if formats and column in formats:
                sheet.cell(row=row, column=column).number_format = formats[column]
    # A table needs a row under its header: an empty one has one empty row, as Excel makes it.
    ref = f"A1:{get_column_letter(len(names))}{max(len(rows), 1) + 1}"
    sheet.add_table(
        Table(
            displayName=name,
            ref=ref,
            autoFilter=AutoFilter(ref=ref),
            tableStyleInfo=TableStyleInfo(name="TableStyleLight1", showRowStripes=True),
        )
    )


def plan(view: PlanView) -> bytes:
    """The plan as a workbook to edit: a table, a drop-down for the status, dates as dates."""
    from spreadkit.exports.plan_sheet import plan_rows

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    rows: list[Sequence[Any]] = []
    for values, item in zip(plan_rows(view)[1:], view.plan.items, strict=True):
        row = list(values)
        row[3] = item.rating  # a number, not text that looks like one
        row[6] = item.action.due
        rows.append(row)
    table(
        sheet,
        "PlanActions",
        PLAN_COLUMNS,
        (24, 18, 50, 8, 50, 18, 12, 10, 40),
        rows,
        wrap=(3, 5, 9),
        formats={4: _ONE_DECIMAL, 7: "yyyy-mm-dd"},
    )
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    status.error = f"The status is one of: {', '.join(STATUSES)}."
    status.showErrorMessage = True
    sheet.add_data_validation(status)
    status.add(f"H2:H{max(len(rows), 1) + 1}")
    return saved(book)
