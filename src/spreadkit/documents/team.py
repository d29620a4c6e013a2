"""The team report: the team's scores with the range from its lowest to its highest respondent,
then the questions it disagrees on, each with how it was rated and what people wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.documents import parts
from spreadkit.documents.tree import (
    Block,
    Column,
    Document,
    Inlines,
    Paragraph,
    Quote,
    Section,
    Series,
    Table,
)
from spreadkit.model.safe import isolated
from spreadkit.model.team import RANKING
from spreadkit.model.wording import distribution, none_to_discuss, score_text, when
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank
    from spreadkit.model.reports import TeamView
    from spreadkit.model.team import TeamQuestion, TeamResult

DEFAULT_TITLE = "Team readiness"


def team_document(view: TeamView) -> Document:
    bank, result = view.bank, view.result
    details: list[tuple[str, Inlines]] = []
    if view.report.made is not None:
        details.append(("Made", (when(view.report.made),)))
    details += [
        ("Respondents", (f"{result.respondents:,}",)),
        *parts.left_out(result.left_out),
        parts.bank_detail(bank),
        (
            "Flagged for discussion",
            (f"questions whose ratings are {result.disagree} or more points apart",),
        ),
    ]
    low = result.weakest
    blocks: list[Block] = [
        parts.overall(
            result.overall, result.overall_band, (low.principle.name, low.score) if low else None
        ),
        Paragraph(
            ("A principle's team score is the mean of the respondents' scores for it.",), "aside"
        ),
        _figure(bank, result),
        Section(2, ("Team summary",), (_summary_table(bank, result),)),
        Section(2, ("Questions to discuss",), tuple(_discussion(view))),
        *parts.comments(
            [(p.principle.name, p.comments.kept, p.comments.more) for p in result.principles]
        ),
        *parts.scale_and_bands(bank),
    ]
    return Document(
        title=view.report.title or DEFAULT_TITLE,
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(bank),
        made=view.report.made,
        kind="team",
    )


def _figure(bank: Bank, result: TeamResult) -> Block:
    from spreadkit.documents.radar import described_team

    names = [p.principle.name for p in result.principles]
    scores = tuple(p.score for p in result.principles)
    ring = (tuple(p.min for p in result.principles), tuple(p.max for p in result.principles))
    return parts.radar(
        bank,
        "Team readiness by principle",
        names,
        (Series("Team score", scores, "latest"),),
        described_team(names, list(scores)),
        ring,
    )


def _summary_table(bank: Bank, result: TeamResult) -> Table:
    columns = (
        Column("Principle"),
        Column("Team score", "number"),
        Column("Lowest", "number"),
        Column("Highest", "number"),
        Column("Band", "band"),
        Column("Scored by", "number"),
    )
    rows = tuple(
        (
            parts.cell(p.principle.name),
            parts.score_cell(p.score),
            parts.score_cell(p.min),
            parts.score_cell(p.max),
            parts.band_cell(bank, p.band),
            parts.cell(f"{p.respondents:,} of {result.respondents:,}"),
        )
        for p in result.principles
    )
    return Table(columns, rows)


def _discussion(view: TeamView) -> list[Block]:
    result = view.result
    flagged = result.to_discuss()
    shown = flagged if view.top is None else flagged[: view.top]
    if not flagged:
        return [Paragraph((none_to_discuss(result.disagree),), "aside")]
    blocks: list[Block] = [Paragraph((f"Ranked {RANKING}.",), "aside")]
    blocks += [_question(number, item, view.names) for number, item in enumerate(shown, 1)]
    if len(shown) < len(flagged):
        said = f"{plural(len(flagged) - len(shown), 'more question')} flagged"
        blocks.append(parts.more_line(said, view.more))
    return blocks


def _question(number: int, item: TeamQuestion, names: bool) -> Section:
    """One question: its figures and its ratings on a line each, then the notes under them."""
    tally = item.tally
    figures = (
        f"Spread {tally.spread} (from {tally.min} to {tally.max}); mean {score_text(tally.mean)}, "
        f"median {tally.median:g}; {plural(tally.n, 'rating')}, "
        f"{tally.not_applicable} not applicable."
    )
    blocks: list[Block] = [
        Paragraph((figures,), "aside"),
        Paragraph((f"Ratings: {distribution(tally, names)}.",)),
    ]
    for author, rating, note in tally.notes:
        said = (
            f"rated {rating}"
            if isinstance(rating, int)
            else "not applicable"
            if rating
            else "no rating"
        )
        by = f"{isolated(author)}, {said}" if author else said
        blocks.append(Quote(note, by))
    if tally.more_notes:
        blocks.append(Paragraph((f"… and {plural(tally.more_notes, 'more note')}.",), "aside"))
    title = f"{number}. {item.principle.name}: {item.question.text}"
    return Section(3, (title,), tuple(blocks), keep=True)
