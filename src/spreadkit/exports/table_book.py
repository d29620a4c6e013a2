"""Workbooks that are only tables (a team's, a programme's), written straight as their XML.

openpyxl builds an object for every cell, gives each its style, and then writes them out: for a
team of a thousand, with a hundred notes to each question to discuss, that is seconds a room
waits. A workbook of tables needs none of it: each sheet is a header and rows, an Excel table
with a filter on each column, numbers as numbers in a few formats, and text as text. This writes
that, as Excel writes it, in a fraction of the time; the workbooks people fill in, with their
drop-downs and protection, stay with openpyxl (`workbook.py`).

Text from any file goes in as text, never as a formula, with the characters XML does not allow
replaced by "�"; each sheet prints to A4 as the other workbooks do.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from spreadkit.model.safe import xml_safe
from spreadkit.readers.common import column_letter

ONE_DECIMAL = "0.0"
WHOLE = "0"
# Points in one line of text; columns of width up to PORTRAIT_WIDTH fit A4 portrait at full
# size, and wider sheets print landscape. Both workbook writers lay pages out by these.
LINE_HEIGHT = 15
PORTRAIT_WIDTH = 100
# Characters of ordinary text in one unit of column width.
_CHARACTERS_PER_WIDTH = 1.1


def per_line(width: float) -> int:
    """How many characters a wrapped column of this width shows in a line."""
    return max(1, int(width * _CHARACTERS_PER_WIDTH))


def lines_of(text: str, characters: int) -> int:
    """How many lines a text takes wrapped at so many characters a line."""
    return sum(-(-max(len(part), 1) // characters) for part in text.split("\n"))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"

# The cell styles, by their place in styles.xml: each aligned to the top, as a long note pushes
# its row down.
_TOP, _WRAP, _HEADER, _STRONG, _BY_FORMAT = 1, 2, 3, 4, {ONE_DECIMAL: 5, WHOLE: 6}
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6EE"/><bgColor indexed="64"/>\
</patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment vertical="top"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" \
applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment vertical="top"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" \
applyAlignment="1"><alignment vertical="top"/></xf>\
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" \
applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""


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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _workbook(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", _STYLES)
        for number, sheet in enumerate(sheets, start=1):
            package.writestr(f"xl/worksheets/sheet{number}.xml", _sheet(sheet))
            package.writestr(
                f"xl/worksheets/_rels/sheet{number}.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
                f'Type="{_DOCUMENT}/table" Target="../tables/table{number}.xml"/></Relationships>',
            )
            package.writestr(f"xl/tables/table{number}.xml", _table(sheet, number))
    return buffer.getvalue()


_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE}">'
    f'<Relationship Id="rId1" Type="{_DOCUMENT}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def _content_types(count: int) -> str:
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        f'ContentType="{_TYPES}.worksheet+xml"/>'
        f'<Override PartName="/xl/tables/table{n}.xml" ContentType="{_TYPES}.table+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.styles+xml"/>'
        f"{parts}</Types>"
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, sheet in enumerate(sheets, start=1)
    )
    # The header row printed at the top of every page.
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
        f"{escape(_quoted(sheet.name))}!$1:$1</definedName>"
        for n, sheet in enumerate(sheets)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{titles}</definedNames></workbook>"
    )


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="{_DOCUMENT}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PACKAGE}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{_DOCUMENT}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _letters(count: int) -> list[str]:
    return [column_letter(index) for index in range(count)]


def _fitted(sheet: Sheet) -> list[int]:
    """Each header in full beside its filter button."""
    return [
        max(width, len(name) + 4) for name, width in zip(sheet.columns, sheet.widths, strict=True)
    ]


def _sheet(sheet: Sheet) -> str:
    widths = _fitted(sheet)
    letters = _letters(len(widths))
    styles = [
        _BY_FORMAT.get(sheet.formats.get(n, ""), _WRAP if n in sheet.wrap else _TOP)
        for n in range(1, len(widths) + 1)
    ]
    # How many characters a wrapped column shows in a line, for the rows' heights.
    wrapped = {n: per_line(widths[n - 1]) for n in sheet.wrap}
    out = [_row(1, sheet.columns, letters, [_HEADER] * len(letters), wrapped)]
    for number, values in enumerate(sheet.rows, start=2):
        row_styles = styles
        if number in sheet.strong:
            row_styles = [_STRONG, *styles[1:]]
        out.append(_row(number, values, letters, row_styles, wrapped))
    last = f"{letters[-1]}{max(len(sheet.rows), 1) + 1}"
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(widths, start=1)
    )
    orientation = "portrait" if sum(widths) <= PORTRAIT_WIDTH else "landscape"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{columns}</cols><sheetData>{''.join(out)}</sheetData>"
        '<printOptions gridLines="1"/>'
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddFooter>&amp;C&amp;A, page &amp;P of &amp;N</oddFooter></headerFooter>"
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>'
    )


def _row(
    number: int,
    values: Sequence[Any],
    letters: list[str],
    styles: list[int],
    wrapped: dict[int, int],
) -> str:
    """One row's cells; a row with wrapped text tall enough for it, as not every spreadsheet
    works that out on opening."""
    cells = []
    lines = 1
    for column, value in enumerate(values, start=1):
        at = f"{letters[column - 1]}{number}"
        style = styles[column - 1]
        if value is None or value == "":
            cells.append(f'<c r="{at}" s="{style}"/>')
        elif isinstance(value, bool):
            cells.append(f'<c r="{at}" s="{style}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'<c r="{at}" s="{style}"><v>{value!r}</v></c>')
        else:
            text = xml_safe(str(value))
            if column in wrapped:
                lines = max(lines, lines_of(text, wrapped[column]))
            cells.append(
                f'<c r="{at}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                f"{escape(text)}</t></is></c>"
            )
    height = f' ht="{lines * LINE_HEIGHT}" customHeight="1"' if lines > 1 and number > 1 else ""
    return f'<row r="{number}"{height}>{"".join(cells)}</row>'


def _table(sheet: Sheet, number: int) -> str:
    letters = _letters(len(sheet.columns))
    # A table needs a row under its header: an empty one has one empty row, as Excel makes it.
    ref = f"A1:{letters[-1]}{max(len(sheet.rows), 1) + 1}"
    columns = "".join(
        f'<tableColumn id="{n}" name={quoteattr(name)}/>'
        for n, name in enumerate(sheet.columns, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<table xmlns="{_MAIN}" id="{number}" name={quoteattr(sheet.table)} '
        f'displayName={quoteattr(sheet.table)} ref="{ref}" headerRowCount="1">'
        f'<autoFilter ref="{ref}"/><tableColumns count="{len(sheet.columns)}">{columns}'
        '</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" '
        'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
    )
