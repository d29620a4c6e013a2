"""The team view as CSV, one row per question, for a facilitator's own spreadsheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.exports.sheet import spreadsheet_csv

if TYPE_CHECKING:
    from spreadkit.model.reports import TeamView


def team_rows(view: TeamView, *, numbers: bool = False) -> list[list[object]]:
    """The header and one row per question; with `numbers`, figures stay numbers (for a
    workbook) instead of text written as CSV writes them."""
    counts = [f"count_{level.value}" for level in view.bank.scale]
    rows: list[list[object]] = [
        [
            "principle_id",
            "question_id",
            "question",
            "n",
            "not_applicable",
            "mean",
            "median",
            "min",
            "max",
            "spread",
            "discuss",
            *counts,
        ]
    ]
    for q in view.result.questions:
        t = q.tally
        mean: object = (
            round(t.mean, 2)
            if numbers and t.mean is not None
            else ("" if t.mean is None else f"{t.mean:.2f}")
        )
        median: object = t.median if numbers else ("" if t.median is None else f"{t.median:g}")
        rows.append(
            [
                q.principle.id,
                q.question.id,
                q.question.text,
                t.n,
                t.not_applicable,
                mean,
                median,
                "" if t.min is None else t.min,
                "" if t.max is None else t.max,
                "" if t.spread is None else t.spread,
                q.discuss if numbers else ("true" if q.discuss else "false"),
                *t.counts,
            ]
        )
    return rows


def team(view: TeamView) -> str:
    return spreadsheet_csv(team_rows(view))
