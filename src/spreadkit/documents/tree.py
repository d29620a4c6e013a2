"""The document tree: only what the reports need, typed, and nothing about any format.

Inline content is a tuple of plain strings and a few marks (strong, emphasis, code, link). Blocks
are headings in sections, paragraphs, lists, tables whose columns say what kind of value they
hold, figures with their text alternative, notes quoted from people, and commands to type. Every
string in a tree is plain text as people wrote it: each writer escapes it for its own format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """Something to type, kept whole and shown as code in every format."""

    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link; a writer makes it live only if the address is one that may be (see safe.link)."""

    text: str
    url: str


Inline = str | Strong | Emphasis | Code | Link
Inlines = tuple[Inline, ...]


def plain(content: Inlines) -> str:
    """The words of inline content without their marks: for a heading's text, a test, or a
    format that shows no marks."""
    return "".join(part if isinstance(part, str) else part.text for part in content)


# How a paragraph reads: the body; a lead line, the verdict a reader looks for first; an aside,
# quieter, for what explains the rest.
Tone = Literal["body", "lead", "aside"]
# What a column holds, so each format can align and mark it: numbers align right, a band is
# shaded, a change is told by its words (and coloured where a format can).
ColumnKind = Literal["text", "number", "band", "change"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: Inlines
    tone: Tone = "body"


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Inlines, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    items: tuple[Inlines, ...]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColumnKind = "text"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; `shade` places a band from worst (0) to best (1), for a format that colours
    bands; the band's name is always in the text."""

    content: Inlines
    shade: float | None = None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None  # a last row that sums the others up, shown strong


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    scores: tuple[float | None, ...]
    style: Literal["latest", "baseline"]  # a solid line with dots, or dashed with squares


@dataclass(frozen=True, slots=True)
class Radar:
    """A radar chart of scores out of 100, one axis per principle."""

    title: str
    axes: tuple[str, ...]
    series: tuple[Series, ...]
    edges: tuple[float, ...]  # where one band meets the next: rings on the chart
    bands: str  # the bands in words, for the legend
    ring: tuple[tuple[float | None, ...], tuple[float | None, ...]] | None = None  # lowest, highest


@dataclass(frozen=True, slots=True)
class Figure:
    chart: Radar
    alt: str  # the chart in words: what a format without pictures shows, and a screen reader reads
    caption: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A note in someone's own words, and whose or with what rating (empty when neither)."""

    text: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class Command:
    """A lead-in and a command to type, on a line of its own so it is never broken."""

    lead: Inlines
    command: str


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what it heads. `keep` asks a paged format to keep it on one page where it
    fits (a question and its ratings, say), rather than leave its heading at a page's foot."""

    level: int
    title: Inlines
    blocks: tuple[Block, ...]
    keep: bool = False


Block = Paragraph | BulletList | NumberedList | Table | Figure | Quote | Command | Section


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    details: tuple[tuple[str, Inlines], ...]  # label and value, shown under the title
    blocks: tuple[Block, ...]
    footer: Inlines = ()
    author: str = ""  # for a format's document properties; empty when no one is named
    made: datetime | None = None
    kind: str = "report"  # what the report is, for a format that names it: "person", "team", ...


def walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, sections' own blocks included, in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, Section):
            yield from walk(block.blocks)


def headings(document: Document) -> list[tuple[int, str]]:
    """Each section's level and words, in order: what every format must show alike."""
    return [(b.level, plain(b.title)) for b in walk(document.blocks) if isinstance(b, Section)]
