"""Readiness scores from answers: pure arithmetic, stated exactly in the README.

Principle score = 100 × mean(rating) / max scale value over its rated questions (not applicable and
unanswered questions are left out; with none rated there is no score). Overall = mean of the
principle scores that exist. Scores are rounded half up to one decimal place and the band is read from the
rounded score, so what people see and the band always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean

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

    @property
    def total(self) -> int:
        return self.rated + self.not_applicable + self.unanswered


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


PRIORITY_AT_OR_BELOW = 1


def score_from_totals(total: float, count: int, max_value: int) -> float | None:
    """100 × mean(rating) / max, from a sum and a count; None when nothing is rated."""
    return 100 * total / (count * max_value) if count else None


def principle_score(ratings: Iterable[int], max_value: int) -> float | None:
    values = list(ratings)
    return score_from_totals(sum(values), len(values), max_value)


def rounded(value: float | None, places: int = 1) -> float | None:
    """Half-up rounding, as people round by hand (Python's round() sends 56.25 to 56.2)."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def summarise(
    bank: Bank, answers: Mapping[str, Answer], principle_ids: Iterable[str] | None = None
) -> Summary:
    """Scores for the chosen principles (all by default), in bank order."""
    wanted = set(principle_ids) if principle_ids is not None else None
    scores: list[PrincipleScore] = []
    exact: list[float] = []
    rated: list[RatedQuestion] = []
    for principle in bank.principles:
        if wanted is not None and principle.id not in wanted:
            continue
        ratings: list[int] = []
        not_applicable = unanswered = 0
        for question in principle.questions:
            answer = answers.get(question.id)
            rating = answer.rating if answer is not None else None
            if isinstance(rating, int):
                ratings.append(rating)
                rated.append(RatedQuestion(principle, question, rating))
            elif rating is None:
                unanswered += 1
            else:
                not_applicable += 1
        score = principle_score(ratings, bank.max_value)
        if score is not None:
            exact.append(score)
        shown = rounded(score)
        scores.append(
            PrincipleScore(
                principle=principle,
                score=shown,
                band=None if shown is None else bank.band_for(shown),
                rated=len(ratings),
                not_applicable=not_applicable,
                unanswered=unanswered,
            )
        )
    overall = rounded(fmean(exact)) if exact else None
    # sorted() is stable, so equal ratings keep bank order.
    priorities = sorted(
        (r for r in rated if r.rating <= PRIORITY_AT_OR_BELOW), key=lambda r: r.rating
    )
    strengths = [r for r in rated if r.rating == bank.max_value]
    return Summary(
        principles=scores,
        overall=overall,
        overall_band=None if overall is None else bank.band_for(overall),
        priorities=priorities,
        strengths=strengths,
    )
