"""The team view as CSV, one row per question, for a facilitator's own spreadsheet."""

from __future__ import annotations

from spreadkit.bank import Bank
from spreadkit.sheets import spreadsheet_csv
from spreadkit.team import TeamResult


def render(bank: Bank, result: TeamResult) -> str:
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
