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


def programme_rows(view: ProgrammeView) -> list[list[object]]:
    """A row per site, round and principle: scores as numbers (None where there is none)."""
    rows: list[list[object]] = []
    for site in view.programme.sites:
        for r in site.rounds:
            for mark in r.principles:
                rows.append(
                    [
                        site.name,
                        r.name,
                        r.date or "",
                        r.respondents,
                        r.agreed,
                        r.card,
                        mark.principle.id,
                        mark.score,
                        mark.band.label if mark.band else "",
                        r.overall,
                        r.overall_band.label if r.overall_band else "",
                    ]
                )
    return rows


def programme(view: ProgrammeView) -> str:
    rows: list[list[object]] = [list(COLUMNS)]
    for row in programme_rows(view):
        site, name, date, respondents, agreed, card, principle, score, band, overall, whole = row
        rows.append(
            [
                site,
                name,
                date,
                respondents,
                "true" if agreed else "false",
                "true" if card else "false",
                principle,
                _number(score),  # type: ignore[arg-type]
                band,
                _number(overall),  # type: ignore[arg-type]
                whole,
            ]
        )
    return spreadsheet_csv(rows)
