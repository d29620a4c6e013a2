"""The team view as CSV, one row per question, for a facilitator's own spreadsheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.exports.sheet import spreadsheet_csv

if TYPE_CHECKING:
    from spreadkit.formats import TeamView


def team(view: TeamView) -> str:
    bank, result = view.bank, view.result
    counts = [f"count_{level.value}" for level in bank.scale]
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
    for q in result.questions:
        t = q.tally
        rows.append(
            [
                q.principle.id,
                q.question.id,
                q.question.text,
                t.n,
                t.not_applicable,
                "" if t.mean is None else f"{t.mean:.2f}",
                "" if t.median is None else f"{t.median:g}",
                "" if t.min is None else t.min,
                "" if t.max is None else t.max,
                "" if t.spread is None else t.spread,
                "true" if q.discuss else "false",
                *t.counts,
            ]
        )
    return spreadsheet_csv(rows)
