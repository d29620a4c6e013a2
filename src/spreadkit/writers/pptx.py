"""PowerPoint (python-pptx): a board pack made from any document, 16:9, in Arial.

The title slide has the title, the details and the verdict (the document's opening paragraphs);
a figure has a slide of its own, the chart as a picture with its text as the picture's
description; each level-2 section starts a slide headed with its title, and the blocks that are
in no such section follow under the document's title. What does not fit on a slide goes on to
the next, headed "(continued)": a table a few rows at a time with its header again, a list item
by item, so nothing is shrunk and nothing runs off a slide. Heights are estimated from the
length of the text at a generous width a character, since a file cannot measure itself.

A section whose own sections have sections again (every answer, by principle) is the written
report's detail: a closing slide names it, and where to find it.

Body text is 20 pt and nothing is smaller than 18 pt. Every string goes in through `_text`,
which replaces a character the file's XML does not allow.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor as _RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Code,
    Command,
    Document,
    Figure,
    Inlines,
    Link,
    NumberedList,
    Paragraph,
    Quote,
    Section,
    Strong,
    Table,
    plain,
)
from spreadkit.model.safe import link, xml_safe

# Part of python-pptx carries no types: its colours are used untyped.
RGBColor: Any = _RGBColor
FONT = "Arial"
MONO = "Consolas"
INK = RGBColor(0x1D, 0x21, 0x25)
MUTED = RGBColor(0x56, 0x60, 0x6B)
LINK = RGBColor(0x1F, 0x5F, 0xA8)
HEADER_FILL = RGBColor(0xEE, 0xF1, 0xF4)
# Light backgrounds, worst to best, behind a band's name, as in the HTML and Word reports.
BAND_FILLS = ("F9D6D2", "FDE4C0", "FBF0B5", "DCEFD6", "C8E8CF")

WIDTH, HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.6
TITLE_TOP = 0.4
BOTTOM = HEIGHT - 0.45
BODY_WIDTH = WIDTH - 2 * MARGIN

TITLE_SIZE = 30
BODY = 20
SMALL = 18  # the least: asides, quotes, tables
LEAD = 24
GAP = 0.12  # inches between blocks
HEADING_SPACE = 0.12  # and more above a heading
PAD_X, PAD_Y = 0.08, 0.04  # a text box's inner margins, inches
CELL_X, CELL_Y = 0.08, 0.05
# The width of a character as a share of the type size: a little more than Arial's average,
# so an estimate errs towards more lines, never fewer.
CHAR = 0.52
LINE = 1.22


def _text(value: str) -> str:
    return xml_safe(value)


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width` inches wide at `size` points."""
    per_line = max(int(width * 72 / (size * CHAR * (1.07 if bold else 1))), 1)
    return sum(
        max(len(textwrap.wrap(part, per_line, break_long_words=True)), 1)
        for part in text.split("\n")
    )


def _height(text: str, width: float, size: float, bold: bool = False) -> float:
    """The height of `text`'s lines in a box `width` inches wide (less the box's margins)."""
    return _lines(text, width - 2 * PAD_X, size, bold) * size * LINE / 72


# One thing placed on a slide: a box of text, a table's rows, or a picture.


@dataclass
class _Text:
    paragraphs: list[tuple[Inlines, dict[str, Any]]]  # content, and how it looks
    height: float
    keep_with_next: bool = False
    gap: float = GAP  # the space above it, when something is
    heads: Inlines = ()  # a section's heading: the section's title, said again where it goes on


@dataclass
class _Rows:
    table: Table
    rows: list[tuple[Cell, ...]]
    widths: list[float]
    heights: list[float]  # the header's first
    strong_last: bool = False

    @property
    def height(self) -> float:
        return sum(self.heights[: len(self.rows) + 1])


@dataclass
class _Slide:
    title: str
    items: list[_Text | _Rows] = field(default_factory=list)


def _paragraph(content: Inlines, size: float = BODY, **look: Any) -> _Text:
    bold = bool(look.get("bold"))
    indent = float(look.get("indent", 0))
    # A link is reckoned to start a line of its own, as a viewer that will not break it may.
    words = "".join(f"\n{p.text}" if isinstance(p, Link) else plain((p,)) for p in content)
    if look.get("bullet"):
        words = f"{look['bullet']} {words}"
    height = _height(words, BODY_WIDTH - indent, size, bold)
    gap = GAP + float(look.get("space", 0))
    return _Text([(content, {"size": size, **look})], height, gap=gap)


# The most a piece of text may take: a slide's body under a title of two lines.
MOST = BOTTOM - TITLE_TOP - 2 * TITLE_SIZE * LINE / 72 - 2 * PAD_Y - 0.4


def _pieces(content: Inlines, size: float = BODY, **look: Any) -> list[_Text]:
    """A paragraph, or, when it is taller than a slide, its words in parts that go on."""
    whole = _paragraph(content, size, **look)
    if whole.height <= MOST:
        return [whole]
    words = plain(content).split()
    parts = max(int(whole.height / MOST) + 1, 2)
    while True:
        if parts > len(words):  # a word longer than a slide: cut it into lengths
            text = plain(content)
            length = max(len(text) // parts, 1)
            words = [text[i : i + length] for i in range(0, len(text), length)]
        share = -(-len(words) // parts)
        chunks = [" ".join(words[i : i + share]) for i in range(0, len(words), share)]
        pieces = [_paragraph((chunk,), size, **look) for chunk in chunks]
        if all(p.height <= MOST for p in pieces):
            return pieces
        parts += 1


def _flow(block: Block) -> Iterator[_Text | _Rows]:
    """A block as the pieces a slide can hold; a list, one piece an item, so it can go on."""
    if isinstance(block, Paragraph):
        if block.tone == "lead":
            yield from _pieces(block.content, LEAD)
        elif block.tone == "aside":
            yield from _pieces(block.content, SMALL, colour=MUTED)
        else:
            yield from _pieces(block.content)
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from _pieces(item, bullet="•", indent=0.35)
    elif isinstance(block, NumberedList):
        for number, item in enumerate(block.items, start=1):
            yield from _pieces(item, bullet=f"{number}.", number=number, indent=0.5)
    elif isinstance(block, Quote):
        said = f"“{block.text}”" + (f" — {block.by}" if block.by else "")
        yield from _pieces((said,), SMALL, indent=0.35)
    elif isinstance(block, Command):
        lead = _paragraph(block.lead, SMALL, colour=MUTED)
        lead.keep_with_next = True
        yield lead
        yield _paragraph((Code(block.command),), SMALL, indent=0.35)
    elif isinstance(block, Table):
        yield _rows(block)
    elif isinstance(block, Section):
        heading = _heading(block.title, block.level)
        heading.keep_with_next = True
        heading.heads = block.title
        pieces: list[_Text | _Rows] = [heading]
        for inner in block.blocks:
            pieces += list(_flow(inner))
        yield from _kept(pieces) if block.keep else pieces


def _heading(title: Inlines, level: int) -> _Text:
    return _paragraph(title, BODY + 2 if level <= 3 else BODY, bold=True, space=HEADING_SPACE)


def _kept(pieces: list[_Text | _Rows]) -> list[_Text | _Rows]:
    """A section asked to be kept together, as one piece where it fits on a slide of its own
    (a question and its ratings, an action and its owner)."""
    if any(isinstance(p, _Rows) for p in pieces):
        return pieces
    texts = [p for p in pieces if isinstance(p, _Text)]
    height = _stacked(texts)
    if height > BOTTOM - TITLE_TOP - _title_height("A") - 0.4:
        return pieces
    paragraphs = [
        (content, {"gap": piece.gap, **look})
        for piece in texts
        for content, look in piece.paragraphs
    ]
    return [_Text(paragraphs, height, gap=texts[0].gap)]


def _stacked(texts: list[_Text]) -> float:
    """The height of pieces one under another, the gaps between them included."""
    return sum(p.height for p in texts) + sum(p.gap for p in texts[1:])


def _rows(table: Table) -> _Rows:
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    widths = _widths(table, rows)
    heights = [
        max(
            _lines(column.name, width - 2 * CELL_X, SMALL, True) * SMALL * LINE / 72 + 2 * CELL_Y
            for column, width in zip(table.columns, widths, strict=True)
        )
    ]
    for row in rows:
        heights.append(
            max(
                _lines(plain(cell.content), width - 2 * CELL_X, SMALL) * SMALL * LINE / 72
                + 2 * CELL_Y
                for cell, width in zip(row, widths, strict=True)
            )
        )
    return _Rows(table, rows, widths, heights, table.total is not None)


def _widths(table: Table, rows: list[tuple[Cell, ...]]) -> list[float]:
    """Each column's width from its longest word and its usual length, so a word or a number
    is never broken and text columns share what is left."""
    per_inch = 72 / (SMALL * CHAR)
    least, wanted = [], []
    for index, column in enumerate(table.columns):
        # The header is bold, so a little wider a character.
        texts = [column.name + " "] + [plain(row[index].content) for row in rows]
        longest = max((len(word) * 1.1 for word in column.name.split()), default=1)
        longest = max(longest, *(len(word) for text in texts[1:] for word in text.split()), 1)
        typical = max(len(text) for text in texts)
        least.append(min(longest, 24) / per_inch + 2 * CELL_X + 0.1)
        wanted.append(min(typical, 70) / per_inch + 2 * CELL_X + 0.1)
    if sum(wanted) <= BODY_WIDTH:
        return wanted
    spare = BODY_WIDTH - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    share = spare / sum(extra) if sum(extra) and spare > 0 else 0
    widths = [m + e * share for m, e in zip(least, extra, strict=True)]
    if sum(widths) > BODY_WIDTH:  # even the longest words do not fit: every column gives way
        widths = [w * BODY_WIDTH / sum(widths) for w in widths]
    return widths


def _title_height(title: str) -> float:
    return _lines(title, BODY_WIDTH, TITLE_SIZE, True) * TITLE_SIZE * LINE / 72 + 2 * PAD_Y


def _paginate(title: str, pieces: list[_Text | _Rows]) -> list[_Slide]:
    """Pieces onto slides headed `title`, going on to another slide where one is full: a table
    a few rows at a time, and a heading never left at a slide's foot."""
    slides = [_Slide(title)]
    top = TITLE_TOP + _title_height(title) + 0.15
    used = 0.0
    room = BOTTOM - top - 2 * PAD_Y

    def new_slide() -> None:
        nonlocal used, room, top
        heading = f"{title} (continued)"
        slides.append(_Slide(heading))
        top = TITLE_TOP + _title_height(heading) + 0.15
        room = BOTTOM - top - 2 * PAD_Y
        used = 0.0

    index = 0
    within: Inlines = ()  # the heading of the section being placed, if any
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, _Text) and piece.heads:
            within = piece.heads
        elif used == 0 and within and len(slides) > 1:
            used = _head_again(slides[-1], within, piece, room)
        need = piece.height
        # A heading goes with the first piece after it (or the first rows of a table).
        if isinstance(piece, _Text) and piece.keep_with_next and index + 1 < len(pieces):
            following = pieces[index + 1]
            need += (
                GAP + sum(following.heights[:2])
                if isinstance(following, _Rows)
                else following.gap + following.height
            )
        if isinstance(piece, _Rows):
            fits = _rows_that_fit(piece, room - used)
            if fits == 0 and used > 0:
                new_slide()
                continue
            fits = max(fits, 1)
            if fits < len(piece.rows):
                first, pieces[index] = _split(piece, fits)
                slides[-1].items.append(first)
                new_slide()
                continue
            slides[-1].items.append(piece)
            used += piece.height + GAP + 2 * PAD_Y
            index += 1
            continue
        if used > 0 and used + piece.gap + need > room:
            new_slide()
            continue
        slides[-1].items.append(piece)
        used += (piece.gap if used else 0) + piece.height
        index += 1
    return slides


def _split(rows: _Rows, fits: int) -> tuple[_Rows, _Rows]:
    """A table's rows that fit, and the rest, each under the header."""
    first = _Rows(rows.table, rows.rows[:fits], rows.widths, rows.heights[: fits + 1])
    rest = _Rows(
        rows.table,
        rows.rows[fits:],
        rows.widths,
        [rows.heights[0], *rows.heights[fits + 1 :]],
        rows.strong_last,
    )
    return first, rest


def _head_again(slide: _Slide, title: Inlines, piece: _Text | _Rows, room: float) -> float:
    """A section that goes on to a new slide headed again, so what follows is not taken for the
    last section's, where there is room for both; the height it takes."""
    again = _heading((*title, " (continued)"), 3)
    opening = sum(piece.heights[:2]) if isinstance(piece, _Rows) else piece.height
    if again.height + 2 * GAP + opening > room:
        return 0.0
    slide.items.append(again)
    return again.height


def _rows_that_fit(rows: _Rows, room: float) -> int:
    total = rows.heights[0]
    for count, height in enumerate(rows.heights[1:]):
        total += height
        if total > room:
            return count
    return len(rows.rows)


class _Writer:
    def __init__(self, source: Document) -> None:
        self.source = source
        self.deck: Any = Presentation()
        self.deck.slide_width = Inches(WIDTH)
        self.deck.slide_height = Inches(HEIGHT)
        self.blank = self.deck.slide_layouts[6]

    def slide(self) -> Any:
        return self.deck.slides.add_slide(self.blank)

    def box(self, slide: Any, left: float, top: float, width: float, height: float) -> Any:
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Inches(PAD_X)
        frame.margin_top = frame.margin_bottom = Inches(PAD_Y)
        return frame

    def runs(self, paragraph: Any, content: Inlines, look: dict[str, Any]) -> None:
        for part in content:
            run = paragraph.add_run()
            run.text = _text(part if isinstance(part, str) else part.text)
            font = run.font
            font.name = MONO if isinstance(part, Code) else FONT
            font.size = Pt(look.get("size", BODY))
            font.bold = bool(look.get("bold")) or isinstance(part, Strong)
            font.italic = False
            font.color.rgb = look.get("colour", INK)
            if isinstance(part, Link):
                address = link(part.url)
                if address is None:
                    run.text = _text(f"{part.text} ({part.url})")
                else:
                    run.hyperlink.address = address
                    font.color.rgb = LINK
                    font.underline = True

    def text(self, slide: Any, pieces: list[_Text], top: float) -> None:
        """Pieces one after another in one box, so the text sets its own spacing evenly; the
        box is as tall as their estimates, which err on the tall side."""
        frame = self.box(slide, MARGIN, top, BODY_WIDTH, _stacked(pieces) + 2 * PAD_Y)
        paragraphs = [
            (content, {"gap": piece.gap, **look})
            for piece in pieces
            for content, look in piece.paragraphs
        ]
        for number, (content, look) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            if number:
                paragraph.space_before = Pt(look["gap"] * 72)
            if look.get("bullet"):
                _bullet(paragraph, look)
            elif look.get("indent"):
                paragraph._p.get_or_add_pPr().set("marL", str(Inches(look["indent"])))
            self.runs(paragraph, content, look)

    def rows(self, slide: Any, piece: _Rows, top: float) -> None:
        table = piece.table
        height = piece.height
        frame = slide.shapes.add_table(
            len(piece.rows) + 1,
            len(table.columns),
            Inches(MARGIN),
            Inches(top),
            Inches(sum(piece.widths)),
            Inches(height),
        )
        grid = frame.table
        grid.first_row = True
        grid.horz_banding = False
        for column, width in zip(grid.columns, piece.widths, strict=True):
            column.width = Inches(width)
        for row, row_height in zip(grid.rows, piece.heights, strict=True):
            row.height = Inches(row_height)
        values: list[tuple[Any, ...]] = [table.columns, *piece.rows]
        for r, cells in enumerate(values):
            strong = r == 0 or (piece.strong_last and r == len(values) - 1)
            for c, value in enumerate(cells):
                cell = grid.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(CELL_X)
                cell.margin_top = cell.margin_bottom = Inches(CELL_Y)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                paragraph = cell.text_frame.paragraphs[0]
                column = table.columns[c]
                if column.kind == "number":
                    paragraph.alignment = PP_ALIGN.RIGHT
                content = (value.name,) if r == 0 else value.content
                self.runs(paragraph, content, {"size": SMALL, "bold": strong})
                cell.fill.solid()
                if r == 0:
                    cell.fill.fore_color.rgb = HEADER_FILL
                elif isinstance(value, Cell) and value.shade is not None and column.kind == "band":
                    fill = BAND_FILLS[round(value.shade * (len(BAND_FILLS) - 1))]
                    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
                else:
                    cell.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    def heading(self, slide: Any, title: str) -> float:
        height = _title_height(title)
        frame = self.box(slide, MARGIN, TITLE_TOP, BODY_WIDTH, height)
        self.runs(frame.paragraphs[0], (title,), {"size": TITLE_SIZE, "bold": True})
        return TITLE_TOP + height + 0.15

    def pages(self, slides: list[_Slide]) -> None:
        for page in slides:
            slide = self.slide()
            top = self.heading(slide, page.title)
            self.place(slide, page.items, top)

    def place(self, slide: Any, items: list[_Text | _Rows], top: float) -> None:
        """Tables where they fall, and the text between them in a box each."""
        run: list[_Text] = []
        for piece in [*items, None]:
            if isinstance(piece, _Text):
                run.append(piece)
                continue
            if run:
                self.text(slide, run, top)
                top += _stacked(run) + 2 * PAD_Y + GAP
                run = []
            if piece is not None:
                self.rows(slide, piece, top)
                top += piece.height + GAP

    def title_slide(self, opening: list[Paragraph]) -> None:
        """The title, the details and the verdict; what does not fit goes on to the next."""
        source = self.source
        slide = self.slide()
        top = 1.0
        height = _lines(source.title, BODY_WIDTH, 40, True) * 40 * LINE / 72 + 2 * PAD_Y
        frame = self.box(slide, MARGIN, top, BODY_WIDTH, height)
        self.runs(frame.paragraphs[0], (source.title,), {"size": 40, "bold": True})
        top += height + 0.2
        pieces: list[_Text] = [
            _paragraph((f"{label}: ", *value), SMALL, colour=MUTED)
            for label, value in source.details
        ]
        for detail in pieces[1:]:
            detail.gap = 0.02
        for paragraph in opening:
            pieces += [p for p in _flow(paragraph) if isinstance(p, _Text)]
        if source.footer:
            pieces.append(_paragraph(source.footer, SMALL, colour=MUTED))
        rest: list[_Text | _Rows] = []
        here: list[_Text | _Rows] = []
        for piece in pieces:
            if rest or top + piece.gap + piece.height + 2 * PAD_Y > BOTTOM:
                rest.append(piece)
                continue
            here.append(piece)
            top += piece.gap + piece.height
        self.place(slide, here, 1.0 + height + 0.2)
        if rest:
            self.pages(_paginate(source.title, rest))

    def figure(self, figure: Figure) -> None:
        from spreadkit.writers.picture import HEIGHT as PICTURE_HEIGHT
        from spreadkit.writers.picture import WIDTH as PICTURE_WIDTH
        from spreadkit.writers.picture import chart_png

        chart = figure.chart
        # Labels larger than on paper, to be read across a room.
        png = chart_png(chart, text_size=58)
        slide = self.slide()
        top = self.heading(slide, chart.title)
        height = BOTTOM - top
        width = height * PICTURE_WIDTH / PICTURE_HEIGHT
        picture = slide.shapes.add_picture(
            io.BytesIO(png), Inches(MARGIN), Inches(top), Inches(width), Inches(height)
        )
        properties = picture._element.xpath("./p:nvPicPr/p:cNvPr")[0]
        properties.set("descr", _text(figure.alt))
        properties.set("name", _text(chart.title)[:200])
        left = MARGIN + width + 0.3
        room = WIDTH - MARGIN - left
        key = [
            f"{s.name}: {'solid line with dots' if s.style == 'latest' else 'dashed line with squares'}"
            for s in chart.series
        ]
        if chart.ring is not None:
            key.append("Shaded: from the lowest to the highest respondent")
        key.append(f"Dashed rings: where the bands meet ({chart.bands})")
        height = sum(_height(line, room, SMALL) for line in key) + GAP * (len(key) - 1)
        frame = self.box(slide, left, top, room, height + 2 * PAD_Y)
        for number, line in enumerate(key):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.space_before = Pt(GAP * 72) if number else None
            self.runs(paragraph, (line,), {"size": SMALL})

    def closing(self, left_out: list[str]) -> None:
        pieces: list[_Text | _Rows] = [
            _paragraph(("The full report (Word or HTML) has these too:",)),
            *(_paragraph((title,), bullet="•", indent=0.35) for title in left_out),
        ]
        self.pages(_paginate("In the full report", pieces))


def _bullet(paragraph: Any, look: dict[str, Any]) -> None:
    """A hanging indent and a bullet or a number that PowerPoint draws itself."""
    properties = paragraph._p.get_or_add_pPr()
    indent = Inches(look.get("indent", 0.35))
    properties.set("marL", str(indent))
    properties.set("indent", str(-indent))
    font = properties.makeelement(qn("a:buFont"), {"typeface": FONT})
    properties.append(font)
    if "number" in look:
        mark = properties.makeelement(
            qn("a:buAutoNum"), {"type": "arabicPeriod", "startAt": str(look["number"])}
        )
    else:
        mark = properties.makeelement(qn("a:buChar"), {"char": "•"})
    properties.append(mark)


def _depth(block: Section) -> int:
    """How many levels of sections a section holds under it."""
    inner = [_depth(b) for b in block.blocks if isinstance(b, Section)]
    return 1 + max(inner, default=0)


def _properties(deck: Any, source: Document) -> None:
    """True properties: the title, the author if the report names one, made now, and nothing
    left from the library's own template."""
    made = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties = deck.core_properties
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
    package = deck.part.package
    # The template's thumbnail is a blank 4:3 page: a file browser would show that, not a slide.
    for ident, relation in list(package._rels.items()):
        if relation.reltype.endswith("/thumbnail"):
            package._rels.pop(ident)
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/docProps/app.xml":
            blob = part.blob.decode("utf-8")
            blob = re.sub(r"<Application>[^<]*</Application>", "<Application/>", blob)
            blob = re.sub(
                r"<PresentationFormat>[^<]*</PresentationFormat>",
                "<PresentationFormat>Widescreen</PresentationFormat>",
                blob,
            )
            part._blob = blob.encode("utf-8")
        elif name.startswith("/ppt/theme/"):
            # The theme's own fonts too, so a box added later in PowerPoint is in Arial.
            part._blob = part.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')


def write(source: Document) -> bytes:
    writer = _Writer(source)
    blocks = list(source.blocks)
    opening: list[Paragraph] = []
    while blocks and isinstance(blocks[0], Paragraph):
        first = blocks.pop(0)
        assert isinstance(first, Paragraph)
        opening.append(first)
    writer.title_slide(opening)
    loose: list[_Text | _Rows] = []
    left_out: list[str] = []

    def flush() -> None:
        if loose:
            writer.pages(_paginate(source.title, list(loose)))
            loose.clear()

    for block in blocks:
        if isinstance(block, Figure):
            flush()
            writer.figure(block)
        elif isinstance(block, Section) and not block.keep:
            flush()
            if _depth(block) > 2:
                left_out.append(plain(block.title))
                continue
            pieces: list[_Text | _Rows] = []
            for inner in block.blocks:
                pieces += list(_flow(inner))
            writer.pages(_paginate(plain(block.title), pieces))
        else:
            loose += list(_flow(block))
    flush()
    if left_out:
        writer.closing(left_out)
    _properties(writer.deck, source)
    buffer = io.BytesIO()
    writer.deck.save(buffer)
    return buffer.getvalue()
