"""JSON documents for scripts: every one is an object carrying `spreadkit` (the version) and `kind`.

Keys may be added in later versions; none documented in the README is removed or renamed.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from spreadkit import __version__
from spreadkit.model.scoring import rounded

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Bank
    from spreadkit.model.comparison import BandChange, Change, Span
    from spreadkit.model.plan import Action
    from spreadkit.model.programme import Round
    from spreadkit.model.reports import (
        BlankView,
        CardView,
        CompareView,
        PersonView,
        PlanView,
        ProgrammeView,
        Report,
        TeamView,
        TrendView,
    )
    from spreadkit.model.scoring import PrincipleScore
    from spreadkit.model.team import TeamPrinciple
    from spreadkit.model.trend import Line


def _envelope(kind: str, bank: Bank, body: dict[str, Any]) -> str:
    document = {
        "spreadkit": __version__,
        "kind": kind,
        "bank": {"id": bank.id, "version": bank.version},
        **body,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _band(band: Band | None) -> str | None:
    return band.label if band else None


def _weakest(row: PrincipleScore | TeamPrinciple | None) -> dict[str, Any] | None:
    """The principle with the lowest score: {"id", "name", "score"}, or null when none is scored."""
    if row is None:
        return None
    return {"id": row.principle.id, "name": row.principle.name, "score": row.score}


def answers_file(view: PersonView) -> str:
    """The answers themselves, as an answers file: a sheet converted, or a file tidied."""
    return view.answers.to_json()


def plan_file(view: PlanView) -> str:
    """The plan file itself, read back by `spreadkit plan --from`."""
    return view.plan.to_file().to_json()


def blank_answers_file(view: BlankView) -> str:
    from spreadkit.model.answers import AnswersFile

    return AnswersFile.blank(view.bank, view.principles).to_json()


def summary(view: PersonView) -> str:
    bank, answers, result = view.bank, view.answers, view.summary

    def listed(rows: list[Any]) -> list[dict[str, Any]]:
        return [
            {"question_id": r.question.id, "principle_id": r.principle.id, "rating": r.rating}
            for r in rows
        ]

    return _envelope(
        "summary",
        bank,
        {
            "meta": answers.meta.as_data(),
            "overall": {"score": result.overall, "band": _band(result.overall_band)},
            "weakest": _weakest(result.weakest),
            "principles": [
                {
                    "id": row.principle.id,
                    "name": row.principle.name,
                    "score": row.score,
                    "band": _band(row.band),
                    "rated": row.rated,
                    "not_applicable": row.not_applicable,
                    "unanswered": row.unanswered,
                    "total": row.total,
                    "weight": row.principle.weight,
                    "target": row.target,
                    "gap": row.gap,
                }
                for row in result.principles
            ],
            "percent_to_target": result.percent_to_target,
            "priorities": listed(result.priorities),
            "strengths": listed(result.strengths),
            "answered": result.answered,
            "total": result.total,
        },
    )


def team(view: TeamView) -> str:
    from spreadkit.model.team import RANKING

    bank, result = view.bank, view.result
    rank = {q.question.id: n for n, q in enumerate(result.to_discuss(), start=1)}
    return _envelope(
        "team",
        bank,
        {
            **_report(view.report),
            "respondents": result.respondents,
            "left_out": result.left_out,
            "disagree": result.disagree,
            "ranking": RANKING,
            "overall": {"score": result.overall, "band": _band(result.overall_band)},
            "weakest": _weakest(result.weakest),
            "principles": [
                {
                    "id": p.principle.id,
                    "name": p.principle.name,
                    "score": p.score,
                    "band": _band(p.band),
                    "min": p.min,
                    "max": p.max,
                    "respondents": p.respondents,
                }
                for p in result.principles
            ],
            "questions": [
                {
                    "question_id": q.question.id,
                    "principle_id": q.principle.id,
                    "n": q.tally.n,
                    "not_applicable": q.tally.not_applicable,
                    "mean": rounded(q.tally.mean, 2),
                    "median": q.tally.median,
                    "min": q.tally.min,
                    "max": q.tally.max,
                    "spread": q.tally.spread,
                    "sd": rounded(q.tally.sd, 2),
                    "discuss": q.discuss,
                    "discuss_rank": rank.get(q.question.id),
                    "counts": {str(v): c for v, c in enumerate(q.tally.counts)},
                }
                for q in result.questions
            ],
        },
    )


def _change(change: Change | None) -> dict[str, float | None]:
    """A change's figures; all null for an action whose question has no figures."""
    if change is None:
        return {"baseline": None, "latest": None, "delta": None}
    return {"baseline": change.baseline, "latest": change.latest, "delta": change.delta}


def _bands(bands: BandChange) -> dict[str, dict[str, str | None]]:
    return {"band": {"baseline": _band(bands.baseline), "latest": _band(bands.latest)}}


def _report(report: Report) -> dict[str, str | None]:
    made = f"{report.made:%Y-%m-%dT%H:%M:%SZ}" if report.made else None
    return {"title": report.title or None, "made": made}


def comparison(view: CompareView) -> str:
    return _envelope("compare", view.bank, {**_report(view.report), **_comparison_body(view)})


def _comparison_body(view: CompareView) -> dict[str, Any]:
    result = view.comparison
    return {
        "respondents": {
            "baseline": result.baseline_respondents,
            "latest": result.latest_respondents,
        },
        "left_out": {"baseline": result.left_out[0], "latest": result.left_out[1]},
        "answered": {
            side: _span(span)
            for side, span in zip(("baseline", "latest"), result.answered, strict=True)
        },
        "overall": {**_change(result.overall), **_bands(result.overall_bands)},
        "principles": [
            {
                "id": p.principle.id,
                "name": p.principle.name,
                **_change(p.change),
                **_bands(p.bands),
            }
            for p in result.principles
        ],
        "moved": [
            {"question_id": q.question.id, "principle_id": q.principle.id, **_change(q.change)}
            for q in result.moved
        ],
        "actions": [
            {
                **_action(action),
                **(
                    _change(moved.change)
                    if moved
                    else {"baseline": None, "latest": None, "delta": None}
                ),
            }
            for action, moved in view.actions_moved()
        ],
    }


def _action(action: Action) -> dict[str, Any]:
    return {
        "question_id": action.question_id,
        "action": action.action,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "status": action.status,
    }


def _line(line: Line) -> dict[str, Any]:
    return {
        "scores": list(line.scores),
        "bands": [_band(band) for band in line.bands],
        "since_first": line.since_first,
        "since_last": line.since_last,
    }


def trend(view: TrendView) -> str:
    """Every round's scores, each principle's line over the rounds, and the two-round comparison
    of the first with the last under `first_and_last`."""
    from spreadkit.model.reports import CompareView

    result = view.trend
    first_last = CompareView(view.bank, result.first_and_last, view.report, view.actions)
    return _envelope(
        "trend",
        view.bank,
        {
            **_report(view.report),
            "rounds": [
                {
                    **{k: v for k, v in _round(r).items() if k not in ("agreed", "card")},
                    "answered": _span(span),
                }
                for r, span in zip(result.rounds, result.answered, strict=True)
            ],
            "overall": _line(result.overall),
            "principles": [
                {"id": p.principle.id, "name": p.principle.name, **_line(p.line)}
                for p in result.principles
            ],
            "moved": [
                {
                    "question_id": q.question.id,
                    "principle_id": q.principle.id,
                    "means": list(q.means),
                    "since_first": q.since_first,
                }
                for q in result.moved
            ],
            "actions": [
                {**_action(action), "means": list(moved.means) if moved else None}
                for action, moved in view.actions_moved()
            ],
            "first_and_last": _comparison_body(first_last),
        },
    )


def programme(view: ProgrammeView) -> str:
    """Every site's rounds, and the programme's spread per principle (null below the minimum)."""
    bank, result = view.bank, view.programme
    weakest = result.weakest
    return _envelope(
        "programme",
        bank,
        {
            **_report(view.report),
            "min_sites": result.min_sites,
            "anonymous": result.anonymous,
            "left_out": result.left_out,
            "sites": [
                {
                    "name": site.name,
                    **({"tags": dict(site.tags)} if site.tags else {}),
                    "moved": site.moved,
                    "rounds": [_round(r) for r in site.rounds],
                }
                for site in result.sites
            ],
            "principles": [
                {
                    "id": p.principle.id,
                    "sites": p.sites,
                    "spread": None if p.spread is None else dataclasses.asdict(p.spread),
                    "places": None
                    if p.spread is None
                    else {site.name: result.place(site, p.principle.id) for site in result.sites},
                }
                for p in result.principles
            ],
            "weakest": None
            if weakest is None
            else {"id": weakest.principle.id, "median": weakest.median},
            "backwards": [site.name for site in result.backwards],
            "priorities": [
                {"question_id": c.question.id, "principle_id": c.principle.id, "sites": c.sites}
                for c in result.common
            ],
        },
    )


def _span(span: Span | None) -> dict[str, str] | None:
    """When a round was answered: its first and last answer, where its files say."""
    return None if span is None else {"first": span[0].isoformat(), "last": span[1].isoformat()}


def _round(r: Round) -> dict[str, Any]:
    return {
        "name": r.name,
        "date": r.date,
        "respondents": r.respondents,
        "agreed": r.agreed,
        "card": r.card,
        "overall": {"score": r.overall, "band": _band(r.overall_band)},
        "principles": [
            {"id": m.principle.id, "score": m.score, "band": _band(m.band)} for m in r.principles
        ],
        # Who answered, only with --names.
        **({"people": list(r.people)} if r.people else {}),
    }


def card(view: CardView) -> str:
    """A benchmark card: nothing but what `spreadkit.model.card` puts on it."""
    from spreadkit.model.card import card_text

    return card_text(view.card)
