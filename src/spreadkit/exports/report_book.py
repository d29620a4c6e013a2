"""The team's and the programme's workbooks: their tables, for a facilitator to sort and filter
in Excel, written by `table_book` (a team of thousands, with its notes, in well under a second)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from spreadkit.exports.table_book import ONE_DECIMAL, WHOLE, Sheet, workbook
from spreadkit.model.wording import band_label, distribution

if TYPE_CHECKING:
    from spreadkit.model.reports import ProgrammeView, TeamView


def team(view: TeamView) -> bytes:
    """A Summary sheet, a Questions sheet (the team CSV's columns, numbers as numbers), the
    questions to Discuss with their notes, and the Comments on principles when anyone wrote
    one."""
    from spreadkit.exports.team_sheet import team_rows

    result = view.result
    figures: list[Sequence[Any]] = [
        (p.principle.name, p.score, p.min, p.max, p.respondents, band_label(p.band))
        for p in result.principles
    ]
    # Scored by, for the whole: everyone whose answers were read.
    figures.append(
        ("Overall", result.overall, None, None, result.respondents, band_label(result.overall_band))
    )
    summary = Sheet(
        "Summary",
        "TeamSummary",
        ["principle", "team score", "lowest", "highest", "scored by", "band"],
        (26, 12, 10, 10, 12, 20),
        figures,
        formats={2: ONE_DECIMAL, 3: ONE_DECIMAL, 4: ONE_DECIMAL, 5: WHOLE},
        strong=frozenset({len(figures) + 1}),
    )
    head, *rows = team_rows(view, numbers=True)
    names = [str(c) for c in head]
    # Counts and ratings whole; the mean and median to one decimal place.
    formats = {column: WHOLE for column in range(4, len(names) + 1)}
    formats[names.index("mean") + 1] = formats[names.index("median") + 1] = ONE_DECIMAL
    formats.pop(names.index("discuss") + 1)
    questions = Sheet(
        "Questions",
        "TeamQuestions",
        names,
        [16, 30, 60] + [10] * (len(names) - 3),
        rows,
        wrap=frozenset({3}),
        formats=formats,
    )
    sheets = [summary, questions, _discuss(view), *_comments(view)]
    return workbook(sheets)


def _discuss(view: TeamView) -> Sheet:
    """The flagged questions, ranked: how each was rated (by name with --names), then its notes,
    a row for each note."""
    rows: list[Sequence[Any]] = []
    for rank, item in enumerate(view.result.to_discuss(), start=1):
        tally = item.tally
        notes = tally.notes or [(None, None, "")]
        mean = None if tally.mean is None else round(tally.mean, 2)
        ratings = distribution(tally, view.names)
        for author, rating, note in notes:
            rows.append(
                (
                    rank,
                    item.principle.name,
                    item.question.text,
                    tally.spread,
                    mean,
                    ratings,
                    author if view.names and author else "",
                    rating,  # a number, or n/a
                    note,
                )
            )
    return Sheet(
        "Discuss",
        "ToDiscuss",
        [
            "rank",
            "principle",
            "question",
            "spread",
            "mean",
            "ratings",
            "who said",
            "rating",
            "note",
        ],
        (6, 20, 50, 8, 8, 30, 16, 10, 60),
        rows,
        wrap=frozenset({3, 6, 9}),
        formats={1: WHOLE, 4: WHOLE, 5: ONE_DECIMAL, 8: WHOLE},
    )


def _comments(view: TeamView) -> list[Sheet]:
    """What people wrote about each principle as a whole, a row each, when anyone did."""
    rows = [
        (p.principle.name, author if view.names and author else "", text)
        for p in view.result.principles
        for author, text in p.comments.kept
    ]
    if not rows:
        return []
    columns = ["principle", "who said", "comment"]
    return [Sheet("Comments", "Comments", columns, (20, 16, 80), rows, wrap=frozenset({3}))]


def programme(view: ProgrammeView) -> bytes:
    """The programme CSV's rows as an Excel table: a row per site, round and principle, scores
    as numbers shown to one decimal place, a filter on every column."""
    from spreadkit.exports.programme_sheet import COLUMNS, programme_rows

    rows = [
        [*row[:4], "yes" if row[4] else "no", "yes" if row[5] else "no", *row[6:]]
        for row in programme_rows(view)
    ]
    widths = [24, 22, 12, 12, 8, 8, 24, 8, 18, 14, 18]
    sheet = Sheet(
        "Programme", "Programme", COLUMNS, widths, rows, formats={8: ONE_DECIMAL, 10: ONE_DECIMAL}
    )
    return workbook([sheet])
