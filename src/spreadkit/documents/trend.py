"""The trend report: three or more rounds side by side, principle by principle, with the change
since the first and since the last round, the band in every round, the questions that moved
most, and with a plan, each action beside its question's rating in every round."""

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
    Strong,
    Table,
)
from spreadkit.model.wording import answered_between, band_change, change, score_text, when
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank
    from spreadkit.model.reports import TrendView
    from spreadkit.model.trend import Line, Trend

TREND_TITLE = "Readiness over time"


def _answered(result: Trend) -> list[tuple[str, Inlines]]:
    """When each round was answered, where its files say."""
    said = [
        f"{r.name}: {answered_between(span)}"
        for r, span in zip(result.rounds, result.answered, strict=True)
        if span is not None
    ]
    return [("Answered", ("; ".join(said),))] if said else []


def trend_document(view: TrendView) -> Document:
    bank, result = view.bank, view.trend
    details: list[tuple[str, Inlines]] = []
    if view.report.made is not None:
        details.append(("Made", (when(view.report.made),)))
    respondents = ", ".join(f"{r.respondents:,}" for r in result.rounds)
    details += [
        ("Rounds", (str(len(result.rounds)),)),
        ("Respondents", (respondents,)),
        *_answered(result),
        parts.bank_detail(bank),
    ]
    overall = result.overall
    path = " → ".join(score_text(score, "–") for score in overall.scores)
    lead = Paragraph(
        (
            Strong(f"Overall: {path}"),
            f" ({change(overall.since_first)} since the first round); "
            f"{band_change(overall.bands[0], overall.bands[-1])}.",
        ),
        "lead",
    )
    blocks: list[Block] = [
        lead,
        Section(2, ("Scores in every round",), (_scores(result),)),
        Section(2, ("Bands in every round",), (_bands(bank, result),)),
        Section(2, ("Questions that moved most",), _moved(result)),
    ]
    if view.actions:
        blocks.append(
            Section(
                2, ("The plan's actions, and their questions in every round",), (_actions(view),)
            )
        )
    blocks += parts.scale_and_bands(bank)
    return Document(
        title=view.report.title or TREND_TITLE,
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(bank),
        made=view.report.made,
        kind="trend",
    )


def _round_columns(result: Trend) -> tuple[Column, ...]:
    return tuple(Column(r.name, "number") for r in result.rounds)


def _score_row(name: str, line: Line) -> tuple[Cell, ...]:
    return (
        parts.cell(name),
        *(parts.score_cell(score) for score in line.scores),
        parts.cell(change(line.since_first)),
        parts.cell(change(line.since_last)),
    )


def _scores(result: Trend) -> Table:
    columns = (
        Column("Principle"),
        *_round_columns(result),
        Column("Since first", "change"),
        Column("Since last", "change"),
    )
    rows = tuple(_score_row(p.principle.name, p.line) for p in result.principles)
    return Table(columns, rows, _score_row("Overall", result.overall))


def _band_row(bank: Bank, name: str, line: Line) -> tuple[Cell, ...]:
    return (parts.cell(name), *(parts.band_cell(bank, band) for band in line.bands))


def _bands(bank: Bank, result: Trend) -> Table:
    columns = (Column("Principle"), *(Column(r.name, "band") for r in result.rounds))
    rows = tuple(_band_row(bank, p.principle.name, p.line) for p in result.principles)
    return Table(columns, rows, _band_row(bank, "Overall", result.overall))


def _mean(value: float | None) -> Cell:
    return parts.cell("–" if value is None else f"{value:.2f}")


def _moved(result: Trend) -> tuple[Block, ...]:
    if not result.moved:
        return (Paragraph(("None: no question's mean rating changed.",), "aside"),)
    rows = tuple(
        (
            parts.cell(f"{q.principle.name}: {q.question.text}"),
            *(_mean(m) for m in q.means),
            parts.cell(change(q.since_first, 2)),
        )
        for q in result.moved
    )
    said = plural(len(result.moved), "question")
    return (
        Paragraph(
            (
                f"The {said} whose mean rating changed most between the first and the latest "
                "round; a question's value in a round is its mean rating.",
            ),
            "aside",
        ),
        Table((Column("Question"), *_round_columns(result), Column("Since first", "change")), rows),
    )


def _actions(view: TrendView) -> Table:
    rows = []
    for action, moved in view.actions_moved():
        found = view.bank.question(action.question_id)
        question = f"{found[0].name}: {found[1].text}" if found else action.question_id
        means = moved.means if moved else tuple(None for _ in view.trend.rounds)
        rows.append(
            (
                parts.cell(question),
                parts.cell(action.action),
                parts.cell(action.status),
                *(_mean(m) for m in means),
            )
        )
    columns = (
        Column("Question"),
        Column("Action"),
        Column("Status"),
        *_round_columns(view.trend),
    )
    return Table(columns, tuple(rows))
