"""Word (python-docx): a document a team would put in a board paper, in a house style made here in
code, so it needs no template file.

A4 with margins that print; Arial throughout (every Windows laptop has it), headings that step
down a level at a time and keep with what follows; page numbers in the footer; tables sized to
their content with numbers aligned right, a header row repeated on each page and no row split
across two; notes as quotations; real links; the chart as a picture with its text as alt text;
and the document's properties true. Every string from the tree goes in through `_text`, which
replaces a character Word's XML does not allow rather than stopping the report.

Paragraphs are given their style by its id, once made: python-docx looking a style up by name
for each of a thousand notes was most of a team report's time.
"""

from __future__ import annotations

import io
from copy import deepcopy
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor

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
)
from spreadkit.model.safe import isolated, link, xml_safe

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

FONT = "Arial"
INK = RGBColor(0x1D, 0x21, 0x25)
MUTED = RGBColor(0x56, 0x60, 0x6B)
LINK = RGBColor(0x1F, 0x5F, 0xA8)
# Heading 1 to 4, for sections of level 2 to 5 (the title is level 1): sizes that step down.
HEADING_SIZES = {"Title": 18, "Heading1": 14, "Heading2": 12, "Heading3": 11, "Heading4": 10.5}
BODY_SIZE = 10.5
TABLE_SIZE = 9
# Light backgrounds, worst to best, behind a band's name, as in the HTML report.
BAND_FILLS = ("F9D6D2", "FDE4C0", "FBF0B5", "DCEFD6", "C8E8CF")
PAGE_WIDTH_CM = 17.4  # A4 less two margins of 1.8 cm
_P, _R, _T, _BR, _TAB = (qn(f"w:{tag}") for tag in ("p", "r", "t", "br", "tab"))
_PRESERVE = {qn("xml:space"): "preserve"}


def _child(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """A new element at the end of `parent`, made in its document: quicker than python-docx's
    OxmlElement, which parses each one afresh, for the thousands of runs of a team's notes."""
    element = parent.makeelement(tag, attributes or {})
    parent.append(element)
    return element


def _text(value: str) -> str:
    """Text for Word: characters its XML does not allow replaced, and held inside an isolate if
    it sets the direction of what follows."""
    return xml_safe(isolated(value))


def _house_style(document: DocxDocument) -> None:
    """Arial at 11 pt, British English, headings in ink that step down, quotations upright."""
    styles = document.styles
    for style_id in ("Normal", "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Quote"):
        style = next(s for s in styles if s.style_id == style_id)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        style.font.color.rgb = INK
        if style_id in HEADING_SIZES:
            style.font.size = Pt(HEADING_SIZES[style_id])
            style.font.bold = True
            style.font.italic = False
            style.paragraph_format.space_before = Pt(8 if style_id != "Title" else 0)
            style.paragraph_format.space_after = Pt(3)
            style.paragraph_format.keep_with_next = True
        if style_id == "Normal":
            style.font.size = Pt(BODY_SIZE)
            style.paragraph_format.space_after = Pt(3)
            style.paragraph_format.line_spacing = 1.0
        if style_id == "Quote":
            style.font.italic = False
            style.font.color.rgb = INK
            style.paragraph_format.left_indent = Cm(0.6)
            style.paragraph_format.right_indent = Cm(0)
            style.paragraph_format.space_after = Pt(2)
            _left_rule(style.element.get_or_add_pPr())
    _language(document, "en-GB")


def _left_rule(properties: object) -> None:
    """A grey rule down the left of a quotation, as the HTML report draws it."""
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "8"),
        ("w:color", "C9D0D6"),
    ):
        left.set(qn(key), value)
    borders.append(left)
    properties.append(borders)  # type: ignore[attr-defined]


def _language(document: DocxDocument, tag: str) -> None:
    """Every style's text in this language, so spelling is checked in British English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), tag)


def _page(document: DocxDocument) -> None:
    """A4 with 2 cm margins, and "Page 2 of 4" in the footer of every page."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(1.6)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for part in ("Page ", "PAGE", " of ", "NUMPAGES"):
            if part.isupper():
                _field(footer, part)
            else:
                footer.add_run(part).font.color.rgb = MUTED


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    run = paragraph.add_run()
    run.font.color.rgb = MUTED
    for kind in ("begin", None, "separate", "end"):
        if kind is None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "1"
            run._r.append(shown)


def _properties(document: DocxDocument, source: Document) -> None:
    """True properties: the title, the author if the report names one, made now; nothing left
    over from the library's own template."""
    made = datetime.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = _text(source.title)
    properties.author = _text(source.author)
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = "en-GB"
    properties.created = made
    properties.modified = made
    properties.revision = 1


class _Look(NamedTuple):
    """How a run of text looks, beyond its paragraph's style."""

    bold: bool = False
    italic: bool = False
    size: float | None = None  # points
    colour: str | None = None  # RRGGBB
    font: str | None = None
    underline: bool = False


PLAIN = _Look()


class _Writer:
    """Writes paragraphs and runs as XML elements directly, each run's properties copied from
    one made once for its look: going through python-docx's objects for each of a thousand
    notes was most of a team report's time."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.body = document.element.body
        self.end = self.body.sectPr
        self.looks: dict[_Look, Any] = {}
        self.layouts: dict[tuple[Any, ...], Any] = {}

    def paragraph(
        self,
        style: str | None = None,
        *,
        keep: bool = False,
        after: float | None = None,
        line: float | None = None,
        indent: float | None = None,
        hanging: float | None = None,
        align: str | None = None,
    ) -> Any:
        """A new paragraph at the end of the body; its properties in the order Word's schema
        wants them (style, keep with next, spacing, indent, alignment), made once for each
        combination and copied."""
        paragraph = _child(self.body, _P)
        key = (style, keep, after, line, indent, hanging, align)
        made = self.layouts.get(key)
        if made is None:
            made = self.layouts[key] = _paragraph_properties(*key)
        if len(made):
            paragraph.append(deepcopy(made))
        if self.end is not None:
            self.end.addprevious(paragraph)
        return paragraph

    def run(self, parent: Any, text: str, look: _Look = PLAIN) -> Any:
        """A run of text: a line break or a tab in it is Word's own."""
        run = _child(parent, _R)
        if look != PLAIN:
            made = self.looks.get(look)
            if made is None:
                made = self.looks[look] = _run_properties(look)
            run.append(deepcopy(made))
        for number, line in enumerate(_text(text).split("\n")):
            if number:
                _child(run, _BR)
            for place, piece in enumerate(line.split("\t")):
                if place:
                    _child(run, _TAB)
                if piece:
                    _child(run, _T, _PRESERVE).text = piece
        return run

    def inlines(self, paragraph: Any, content: Inlines, look: _Look = PLAIN) -> None:
        for part in content:
            if isinstance(part, str):
                self.run(paragraph, part, look)
            elif isinstance(part, Strong):
                self.run(paragraph, part.text, look._replace(bold=True))
            elif isinstance(part, Emphasis):
                self.run(paragraph, part.text, look._replace(italic=True))
            elif isinstance(part, Code):
                self.run(paragraph, part.text, look._replace(font="Consolas"))
            elif isinstance(part, Link):
                self.hyperlink(paragraph, part, look)

    def hyperlink(self, paragraph: Any, part: Link, look: _Look) -> None:
        address = link(part.url)
        if address is None:
            self.run(paragraph, f"{part.text} ({part.url})", look)
            return
        ident = self.document.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), ident)
        self.run(hyperlink, part.text, look._replace(colour=str(LINK), underline=True))
        paragraph.append(hyperlink)

    def block(self, block: Block, keep: bool = False) -> None:
        if isinstance(block, Section):
            heading = self.paragraph(f"Heading{min(block.level - 1, 4)}")
            self.inlines(heading, block.title)
            for inner in block.blocks:
                self.block(inner, block.keep)
        elif isinstance(block, Paragraph):
            look = {
                "lead": PLAIN._replace(size=13),
                "aside": PLAIN._replace(colour=str(MUTED)),
            }.get(block.tone, PLAIN)
            self.inlines(self.paragraph(keep=keep), block.content, look)
        elif isinstance(block, BulletList):
            for item in block.items:
                self.inlines(self.paragraph("ListBullet"), item)
        elif isinstance(block, NumberedList):
            # Numbers written out: Word would number every list in the document as one.
            for number, item in enumerate(block.items, start=1):
                paragraph = self.paragraph(indent=0.8, hanging=0.8)
                self.run(paragraph, f"{number}.\t")
                self.inlines(paragraph, item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Quote):
            # The note, then on a line of its own in the same paragraph whose it is.
            quote = self.paragraph("Quote")
            self.run(quote, block.text)
            if block.by:
                self.run(quote, f"\n— {block.by}", PLAIN._replace(colour=str(MUTED), size=9.5))
        elif isinstance(block, Command):
            self.inlines(self.paragraph(keep=True), block.lead)
            self.run(self.paragraph(indent=0.6), block.command, PLAIN._replace(font="Consolas"))

    def table(self, table: Table) -> None:
        rows = [*table.rows, *([table.total] if table.total is not None else [])]
        grid = self.document.add_table(rows=len(rows) + 1, cols=len(table.columns))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        widths = _widths(table)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = Cm(width)
        small = PLAIN._replace(size=TABLE_SIZE)
        for index, row in enumerate(grid.rows):
            properties = row._tr.get_or_add_trPr()
            # No row split across two pages; the header row again on each page.
            properties.append(_on("w:cantSplit"))
            if index == 0:
                properties.append(_on("w:tblHeader"))
            values = table.columns if index == 0 else rows[index - 1]
            strong = index == 0 or (table.total is not None and index == len(rows))
            look = small._replace(bold=strong)
            for cell, value, column, width in zip(
                row.cells, values, table.columns, widths, strict=True
            ):
                cell.width = Cm(width)
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if column.kind == "number":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if isinstance(value, Cell):
                    self.inlines(paragraph._p, value.content, look)
                    if value.shade is not None and column.kind == "band":
                        _fill(cell, BAND_FILLS[round(value.shade * (len(BAND_FILLS) - 1))])
                elif isinstance(value, Column):
                    self.run(paragraph._p, value.name, look)
                    _fill(cell, "EEF1F4")
        # Word needs a paragraph between two tables; this one is a sliver.
        self.paragraph(after=0, line=4)

    def figure(self, figure: Figure) -> None:
        from docx.text.paragraph import Paragraph as DocxParagraph

        from spreadkit.writers.picture import chart_png

        chart = figure.chart
        picture = chart_png(chart, text_size=46)
        self.run(self.paragraph(keep=True), chart.title, PLAIN._replace(bold=True))
        holder = DocxParagraph(self.paragraph(keep=True, align="center"), self.document._body)
        holder.add_run().add_picture(io.BytesIO(picture), width=Inches(4.0))
        properties = holder._p.xpath(".//wp:docPr")[0]
        properties.set("descr", _text(figure.alt))
        properties.set("title", _text(chart.title))
        legend = "; ".join(
            f"{s.name}: {'solid line with dots' if s.style == 'latest' else 'dashed line with squares'}"
            for s in chart.series
        )
        if chart.ring is not None:
            legend += "; shaded: from the lowest to the highest respondent"
        caption = f"{legend}. Dashed rings: band edges ({chart.bands}). {figure.caption}"
        self.run(self.paragraph(), caption, PLAIN._replace(colour=str(MUTED), size=9.5))


def _valued(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def _paragraph_properties(
    style: str | None,
    keep: bool,
    after: float | None,
    line: float | None,
    indent: float | None,
    hanging: float | None,
    align: str | None,
) -> Any:
    properties = OxmlElement("w:pPr")
    if style is not None:
        properties.append(_valued("w:pStyle", style))
    if keep:
        properties.append(OxmlElement("w:keepNext"))
    if after is not None or line is not None:
        spacing = OxmlElement("w:spacing")
        if after is not None:
            spacing.set(qn("w:after"), str(round(after * 20)))
        if line is not None:
            spacing.set(qn("w:line"), str(round(line * 20)))
            spacing.set(qn("w:lineRule"), "exact")
        properties.append(spacing)
    if indent is not None:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(round(indent * 567)))
        if hanging is not None:
            ind.set(qn("w:hanging"), str(round(hanging * 567)))
        properties.append(ind)
    if align is not None:
        properties.append(_valued("w:jc", align))
    return properties


def _run_properties(look: _Look) -> Any:
    """A run's properties, in the order Word's schema wants them."""
    properties = OxmlElement("w:rPr")
    if look.font is not None:
        fonts = OxmlElement("w:rFonts")
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), look.font)
        properties.append(fonts)
    if look.bold:
        properties.append(OxmlElement("w:b"))
    if look.italic:
        properties.append(OxmlElement("w:i"))
    if look.colour is not None:
        properties.append(_valued("w:color", look.colour))
    if look.size is not None:
        properties.append(_valued("w:sz", str(round(look.size * 2))))
    if look.underline:
        properties.append(_valued("w:u", "single"))
    return properties


def _on(tag: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _fill(cell: object, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _widths(table: Table) -> list[float]:
    """Each column's width from its longest word and its usual length, so an id or a number is
    never broken and text columns share what is left."""
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
    if sum(wanted) <= PAGE_WIDTH_CM:
        return wanted
    spare = PAGE_WIDTH_CM - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    share = spare / sum(extra) if sum(extra) and spare > 0 else 0
    return [m + e * share for m, e in zip(least, extra, strict=True)]


def write(source: Document) -> bytes:
    document = new_document()
    _house_style(document)
    _page(document)
    _properties(document, source)
    writer = _Writer(document)
    # The template's one empty paragraph gives way to the title.
    for empty in list(writer.body.iterchildren(qn("w:p"))):
        writer.body.remove(empty)
    writer.run(writer.paragraph("Title"), source.title)
    for label, value in source.details:
        paragraph = writer.paragraph(after=0)
        writer.run(paragraph, f"{label}: ", PLAIN._replace(bold=True))
        writer.inlines(paragraph, value)
    for block in source.blocks:
        writer.block(block)
    if source.footer:
        writer.inlines(writer.paragraph(), source.footer, PLAIN._replace(colour=str(MUTED)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
