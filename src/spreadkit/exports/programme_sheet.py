"""The programme as CSV: one row per site, round and principle, for a spreadsheet or a script."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.exports.sheet import spreadsheet_csv

if TYPE_CHECKING:
    from spreadkit.model.reports import ProgrammeView

COLUMNS = (
    "site",
    "round",
    "date",
    "respondents",
    "agreed",
    "card",
    "principle_id",
    "score",
    "band",
    "overall_score",
    "overall_band",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def programme(view: ProgrammeView) -> str:
    rows: list[list[object]] = [list(COLUMNS)]
    for site in view.programme.sites:
        for r in site.rounds:
            for mark in r.principles:
                rows.append(
                    [
                        site.name,
                        r.name,
                        r.date or "",
                        r.respondents,
                        "true" if r.agreed else "false",
                        "true" if r.card else "false",
                        mark.principle.id,
                        _number(mark.score),
                        mark.band.label if mark.band else "",
                        _number(r.overall),
                        r.overall_band.label if r.overall_band else "",
                    ]
                )
    return spreadsheet_csv(rows)
