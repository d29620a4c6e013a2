"""A picture for a slide, from any document: SVG, or PNG (with Pillow, loaded only for it).

On a white background: the document's title; its verdict (the lead paragraph); the chart beside
the key figures (the document's first figure and first table, up to the band column); and the
chart in words as the picture's text alternative (SVG `<title>` and `<desc>`; for a PNG, in its
Description and told on standard error, to paste as alt text). A document with no chart, such
as a plan, is shown as its first few items (the sections it keeps whole): a clean list.

Both formats are drawn from one scene of shapes and text laid out here, so they agree. Every
colour that carries meaning (lines, rings, band marks, text) has a contrast of at least 3:1
against white, and a band is always named in words beside its mark.
"""

from __future__ import annotations

import io
import itertools
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from spreadkit.documents.radar import Radar as Geometry
from spreadkit.documents.radar import label_lines
from spreadkit.documents.tree import (
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    plain,
    walk,
)
from spreadkit.model.safe import xml_safe

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900  # 16:9
PNG_SCALE = 1.2  # the PNG at 1920 by 1080
MARGIN = 60
FONTS = "Arial, 'Helvetica Neue', Helvetica, 'DejaVu Sans', sans-serif"
WHITE = "#ffffff"
INK = "#1d2125"  # 16:1 on white
MUTED = "#56606b"  # 6.4:1
GRID = "#6b7580"  # the band edges, 4.7:1
AXIS = "#8a949e"  # 3.1:1
LATEST = "#1f5fa8"  # 6.4:1
BASELINE = "#5f5f5f"  # 6.4:1
RANGE_FILL = "#9cc3ee"  # only inside the range's edges, which are drawn in RANGE_EDGE
RANGE_EDGE = "#4a78b5"  # 4.5:1
# A band's mark, worst to best: each at least 4.5:1 against white.
BANDS = ("#b3261e", "#b35c00", "#8a6a00", "#3b7d23", "#1e6b35")
CHAR = 0.55  # a character's width as a share of the type size, a little over Arial's average
MOST_ITEMS = 6
DEJAVU = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
WINDOWS_ARIAL = Path("C:/Windows/Fonts/arial.ttf")

Anchor = Literal["start", "middle", "end"]


# The scene: what both formats draw.


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float
    colour: str = INK
    bold: bool = False
    anchor: Anchor = "start"


@dataclass(frozen=True)
class Shape:
    kind: Literal["polygon", "line", "circle", "square", "rect"]
    points: tuple[tuple[float, float], ...]  # a circle's or square's centre, a rect's corners
    stroke: str | None = None
    fill: str | None = None
    width: float = 2
    dashed: bool = False
    opacity: float = 1.0
    size: float = 0  # a marker's half width


@dataclass
class Scene:
    title: str
    description: str
    items: list[Text | Shape]


def _wrap(text: str, width: float, size: float, bold: bool = False, most: int = 2) -> list[str]:
    """The text in lines that fit `width`, at most `most` of them: where it had to be cut, the
    last ends with "…" so no one takes it for the whole."""
    per_line = max(int(width / (size * CHAR * (1.08 if bold else 1))), 8)
    lines = textwrap.wrap(text, per_line) or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: per_line - 1].rstrip() + "…"]
    return lines


def _width(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * CHAR * (1.08 if bold else 1)


_Block = TypeVar("_Block", Figure, Table)


def _first(document: Document, kind: type[_Block]) -> _Block | None:
    return next((b for b in walk(document.blocks) if isinstance(b, kind)), None)


def _lead(document: Document) -> str:
    found = next(
        (b for b in walk(document.blocks) if isinstance(b, Paragraph) and b.tone == "lead"), None
    )
    return plain(found.content) if found else ""


def scene(document: Document) -> Scene:
    """The picture for `document`, laid out."""
    items: list[Text | Shape] = [
        Shape("rect", ((0, 0), (WIDTH, HEIGHT)), fill=WHITE),
    ]
    y = MARGIN + 40
    for line in _wrap(document.title, WIDTH - 2 * MARGIN, 44, True):
        items.append(Text(MARGIN, y, line, 44, bold=True))
        y += 52
    figure = _first(document, Figure)
    lead = _lead(document)
    if lead:
        y += 8
        for line in _wrap(lead, WIDTH - 2 * MARGIN, 28):
            items.append(Text(MARGIN, y, line, 28))
            y += 36
    if figure is None:
        said = _items(document, items, y + 20)
        title = document.title
        description = f"{document.title}. {lead + ' ' if lead else ''}{said}".strip()
        return Scene(title, description, items)
    chart = figure.chart
    items.append(Text(MARGIN, y + 34, chart.title, 26, MUTED, bold=True))
    top = y + 60
    _chart(figure, items, top)
    table = _first(document, Table)
    if table is not None:
        _table(table, items, top)
    title = f"{document.title}: {chart.title}"
    description = f"{lead} {figure.alt}".strip()
    return Scene(title, description, items)


def _chart(figure: Figure, items: list[Text | Shape], top: float) -> None:
    """The radar at the left: band rings, axes and labels, the range, the lines, a key."""
    chart = figure.chart
    bottom = HEIGHT - 80
    radius = min((bottom - top) / 2 - 50, 230)
    geometry = Geometry(len(chart.axes), cx=MARGIN + 330, cy=(top + bottom) / 2, radius=radius)
    count = len(chart.axes)

    def ring(scores: tuple[float | None, ...] | list[float]) -> tuple[tuple[float, float], ...]:
        return tuple((p.x, p.y) for p in (geometry.point(i, s or 0) for i, s in enumerate(scores)))

    if chart.ring is not None:
        # The range first, under the grid: shaded between the lowest and the highest.
        lows, highs = chart.ring
        items.append(Shape("polygon", ring(highs), None, RANGE_FILL, opacity=0.45))
        items.append(Shape("polygon", ring(lows), None, WHITE))
    for i in range(count):
        end = geometry.point(i, 100)
        items.append(
            Shape("line", ((geometry.cx, geometry.cy), (end.x, end.y)), stroke=AXIS, width=1.5)
        )
    for edge in [*chart.edges, 100]:
        items.append(
            Shape("polygon", ring([edge] * count), stroke=GRID, width=1.5, dashed=edge != 100)
        )
        if edge != 100:  # the rim's label would sit on the first principle's name
            at = geometry.point(0, edge)
            items.append(Text(at.x + 6, at.y - 4, f"{edge:g}", 16, MUTED))
    if chart.ring is not None:
        # Its edges, over the rings and axes that show through its shading.
        for scores in chart.ring:
            items.append(Shape("polygon", ring(scores), RANGE_EDGE, None, 1.5))
    for series in chart.series:
        colour = LATEST if series.style == "latest" else BASELINE
        items.append(
            Shape(
                "polygon", ring(series.scores), colour, None, 4, dashed=series.style == "baseline"
            )
        )
        for i, score in enumerate(series.scores):
            if score is None:
                continue
            at = geometry.point(i, score)
            if series.style == "latest":
                items.append(Shape("circle", ((at.x, at.y),), fill=colour, size=7))
            else:
                items.append(Shape("square", ((at.x, at.y),), colour, WHITE, 2.5, size=6))
    for i, name in enumerate(chart.axes):
        at, anchor = geometry.label(i, offset=16)
        lines = label_lines(name, 13)
        first = at.y + 7 - 24 * (len(lines) - 1) if at.y < geometry.cy - 1 else at.y + 14
        for n, line in enumerate(lines):
            items.append(Text(at.x, first + 24 * n, line, 20, anchor=anchor))  # type: ignore[arg-type]
    items.append(_key(figure))


def _key(figure: Figure) -> Text:
    """What each line and shading means, in words under the chart."""
    chart = figure.chart
    key = [
        f"{s.name}: {'solid line, dots' if s.style == 'latest' else 'dashed line, squares'}"
        for s in chart.series
    ]
    if chart.ring is not None:
        key.append("shaded: lowest to highest respondent")
    key.append("dashed rings: band edges")
    return Text(MARGIN, HEIGHT - 30, "; ".join(key) + ".", 18, MUTED)


def _table(table: Table, items: list[Text | Shape], top: float) -> None:
    """The key figures at the right: the first column, the numbers, and the band."""
    kinds = [c.kind for c in table.columns]
    last = kinds.index("band") if "band" in kinds else min(len(kinds), 4) - 1
    chosen = list(range(last + 1))
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    texts = [
        [table.columns[c].name for c in chosen],
        *([plain(row[c].content) for c in chosen] for row in rows),
    ]
    left, right = 770.0, WIDTH - MARGIN
    size = 22.0
    swatch = 22.0

    def widths(size: float) -> list[float]:
        found = []
        for c in range(len(chosen)):
            header = _width(texts[0][c], size, True)
            body = max((_width(row[c], size) for row in texts[1:]), default=0)
            extra = swatch if kinds[c] == "band" else 0
            found.append(max(header, body + extra) + 16)
        return found

    while sum(widths(size)) > right - left and size > 14:
        size -= 1
    columns = widths(size)
    row_height = size * 1.75
    y = top + row_height
    for r, row in enumerate(texts):
        strong = r == 0 or (table.total is not None and r == len(texts) - 1)
        x = left
        for c, value in enumerate(row):
            kind = kinds[c]
            colour = MUTED if r == 0 else INK
            if kind == "number" and r:
                items.append(Text(x + columns[c] - 12, y, value, size, colour, strong, "end"))
            elif kind == "number":
                items.append(Text(x + columns[c] - 12, y, value, size, colour, True, "end"))
            else:
                at = x
                cell = rows[r - 1][chosen[c]] if r else None
                if kind == "band" and cell is not None and cell.shade is not None:
                    mark = BANDS[round(cell.shade * (len(BANDS) - 1))]
                    half = size * 0.32
                    centre = (x + half + 2, y - size * 0.35)
                    items.append(Shape("square", (centre,), fill=mark, size=half))
                    at += swatch
                items.append(Text(at, y, value, size, colour, strong))
            x += columns[c]
        rule_y = y + size * 0.55
        items.append(
            Shape("line", ((left, rule_y), (left + sum(columns), rule_y)), "#c9d0d6", width=1)
        )
        y += row_height


def _items(document: Document, items: list[Text | Shape], top: float) -> str:
    """The document's first few items (sections kept whole, the shallowest found), each with its
    first line of words: for a plan, its first actions. Returns them in words."""
    kept = [b for b in walk(document.blocks) if isinstance(b, Section) and b.keep]
    if kept:
        level = min(b.level for b in kept)
        kept = [b for b in kept if b.level == level]
    y = top
    said = []
    shown = 0
    for section in kept[:MOST_ITEMS]:
        heading = _wrap(plain(section.title), WIDTH - 2 * MARGIN, 26, True)
        said_in = [b for b in section.blocks if isinstance(b, Paragraph)]
        # What is to be done, if it says, else how it stands.
        chosen = next((b for b in said_in if b.tone == "body"), said_in[0] if said_in else None)
        detail = plain(chosen.content) if chosen else ""
        details = _wrap(detail, WIDTH - 2 * MARGIN - 30, 21, most=1) if detail else []
        need = 34 * len(heading) + 30 * len(details) + 22
        if y + need > HEIGHT - 70:
            break
        for line in heading:
            y += 34
            items.append(Text(MARGIN, y, line, 26, bold=True))
        for line in details:
            y += 30
            items.append(Text(MARGIN + 30, y, line, 21, MUTED))
        y += 22
        said.append(plain(section.title) + (f" ({detail})" if detail else ""))
        shown += 1
    if len(kept) > shown:
        more = len(kept) - shown
        items.append(Text(MARGIN, HEIGHT - 40, f"… and {more:,} more.", 20, MUTED))
        said.append(f"and {more:,} more")
    if not kept:
        return ""
    return "; ".join(said) + "."


# The two formats.


def _attr(value: str) -> str:
    return escape(xml_safe(value), quote=True)


def _svg_item(item: Text | Shape) -> str:
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        anchor = f' text-anchor="{item.anchor}"' if item.anchor != "start" else ""
        return (
            f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{item.size:g}" '
            f'fill="{item.colour}"{weight}{anchor}>{_attr(item.text)}</text>'
        )
    stroke = (
        f' stroke="{item.stroke}" stroke-width="{item.width:g}" stroke-linejoin="round"'
        if item.stroke
        else ""
    )
    dash = ' stroke-dasharray="8 6"' if item.dashed else ""
    fill = f' fill="{item.fill}"' if item.fill else ' fill="none"'
    opacity = f' fill-opacity="{item.opacity:g}"' if item.opacity < 1 else ""
    style = f"{stroke}{dash}{fill}{opacity}"
    if item.kind == "rect":
        (x0, y0), (x1, y1) = item.points
        return f'<rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}"{style}/>'
    if item.kind == "line":
        (x0, y0), (x1, y1) = item.points
        return f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"{style}/>'
    if item.kind == "circle":
        (x, y) = item.points[0]
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{item.size:g}"{style}/>'
    if item.kind == "square":
        (x, y) = item.points[0]
        side = 2 * item.size
        return (
            f'<rect x="{x - item.size:.1f}" y="{y - item.size:.1f}" '
            f'width="{side:g}" height="{side:g}"{style}/>'
        )
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.points)
    return f'<polygon points="{points}"{style}/>'


def svg(document: Document) -> tuple[str, str]:
    """The picture as SVG, and its text alternative."""
    drawn = scene(document)
    body = "\n".join(_svg_item(item) for item in drawn.items)
    picture = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="title desc" '
        f'font-family="{FONTS}">\n'
        f'<title id="title">{_attr(drawn.title)}</title>\n'
        f'<desc id="desc">{_attr(drawn.description)}</desc>\n'
        f"{body}\n</svg>\n"
    )
    return picture, xml_safe(drawn.description)


def png(document: Document) -> tuple[bytes, str]:
    """The picture as PNG, 1920 by 1080, with its title and description in the file, and its
    text alternative."""
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    drawn = scene(document)
    size = (round(WIDTH * PNG_SCALE), round(HEIGHT * PNG_SCALE))
    image = Image.new("RGB", size, WHITE)
    for item in drawn.items:
        if isinstance(item, Shape) and item.opacity < 1 and item.fill:
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            ImageDraw.Draw(layer).polygon(
                _scaled(item.points), fill=(*_rgb(item.fill), round(255 * item.opacity))
            )
            image.paste(layer, (0, 0), layer)
            _png_shape(ImageDraw.Draw(image), Shape(**{**vars(item), "fill": None}))
            continue
        draw = ImageDraw.Draw(image)
        if isinstance(item, Text):
            _png_text(draw, item)
        else:
            _png_shape(draw, item)
    info = PngInfo()
    info.add_text("Title", xml_safe(drawn.title))
    info.add_text("Description", xml_safe(drawn.description))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, dpi=(144, 144))
    return buffer.getvalue(), xml_safe(drawn.description)


def _scaled(points: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    return [(x * PNG_SCALE, y * PNG_SCALE) for x, y in points]


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    pixels = round(size * PNG_SCALE)
    names = ["DejaVuSans-Bold.ttf", "arialbd.ttf"] if bold else ["DejaVuSans.ttf", "arial.ttf"]
    for folder in (*{p.parent for p in DEJAVU}, WINDOWS_ARIAL.parent):
        for name in names:
            if (folder / name).is_file():
                return ImageFont.truetype(str(folder / name), pixels)
    return ImageFont.load_default(size=pixels)


def _png_text(draw: ImageDraw.ImageDraw, item: Text) -> None:
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[item.anchor]
    draw.text(
        (item.x * PNG_SCALE, item.y * PNG_SCALE),
        item.text,
        fill=_rgb(item.colour),
        font=_font(item.size, item.bold),
        anchor=anchor,
    )


def _png_shape(draw: ImageDraw.ImageDraw, item: Shape) -> None:
    width = max(round(item.width * PNG_SCALE), 1)
    stroke = _rgb(item.stroke) if item.stroke else None
    fill = _rgb(item.fill) if item.fill else None
    if item.kind in ("circle", "square"):
        x, y = _scaled(item.points)[0]
        half = item.size * PNG_SCALE
        box = [(x - half, y - half), (x + half, y + half)]
        if item.kind == "circle":
            draw.ellipse(box, fill=fill, outline=stroke, width=width)
        else:
            draw.rectangle(box, fill=fill, outline=stroke, width=width)
        return
    points = _scaled(item.points)
    if item.kind == "rect":
        draw.rectangle(points, fill=fill)
        return
    if item.kind == "polygon":
        if fill is not None:
            draw.polygon(points, fill=fill)
        points = [*points, points[0]]
    if stroke is None:
        return
    if item.dashed:
        _dashed(draw, points, stroke, width)
    else:
        draw.line(points, fill=stroke, width=width, joint="curve")


def _dashed(
    draw: ImageDraw.ImageDraw,
    points: list[tuple[float, float]],
    colour: tuple[int, int, int],
    width: int,
) -> None:
    dash, gap = 8 * PNG_SCALE, 6 * PNG_SCALE
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1)
        at = 0.0
        while at < length:
            end = min(at + dash, length)
            draw.line(
                [
                    (x0 + (x1 - x0) * at / length, y0 + (y1 - y0) * at / length),
                    (x0 + (x1 - x0) * end / length, y0 + (y1 - y0) * end / length),
                ],
                fill=colour,
                width=width,
            )
            at = end + gap
