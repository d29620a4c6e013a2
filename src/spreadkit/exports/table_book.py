"""Workbooks that are only tables (a team's, a programme's, a plan's): each sheet a header and
rows, an Excel table with a filter on each column, numbers as numbers in a few formats, and text
as text, written by `xlsx` (a team of a thousand, with a hundred notes to each question to
discuss, in well under a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spreadkit.exports.xlsx import STYLE, Page, Table, package, per_line, row

ONE_DECIMAL = "0.0"
WHOLE = "0"
DATE = "yyyy-mm-dd"


@dataclass
class Sheet:
    """One sheet: a table named `table` over a header row of `columns` and the rows under it.
    Columns are counted from 1 in `wrap` (text that wraps) and `formats` (a number format for
    every cell of the column); `strong` rows (counted from 1, the header being row 1) are bold
    in their first cell, as a total row is."""

    name: str
    table: str
    columns: Sequence[str]
    widths: Sequence[int]
    rows: Sequence[Sequence[Any]]
    wrap: frozenset[int] = frozenset()
    formats: dict[int, str] = field(default_factory=dict)
    strong: frozenset[int] = frozenset()


def workbook(sheets: Sequence[Sheet]) -> bytes:
    return package([page(sheet) for sheet in sheets])


def page(sheet: Sheet, validations: Sequence[str] = ()) -> Page:
    """The sheet as a page of the workbook, with any drop-downs given."""
    widths = _fitted(sheet)
    styles = [
        STYLE.get(sheet.formats.get(n, ""), STYLE["wrap"] if n in sheet.wrap else STYLE["top"])
        for n in range(1, len(widths) + 1)
    ]
    strong = [STYLE["strong"], *styles[1:]]
    # How many characters a wrapped column shows in a line, for the rows' heights.
    wrapped = {n: per_line(widths[n - 1]) for n in sheet.wrap}
    rows = [row(1, sheet.columns, [STYLE["header"]] * len(widths))]
    rows += [
        row(number, values, strong if number in sheet.strong else styles, wrapped)
        for number, values in enumerate(sheet.rows, start=2)
    ]
    table = Table(sheet.table, sheet.columns, len(sheet.rows))
    return Page(sheet.name, widths, rows, validations=validations, table=table)


def _fitted(sheet: Sheet) -> list[int]:
    """Each header in full beside its filter button."""
    return [
        max(width, len(name) + 4) for name, width in zip(sheet.columns, sheet.widths, strict=True)
    ]
