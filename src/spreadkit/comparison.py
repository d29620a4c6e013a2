"""Baseline against a later review: how each principle, the overall score and each question moved."""

from __future__ import annotations

from dataclasses import dataclass

from spreadkit.bank import Principle, Question
from spreadkit.scoring import rounded
from spreadkit.team import TeamResult

# A question "moved" when its mean rating changed by at least this many scale points.
MOVED_BY = 2


@dataclass(frozen=True)
class Change:
    baseline: float | None
    latest: float | None

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.latest is None:
            return None
        return rounded(self.latest - self.baseline, 2)


@dataclass(frozen=True)
class PrincipleChange:
    principle: Principle
    change: Change


@dataclass(frozen=True)
class QuestionChange:
    principle: Principle
    question: Question
    change: Change


@dataclass(frozen=True)
class Comparison:
    baseline_respondents: int
    latest_respondents: int
    overall: Change
    principles: list[PrincipleChange]
    moved: list[QuestionChange]
    moved_by: float


def compare(baseline: TeamResult, latest: TeamResult, moved_by: float = MOVED_BY) -> Comparison:
    """A side may be one person or a team; a question's value is its mean rating on that side."""
    latest_principles = {p.principle.id: p for p in latest.principles}
    principles = [
        PrincipleChange(
            p.principle,
            Change(p.score, latest_principles[p.principle.id].score),
        )
        for p in baseline.principles
    ]
    latest_questions = {q.question.id: q for q in latest.questions}
    moved = []
    for before in baseline.questions:
        after = latest_questions[before.question.id]
        change = Change(rounded(before.tally.mean, 2), rounded(after.tally.mean, 2))
        if change.delta is not None and abs(change.delta) >= moved_by:
            moved.append(QuestionChange(before.principle, before.question, change))
    moved.sort(key=lambda q: -abs(q.change.delta or 0))
    return Comparison(
        baseline_respondents=baseline.respondents,
        latest_respondents=latest.respondents,
        overall=Change(baseline.overall, latest.overall),
        principles=principles,
        moved=moved,
        moved_by=moved_by,
    )
