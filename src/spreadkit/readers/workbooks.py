"""Reading Excel workbooks (.xlsx): the sheet that holds the answers (the one called Answers, or
the only one), as rows of cells, for the sheet and survey readers to make sense of.

The workbook is read as data only (a formula gives its last value, never runs), no larger than
the size limit, and no longer than a sheet of answers or a national survey can be.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from spreadkit.model.errors import InputFileError
from spreadkit.model.limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from spreadkit.readers.common import read_bytes

# A workbook is a zip of XML; this much unpacked is far more than any sheet of answers or survey
# needs, and stops a small file that unpacks to gigabytes before it is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def workbook_rows(path: Path, prefer: str = "Answers") -> tuple[str, list[list[str]]]:
    """Where the rows came from ("sam.xlsx (sheet Answers)") and the rows themselves."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    content = read_bytes(path, "a workbook")
    _check_unpacked_size(path, content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise InputFileError(
            f"{path}: not a readable Excel workbook (.xlsx); open it in Excel and save it again"
        ) from None
    try:
        names = book.sheetnames
        # As people name it: "answers", "Answers " and "ANSWERS" are the same sheet to them.
        matching = [name for name in names if name.strip().casefold() == prefer.casefold()]
        if matching:
            chosen = matching[0]
        elif len(names) == 1:
            chosen = names[0]
        else:
            listed = ", ".join(f"'{name}'" for name in names[:10])
            raise InputFileError(
                f"{path}: has {len(names)} sheets ({listed}) and none is called '{prefer}'; "
                f"rename the sheet that holds them to '{prefer}'"
            )
        rows = _rows(path, book[chosen].iter_rows(values_only=True))
    finally:
        book.close()
    return f"{path} (sheet {chosen})", rows


def _check_unpacked_size(path: Path, content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # not a zip at all: the reader says so in its own words
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError(
            f"{path}: unpacks to {unpacked / 1024**2:,.0f} MB, more than any workbook of answers "
            f"holds (at most {MAX_UNPACKED_BYTES // 1024**2} MB); is it the right file?"
        )


def _rows(path: Path, source: Any) -> list[list[str]]:
    """The sheet's rows as the text a person sees in each cell."""
    rows: list[list[str]] = []
    for number, row in enumerate(source, start=1):
        if number > MAX_SHEET_ROWS:
            raise InputFileError(
                f"{path}: more than {MAX_SHEET_ROWS:,} rows; is it the right workbook?"
            )
        if len(row) > MAX_SHEET_COLUMNS and any(
            cell is not None for cell in row[MAX_SHEET_COLUMNS:]
        ):
            raise InputFileError(
                f"{path}: row {number} has more than {MAX_SHEET_COLUMNS:,} columns; is it the "
                "right workbook?"
            )
        cells = [text_of(cell) for cell in row[:MAX_SHEET_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def text_of(value: Any) -> str:
    """A cell as the text a person sees: 3 and 3.0 as "3", a date as 2026-12-31."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
