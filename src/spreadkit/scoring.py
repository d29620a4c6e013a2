"""Readiness scores from answers: pure arithmetic, stated exactly in the README.

Principle score = 100 × Σ(w × rating) / (Σ w × max scale value), over its rated questions, where w
is each question's weight (1 unless the bank says otherwise); not applicable and unanswered
questions are left out, and with none rated there is no score. Overall = Σ(W × principle score) /
Σ W over the principles that have a score, W being each principle's weight. Scores are rounded
half up to one decimal place and the band is read from the rounded score, so what people see and
the band always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from spreadkit.answers import Answer
from spreadkit.bank import Band, Bank, Principle, Question


@dataclass(frozen=True)
class PrincipleScore:
    principle: Principle
    score: float | None
    band: Band | None
    rated: int
    not_applicable: int
    unanswered: int
    target: float | None = None

    @property
    def total(self) -> int:
        return self.rated + self.not_applicable + self.unanswered

    @property
    def gap(self) -> float | None:
        """How far the score falls short of the target; an unscored principle counts as 0."""
        if self.target is None:
            return None
        return rounded(max(self.target - (self.score or 0), 0))


@dataclass(frozen=True)
class RatedQuestion:
    principle: Principle
    question: Question
    rating: int


@dataclass(frozen=True)
class Summary:
    principles: list[PrincipleScore]
    overall: float | None
    overall_band: Band | None
    priorities: list[RatedQuestion]
    strengths: list[RatedQuestion]

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


PRIORITY_AT_OR_BELOW = 1


def rounded(value: float | None, places: int = 1) -> float | None:
    """Half-up rounding, as people round by hand (Python's round() sends 56.25 to 56.2)."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


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


def summarise(
    bank: Bank,
    answers: Mapping[str, Answer],
    principle_ids: Iterable[str] | None = None,
    targets: Mapping[str, float] | None = None,
) -> Summary:
    """Scores for the chosen principles (all by default), in bank order."""
    wanted = set(principle_ids) if principle_ids is not None else None
    goals = effective_targets(bank, targets)
    scores: list[PrincipleScore] = []
    exact: list[tuple[float, float]] = []
    rated: list[RatedQuestion] = []
    for principle in bank.principles:
        if wanted is not None and principle.id not in wanted:
            continue
        total = weight = 0.0
        count = not_applicable = unanswered = 0
        for question in principle.questions:
            answer = answers.get(question.id)
            rating = answer.rating if answer is not None else None
            if isinstance(rating, int):
                total += question.weight * rating
                weight += question.weight
                count += 1
                rated.append(RatedQuestion(principle, question, rating))
            elif rating is None:
                unanswered += 1
            else:
                not_applicable += 1
        score = score_from_totals(total, weight, bank.max_value)
        if score is not None:
            exact.append((score, principle.weight))
        shown = rounded(score)
        scores.append(
            PrincipleScore(
                principle=principle,
                score=shown,
                band=bank.band_of(shown),
                rated=count,
                not_applicable=not_applicable,
                unanswered=unanswered,
                target=goals.get(principle.id),
            )
        )
    overall = rounded(weighted_mean(exact))
    low = [r for r in rated if r.rating <= PRIORITY_AT_OR_BELOW]
    if goals:
        # With targets, what matters most is the biggest weighted shortfall.
        gaps = {p.principle.id: p.gap or 0 for p in scores}
        low.sort(
            key=lambda r: (-gaps[r.principle.id] * r.principle.weight * r.question.weight, r.rating)
        )
    else:
        # sorted() is stable, so equal ratings keep bank order.
        low.sort(key=lambda r: r.rating)
    return Summary(
        principles=scores,
        overall=overall,
        overall_band=bank.band_of(overall),
        priorities=low,
        strengths=[r for r in rated if r.rating == bank.max_value],
    )
