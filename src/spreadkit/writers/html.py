"""HTML: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) that reads on a
laptop, on a phone and on paper.

Every string from the tree goes through `_text` and nowhere else: escaped for HTML, with any
character that HTML and XML do not allow replaced, so a note such as `<script>` shows as text.
"""

from __future__ import annotations

from html import escape

from spreadkit.documents.radar import Point, label_lines
from spreadkit.documents.radar import Radar as Geometry
from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Code,
    Command,
    Document,
    Emphasis,
    Figure,
    Inlines,
    Link,
    NumberedList,
    Paragraph,
    Quote,
    Radar,
    Section,
    Strong,
    Table,
    plain,
)
from spreadkit.model.safe import isolated, link, sets_direction, xml_safe

# Light backgrounds, worst to best, behind a band's name: the word always carries the meaning.
BAND_COLOURS = ("#f9d6d2", "#fde4c0", "#fbf0b5", "#dcefd6", "#c8e8cf")

STYLE = (
    """
:root { --ink: #1d2125; --muted: #56606b; --rule: #c9d0d6; --grid: #8a949e; --latest: #1f5fa8;
  --baseline: #5f5f5f; --range: #9cc3ee; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background: #fff; max-width: 62rem; margin: 0 auto; padding: 1.5rem;
  overflow-wrap: break-word; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--rule);
  padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .2rem; }
.meta { color: var(--muted); margin: 0 0 1rem; padding: 0; list-style: none; }
.meta li { display: inline-block; margin-right: 1.5rem; }
.lead { font-size: 1.15rem; margin: .6rem 0 .2rem; }
.aside { color: var(--muted); }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
.chart-title { font-weight: 600; margin: 0 0 .3rem; }
svg.radar { width: 100%; max-width: 44rem; height: auto; display: block; }
.grid { fill: none; stroke: var(--grid); stroke-dasharray: 4 3; }
.grid-label { fill: var(--muted); font-size: 13px; }
.axis { stroke: var(--grid); }
.axis-label { fill: var(--ink); font-size: 17px; }
.range { fill: var(--range); fill-opacity: .45; stroke: #4f7fb8; stroke-width: 1.5; }
.series { fill: none; stroke-width: 3; }
.series.latest { stroke: var(--latest); fill: var(--latest); fill-opacity: .08; }
.series.baseline { stroke: var(--baseline); stroke-dasharray: 7 4; }
.marker.latest { fill: var(--latest); }
.marker.baseline { fill: #fff; stroke: var(--baseline); stroke-width: 2; }
.legend { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap;
  gap: .4rem 1.5rem; font-size: .95rem; }
.legend svg { vertical-align: middle; margin-right: .35rem; }
.table { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
th { background: #eef1f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid var(--rule); }
.band { border-radius: .3rem; padding: .05rem .45rem; white-space: nowrap; }
"""
    + "".join(
        f".band.shade-{n} {{ background: {colour}; }}\n" for n, colour in enumerate(BAND_COLOURS)
    )
    + """
blockquote { white-space: pre-wrap; margin: .3rem 0 .6rem; padding: .4rem .7rem;
  border-left: 4px solid var(--rule); background: #f7f8fa; }
blockquote p { margin: 0; }
blockquote .by { display: block; color: var(--muted); white-space: normal; margin-top: .2rem; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .95em; background: #f2f4f6;
  padding: 0 .2em; overflow-wrap: anywhere; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .9rem;
  border-top: 1px solid var(--rule); padding-top: .6rem; }
a { color: var(--latest); }
@media (max-width: 600px) {
  body { padding: .8rem; }
  h1 { font-size: 1.45rem; }
  .axis-label { font-size: 27px; }
  .grid-label { font-size: 21px; }
  .meta li { display: block; }
}
@page { size: A4; margin: 12mm 12mm 13mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.3; max-width: none; padding: 0; }
  h1 { font-size: 17pt; }
  h2 { font-size: 13pt; margin: 1.1rem 0 .35rem; }
  h3 { font-size: 11pt; margin: .8rem 0 .25rem; }
  h4 { font-size: 10pt; margin: .6rem 0 .15rem; }
  p, ul, ol { margin: .25rem 0; }
  li { margin: .1rem 0; }
  .meta { margin-bottom: .4rem; }
  th, td { padding: .1rem .35rem; font-size: 8.5pt; line-height: 1.25; }
  figure { margin: .4rem 0; }
  svg.radar { max-width: 105mm; margin: 0 auto; }
  .legend { font-size: 9pt; margin: .2rem 0; }
  figcaption { font-size: 8.5pt; }
  blockquote { padding: .2rem .5rem; margin: .2rem 0 .35rem; }
  footer { margin-top: 1rem; }
  h2, h3, h4 { break-after: avoid-page; }
  tr, .keep, figure, blockquote { break-inside: avoid-page; }
  .table { overflow: visible; }
  th, .band, .range, .series { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@media (forced-colors: active) {
  .axis-label, .grid-label { fill: CanvasText; }
  .series.latest, .series.baseline { stroke: CanvasText; }
  .marker.latest { fill: CanvasText; }
}
"""
)


_NUM = ' class="num"'
# The chart's look said in the SVG itself as well as in the style sheet, so that it still reads
# with styles turned off: rings and axes as grey lines, each series by its line and markers.
# Every line that carries meaning has a contrast of at least 3:1 against white.
_GRID = 'fill="none" stroke="#8a949e" stroke-dasharray="4 3"'
_GRID_LABEL = 'fill="#56606b" font-size="13"'
_AXIS = 'stroke="#8a949e"'
_AXIS_LABEL = 'fill="#1d2125" font-size="17"'
_RANGE = 'fill="#9cc3ee" fill-opacity="0.45" stroke="#4f7fb8" stroke-width="1.5"'
_SERIES = {
    "latest": 'fill="#1f5fa8" fill-opacity="0.08" stroke="#1f5fa8" stroke-width="3"',
    "baseline": 'fill="none" stroke="#5f5f5f" stroke-width="3" stroke-dasharray="7 4"',
}
_MARKER = {
    "latest": 'fill="#1f5fa8"',
    "baseline": 'fill="#ffffff" stroke="#5f5f5f" stroke-width="2"',
}


def _text(value: str) -> str:
    """Text for the page: escaped, and held in <bdi> if it sets the direction of what follows,
    so that a right-to-left override in a note or name cannot reorder the rest of its line."""
    escaped = escape(xml_safe(value))
    return f"<bdi>{escaped}</bdi>" if sets_direction(value) else escaped


def _attribute(value: str) -> str:
    """Text where no element may go (an attribute, the page's title, the chart's own text):
    escaped, and held in an isolate made of characters if it sets the direction."""
    return escape(xml_safe(isolated(value)))


def _inlines(content: Inlines) -> str:
    out = []
    for part in content:
        if isinstance(part, str):
            out.append(_text(part))
        elif isinstance(part, Strong):
            out.append(f"<strong>{_text(part.text)}</strong>")
        elif isinstance(part, Emphasis):
            out.append(f"<em>{_text(part.text)}</em>")
        elif isinstance(part, Code):
            out.append(f"<code>{_text(part.text)}</code>")
        elif isinstance(part, Link):
            address = link(part.url)
            out.append(
                f'<a href="{_attribute(address)}">{_text(part.text)}</a>'
                if address
                else f"{_text(part.text)} ({_text(part.url)})"
            )
    return "".join(out)


def _cell(cell: Cell, kind: str) -> str:
    body = _inlines(cell.content)
    if kind == "band" and cell.shade is not None:
        shade = round(cell.shade * (len(BAND_COLOURS) - 1))
        body = f'<span class="band shade-{shade}">{body}</span>'
    return f'<td class="num">{body}</td>' if kind == "number" else f"<td>{body}</td>"


def _table(table: Table, label: str) -> str:
    heads = "".join(
        f'<th scope="col"{_NUM if c.kind == "number" else ""}>{_text(c.name)}</th>'
        for c in table.columns
    )
    kinds = [column.kind for column in table.columns]
    rows = [
        "<tr>" + "".join(_cell(c, k) for c, k in zip(row, kinds, strict=True)) + "</tr>"
        for row in table.rows
    ]
    if table.total is not None:
        cells = "".join(_cell(c, k) for c, k in zip(table.total, kinds, strict=True))
        rows.append(f'<tr class="total">{cells}</tr>')
    # A wide table scrolls in its own box on a narrow screen, never the page; the box can be
    # reached and scrolled from the keyboard.
    return (
        f'<div class="table" role="region" aria-label="{_attribute(label)}" tabindex="0"><table>'
        f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _chart(chart: Radar, alt: str, number: int) -> str:
    """The radar chart as SVG: rings at the band edges, an axis per principle, the team's range
    shaded, and each series told apart by line and marker shape as well as colour."""
    geometry = Geometry(len(chart.axes))
    ident = f"chart-{number}"
    out = [
        f'<svg class="radar" viewBox="-50 0 800 480" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{_attribute(chart.title)}</title>',
        f'<desc id="{ident}-desc">{_attribute(alt)}</desc>',
    ]
    for edge in [*chart.edges, 100]:
        at = geometry.point(0, edge)
        points = geometry.polygon([edge] * len(chart.axes))
        out.append(f'<polygon class="grid" points="{points}" {_GRID}/>')
        out.append(
            f'<text class="grid-label" x="{at.x + 4:.1f}" y="{at.y - 3:.1f}" {_GRID_LABEL}>'
            f"{edge:g}</text>"
        )
    unscored = [all(s.scores[i] is None for s in chart.series) for i in range(len(chart.axes))]
    for i, name in enumerate(chart.axes):
        end = geometry.point(i, 100)
        out.append(
            f'<line class="axis" {_AXIS} x1="{geometry.cx:.1f}" y1="{geometry.cy:.1f}" '
            f'x2="{end.x:.1f}" y2="{end.y:.1f}"/>'
        )
        out.append(_label(geometry, i, name, unscored[i]))
    if chart.ring is not None:
        out.append(
            f'<path class="range" d="{geometry.ring(*chart.ring)}" fill-rule="evenodd" {_RANGE}/>'
        )
    for series in chart.series:
        out.append(
            f'<polygon class="series {series.style}" {_SERIES[series.style]} '
            f'points="{geometry.polygon(list(series.scores))}"/>'
        )
        for i, score in enumerate(series.scores):
            if score is not None:
                out.append(_marker(geometry.point(i, score), series.style))
    out.append("</svg>")
    return "".join(out)


def _label(geometry: Geometry, axis: int, name: str, unscored: bool) -> str:
    at, anchor = geometry.label(axis)
    lines = label_lines(name, 12)
    if unscored:
        lines.append("(not scored)")
    # Labels above the centre grow upwards, so their last line stays clear of the rim.
    first = 5 - 18 * (len(lines) - 1) if at.y < geometry.cy - 1 else 5
    spans = "".join(
        f'<tspan x="{at.x:.1f}" dy="{first if n == 0 else 18}">{_attribute(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text class="axis-label" {_AXIS_LABEL} x="{at.x:.1f}" y="{at.y:.1f}" '
        f'text-anchor="{anchor}">{spans}</text>'
    )


def _marker(at: Point, style: str) -> str:
    if style == "latest":
        return f'<circle class="marker latest" {_MARKER["latest"]} cx="{at.x:.1f}" cy="{at.y:.1f}" r="5"/>'
    return (
        f'<rect class="marker baseline" {_MARKER["baseline"]} x="{at.x - 5:.1f}" y="{at.y - 5:.1f}" '
        'width="10" height="10"/>'
    )


def _legend(chart: Radar) -> str:
    items = []
    for series in chart.series:
        mark = (
            f'<circle cx="17" cy="7" r="4.5" class="marker latest" {_MARKER["latest"]}/>'
            if series.style == "latest"
            else f'<rect x="12.5" y="2.5" width="9" height="9" class="marker baseline" '
            f"{_MARKER['baseline']}/>"
        )
        words = "solid line, dots" if series.style == "latest" else "dashed line, squares"
        items.append(
            f'<li><svg width="34" height="14" aria-hidden="true"><line x1="1" y1="7" x2="33" '
            f'y2="7" class="series {series.style}" {_SERIES[series.style]}/>{mark}</svg>{_text(series.name)} ({words})</li>'
        )
    if chart.ring is not None:
        items.append(
            '<li><svg width="34" height="14" aria-hidden="true"><rect x="1" y="1" width="32" '
            f'height="12" class="range" {_RANGE}/></svg>'
            "Shaded: from the lowest to the highest respondent</li>"
        )
    items.append(f'<li class="aside">Dashed rings: band edges ({_text(chart.bands)})</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


class _Writer:
    def __init__(self) -> None:
        self.figures = 0
        self.tables = 0
        self.heading = ""  # the section a table is in, to name its scrolling box

    def block(self, block: Block) -> str:
        if isinstance(block, Section):
            self.heading = plain(block.title)
            inner = "".join(self.block(b) for b in block.blocks)
            level = min(block.level, 6)
            keep = ' class="keep"' if block.keep else ""
            return f"<section{keep}><h{level}>{_inlines(block.title)}</h{level}>{inner}</section>"
        if isinstance(block, Paragraph):
            tone = "" if block.tone == "body" else f' class="{block.tone}"'
            return f"<p{tone}>{_inlines(block.content)}</p>"
        if isinstance(block, BulletList):
            return "<ul>" + "".join(f"<li>{_inlines(i)}</li>" for i in block.items) + "</ul>"
        if isinstance(block, NumberedList):
            return "<ol>" + "".join(f"<li>{_inlines(i)}</li>" for i in block.items) + "</ol>"
        if isinstance(block, Table):
            self.tables += 1
            return _table(block, f"Table {self.tables}: {self.heading}")
        if isinstance(block, Figure):
            self.figures += 1
            return (
                f'<figure><p class="chart-title" aria-hidden="true">{_text(block.chart.title)}</p>'
                f"{_chart(block.chart, block.alt, self.figures)}{_legend(block.chart)}"
                f"<figcaption>{_text(block.caption)}</figcaption></figure>"
            )
        if isinstance(block, Quote):
            by = f'<span class="by">— {_text(block.by)}</span>' if block.by else ""
            return f"<blockquote><p>{_text(block.text)}</p>{by}</blockquote>"
        if isinstance(block, Command):
            return (
                f'<p class="aside">{_inlines(block.lead)}<br>'
                f"<code>{_text(block.command)}</code></p>"
            )
        raise TypeError(f"no HTML for {type(block).__name__}")


def write(document: Document) -> str:
    writer = _Writer()
    details = "".join(
        f"<li><strong>{_text(label)}:</strong> {_inlines(value)}</li>"
        for label, value in document.details
    )
    body = "\n".join(writer.block(block) for block in document.blocks)
    footer = f"<footer>{_inlines(document.footer)}</footer>" if document.footer else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="spreadkit">\n'
        f"<title>{_attribute(document.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>{_text(document.title)}</h1><ul class="meta">{details}</ul></header>\n'
        f"<main>\n{body}\n</main>\n{footer}\n</body>\n</html>\n"
    )
