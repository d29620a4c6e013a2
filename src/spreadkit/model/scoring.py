"""Readiness scores from answers: pure arithmetic, stated exactly in the README.

Principle score = 100 × Σ(w × rating) / (Σ w × max scale value), over its rated questions, where w
is each question's weight (1 unless the bank says otherwise); not applicable and unanswered
questions are left out, and with none rated there is no score. Overall = Σ(W × principle score) /
Σ W over the principles that have a score, W being each principle's weight. Scores are rounded
half up to one decimal place and the band is read from the rounded score, so what people see and
the band always agree.

`principle_answers` is the one walk over a principle's questions: the summary, `explain` and every
report read the questions, in bank order, from what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from spreadkit.model.answers import Answer
from spreadkit.model.bank import Band, Bank, Principle, Question
from spreadkit.model.words import half_up

if TYPE_CHECKING:
    from fractions import Fraction

# A question rated at or below this is a priority.
PRIORITY_AT_OR_BELOW = 1


@dataclass(frozen=True)
class RatedQuestion:
    principle: Principle
    question: Question
    rating: int


@dataclass(frozen=True)
class QuestionAnswer:
    """One question of a principle with its answer, if any."""

    question: Question
    answer: Answer | None

    @property
    def rating(self) -> int | Literal["n/a"] | None:
        return None if self.answer is None else self.answer.rating

    @property
    def note(self) -> str:
        return "" if self.answer is None else self.answer.note


@dataclass(frozen=True)
class Share:
    """A rated question's part of its principle's score: 100 × w × rating / (Σ w × max)."""

    question: Question
    rating: int
    weight: float
    points: float


@dataclass(frozen=True)
class PrincipleScore:
    principle: Principle
    score: float | None
    band: Band | None
    questions: tuple[QuestionAnswer, ...]
    weighted_sum: float
    weight_sum: float
    max_value: int
    target: float | None = None

    @property
    def exact(self) -> float | None:
        return score_from_totals(self.weighted_sum, self.weight_sum, self.max_value)

    @property
    def rated_questions(self) -> list[RatedQuestion]:
        return [
            RatedQuestion(self.principle, q.question, q.rating)
            for q in self.questions
            if isinstance(q.rating, int)
        ]

    @property
    def not_applicable_questions(self) -> list[Question]:
        return [q.question for q in self.questions if isinstance(q.rating, str)]

    @property
    def unanswered_questions(self) -> list[Question]:
        return [q.question for q in self.questions if q.rating is None]

    @property
    def rated(self) -> int:
        return sum(1 for q in self.questions if isinstance(q.rating, int))

    @property
    def not_applicable(self) -> int:
        return sum(1 for q in self.questions if isinstance(q.rating, str))

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.questions if q.rating is None)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def gap(self) -> float | None:
        """How far the score falls short of the target; an unscored principle counts as 0."""
        if self.target is None:
            return None
        return rounded(max(self.target - (self.score or 0), 0))

    def shares(self) -> list[Share]:
        """What each rated question adds to the score; the shares add up to it."""
        if not self.weight_sum:
            return []
        return [
            Share(
                r.question,
                r.rating,
                r.question.weight,
                100 * r.question.weight * r.rating / (self.weight_sum * self.max_value),
            )
            for r in self.rated_questions
        ]


@dataclass(frozen=True)
class Summary:
    principles: list[PrincipleScore]
    overall: float | None
    overall_band: Band | None
    priorities: list[RatedQuestion]
    strengths: list[RatedQuestion]
    priority_at_or_below: int
    strength_at: int

    @property
    def answered(self) -> int:
        return sum(p.rated + p.not_applicable for p in self.principles)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.principles)

    @property
    def has_targets(self) -> bool:
        return any(p.target is not None for p in self.principles)

    @property
    def percent_to_target(self) -> float | None:
        """1 − Σ(target − score)⁺ / Σ target, as a percentage, over principles with a target."""
        with_target = [p for p in self.principles if p.target is not None]
        wanted = sum(p.target or 0 for p in with_target)
        if not with_target or wanted == 0:
            return None
        short = sum(p.gap or 0 for p in with_target)
        return rounded(100 * (1 - short / wanted))

    @property
    def scored(self) -> list[PrincipleScore]:
        """The principles with a score: the terms of the overall score."""
        return [p for p in self.principles if p.score is not None]

    @property
    def weakest(self) -> PrincipleScore | None:
        """The principle with the lowest score (the first in bank order on a tie): an average
        can hide one that lags, so it is shown beside the overall result."""
        return weakest(self.scored)


class _Scored(Protocol):
    @property
    def score(self) -> float | None: ...


S = TypeVar("S", bound=_Scored)


def weakest(rows: list[S]) -> S | None:
    """The row with the lowest score, the first on a tie; None when none has a score."""
    scored = [row for row in rows if row.score is not None]
    return min(scored, key=lambda row: row.score or 0) if scored else None


def rounded(value: float | Fraction | None, places: int = 1) -> float | None:
    """Half-up rounding, as people round by hand (Python's round() sends 56.25 to 56.2)."""
    return None if value is None else float(half_up(value, places))


def apportioned(parts: list[float], places: int = 1) -> list[float]:
    """Each part rounded so that the rounded parts add up to their rounded total (the largest
    remainder method): shares of a score that add up to the score shown."""
    if not parts:
        return []
    from fractions import Fraction

    scale = 10**places
    exact = [Fraction(part) * scale for part in parts]
    whole = int(half_up(sum(exact, start=Fraction(0)) / scale, places).replace(".", ""))
    floors = [int(value // 1) for value in exact]
    short = whole - sum(floors)
    # The parts that lost most to rounding down get the units left over, in order of the bank.
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[: max(short, 0)]:
        floors[index] += 1
    return [value / scale for value in floors]


def as_shown(bank: Bank, exact: float | Fraction | None) -> tuple[float | None, Band | None]:
    """A score as people see it, and the band read from that, so the two always agree."""
    shown = rounded(exact)
    return shown, bank.band_of(shown)


def score_from_totals(total: float, weight: float, max_value: int) -> float | None:
    """100 × Σ(w × rating) / (Σ w × max), from the two sums; None when nothing weighs in."""
    return 100 * total / (weight * max_value) if weight else None


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ(w × x) / Σ w over (x, w) pairs; None when the weights add up to nothing."""
    total = weight = 0.0
    for value, w in pairs:
        total += w * value
        weight += w
    return total / weight if weight else None


def effective_targets(bank: Bank, overrides: Mapping[str, float] | None) -> dict[str, float]:
    """The bank's targets, with this assessment's own targets taking their place."""
    targets = {p.id: p.target for p in bank.principles if p.target is not None}
    targets.update(overrides or {})
    return targets


def principle_answers(
    bank: Bank, principle: Principle, answers: Mapping[str, Answer], target: float | None = None
) -> PrincipleScore:
    """Each of a principle's questions with its answer, in bank order, and the score they make."""
    questions = tuple(QuestionAnswer(q, answers.get(q.id)) for q in principle.questions)
    total = weight = 0.0
    for entry in questions:
        rating = entry.rating
        if isinstance(rating, int):
            total += entry.question.weight * rating
            weight += entry.question.weight
    score, band = as_shown(bank, score_from_totals(total, weight, bank.max_value))
    return PrincipleScore(principle, score, band, questions, total, weight, bank.max_value, target)


def summarise(
    bank: Bank,
    answers: Mapping[str, Answer],
    principle_ids: Iterable[str] | None = None,
    targets: Mapping[str, float] | None = None,
) -> Summary:
    """Scores for the chosen principles (all by default), in bank order."""
    wanted = set(principle_ids) if principle_ids is not None else None
    goals = effective_targets(bank, targets)
    scores = [
        principle_answers(bank, principle, answers, goals.get(principle.id))
        for principle in bank.principles
        if wanted is None or principle.id in wanted
    ]
    overall, overall_band = as_shown(
        bank,
        weighted_mean((s.exact, s.principle.weight) for s in scores if s.exact is not None),
    )
    rated = [r for s in scores for r in s.rated_questions]
    return Summary(
        principles=scores,
        overall=overall,
        overall_band=overall_band,
        priorities=_ranked([r for r in rated if r.rating <= PRIORITY_AT_OR_BELOW], scores, goals),
        strengths=[r for r in rated if r.rating == bank.max_value],
        priority_at_or_below=PRIORITY_AT_OR_BELOW,
        strength_at=bank.max_value,
    )


def _ranked(
    low: list[RatedQuestion], scores: list[PrincipleScore], goals: Mapping[str, float]
) -> list[RatedQuestion]:
    if goals:
        # With targets, what matters most is the biggest weighted shortfall.
        gaps = {p.principle.id: p.gap or 0 for p in scores}
        return sorted(
            low,
            key=lambda r: (
                -gaps[r.principle.id] * r.principle.weight * r.question.weight,
                r.rating,
            ),
        )
    # sorted() is stable, so equal ratings keep bank order.
    return sorted(low, key=lambda r: r.rating)
