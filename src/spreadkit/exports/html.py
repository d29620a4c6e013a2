"""The HTML report: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with a
radar chart, for one person, a team, or a baseline compared with a later review.

Jinja2 escapes every value it inserts, so a note such as `<script>` shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spreadkit.exports.markdown import NEXT_STEPS_SHOWN
from spreadkit.exports.radar import (
    Point,
    Radar,
    band_edges,
    described,
    described_change,
    described_team,
    label_lines,
)
from spreadkit.plan import plan_for_person
from spreadkit.safe import link, xml_safe
from spreadkit.team import RANKING
from spreadkit.wording import (
    COMPARE_TITLE,
    NOTHING_TO_WORK_ON,
    action_line,
    band_change,
    band_range,
    change,
    none_to_discuss,
    plan_rating,
    plural,
    rating_label,
    ratings_up_to,
    score_text,
    shade,
    weakest_words,
    when,
)

if TYPE_CHECKING:
    from spreadkit.bank import Band, Bank
    from spreadkit.formats import CompareView, PersonView, PlanView, Report, TeamView


@dataclass
class Series:
    name: str
    css: str
    points: str
    markers: list[Point]
    marker: str  # "circle" or "square": told apart by shape as well as colour


@dataclass
class Chart:
    title: str
    description: str
    axes: list[dict[str, Any]]
    grid: list[dict[str, Any]]
    series: list[Series] = field(default_factory=list)
    ring: str | None = None
    width: int = 700
    height: int = 480


def _chart(
    bank: Bank,
    names: list[str],
    title: str,
    description: str,
    unscored: list[bool],
) -> tuple[Radar, Chart]:
    radar = Radar(len(names))
    axes = []
    for i, name in enumerate(names):
        at, anchor = radar.label(i)
        lines = label_lines(name, 12)
        if unscored[i]:
            lines.append("(not scored)")
        # Labels above the centre grow upwards, so their last line stays clear of the rim.
        first_dy = 5 - 16 * (len(lines) - 1) if at.y < radar.cy - 1 else 5
        axes.append(
            {"end": radar.point(i, 100), "lines": lines, "at": at, "anchor": anchor, "dy": first_dy}
        )
    edges = [*band_edges(bank), 100]
    grid = [
        {"score": edge, "points": radar.polygon([edge] * len(names)), "at": radar.point(0, edge)}
        for edge in edges
    ]
    return radar, Chart(title=title, description=description, axes=axes, grid=grid)


def _series(radar: Radar, name: str, css: str, marker: str, scores: list[float | None]) -> Series:
    return Series(
        name=name,
        css=css,
        points=radar.polygon(scores),
        markers=[radar.point(i, s) for i, s in enumerate(scores) if s is not None],
        marker=marker,
    )


# Light backgrounds, worst to best, behind the band's name: the word always carries the meaning.
_BAND_COLOURS = ("#f9d6d2", "#fde4c0", "#fbf0b5", "#dcefd6", "#c8e8cf")


def _band_style(bank: Bank, band: Band | None) -> str:
    return f"background: {shade(bank, band, _BAND_COLOURS, '#eceff1')}"


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("spreadkit", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = score_text
    env.filters["change"] = change
    env.filters["plural"] = plural
    env.filters["up_to"] = ratings_up_to
    env.globals["rating_label"] = rating_label
    env.globals["link"] = link
    env.globals["weakest_words"] = weakest_words
    env.globals["band_range"] = band_range
    env.globals["band_change"] = band_change
    env.globals["plan_rating"] = plan_rating
    env.globals["action_line"] = action_line
    env.globals["none_to_discuss"] = none_to_discuss
    env.globals["nothing_to_work_on"] = NOTHING_TO_WORK_ON
    return env


def _render(**context: Any) -> str:
    """The page, with any character that HTML and XML do not allow (such as a control
    character in a note) replaced, so it is always well formed."""
    template = _environment().get_template("report.html.j2")
    return xml_safe(template.render(**context))


def _common(bank: Bank) -> dict[str, Any]:
    return {
        "bank": bank,
        "scale": bank.scale,
        "bands": [{"band": b, "style": _band_style(bank, b)} for b in bank.bands],
        "chart_cx": f"{Radar.cx:.1f}",
        "chart_cy": f"{Radar.cy:.1f}",
    }


def answers_report(view: PersonView) -> str:
    bank, answers, summary = view.bank, view.answers, view.summary
    names = [row.principle.name for row in summary.principles]
    scores = [row.score for row in summary.principles]
    radar, chart = _chart(
        bank,
        names,
        "Readiness by principle",
        described(names, scores),
        [s is None for s in scores],
    )
    chart.series.append(_series(radar, "Score", "latest", "circle", scores))
    rows = [{"row": row, "style": _band_style(bank, row.band)} for row in summary.principles]
    plan = plan_for_person(bank, summary, NEXT_STEPS_SHOWN)
    return _render(
        kind="single",
        title=answers.meta.title or "Readiness self-assessment",
        meta=[
            (label, value)
            for label, value in (
                ("Respondent", answers.meta.respondent),
                ("Team", answers.meta.team),
                ("Setting", answers.meta.setting),
                ("Last updated", when(answers.meta.updated)),
            )
            if value
        ],
        chart=chart,
        summary=summary,
        rows=rows,
        plan=plan,
        overall_style=_band_style(bank, summary.overall_band),
        **_common(bank),
    )


def team_report(view: TeamView) -> str:
    bank, result = view.bank, view.result
    labels = [p.principle.name for p in result.principles]
    scores = [p.score for p in result.principles]
    radar, chart = _chart(
        bank,
        labels,
        "Team readiness by principle",
        described_team(labels, scores),
        [s is None for s in scores],
    )
    chart.ring = radar.ring([p.min for p in result.principles], [p.max for p in result.principles])
    chart.series.append(_series(radar, "Team score", "latest", "circle", scores))
    flagged = result.to_discuss()
    shown = flagged if view.top is None else flagged[: view.top]
    return _render(
        kind="team",
        title=view.report.title or "Team readiness",
        meta=[
            *_made(view.report),
            ("Respondents", str(result.respondents)),
            ("Flagged for discussion", f"ratings {result.disagree} or more points apart"),
        ],
        chart=chart,
        team=result,
        rows=[{"row": p, "style": _band_style(bank, p.band)} for p in result.principles],
        overall_style=_band_style(bank, result.overall_band),
        discuss=shown,
        more_flagged=len(flagged) - len(shown),
        more=view.more,
        ranking=RANKING,
        names=view.names,
        **_common(bank),
    )


def plan_report(view: PlanView) -> str:
    plan = view.plan
    meta = [("Made", when(plan.made))] if plan.made else []
    if view.source:
        meta.append(("Made from", view.source))
    return _render(
        kind="plan",
        title=f"Improvement plan{': ' + plan.title if plan.title else ''}",
        meta=meta,
        chart=None,
        plan=plan,
        more_count=plan.more,
        more=view.more,
        **_common(plan.bank),
    )


def _made(report: Report) -> list[tuple[str, str]]:
    return [("Made", when(report.made))] if report.made else []


def compare_report(view: CompareView) -> str:
    bank, result = view.bank, view.comparison
    labels = [p.principle.name for p in result.principles]
    before = [p.change.baseline for p in result.principles]
    after = [p.change.latest for p in result.principles]
    radar, chart = _chart(
        bank,
        labels,
        "Baseline and latest readiness by principle",
        described_change(labels, before, after),
        [b is None and a is None for b, a in zip(before, after, strict=True)],
    )
    chart.series.append(_series(radar, "Baseline", "baseline", "square", before))
    chart.series.append(_series(radar, "Latest", "latest", "circle", after))
    return _render(
        kind="compare",
        title=view.report.title or COMPARE_TITLE,
        meta=[
            *_made(view.report),
            ("Baseline", plural(result.baseline_respondents, "respondent")),
            ("Latest", plural(result.latest_respondents, "respondent")),
        ],
        chart=chart,
        comparison=result,
        actions=view.actions_moved(),
        **_common(bank),
    )
