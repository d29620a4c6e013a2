"""The comparison report: a baseline beside a later review, principle by principle, the questions
that moved, and with a plan, each action beside how its question moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.documents import parts
from spreadkit.documents.tree import (
    Block,
    Cell,
    Column,
    Document,
    Inlines,
    Paragraph,
    Section,
    Series,
    Strong,
    Table,
)
from spreadkit.model.wording import (
    COMPARE_TITLE,
    answered_between,
    band_change,
    change,
    score_text,
    when,
)
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Bank
    from spreadkit.model.comparison import Comparison, Span
    from spreadkit.model.reports import CompareView


def compare_document(view: CompareView) -> Document:
    bank, result = view.bank, view.comparison
    details: list[tuple[str, Inlines]] = []
    if view.report.made is not None:
        details.append(("Made", (when(view.report.made),)))
    details += [
        ("Baseline", (_side(result.baseline_respondents, result.answered[0]),)),
        ("Latest", (_side(result.latest_respondents, result.answered[1]),)),
        *parts.left_out(sum(result.left_out)),
        parts.bank_detail(bank),
    ]
    overall, bands = result.overall, result.overall_bands
    lead = Paragraph(
        (
            Strong(
                f"Overall: {score_text(overall.baseline)} → {score_text(overall.latest)} "
                f"({change(overall.delta)})"
            ),
            f"; {band_change(bands.baseline, bands.latest)}.",
        ),
        "lead",
    )
    blocks: list[Block] = [
        lead,
        _figure(bank, result),
        Section(2, ("Change by principle",), (_principles(bank, result),)),
        Section(2, (f"Questions that moved by {result.moved_by:g} or more",), _moved(result)),
    ]
    if view.actions:
        blocks.append(
            Section(2, ("The plan's actions, and how each question moved",), (_actions(view),))
        )
    blocks += parts.scale_and_bands(bank)
    return Document(
        title=view.report.title or COMPARE_TITLE,
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(bank),
        made=view.report.made,
        kind="compare",
    )


def _side(respondents: int, answered: Span | None) -> str:
    said = answered_between(answered)
    return plural(respondents, "respondent") + (f", answered {said}" if said else "")


def _figure(bank: Bank, result: Comparison) -> Block:
    from spreadkit.documents.radar import described_change

    names = [p.principle.name for p in result.principles]
    before = tuple(p.change.baseline for p in result.principles)
    after = tuple(p.change.latest for p in result.principles)
    return parts.radar(
        bank,
        "Baseline and latest readiness by principle",
        names,
        (Series("Baseline", before, "baseline"), Series("Latest", after, "latest")),
        described_change(names, list(before), list(after)),
    )


_SCORES = (Column("Baseline", "number"), Column("Latest", "number"), Column("Change", "change"))


def _principles(bank: Bank, result: Comparison) -> Table:
    rows = tuple(
        (
            parts.cell(p.principle.name),
            parts.score_cell(p.change.baseline),
            parts.score_cell(p.change.latest),
            parts.cell(change(p.change.delta)),
            _band(bank, p.bands.baseline, p.bands.latest),
        )
        for p in result.principles
    )
    total = (
        parts.cell("Overall"),
        parts.score_cell(result.overall.baseline),
        parts.score_cell(result.overall.latest),
        parts.cell(change(result.overall.delta)),
        _band(bank, result.overall_bands.baseline, result.overall_bands.latest),
    )
    return Table((Column("Principle"), *_SCORES, Column("Band", "band")), rows, total)


def _band(bank: Bank, before: Band | None, after: Band | None) -> Cell:
    """The band now, shaded, and whether it moved, in words."""
    return Cell((band_change(before, after),), parts.band_cell(bank, after).shade)


def _rating(value: float | None) -> str:
    """A side's mean rating: two places, in every row alike."""
    return "–" if value is None else f"{value:.2f}"


def _moved(result: Comparison) -> tuple[Block, ...]:
    if not result.moved:
        return (Paragraph(("None.",), "aside"),)
    rows = tuple(
        (
            parts.cell(f"{q.principle.name}: {q.question.text}"),
            parts.cell(_rating(q.change.baseline)),
            parts.cell(_rating(q.change.latest)),
            parts.cell(change(q.change.delta, 2)),
        )
        for q in result.moved
    )
    return (
        Paragraph(("A question's value on each side is its mean rating.",), "aside"),
        Table((Column("Question"), *_SCORES), rows),
    )


def _actions(view: CompareView) -> Table:
    rows = []
    for action, moved in view.actions_moved():
        found = view.bank.question(action.question_id)
        question = f"{found[0].name}: {found[1].text}" if found else action.question_id
        before = moved.change.baseline if moved else None
        after = moved.change.latest if moved else None
        rows.append(
            (
                parts.cell(question),
                parts.cell(action.action),
                parts.cell(action.owner),
                parts.cell(action.status),
                parts.cell(_rating(before)),
                parts.cell(_rating(after)),
                parts.cell(change(moved.change.delta if moved else None, 2)),
            )
        )
    columns = (
        Column("Question"),
        Column("Action"),
        Column("Owner"),
        Column("Status"),
        *_SCORES,
    )
    return Table(columns, tuple(rows))
