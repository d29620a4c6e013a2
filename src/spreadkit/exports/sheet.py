"""Answer sheets as CSV: what a spreadsheet opens cleanly and what a workshop hands round.

Columns, exactly: principle_id, principle, question_id, question, rating, note. UTF-8 with a
byte-order mark, RFC 4180 quoting, one row per question in bank order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spreadkit.model.answers import SHEET_COLUMNS
from spreadkit.model.safe import cell

if TYPE_CHECKING:
    from spreadkit.model.answers import AnswersFile
    from spreadkit.model.bank import Bank, Principle
    from spreadkit.model.reports import BlankView, PersonView

BOM = "\ufeff"


def spreadsheet_csv(rows: Iterable[Sequence[object]]) -> str:
    """CSV as spreadsheets open it cleanly: a byte-order mark, CRLF line ends, RFC 4180 quoting,
    and no cell that a spreadsheet would run as a formula (see `safe.cell`)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([cell(v) for v in row] for row in rows)
    return BOM + buffer.getvalue()


def blank(view: BlankView) -> str:
    return _sheet(view.bank, view.principles)


def filled(view: PersonView) -> str:
    return _sheet(view.bank, list(view.bank.principles), view.answers)


def _sheet(bank: Bank, principles: list[Principle], answers: AnswersFile | None = None) -> str:
    rows: list[Sequence[object]] = [SHEET_COLUMNS]
    for principle in principles:
        for question in principle.questions:
            answer = answers.answers.get(question.id) if answers else None
            rating = "" if answer is None or answer.rating is None else str(answer.rating)
            note = answer.note if answer else ""
            rows.append((principle.id, principle.name, question.id, question.text, rating, note))
    return spreadsheet_csv(rows)
