"""Word: a document a team would put in a board paper, written straight as its XML in a house
style made here, so it needs no template file and no library to build it.

A4 with margins that print; Arial throughout (every Windows laptop has it), headings that step
down a level at a time and keep with what follows; page numbers in the footer; tables sized to
their content with numbers aligned right, a header row repeated on each page and no row split
across two; notes as quotations; real links; the chart as a picture with its text as alt text;
British English for the spelling check; and the document's properties true. Every string from
the tree goes in through `_text`, which replaces a character Word's XML does not allow rather
than stopping the report.

Each paragraph and run is given its style by reference, its properties made once for each look:
a team's report has thousands of notes, and a library building an object for each, then looking
its style up by name, was most of the time a room waited for it.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Code,
    Column,
    Command,
    Document,
    Emphasis,
    Figure,
    Inlines,
    Link,
    NumberedList,
    Paragraph,
    Quote,
    Section,
    Strong,
    Table,
    walk,
)
from spreadkit.model.safe import isolated, link, xml_attribute, xml_safe, xml_text

FONT = "Arial"
INK = "1D2125"
MUTED = "56606B"
LINK = "1F5FA8"
# Heading 1 to 4, for sections of level 2 to 5 (the title is level 1): sizes that step down.
HEADING_SIZES = {"Title": 18, "Heading1": 14, "Heading2": 12, "Heading3": 11, "Heading4": 10.5}
BODY_SIZE = 10.5
TABLE_SIZE = 9
# Light backgrounds, worst to best, behind a band's name, as in the HTML report.
BAND_FILLS = ("F9D6D2", "FDE4C0", "FBF0B5", "DCEFD6", "C8E8CF")
PAGE_WIDTH_CM = 17.4  # A4 less two margins of 1.8 cm
LANDSCAPE_WIDTH_CM = 26.1  # A4 on its side, less the same margins
CHART_WIDTH_INCHES = 4.0
_TWIPS_PER_CM = 567  # a twip is a twentieth of a point
_EMU_PER_INCH = 914400  # pictures are measured in English metric units

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _text(value: str) -> str:
    """Text for Word: characters its XML does not allow replaced, a carriage return a line
    break (an XML reader would make it a space), and held inside an isolate if it sets the
    direction of what follows."""
    return xml_safe(isolated(value.replace("\r\n", "\n").replace("\r", "\n")))


class _Look(NamedTuple):
    """How a run of text looks, beyond its paragraph's style."""

    bold: bool = False
    italic: bool = False
    size: float | None = None  # points
    colour: str | None = None  # RRGGBB
    font: str | None = None
    underline: bool = False


PLAIN = _Look()


@functools.cache
def _run_properties(look: _Look) -> str:
    """A run's properties, in the order Word's schema wants them."""
    if look == PLAIN:
        return ""
    parts = []
    if look.font is not None:
        parts.append(f'<w:rFonts w:ascii="{look.font}" w:hAnsi="{look.font}" w:cs="{look.font}"/>')
    if look.bold:
        parts.append("<w:b/>")
    if look.italic:
        parts.append("<w:i/>")
    if look.colour is not None:
        parts.append(f'<w:color w:val="{look.colour}"/>')
    if look.size is not None:
        parts.append(f'<w:sz w:val="{round(look.size * 2)}"/>')
    if look.underline:
        parts.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


@functools.cache
def _layout(
    style: str | None = None,
    keep: bool = False,
    after: float | None = None,
    line: float | None = None,
    indent: float | None = None,
    hanging: float | None = None,
    align: str | None = None,
) -> str:
    """A paragraph's properties, in the order Word's schema wants them: style, keep with next,
    spacing (in points), indent (in centimetres), alignment."""
    parts = []
    if style is not None:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep:
        parts.append("<w:keepNext/>")
    if after is not None or line is not None:
        spacing = "" if after is None else f' w:after="{round(after * 20)}"'
        if line is not None:
            spacing += f' w:line="{round(line * 20)}" w:lineRule="exact"'
        parts.append(f"<w:spacing{spacing}/>")
    if indent is not None:
        hang = "" if hanging is None else f' w:hanging="{round(hanging * _TWIPS_PER_CM)}"'
        parts.append(f'<w:ind w:left="{round(indent * _TWIPS_PER_CM)}"{hang}/>')
    if align is not None:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def run(text: str, look: _Look = PLAIN) -> str:
    """A run of text: a line break or a tab in it is Word's own."""
    pieces = []
    for number, line in enumerate(_text(text).split("\n")):
        if number:
            pieces.append("<w:br/>")
        for place, piece in enumerate(line.split("\t")):
            if place:
                pieces.append("<w:tab/>")
            if piece:
                pieces.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    return f"<w:r>{_run_properties(look)}{''.join(pieces)}</w:r>"


class _Writer:
    """The body, paragraph by paragraph, and the parts it refers to: links and pictures."""

    def __init__(self, page_width: float = PAGE_WIDTH_CM) -> None:
        self.page_width = page_width  # between the margins, in centimetres
        self.body: list[str] = []
        # Relationship ids from 1 to 4 are the styles, settings, numbering and footer.
        self.relations: list[tuple[str, str, str]] = []  # id, kind, target
        self.pictures: list[bytes] = []  # each chart as a PNG

    def relate(self, kind: str, target: str) -> str:
        ident = f"rId{len(self.relations) + 5}"
        self.relations.append((ident, kind, target))
        return ident

    def paragraph(self, content: str, layout: str = "") -> None:
        """A paragraph of `content` (its runs), laid out by `layout` (made by `_layout`)."""
        self.body.append(f"<w:p>{layout}{content}</w:p>")

    def inlines(self, content: Inlines, look: _Look = PLAIN) -> str:
        out = []
        for part in content:
            if isinstance(part, str):
                out.append(run(part, look))
            elif isinstance(part, Strong):
                out.append(run(part.text, look._replace(bold=True)))
            elif isinstance(part, Emphasis):
                out.append(run(part.text, look._replace(italic=True)))
            elif isinstance(part, Code):
                out.append(run(part.text, look._replace(font="Consolas")))
            elif isinstance(part, Link):
                out.append(self.hyperlink(part, look))
        return "".join(out)

    def hyperlink(self, part: Link, look: _Look) -> str:
        address = link(part.url)
        if address is None:
            return run(f"{part.text} ({part.url})", look)
        ident = self.relate("hyperlink", address)
        shown = run(part.text, look._replace(colour=LINK, underline=True))
        return f'<w:hyperlink r:id="{ident}">{shown}</w:hyperlink>'

    def block(self, block: Block, keep: bool = False) -> None:
        if isinstance(block, Section):
            heading = f"Heading{min(block.level - 1, 4)}"
            self.paragraph(self.inlines(block.title), _layout(heading))
            for inner, following in zip(block.blocks, [*block.blocks[1:], None], strict=True):
                # What leads into a section's own sections goes with the first of them.
                leads = isinstance(inner, Paragraph) and isinstance(following, Section)
                self.block(inner, keep or block.keep or leads)
        elif isinstance(block, Paragraph):
            look = {
                "lead": PLAIN._replace(size=13),
                "aside": PLAIN._replace(colour=MUTED),
            }.get(block.tone, PLAIN)
            self.paragraph(self.inlines(block.content, look), _layout(keep=keep))
        elif isinstance(block, BulletList):
            for item in block.items:
                self.paragraph(self.inlines(item), _layout("ListBullet", keep))
        elif isinstance(block, NumberedList):
            # Numbers written out: Word would number every list in the document as one.
            for number, item in enumerate(block.items, start=1):
                content = run(f"{number}.\t") + self.inlines(item)
                self.paragraph(content, _layout(indent=0.8, hanging=0.8))
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Quote):
            # The note, then on a line of its own in the same paragraph whose it is.
            by = run(f"\n— {block.by}", PLAIN._replace(colour=MUTED, size=9.5)) if block.by else ""
            self.paragraph(run(block.text) + by, _layout("Quote"))
        elif isinstance(block, Command):
            self.paragraph(self.inlines(block.lead), _layout(keep=True))
            self.paragraph(run(block.command, PLAIN._replace(font="Consolas")), _layout(indent=0.6))

    def table(self, table: Table) -> None:
        """A table as wide as its content, its header row shaded and repeated on every page."""
        rows = [*table.rows, *([table.total] if table.total is not None else [])]
        widths = [round(width * _TWIPS_PER_CM) for width in _widths(table, self.page_width)]
        small = PLAIN._replace(size=TABLE_SIZE)
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        out = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="left"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" '
            'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        ]
        lines: list[Sequence[Cell | Column]] = [table.columns, *rows]
        for index, values in enumerate(lines):
            strong = index == 0 or (table.total is not None and index == len(rows))
            look = small._replace(bold=strong)
            # No row split across two pages; the header row again on each page.
            out.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if not index else ''}")
            out.append("</w:trPr>")
            for value, column, width in zip(values, table.columns, widths, strict=True):
                out.append(self.cell(value, column, width, look))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))
        # Word needs a paragraph between two tables; this one is a sliver.
        self.paragraph("", _layout(after=0, line=4))

    def cell(self, value: Cell | Column, column: Column, width: int, look: _Look) -> str:
        fill = None
        if isinstance(value, Column):
            content, fill = run(value.name, look), "EEF1F4"
        else:
            content = self.inlines(value.content, look)
            if value.shade is not None and column.kind == "band":
                fill = BAND_FILLS[round(value.shade * (len(BAND_FILLS) - 1))]
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        align = "right" if column.kind == "number" else None
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
            f"<w:p>{_layout(after=0, align=align)}{content}</w:p></w:tc>"
        )

    def figure(self, figure: Figure) -> None:
        from spreadkit.writers.picture import HEIGHT, WIDTH, chart_png

        chart = figure.chart
        self.pictures.append(chart_png(chart, text_size=46))
        number = len(self.pictures)
        ident = self.relate("image", f"media/chart{number}.png")
        self.paragraph(run(chart.title, PLAIN._replace(bold=True)), _layout(keep=True))
        wide = round(CHART_WIDTH_INCHES * _EMU_PER_INCH)
        picture = _drawing(
            ident, number, (wide, wide * HEIGHT // WIDTH), _text(chart.title), _text(figure.alt)
        )
        self.paragraph(f"<w:r>{picture}</w:r>", _layout(keep=True, align="center"))
        legend = "; ".join(
            f"{isolated(s.name)}: "
            f"{'solid line with dots' if s.style == 'latest' else 'dashed line with squares'}"
            for s in chart.series
        )
        if chart.ring is not None:
            legend += "; shaded: from the lowest to the highest respondent"
        caption = f"{legend}. Dashed rings: band edges ({chart.bands}). {figure.caption}"
        self.paragraph(run(caption, PLAIN._replace(colour=MUTED, size=9.5)))


def _drawing(ident: str, number: int, size: tuple[int, int], title: str, alt: str) -> str:
    """A picture in line with the text, `size` its width and height, described for a screen
    reader by `alt`."""
    cx, cy = size
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" '
        f'cy="{cy}"/><wp:docPr id="{number}" name="Chart {number}" descr={xml_attribute(alt)} '
        f"title={xml_attribute(title)}/><wp:cNvGraphicFramePr>"
        f'<a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="chart{number}.png"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{ident}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def _measures(table: Table) -> tuple[list[float], list[float]]:
    """Each column's least width (its longest word) and the width it wants (its longest text),
    in centimetres."""
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    longest, typical = [], []
    for index, column in enumerate(table.columns):
        texts = [column.name] + [
            "".join(p if isinstance(p, str) else p.text for p in r[index].content) for r in rows
        ]
        words = [len(word) for text in texts for word in text.split()] or [1]
        longest.append(max(words))
        typical.append(max(len(text) for text in texts))
    # About 0.19 cm a character at 9 pt Arial (bold in the header), plus the cell's margins.
    least = [min(w, 30) * 0.19 + 0.55 for w in longest]
    wanted = [min(t, 70) * 0.19 + 0.55 for t in typical]
    return least, wanted


def _wide(document: Document) -> bool:
    """Whether a table has more columns than fit across a portrait page without breaking its
    words (a programme's sites by principle): such a document is printed landscape."""
    tables = (block for block in walk(document.blocks) if isinstance(block, Table))
    return any(sum(_measures(table)[0]) > PAGE_WIDTH_CM for table in tables)


def _widths(table: Table, page: float) -> list[float]:
    """Each column's width from its longest word and its usual length, so an id or a number is
    never broken and text columns share what is left of the page's width."""
    least, wanted = _measures(table)
    if sum(wanted) <= page:
        return wanted
    spare = page - sum(least)
    if spare < 0:  # long words in many columns: each gives way alike, and its words break
        return [m * page / sum(least) for m in least]
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    share = spare / sum(extra) if sum(extra) and spare > 0 else 0
    return [m + e * share for m, e in zip(least, extra, strict=True)]


def write(source: Document) -> bytes:
    landscape = _wide(source)
    writer = _Writer(LANDSCAPE_WIDTH_CM if landscape else PAGE_WIDTH_CM)
    writer.paragraph(run(source.title), _layout("Title"))
    for label, value in source.details:
        content = run(f"{label}: ", PLAIN._replace(bold=True)) + writer.inlines(value)
        writer.paragraph(content, _layout(after=0))
    for number, block in enumerate(source.blocks, start=1):
        # The last section goes with the footer, which then never stands alone on a page.
        writer.block(block, keep=bool(source.footer) and number == len(source.blocks))
    if source.footer:
        writer.paragraph(writer.inlines(source.footer, PLAIN._replace(colour=MUTED)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELATIONS)
        package.writestr("docProps/core.xml", _properties(source))
        package.writestr("word/document.xml", _document(writer.body, landscape))
        package.writestr("word/_rels/document.xml.rels", _relations(writer.relations))
        package.writestr("word/styles.xml", STYLES)
        package.writestr("word/settings.xml", _SETTINGS)
        package.writestr("word/numbering.xml", _NUMBERING)
        package.writestr("word/footer1.xml", _FOOTER)
        for number, picture in enumerate(writer.pictures, start=1):
            # Already compressed: stored as it is.
            package.writestr(f"word/media/chart{number}.png", picture, zipfile.ZIP_STORED)
    return buffer.getvalue()


def _document(body: list[str], landscape: bool = False) -> str:
    """The body, then the page: A4 (on its side for a wide table), margins of 1.8 cm at the
    sides and 1.6 cm at the top and bottom, the footer on every page."""
    side, end = round(1.8 * _TWIPS_PER_CM), round(1.6 * _TWIPS_PER_CM)
    page = (
        '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        if landscape
        else '<w:pgSz w:w="11906" w:h="16838"/>'
    )
    return (
        f'{_HEAD}<w:document xmlns:w="{_W}" xmlns:r="{_R}" xmlns:wp="{_WP}"><w:body>'
        f'{"".join(body)}<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>{page}'
        f'<w:pgMar w:top="{end}" w:right="{side}" w:bottom="{end}" w:left="{side}" '
        'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )


def _relations(found: list[tuple[str, str, str]]) -> str:
    kinds = f"{_R}/"
    parts = [
        ("rId1", "styles", "styles.xml", ""),
        ("rId2", "settings", "settings.xml", ""),
        ("rId3", "numbering", "numbering.xml", ""),
        ("rId4", "footer", "footer1.xml", ""),
        *(
            (ident, kind, target, ' TargetMode="External"' if kind == "hyperlink" else "")
            for ident, kind, target in found
        ),
    ]
    listed = "".join(
        f'<Relationship Id="{ident}" Type="{kinds}{kind}" Target={xml_attribute(target)}{mode}/>'
        for ident, kind, target, mode in parts
    )
    return f'{_HEAD}<Relationships xmlns="{_PACKAGE}">{listed}</Relationships>'


def _properties(source: Document) -> str:
    """True properties: the title, the author if the report names one, made now."""
    made = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(_text(source.title))}</dc:title>"
        f"<dc:creator>{xml_text(_text(source.author))}</dc:creator>"
        "<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
        "<dc:language>en-GB</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{made}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{made}</dcterms:modified>'
        "</cp:coreProperties>"
    )


_CONTENT_TYPES = (
    f"{_HEAD}"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WORD}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WORD}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_WORD}.settings+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_WORD}.numbering+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_WORD}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
_ROOT_RELATIONS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE}">'
    f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
)
# Spacing between characters as Word itself sets it, and the layout of its current version.
_SETTINGS = (
    f'{_HEAD}<w:settings xmlns:w="{_W}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting '
    'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat></w:settings>"
)
# The bullet of a bulleted list.
_NUMBERING = (
    f'{_HEAD}<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="0">'
    '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def _field(instruction: str) -> str:
    """A number Word works out when it lays the pages out: the page's, or how many there are."""
    return (
        f'<w:r><w:rPr><w:color w:val="{MUTED}"/></w:rPr><w:fldChar w:fldCharType="begin"/>'
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r>'
    )


# "Page 2 of 4", at the right of every page's foot.
_FOOTER = (
    f'{_HEAD}<w:ftr xmlns:w="{_W}" xmlns:r="{_R}"><w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
    f"{run('Page ', PLAIN._replace(colour=MUTED))}{_field('PAGE')}"
    f"{run(' of ', PLAIN._replace(colour=MUTED))}{_field('NUMPAGES')}</w:p></w:ftr>"
)


def _font(size: float, *more: str) -> str:
    """A style's run properties: Arial in ink at `size` points, and any `more`."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    half = round(size * 2)
    return (
        f'<w:rPr>{fonts}{"".join(more)}<w:color w:val="{INK}"/><w:sz w:val="{half}"/>'
        f'<w:szCs w:val="{half}"/></w:rPr>'
    )


def _heading(style: str, name: str, level: int) -> str:
    """Bold, in ink, stepping down in size, kept with what follows; the title ruled off below."""
    before, rule = 160, ""
    if style == "Title":
        before = 0
        rule = f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{LINK}"/></w:pBdr>'
    outline = f'<w:outlineLvl w:val="{level}"/>' if level >= 0 else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:keepLines/>{rule}<w:spacing w:before="{before}" w:after="60"/>'
        f"{outline}</w:pPr>{_font(HEADING_SIZES[style], '<w:b/><w:bCs/>', _UPRIGHT)}</w:style>"
    )


_UPRIGHT = '<w:i w:val="0"/>'
_DEFAULT_HIDDEN = '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
# The styles a report uses, each named as Word names its own (so Word shows them in its own
# language) and each in Arial, not a theme's font; text is British English.
STYLES = (
    f'{_HEAD}<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>'
    f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    f'<w:sz w:val="{round(BODY_SIZE * 2)}"/><w:szCs w:val="{round(BODY_SIZE * 2)}"/>'
    '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:qFormat/><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>'
    f"{_font(BODY_SIZE)}</w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    f'<w:name w:val="Default Paragraph Font"/>{_DEFAULT_HIDDEN}</w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    f'{_DEFAULT_HIDDEN}<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '</w:style><w:style w:type="numbering" w:default="1" w:styleId="NoList">'
    f'<w:name w:val="No List"/>{_DEFAULT_HIDDEN}</w:style>'
    f"{_heading('Title', 'Title', -1)}"
    + "".join(_heading(f"Heading{n}", f"heading {n}", n - 1) for n in range(1, 5))
    + '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/>'
    '<w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="C9D0D6"/></w:pBdr>'
    '<w:spacing w:after="40"/><w:ind w:left="340" w:right="0"/></w:pPr>'
    f"{_font(BODY_SIZE, _UPRIGHT)}</w:style>"
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>'
    f"{''.join(_BORDER.format(side) for side in ('top', 'left', 'bottom', 'right'))}"
    f"{_BORDER.format('insideH')}{_BORDER.format('insideV')}</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)
