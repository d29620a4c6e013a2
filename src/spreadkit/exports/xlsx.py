"""An Excel workbook written straight as its XML, for every workbook spreadkit makes.

A library that builds an object for every cell, styles each and then writes them out costs a
room seconds for a team of thousands, and loading it alone costs more than the rest of a
person's export. spreadkit's workbooks need a few things only, written here as Excel writes
them: cells in a handful of styles, numbers and dates as numbers, text as text (never a
formula), rows tall enough for their wrapped text, Excel tables, drop-downs, cell comments,
protection without a password, and a page set up to print on A4.

Text from any file goes in as text, with the characters XML does not allow replaced by "�".
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from spreadkit.model.safe import xml_attribute, xml_safe, xml_text
from spreadkit.readers.common import column_letter

# Points in one line of text; columns of width up to PORTRAIT_WIDTH fit A4 portrait at full
# size, and wider sheets print landscape.
LINE_HEIGHT = 15
PORTRAIT_WIDTH = 100
MAX_HEIGHT = 409  # points: the tallest row Excel allows; a longer note scrolls in its cell
# Characters of ordinary text in one unit of column width.
_CHARACTERS_PER_WIDTH = 1.1
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of the serial numbers Excel keeps dates as


def per_line(width: float) -> int:
    """How many characters a wrapped column of this width shows in a line."""
    return max(1, int(width * _CHARACTERS_PER_WIDTH))


def lines_of(text: str, characters: int) -> int:
    """How many lines a text takes wrapped at so many characters a line."""
    return sum(-(-max(len(part), 1) // characters) for part in text.split("\n"))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Each cell style: its font (1 bold), fill (2 the header's, 3 where to write), border (1 a thin
# box), number format, and whether it wraps and can be typed in when the sheet is protected.
# Every style is aligned to the top, as a long note pushes its row down.
_XFS: Final = {
    "top": (0, 0, 0, 0, False, False),
    "wrap": (0, 0, 0, 0, True, False),
    "header": (1, 2, 0, 0, False, False),
    "strong": (1, 0, 0, 0, False, False),
    "0.0": (0, 0, 0, 164, False, False),
    "0": (0, 0, 0, 1, False, False),
    "yyyy-mm-dd": (0, 0, 0, 165, False, False),
    "boxed header": (1, 2, 1, 0, False, False),
    "boxed wrap": (0, 0, 1, 0, True, False),
    "boxed top": (0, 0, 1, 0, False, False),
    "boxed open": (0, 3, 1, 0, True, True),
}
STYLE: Final = {name: number for number, name in enumerate(_XFS, start=1)}


def _xf(font: int, fill: int, border: int, number: int, wrap: bool, typed: bool) -> str:
    alignment = (
        '<alignment vertical="top" wrapText="1"/>' if wrap else '<alignment vertical="top"/>'
    )
    protection = '<protection locked="0"/>' if typed else ""
    applied = "".join(
        f' apply{name}="1"'
        for name, used in (
            ("NumberFormat", number),
            ("Font", font),
            ("Fill", fill),
            ("Border", border),
            ("Protection", typed),
        )
        if used
    )
    return (
        f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
        f'{applied} applyAlignment="1">{alignment}{protection}</xf>'
    )


_LINE = '<{0} style="thin"><color rgb="FFA6A6A6"/></{0}>'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>'
    '</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/>'
    '</font></fonts><fills count="4"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6EE"/><bgColor indexed="64"/>'
    "</patternFill></fill>"
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF8DC"/><bgColor indexed="64"/>'
    '</patternFill></fill></fills><borders count="2">'
    "<border><left/><right/><top/><bottom/><diagonal/></border>"
    f"<border>{''.join(_LINE.format(side) for side in ('left', 'right', 'top', 'bottom'))}"
    '<diagonal/></border></borders><cellStyleXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{len(_XFS) + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    f'xfId="0"/>{"".join(_xf(*xf) for xf in _XFS.values())}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def row(
    number: int,
    values: Sequence[Any],
    styles: Sequence[int],
    wrapped: dict[int, int] | None = None,
    least: int = 1,
) -> str:
    """One row's cells. `wrapped` gives the columns (counted from 1) whose text wraps, and how
    many characters a line of each shows: the row is made tall enough for them, and at least
    `least` lines, as not every spreadsheet works that out on opening. Text is the common case
    and is tried first: a team's workbook has tens of thousands of cells."""
    cells = []
    lines = least
    for column, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
        at = f'<c r="{_letter(column)}{number}" s="{style}"'
        kind = type(value)
        if value is None or value == "":
            cells.append(f"{at}/>")
        elif kind is bool:
            cells.append(f'{at} t="b"><v>{int(value)}</v></c>')
        elif kind is int or kind is float:
            cells.append(f"{at}><v>{value!r}</v></c>")
        elif isinstance(value, date):
            cells.append(f"{at}><v>{(value - _EXCEL_EPOCH).days}</v></c>")
        else:
            text = str(value)
            # A short line is one line: most cells are, and are not measured.
            if wrapped and column in wrapped and (len(text) > wrapped[column] or "\n" in text):
                lines = max(lines, lines_of(text, wrapped[column]))
            cells.append(
                f'{at} t="inlineStr"><is><t xml:space="preserve">{_escaped(text)}</t></is></c>'
            )
    height = f' ht="{min(lines * LINE_HEIGHT, MAX_HEIGHT)}" customHeight="1"' if lines > 1 else ""
    return f'<row r="{number}"{height}>{"".join(cells)}</row>'


@functools.lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Text for a cell: a question and its principle are repeated beside each of its notes."""
    return xml_text(xml_safe(text))


_LETTERS: Final = [column_letter(index) for index in range(26)]


def _letter(column: int) -> str:
    """A column's letters, the column counted from 1."""
    return _LETTERS[column - 1] if column <= len(_LETTERS) else column_letter(column - 1)


def page_text(text: str) -> str:
    """Text for a printed header or footer, where "&" starts a code: doubled, it is a "&"."""
    return xml_safe(text).replace("&", "&&")


def drop_down(
    cells: str, formula: str, *, error: tuple[str, str], prompt: tuple[str, str] | None = None
) -> str:
    """A list to choose from in `cells`, from `formula` (a name, or a quoted list), refusing
    anything else with `error` (a title and a text); `prompt`, the same, shows when one of the
    cells is chosen."""
    shown = ""
    if prompt:
        title, text = (xml_attribute(part) for part in prompt)
        shown = f' showInputMessage="1" promptTitle={title} prompt={text}'
    title, text = (xml_attribute(part) for part in error)
    return (
        f'<dataValidation type="list" allowBlank="1" showErrorMessage="1"{shown} '
        f"errorTitle={title} error={text} sqref={xml_attribute(cells)}>"
        f"<formula1>{xml_text(formula)}</formula1></dataValidation>"
    )


@dataclass(frozen=True)
class Table:
    """An Excel table over a page's header row and the rows under it: a filter on each column,
    banded rows."""

    name: str
    columns: Sequence[str]
    rows: int

    def xml(self, number: int) -> str:
        # A table needs a row under its header: an empty one has one empty row, as Excel does.
        ref = f"A1:{column_letter(len(self.columns) - 1)}{max(self.rows, 1) + 1}"
        columns = "".join(
            f'<tableColumn id="{n}" name={xml_attribute(xml_safe(name))}/>'
            for n, name in enumerate(self.columns, start=1)
        )
        return (
            f'{_HEAD}<table xmlns="{_MAIN}" id="{number}" name={xml_attribute(self.name)} '
            f'displayName={xml_attribute(self.name)} ref="{ref}" headerRowCount="1">'
            f'<autoFilter ref="{ref}"/><tableColumns count="{len(self.columns)}">{columns}'
            '</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" '
            'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
        )


@dataclass
class Page:
    """One worksheet, its rows already made by `row`. With a `header`, row 1 stays in view, is
    printed at the top of every page, and the page prints with gridlines; `printed` columns (all
    when 0) are what goes on paper, `heading` (made by `page_text`) at the top of every page.
    `notes` are cell comments."""

    name: str
    widths: Sequence[float]
    rows: Sequence[str]
    header: bool = True
    printed: int = 0
    heading: str = ""
    protected: bool = False
    selected: bool = False
    validations: Sequence[str] = ()
    notes: Sequence[tuple[int, int, str]] = ()  # a cell's row and column, and its comment
    table: Table | None = None
    names: dict[str, str] = field(default_factory=dict)  # names for cells, and where they are


def package(pages: Sequence[Page]) -> bytes:
    """The workbook: its pages, their tables and comments, as one .xlsx file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        zipped.writestr("[Content_Types].xml", _content_types(pages))
        zipped.writestr("_rels/.rels", _relations([("officeDocument", "xl/workbook.xml")]))
        zipped.writestr("xl/workbook.xml", _workbook(pages))
        parts = [("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(pages) + 1)]
        zipped.writestr(
            "xl/_rels/workbook.xml.rels", _relations([*parts, ("styles", "styles.xml")])
        )
        zipped.writestr("xl/styles.xml", _STYLES)
        tables = comments = 0
        for number, page in enumerate(pages, start=1):
            related = []
            if page.table:
                tables += 1
                related.append(("table", f"../tables/table{tables}.xml"))
                zipped.writestr(f"xl/tables/table{tables}.xml", page.table.xml(tables))
            if page.notes:
                comments += 1
                related.append(("comments", f"../comments{comments}.xml"))
                related.append(("vmlDrawing", f"../drawings/vmlDrawing{comments}.vml"))
                zipped.writestr(f"xl/comments{comments}.xml", _comments(page.notes))
                zipped.writestr(f"xl/drawings/vmlDrawing{comments}.vml", _shapes(page.notes))
            zipped.writestr(f"xl/worksheets/sheet{number}.xml", _sheet(page))
            if related:
                zipped.writestr(f"xl/worksheets/_rels/sheet{number}.xml.rels", _relations(related))
    return buffer.getvalue()


def _relations(targets: Sequence[tuple[str, str]]) -> str:
    listed = "".join(
        f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_HEAD}<Relationships xmlns="{_PACKAGE}">{listed}</Relationships>'


def _content_types(pages: Sequence[Page]) -> str:
    tables = sum(1 for page in pages if page.table)
    comments = sum(1 for page in pages if page.notes)
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_TYPES}.worksheet+xml"/>'
        for n in range(1, len(pages) + 1)
    )
    parts += "".join(
        f'<Override PartName="/xl/tables/table{n}.xml" ContentType="{_TYPES}.table+xml"/>'
        for n in range(1, tables + 1)
    )
    parts += "".join(
        f'<Override PartName="/xl/comments{n}.xml" ContentType="{_TYPES}.comments+xml"/>'
        for n in range(1, comments + 1)
    )
    return (
        f"{_HEAD}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="vml" '
        'ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.styles+xml"/>'
        f"{parts}</Types>"
    )


def _workbook(pages: Sequence[Page]) -> str:
    listed = "".join(
        f'<sheet name={xml_attribute(page.name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, page in enumerate(pages, start=1)
    )
    names = []
    for n, page in enumerate(pages):
        sheet = _quoted(page.name)
        names += [
            f"<definedName name={xml_attribute(name)}>{xml_text(cells)}</definedName>"
            for name, cells in page.names.items()
        ]
        if page.header:  # the header row printed at the top of every page
            names.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
                f"{xml_text(sheet)}!$1:$1</definedName>"
            )
        if page.printed:
            names.append(
                f'<definedName name="_xlnm.Print_Area" localSheetId="{n}">{xml_text(sheet)}!$A$1:'
                f"${column_letter(page.printed - 1)}${max(len(page.rows), 1)}</definedName>"
            )
    active = next((n for n, page in enumerate(pages) if page.selected), 0)
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{''.join(names)}</definedNames></workbook>"
    )


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _sheet(page: Page) -> str:
    """The worksheet, its parts in the order Excel's schema wants them. Its related parts are
    numbered as `package` lists them: the table first, then the comments and their drawing."""
    last = f"{column_letter(len(page.widths) - 1)}{max(len(page.rows), 1)}"
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(page.widths, start=1)
    )
    shown = sum(page.widths[: page.printed or len(page.widths)])
    orientation = "portrait" if shown <= PORTRAIT_WIDTH else "landscape"
    selected = ' tabSelected="1"' if page.selected else ""
    view, grid = "", ""
    if page.header:
        view = (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
        grid = '<printOptions gridLines="1"/>'
    protection = (
        '<sheetProtection sheet="1" objects="0" scenarios="0" formatColumns="0" formatRows="0"/>'
        if page.protected
        else ""
    )
    checks = page.validations
    valid = f'<dataValidations count="{len(checks)}">{"".join(checks)}</dataValidations>'
    heading = f"<oddHeader>&amp;C&amp;9{xml_text(page.heading)}</oddHeader>" if page.heading else ""
    drawing = f'<legacyDrawing r:id="rId{3 if page.table else 2}"/>' if page.notes else ""
    table = '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' if page.table else ""
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        f'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView{selected} workbookViewId="0">{view}</sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{columns}</cols>'
        f"<sheetData>{''.join(page.rows)}</sheetData>{protection}{valid if checks else ''}{grid}"
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
        f'footer="0.3"/><pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" '
        f'fitToHeight="0"/><headerFooter>{heading}'
        "<oddFooter>&amp;C&amp;A, page &amp;P of &amp;N</oddFooter></headerFooter>"
        f"{drawing}{table}</worksheet>"
    )


def _comments(notes: Sequence[tuple[int, int, str]]) -> str:
    listed = "".join(
        f'<comment ref="{column_letter(column - 1)}{number}" authorId="0"><text>'
        f'<t xml:space="preserve">{xml_text(xml_safe(text))}</t></text></comment>'
        for number, column, text in notes
    )
    return (
        f'{_HEAD}<comments xmlns="{_MAIN}"><authors><author>spreadkit</author></authors>'
        f"<commentList>{listed}</commentList></comments>"
    )


def _shapes(notes: Sequence[tuple[int, int, str]]) -> str:
    """The boxes Excel shows comments in (hidden until the pointer is over the cell), in the
    drawing language it still keeps them in: each beside its cell, wide and tall enough for a
    few lines of text."""
    # Shapes are numbered from 1025 in blocks of 1,024, each block listed.
    blocks = ",".join(str(block) for block in range(1, (1024 + len(notes)) // 1024 + 1))
    shapes = "".join(
        f'<v:shape id="_x0000_s{1025 + place}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;'
        'height:90pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
        f"<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{column}, 15, {number - 1}, 2, "
        f"{column + 2}, 15, {number + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill>"
        f"<x:Row>{number - 1}</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>"
        for place, (number, column, _) in enumerate(notes)
    )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{blocks}"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f"{shapes}</xml>"
    )
