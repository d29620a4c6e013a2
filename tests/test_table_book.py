"""Workbooks written straight as their XML (a team's, a programme's, the answer sheets): read
back by openpyxl as Excel would read them."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from spreadkit.exports.table_book import ONE_DECIMAL, WHOLE, Sheet, workbook
from spreadkit.exports.xlsx import STYLE, Page, Table, package, row

ROOT = Path(__file__).resolve().parents[1]


def test_a_sheet_of_rows_is_a_table_with_numbers_text_and_heights() -> None:
    long_note = "word " * 200
    sheet = Sheet(
        "Discuss",
        "ToDiscuss",
        ["rank", "mean", "note", "flag"],
        (6, 8, 40, 8),
        [
            (1, 2.25, '=HYPERLINK("http://x")', True),
            (2, None, long_note, False),
            (3, 1.0, "bell\x07 and tab\there", None),
        ],
        wrap=frozenset({3}),
        formats={1: WHOLE, 2: ONE_DECIMAL},
        strong=frozenset({4}),
    )
    book = load_workbook(io.BytesIO(workbook([sheet])))
    found = book["Discuss"]
    (table,) = found.tables.values()
    assert table.ref == "A1:D4" and table.autoFilter.ref == "A1:D4"
    assert [c.name for c in table.tableColumns] == ["rank", "mean", "note", "flag"]
    assert found.freeze_panes == "A2" and found.print_title_rows == "$1:$1"
    assert [c.value for c in found[1]] == ["rank", "mean", "note", "flag"]
    assert found["A1"].font.b
    # Text stays text, never a formula; what XML cannot hold is replaced.
    assert found["C2"].value == '=HYPERLINK("http://x")' and found["C2"].data_type == "s"
    assert found["C4"].value == "bell\ufffd and tab\there"
    assert found["B2"].value == 2.25 and found["B2"].number_format == "0.0"
    assert found["A3"].value == 2 and found["A3"].number_format == "0"
    assert found["B3"].value is None and found["B3"].number_format == "0.0"
    assert found["D2"].value is True and found["D3"].value is False
    assert found["A4"].font.b and not found["A3"].font.b
    # A row of wrapped text is tall enough for it: 1,000 characters in a column 40 wide.
    lines = -(-len(long_note.rstrip()) // 44)
    assert found.row_dimensions[3].height == 15 * lines
    assert found.row_dimensions[2].height is None
    assert found["C3"].alignment.wrap_text and found["C3"].alignment.vertical == "top"
    assert found.page_setup.paperSize == 9 and found.page_setup.orientation == "portrait"
    assert found.oddFooter.center.text == "&A, page &P of &N"


def test_an_empty_sheet_keeps_one_row_under_its_header() -> None:
    sheet = Sheet("Comments", "Comments", ["principle", "comment"], (30, 80), [])
    found = load_workbook(io.BytesIO(workbook([sheet])))["Comments"]
    (table,) = found.tables.values()
    assert table.ref == "A1:B2"
    assert found.page_setup.orientation == "landscape"


def _related(archive: zipfile.ZipFile, sheet: str) -> dict[str, str]:
    """Each relationship id of a sheet and the kind of part it names."""
    rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    if rels not in archive.namelist():
        return {}
    found = re.findall(r'Id="(\w+)" Type="[^"]*/(\w+)"', archive.read(rels).decode())
    return dict(found)


@pytest.mark.parametrize("table", [False, True])
def test_each_part_a_sheet_names_is_the_part_of_that_kind(table: bool) -> None:
    """A sheet's comments show only when the pointer is on their cell: Excel and LibreOffice
    show a comment whose drawing they cannot find, over the sheet and on paper."""
    rows = [row(1, ["question", "n"], [STYLE["header"]] * 2)]
    rows += [row(n, [f"question {n}", n], [STYLE["wrap"], STYLE["top"]]) for n in (2, 3)]
    notes = [(2, 1, "A 4 looks like this."), (3, 1, "And \x07 this.")]
    page = Page(
        "Answers",
        (40, 8),
        rows,
        notes=notes,
        table=Table("Questions", ["question", "n"], 2) if table else None,
    )
    data = package([Page("Instructions", (20,), [row(1, ["Read me"], [0])], header=False), page])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
        related = _related(archive, "xl/worksheets/sheet2.xml")
        named = dict(re.findall(r"<(legacyDrawing|tablePart) r:id=\"(\w+)\"", sheet))
        assert related[named["legacyDrawing"]] == "vmlDrawing"
        assert ("tablePart" in named) is table
        if table:
            assert related[named["tablePart"]] == "table"
        assert _related(archive, "xl/worksheets/sheet1.xml") == {}
        drawing = archive.read("xl/drawings/vmlDrawing1.vml").decode()
        assert drawing.count("visibility:hidden") == 2 and "<x:Visible" not in drawing
    found = load_workbook(io.BytesIO(data))["Answers"]
    assert found["A2"].comment.text == "A 4 looks like this."
    assert found["A3"].comment.text == "And \ufffd this."
    assert found["A1"].comment is None


def test_a_row_is_never_taller_than_excel_allows() -> None:
    """Excel refuses a row over 409 points: a very long note scrolls in its cell instead."""
    rows = [("line\n" * 5000,), ("word " * 3000,)]
    sheet = Sheet("Notes", "Notes", ["note"], (40,), rows, wrap=frozenset({1}))
    found = load_workbook(io.BytesIO(workbook([sheet])))["Notes"]
    assert found.row_dimensions[2].height == 409 and found.row_dimensions[3].height == 409


def test_a_printed_header_fits_excel_however_many_ampersands_its_scale_has(
    invoke: Any, tmp_path: Path
) -> None:
    """Each "&" of a label is written twice in a header (one alone starts a code), and Excel
    holds at most 255 characters there: a scale that would not fit points to the Instructions."""
    bank = json.loads((ROOT / "examples" / "workshop-bank.json").read_text("utf-8"))
    for level in bank["scale"]:
        level["label"] = "&" * 30
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    out = tmp_path / "sheet.xlsx"
    result = invoke("template", "--bank", str(path), "-o", str(out))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    (header,) = re.findall(r"<oddHeader>(.*?)</oddHeader>", sheet)
    assert len(header.replace("&amp;", "&")) <= 255
    assert "see the Instructions sheet" in header
