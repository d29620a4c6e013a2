"""The radar chart as a picture (PNG, with Pillow), drawn at print resolution for a Word report:
the same geometry as the HTML chart (radar.py), in the same colours, told apart by shape too."""

from __future__ import annotations

import functools
import itertools
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, _imaging

from spreadkit.documents.radar import Point, Radar, label_lines
from spreadkit.documents.tree import Radar as Chart

# 7 by 5 inches at 180 dots an inch: sharp in print at the size a report shows it, and quick
# to draw and pack. Every length below is scaled from a 2100-pixel drawing by SCALE.
DPI = 180
SCALE = 0.6
WIDTH, HEIGHT = 1260, 900
INK = (29, 33, 37)
RULE = (138, 148, 158)  # #8a949e: 3:1 against white, as in the HTML chart
COLOURS = {"latest": (31, 95, 168), "baseline": (107, 107, 107), "range": (156, 195, 238)}
RANGE_OPACITY = 140  # of 255: the shaded range shows the grid through it


@dataclass(frozen=True)
class Line:
    """One score line on the chart: its name, its colour's name and its markers' shape."""

    name: str
    css: str  # "latest" or "baseline"
    scores: Sequence[float | None]
    marker: str  # "circle" or "square"


def radar_png(
    names: Sequence[str],
    lines: Sequence[Line],
    edges: Sequence[float],
    ring: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    text_size: int = 34,
) -> bytes:
    """The chart: dashed rings at the band edges, an axis per principle, the range between the
    lowest and highest respondent shaded (a team), and each line with its markers. A larger
    `text_size` (for a slide) leaves more room round the chart for its labels."""
    radius = HEIGHT * (0.36 if text_size <= 34 else 0.31)
    radar = Radar(len(names), cx=WIDTH / 2, cy=HEIGHT / 2 + _px(20), radius=radius)
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    if ring is not None:
        _shade(image, radar, ring)
    draw = ImageDraw.Draw(image)
    font = _font(_px(text_size))
    for edge in edges:
        ring_points = [radar.point(i, edge) for i in range(len(names))]
        _dashed(draw, [*ring_points, ring_points[0]], RULE, _px(3))
        at = radar.point(0, edge)
        draw.text((at.x + _px(10), at.y - _px(40)), f"{edge:g}", fill=RULE, font=_font(_px(28)))
    for i, name in enumerate(names):
        end = radar.point(i, 100)
        draw.line([(radar.cx, radar.cy), (end.x, end.y)], fill=RULE, width=_px(3))
        _label(draw, radar, i, name, font, _px(text_size * 1.24))
    for line in lines:
        colour = COLOURS[line.css]
        points = [radar.point(i, s or 0) for i, s in enumerate(line.scores)]
        outline = [(p.x, p.y) for p in [*points, points[0]]]
        if line.css == "baseline":
            _dashed(draw, [*points, points[0]], colour, _px(7))
        else:
            draw.line(outline, fill=colour, width=_px(7), joint="curve")
        for score, point in zip(line.scores, points, strict=True):
            if score is not None:
                _marker(draw, point, colour, line.marker)
    return _png(image)


def _png(image: Image.Image) -> bytes:
    """The picture as a PNG, packed here rather than by Pillow, which first loads its readers of
    five other kinds of picture: quick to pack rather than small, for a picture inside a
    document, each row as it is and the whole squeezed once."""
    width, height = image.size
    per_metre = round(DPI / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(_rows(image), 1)),
            _chunk(b"IEND", b""),
        )
    )


def _rows(image: Image.Image) -> bytes:
    """An RGB picture's rows as PNG stores them, each after a 0 (no filter): read a row at a
    time with Pillow's own raw encoder, as Image.tobytes reads them but without the file
    machinery tobytes loads first (and Python's logging with it), about 9 ms of the 0.3 s a Word
    report takes."""
    width, height = image.size
    encoder = _imaging.raw_encoder("RGB", "RGB")
    encoder.setimage(image.im, (0, 0, width, height))
    rows = [b""]
    status = 0
    while not status:
        _, status, row = encoder.encode(width * 3)  # room for one row, so one row each time
        rows.append(row)
    encoder.cleanup()
    if status < 0:
        raise RuntimeError(f"Pillow could not read the chart's pixels (error {status}).")
    return b"\0".join(rows)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _px(length: float) -> int:
    """A length of the 2100-pixel drawing, at this picture's size."""
    return max(1, round(length * SCALE))


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _shade(
    image: Image.Image, radar: Radar, ring: tuple[Sequence[float | None], Sequence[float | None]]
) -> None:
    """The band between the lowest and the highest respondent, translucent."""
    lows, highs = ring
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    outer = [(p.x, p.y) for p in (radar.point(i, s or 0) for i, s in enumerate(highs))]
    inner = [(p.x, p.y) for p in (radar.point(i, s or 0) for i, s in enumerate(lows))]
    draw.polygon(outer, fill=(*COLOURS["range"], RANGE_OPACITY))
    draw.polygon(inner, fill=(255, 255, 255, 255))
    image.paste(layer, (0, 0), layer)


def _dashed(
    draw: ImageDraw.ImageDraw, points: list[Point], colour: tuple[int, int, int], width: int
) -> None:
    for start, end in itertools.pairwise(points):
        length = max(((end.x - start.x) ** 2 + (end.y - start.y) ** 2) ** 0.5, 1)
        steps = int(length // _px(24))
        for n in range(0, steps, 2):
            a, b = n / steps if steps else 0, min((n + 1) / steps, 1) if steps else 1
            draw.line(
                [
                    (start.x + (end.x - start.x) * a, start.y + (end.y - start.y) * a),
                    (start.x + (end.x - start.x) * b, start.y + (end.y - start.y) * b),
                ],
                fill=colour,
                width=width,
            )


def _marker(draw: ImageDraw.ImageDraw, at: Point, colour: tuple[int, int, int], shape: str) -> None:
    size = _px(14)
    box = [(at.x - size, at.y - size), (at.x + size, at.y + size)]
    if shape == "circle":
        draw.ellipse(box, fill=colour)
    else:
        draw.rectangle(box, fill="white", outline=colour, width=_px(5))


def _label(
    draw: ImageDraw.ImageDraw,
    radar: Radar,
    axis: int,
    name: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    height: int = 42,
) -> None:
    at, anchor = radar.label(axis, offset=_px(40))
    lines = label_lines(name, 14)
    horizontal = {"start": "l", "end": "r", "middle": "m"}[anchor]
    top = at.y - (height * len(lines)) if at.y < radar.cy - 1 else at.y - height / 2
    for n, line in enumerate(lines):
        draw.text((at.x, top + n * height), line, fill=INK, font=font, anchor=f"{horizontal}t")


def chart_png(chart: Chart, text_size: int = 34) -> bytes:
    """A document's radar chart as a PNG: each series a line, told apart by its markers."""
    lines = [
        Line(s.name, s.style, s.scores, "circle" if s.style == "latest" else "square")
        for s in chart.series
    ]
    return radar_png(list(chart.axes), lines, list(chart.edges), chart.ring, text_size)
