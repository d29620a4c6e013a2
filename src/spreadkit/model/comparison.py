"""Baseline against a later review: how each principle, the overall score and each question moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spreadkit.model.bank import Band, Principle, Question
from spreadkit.model.scoring import rounded
from spreadkit.model.team import TeamResult

# A question "moved" when its mean rating changed by at least this many scale points.
MOVED_BY = 2
Span = tuple[datetime, datetime]


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
class BandChange:
    baseline: Band | None
    latest: Band | None

    @property
    def moved(self) -> bool:
        return self.baseline != self.latest


@dataclass(frozen=True)
class PrincipleChange:
    principle: Principle
    change: Change
    bands: BandChange


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
    overall_bands: BandChange
    principles: list[PrincipleChange]
    moved: list[QuestionChange]
    moved_by: float
    questions: dict[str, QuestionChange]  # every question, by id: for a plan's actions
    left_out: tuple[int, int] = (0, 0)  # files that could not be read, on each side
    # When each side was answered (its first and last answer), where its files say.
    answered: tuple[Span | None, Span | None] = (None, None)


def compare(baseline: TeamResult, latest: TeamResult, moved_by: float = MOVED_BY) -> Comparison:
    """A side may be one person or a team; a question's value is its mean rating on that side."""
    latest_principles = {p.principle.id: p for p in latest.principles}
    principles = []
    for before in baseline.principles:
        after = latest_principles[before.principle.id]
        principles.append(
            PrincipleChange(
                before.principle,
                Change(before.score, after.score),
                BandChange(before.band, after.band),
            )
        )
    latest_questions = {q.question.id: q for q in latest.questions}
    every = []
    for was in baseline.questions:
        now = latest_questions[was.question.id]
        change = Change(rounded(was.tally.mean, 2), rounded(now.tally.mean, 2))
        every.append(QuestionChange(was.principle, was.question, change))
    moved = [q for q in every if q.change.delta is not None and abs(q.change.delta) >= moved_by]
    moved.sort(key=lambda q: -abs(q.change.delta or 0))
    return Comparison(
        baseline_respondents=baseline.respondents,
        latest_respondents=latest.respondents,
        overall=Change(baseline.overall, latest.overall),
        overall_bands=BandChange(baseline.overall_band, latest.overall_band),
        principles=principles,
        moved=moved,
        moved_by=moved_by,
        questions={q.question.id: q for q in every},
        left_out=(baseline.left_out, latest.left_out),
        answered=(baseline.answered, latest.answered),
    )
