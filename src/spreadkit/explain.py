"""How each score was made, question by question, so a person can check the arithmetic.

A rated question's share of its principle's score is 100 × w × rating / (Σ w × max); the shares of a
principle's rated questions add up to its score.
"""

from __future__ import annotations

from dataclasses import dataclass

from spreadkit.answers import Answer
from spreadkit.bank import Band, Bank, Principle, Question
from spreadkit.scoring import rounded, score_from_totals, weighted_mean


@dataclass(frozen=True)
class Share:
    question: Question
    rating: int
    weight: float
    points: float


@dataclass(frozen=True)
class PrincipleWorking:
    principle: Principle
    shares: list[Share]
    not_applicable: list[Question]
    unanswered: list[Question]
    weighted_sum: float
    weight_sum: float
    score: float | None
    band: Band | None


@dataclass(frozen=True)
class Working:
    max_value: int
    principles: list[PrincipleWorking]  # the ones asked about
    counted: list[PrincipleWorking]  # every principle with a score: the overall's terms
    overall: float | None
    overall_band: Band | None


def explain(
    bank: Bank, answers: dict[str, Answer], principle_ids: list[str] | None = None
) -> Working:
    top = bank.max_value
    workings = []
    for principle in bank.principles:
        shares: list[tuple[Question, int]] = []
        not_applicable: list[Question] = []
        unanswered: list[Question] = []
        for question in principle.questions:
            answer = answers.get(question.id)
            rating = answer.rating if answer is not None else None
            if isinstance(rating, int):
                shares.append((question, rating))
            elif rating is None:
                unanswered.append(question)
            else:
                not_applicable.append(question)
        weight_sum = sum(q.weight for q, _ in shares)
        weighted = sum(q.weight * r for q, r in shares)
        score = rounded(score_from_totals(weighted, weight_sum, top))
        workings.append(
            PrincipleWorking(
                principle=principle,
                shares=[
                    Share(q, r, q.weight, 100 * q.weight * r / (weight_sum * top))
                    for q, r in shares
                    if weight_sum
                ],
                not_applicable=not_applicable,
                unanswered=unanswered,
                weighted_sum=weighted,
                weight_sum=weight_sum,
                score=score,
                band=bank.band_of(score),
            )
        )
    # The overall score uses the unrounded principle scores, as the summary does.
    exact = [
        (score_from_totals(w.weighted_sum, w.weight_sum, top), w.principle.weight) for w in workings
    ]
    overall = rounded(weighted_mean((s, weight) for s, weight in exact if s is not None))
    chosen = [w for w in workings if principle_ids is None or w.principle.id in principle_ids]
    return Working(
        max_value=top,
        principles=chosen,
        counted=[w for w in workings if w.score is not None],
        overall=overall,
        overall_band=bank.band_of(overall),
    )
