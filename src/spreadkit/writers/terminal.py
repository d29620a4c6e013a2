"""The terminal: a document drawn with Rich, laid out when it is drawn, from the width it is given
and the characters the console can show. Meaning is carried by words, not colour; a file gets
the same drawing as plain text.

Every string from the tree goes in as plain `Text` (so Rich never reads it as markup) with its
control characters made visible. Numbers never wrap; on a wide screen a score has a bar beside
it; a command to type has a line of its own and is never broken.
"""

from __future__ import annotations

import re

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

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
    Section,
    Strong,
    Table,
    plain,
)
from spreadkit.writers.drawing import BAR_WIDTH, Drawing, Look, bar, data, typed

# Worst to best, for a band's name: the word is always there too.
BAND_STYLES = ("red", "yellow", "green", "bright_green")
TONES = {"body": "", "lead": "bold", "aside": "dim"}


def _inlines(content: Inlines, style: str = "") -> Text:
    text = Text(style=style)
    for part in content:
        if isinstance(part, str):
            text.append_text(data(part))
        elif isinstance(part, Strong):
            text.append_text(data(part.text, "bold"))
        elif isinstance(part, Emphasis):
            text.append_text(data(part.text, "italic"))
        elif isinstance(part, Code):
            text.append_text(data(part.text, "bold"))
        elif isinstance(part, Link):
            text.append_text(data(part.text))
            text.append_text(data(f" ({part.url})", "dim"))
    return text


def _band_style(shade: float | None) -> str:
    return "dim" if shade is None else BAND_STYLES[round(shade * (len(BAND_STYLES) - 1))]


def _cell(cell: Cell, kind: str, look: Look, strong: bool) -> Text:
    text = _inlines(cell.content, "bold" if strong else "")
    if kind == "band":
        text.stylize(_band_style(cell.shade))
    elif kind == "change":
        words = text.plain
        up, down, same = look.arrows
        shown = words.replace("↑", up).replace("↓", down).replace("→", same)
        text = Text(shown, style="bold" if strong else "")
        text.stylize("green" if "up" in words else "red" if "down" in words else "")
    return text


def _plain(cell: Cell) -> str:
    return "".join(p if isinstance(p, str) else p.text for p in cell.content)


def _score(cell: Cell) -> float | None:
    try:
        return float(_plain(cell))
    except ValueError:
        return None


def _natural_width(table: Table) -> int:
    """About how wide the table is drawn with nothing wrapped: its borders and every column."""
    widths = [
        max([len(column.name), *(len(_plain(row[i])) for row in table.rows)])
        for i, column in enumerate(table.columns)
    ]
    return sum(widths) + 3 * len(widths) + 1


def _least_width(table: Table) -> int:
    """About how narrow the table can be drawn: every column as wide as its longest word (its
    whole value, for numbers, changes and bands, which do not wrap), with its borders."""
    widths = []
    for i, column in enumerate(table.columns):
        values = [_plain(row[i]) for row in table.rows]
        if column.kind == "text":
            values = [word for value in values for word in value.split()]
        widths.append(max([*(len(w) for w in column.name.split()), *map(len, values)]))
    return sum(widths) + 3 * len(widths) + 1


def _stacked(table: Table, look: Look) -> RenderableType:
    """A table too wide for the screen, one row at a time: its first cell as a heading, then each
    other column's name beside its value."""
    parts: list[RenderableType] = []
    kinds = [column.kind for column in table.columns]
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    for row in rows:
        parts.append(_inlines(row[0].content, "bold"))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="dim")
        grid.add_column()
        for column, cell, kind in zip(table.columns[1:], row[1:], kinds[1:], strict=True):
            grid.add_row(data(column.name), _cell(cell, kind, look, False))
        parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def _table(table: Table, look: Look) -> RenderableType:
    if _least_width(table) > look.width:
        return _stacked(table, look)
    # On a narrow screen the rules between columns give way to space, so every number stays whole.
    drawn = (
        RichTable(padding=(0, 1))
        if look.roomy
        else RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    )
    kinds = [column.kind for column in table.columns]
    # A bar beside the first score, in its band's colour, where there is room: it repeats what
    # the number says.
    barred = next(
        (
            i
            for i, c in enumerate(table.columns)
            if c.kind == "number" and "score" in c.name.lower()
        ),
        None,
    )
    if "band" not in kinds or _natural_width(table) + BAR_WIDTH + 3 > look.width:
        barred = None
    for index, column in enumerate(table.columns):
        # Headers may wrap between words; numbers, changes and (on a wide screen) bands never do.
        words = [w for row in table.rows for w in _plain(row[index]).split()] or [""]
        if column.kind in ("number", "change"):
            longest = max((len(_plain(row[index])) for row in table.rows), default=0)
            header = column.name if len(column.name) <= longest else column.name.replace(" ", "\n")
            drawn.add_column(header, justify="right", no_wrap=True)
        elif column.kind == "band":
            drawn.add_column(column.name, no_wrap=look.roomy)
        else:
            drawn.add_column(column.name, min_width=min(max(map(len, words)), 24))
        if index == barred:
            drawn.add_column("", no_wrap=True)
    rows = [(row, False) for row in table.rows]
    if table.total is not None:
        rows.append((table.total, True))
    for row, strong in rows:
        cells: list[RenderableType] = []
        for index, (cell, kind) in enumerate(zip(row, kinds, strict=True)):
            cells.append(_cell(cell, kind, look, strong))
            if index == barred:
                band = next((c for c, k in zip(row, kinds, strict=True) if k == "band"), None)
                style = _band_style(band.shade) if band else ""
                cells.append(Text(bar(_score(cell), look=look), style=style))
        drawn.add_row(*cells)
    return drawn


def _block(block: Block, look: Look) -> list[RenderableType]:
    if isinstance(block, Section):
        heading: RenderableType = _inlines(block.title, "bold")
        number = re.match(r"(\d+\.) ", plain(block.title))
        if number:
            # "12. A question that wraps" keeps its wrapped lines under its words.
            hanging = RichTable.grid(padding=(0, 1))
            hanging.add_column(no_wrap=True, justify="right")
            hanging.add_column()
            rest = _inlines(block.title, "bold")
            rest = rest[len(number.group()) :]
            hanging.add_row(Text(number.group(1), style="bold"), rest)
            heading = hanging
        inner: list[RenderableType] = []
        quoted = False
        for child in block.blocks:
            drawn = _block(child, look)
            # Notes one after another are one text, a line each: a hundred drawn as one take
            # half the time they take drawn one by one.
            if isinstance(child, Quote) and inner and isinstance(inner[-1], Text) and quoted:
                inner[-1].append("\n").append_text(drawn[0])  # type: ignore[arg-type]
            else:
                inner += drawn
            quoted = isinstance(child, Quote)
        if block.level <= 2:
            return [Text(), heading, *inner]
        return [Text(), heading, Padding(Group(*inner), (0, 0, 0, 3))]
    if isinstance(block, Paragraph):
        return [_inlines(block.content, TONES[block.tone])]
    if isinstance(block, BulletList | NumberedList):
        listing = RichTable.grid(padding=(0, 1))
        listing.add_column(no_wrap=True, justify="right")
        listing.add_column(overflow="fold")
        for place, item in enumerate(block.items, start=1):
            marker = f"{place}." if isinstance(block, NumberedList) else look.bullet
            listing.add_row(f"  {marker}", _inlines(item))
        return [listing]
    if isinstance(block, Table):
        return [_table(block, look)]
    if isinstance(block, Figure):
        return [data(block.alt, "dim")]
    if isinstance(block, Quote):
        opening, closing = look.quotes
        said = data(f"{opening}{' / '.join(block.text.splitlines())}{closing}", "italic")
        if block.by:
            said.append_text(data(f" ({block.by})", "dim"))
        return [said]
    if isinstance(block, Command):
        return [_inlines(block.lead, "dim"), typed(block.command, "dim")]
    raise TypeError(f"no drawing for {type(block).__name__}")


def write(document: Document) -> Drawing:
    def build(look: Look) -> Group:
        parts: list[RenderableType] = [data(document.title, "bold")]
        details = Text(style="dim")
        for label, value in document.details:
            if details:
                details.append(f" {look.between} ")
            details.append(f"{label}: ").append_text(_inlines(value))
        parts.append(details)
        after_section = False
        for block in document.blocks:
            if after_section and not isinstance(block, Section):
                parts.append(Text())  # a closing line set apart from the section above it
            parts += _block(block, look)
            after_section = isinstance(block, Section)
        return Group(*parts)

    return Drawing(build)
