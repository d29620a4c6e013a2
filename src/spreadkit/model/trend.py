"""Three or more rounds, oldest first: every principle's and the overall score and band in each
round, the change since the first and since the last round, the questions that moved most, and
the two-round comparison of the first with the last."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spreadkit.model.comparison import Comparison, Span, compare
from spreadkit.model.programme import Round, round_from_team
from spreadkit.model.scoring import rounded

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Principle, Question
    from spreadkit.model.team import TeamResult

# How many of the questions that moved most a trend shows.
MOVED_MOST = 10


def _delta(before: float | None, after: float | None, places: int = 1) -> float | None:
    return None if before is None or after is None else rounded(after - before, places)


@dataclass(frozen=True)
class Line:
    """A principle's (or the overall) score and band in each round, oldest first."""

    scores: tuple[float | None, ...]
    bands: tuple[Band | None, ...]

    @property
    def since_first(self) -> float | None:
        return _delta(self.scores[0], self.scores[-1])

    @property
    def since_last(self) -> float | None:
        """The change from the round before the latest to the latest."""
        return _delta(self.scores[-2], self.scores[-1])


@dataclass(frozen=True)
class PrincipleTrend:
    principle: Principle
    line: Line


@dataclass(frozen=True)
class QuestionTrend:
    principle: Principle
    question: Question
    means: tuple[float | None, ...]  # the mean rating in each round

    @property
    def since_first(self) -> float | None:
        return _delta(self.means[0], self.means[-1], 2)


@dataclass(frozen=True)
class Trend:
    rounds: tuple[Round, ...]
    overall: Line
    principles: tuple[PrincipleTrend, ...]
    moved: tuple[QuestionTrend, ...]  # moved most between the first and the latest round
    questions: dict[str, QuestionTrend]  # every question, by id: for a plan's actions
    first_and_last: Comparison
    # When each round was answered (its first and last answer), where its files say.
    answered: tuple[Span | None, ...] = ()


def trend(named: list[tuple[str, TeamResult]]) -> Trend:
    """The trend over these rounds (name and result), oldest first; at least two."""
    results = [result for _, result in named]
    rounds = tuple(round_from_team(name, result) for name, result in named)
    principles = tuple(
        PrincipleTrend(
            first.principle,
            Line(
                tuple(r.principles[i].score for r in results),
                tuple(r.principles[i].band for r in results),
            ),
        )
        for i, first in enumerate(results[0].principles)
    )
    overall = Line(tuple(r.overall for r in results), tuple(r.overall_band for r in results))
    every = {
        q.question.id: QuestionTrend(
            q.principle,
            q.question,
            tuple(rounded(r.questions[i].tally.mean, 2) for r in results),
        )
        for i, q in enumerate(results[0].questions)
    }
    order = {qid: n for n, qid in enumerate(every)}
    moving = [q for q in every.values() if q.since_first]
    moving.sort(key=lambda q: (-abs(q.since_first or 0), order[q.question.id]))
    return Trend(
        rounds,
        overall,
        principles,
        tuple(moving[:MOVED_MOST]),
        every,
        compare(results[0], results[-1]),
        tuple(r.answered for r in results),
    )
