"""Pieces every report is built from, said once: the overall line, a band cell, the chart, the
rating scale and bands, and the footer that names the source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Command,
    Figure,
    Inlines,
    Link,
    Paragraph,
    Quote,
    Radar,
    Section,
    Series,
    Strong,
)
from spreadkit.model.safe import isolated
from spreadkit.model.wording import band_label, band_range, score_text, weakest_words
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Bank

# How many priorities, strengths or questions to discuss a report shows before it says how many
# more there are: on the screen, in every document and at the end of an assessment alike.
SHOWN = 5
CAPTION = (
    "Scores out of 100; the centre is 0, and a principle not scored yet is drawn at the centre. "
    "Every number in the chart is in the table that follows."
)


def band_cell(bank: Bank, band: Band | None) -> Cell:
    """A band's name, and where it stands from worst to best for a format that shades it."""
    if band is None:
        return Cell(("not scored",))
    index = next((i for i, known in enumerate(bank.bands) if known is band), 0)
    place = index / max(len(bank.bands) - 1, 1)
    return Cell((band.label,), shade=place)


def cell(value: str) -> Cell:
    return Cell((value,))


def score_cell(score: float | None) -> Cell:
    """A score in a table: "–" where there is none, since the band beside it says "not scored"."""
    return Cell((score_text(score, "–"),))


def left_out(count: int) -> list[tuple[str, Inlines]]:
    """Said on every report made with --skip-invalid that had to leave files out."""
    if not count:
        return []
    return [("Left out", (f"{plural(count, 'file')} that could not be read (listed when made)",))]


def bank_detail(bank: Bank) -> tuple[str, Inlines]:
    return ("Question bank", (f"{bank.title} ({bank.id} {bank.version})",))


def overall(
    score: float | None, band: Band | None, weakest: tuple[str, float | None] | None
) -> Paragraph:
    """The verdict a reader looks for first: the overall score, its band and the principle that
    lags, since an average can hide one."""
    if score is None:
        return Paragraph(
            (Strong("Overall: not scored yet"), " (no question has a rating)."), "lead"
        )
    words = f"Overall: {score_text(score)} out of 100, {band_label(band)}"
    tail = f"; {weakest_words(*weakest)}." if weakest else "."
    return Paragraph((Strong(words), tail), "lead")


def radar(
    bank: Bank,
    title: str,
    axes: Sequence[str],
    series: Sequence[Series],
    alt: str,
    ring: tuple[tuple[float | None, ...], tuple[float | None, ...]] | None = None,
) -> Figure:
    from spreadkit.documents.radar import band_edges

    # Each label held apart, so one that sets the direction cannot reorder the rest.
    bands = ", ".join(f"{isolated(b.label)} {b.min:g}–{b.max:g}" for b in bank.bands)
    chart = Radar(title, tuple(axes), tuple(series), tuple(band_edges(bank)), bands, ring)
    return Figure(chart, alt, CAPTION)


def more_line(said: str, command: str | None) -> Paragraph | Command:
    """ "3 more questions flagged", with the command that shows them all where there is one."""
    if command:
        return Command((f"{said}; to see them all, type:",), command)
    return Paragraph((f"{said}.",), "aside")


def scale_and_bands(bank: Bank) -> tuple[Section, Section]:
    scale = Section(
        2,
        ("Rating scale",),
        (
            BulletList(
                tuple(
                    (Strong(f"{level.value} {level.label}:"), f" {level.description}")
                    for level in bank.scale
                )
            ),
        ),
    )
    about = (Paragraph((bank.about_bands,)),) if bank.about_bands else ()
    bands = Section(
        2,
        ("Bands",),
        (
            *about,
            BulletList(
                tuple(
                    (Strong(band.label), f" ({band_range(band)})")
                    + ((f": {band.description}",) if band.description else ())
                    for band in bank.bands
                )
            ),
        ),
    )
    return scale, bands


COMMENTS = "Comments on the principles"


def comments(said: Sequence[tuple[str, Sequence[tuple[str | None, str]], int]]) -> list[Section]:
    """What was written about each principle as a whole (a survey's comment questions), a
    heading to each principle that has any; nothing when none has. Each item is the principle's
    name, the comments with their authors (None when names are not shown), and how many more
    were written than kept."""
    sections = []
    for name, kept, more in said:
        if not kept:
            continue
        blocks: list[Block] = [
            Quote(text, isolated(author) if author else "") for author, text in kept
        ]
        if more:
            blocks.append(Paragraph((f"… and {plural(more, 'more comment')}.",), "aside"))
        sections.append(Section(3, (name,), tuple(blocks)))
    return [Section(2, (COMMENTS,), tuple(sections))] if sections else []


def bands_line(bank: Bank) -> Paragraph:
    """The bands on one line, for a short report that has no room for their section."""
    listed = "; ".join(f"{band.label} {band_range(band)}" for band in bank.bands)
    about = f" {bank.about_bands}" if bank.about_bands else ""
    return Paragraph((f"Bands: {listed}.{about}",), "aside")


def footer(bank: Bank) -> Inlines:
    source = bank.source
    return (
        "Questions based on ",
        Link(source.title, source.url),
        f" ({source.publisher})" if source.publisher else "",
        ", written for spreadkit in its own words.",
    )
