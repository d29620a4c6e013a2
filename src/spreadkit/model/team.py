"""The team view: many people's answers combined, showing where they agree and where they do not.

Each file is read, tallied and let go: per question a count for each scale value (which gives the
mean, median, minimum, maximum and standard deviation exactly) and per principle a running sum,
minimum and maximum. Notes and names are kept only when the output will show them, and only so
many per question, so memory stays flat however many people answered.

Questions to discuss are ranked by the spread of their ratings (maximum − minimum), widest first;
among equal spreads, by the standard deviation, so a room split at both ends comes before a single
person apart from everyone else; then in bank order.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from spreadkit.model.answers import AnswerData
from spreadkit.model.bank import Band, Bank, Principle, Question
from spreadkit.model.scoring import as_shown, rounded, score_from_totals, weakest, weighted_mean

DEFAULT_DISAGREE = 2
# How many questions to discuss the reports show (JSON and CSV keep them all).
DEFAULT_TOP = 10
# Notes and names kept per question: all of a workshop's, and never a whole nation's.
KEEP_AT_MOST = 100
RANKING = (
    "widest spread (maximum − minimum) first; among equal spreads, the larger standard "
    "deviation first, so a room split at both ends comes before a single person apart; then in "
    "bank order"
)


@dataclass
class QuestionTally:
    counts: list[int]
    not_applicable: int = 0
    notes: list[tuple[str | None, int | str | None, str]] = field(default_factory=list)
    names: list[tuple[str, int | str]] = field(default_factory=list)
    more_notes: int = 0  # written but not kept: past KEEP_AT_MOST
    more_names: int = 0

    @property
    def n(self) -> int:
        return sum(self.counts)

    def merge(self, later: QuestionTally) -> None:
        """Add the tally of files read after this one's: the notes and names kept stay the
        first ones, as they would reading the files one after another."""
        for value, count in enumerate(later.counts):
            self.counts[value] += count  # in place: the tally's look-up holds this list
        self.not_applicable += later.not_applicable
        room = KEEP_AT_MOST - len(self.notes)
        self.notes += later.notes[:room]
        self.more_notes += later.more_notes + len(later.notes[room:])
        room = KEEP_AT_MOST - len(self.names)
        self.names += later.names[:room]
        self.more_names += later.more_names + len(later.names[room:])

    def who_rated(self) -> dict[int | str, list[str]]:
        """The names kept for each rating ("n/a" for not applicable), for reports with --names."""
        who: dict[int | str, list[str]] = {}
        for name, rating in self.names:
            who.setdefault(rating, []).append(name)
        return who

    @property
    def mean(self) -> float | None:
        n = self.n
        return sum(v * c for v, c in enumerate(self.counts)) / n if n else None

    @property
    def min(self) -> int | None:
        return next((v for v, c in enumerate(self.counts) if c), None)

    @property
    def max(self) -> int | None:
        return next((v for v in range(len(self.counts) - 1, -1, -1) if self.counts[v]), None)

    @property
    def median(self) -> float | None:
        n = self.n
        if not n:
            return None
        return (self._nth(n // 2) + self._nth((n - 1) // 2)) / 2

    def _nth(self, index: int) -> int:
        """The value at a position in the sorted ratings, read off the counts."""
        for value, count in enumerate(self.counts):
            if index < count:
                return value
            index -= count
        raise IndexError(index)

    @property
    def sd(self) -> float | None:
        """The population standard deviation of the ratings: how far they sit from their mean."""
        n, mean = self.n, self.mean
        if not n or mean is None:
            return None
        return math.sqrt(sum(c * (v - mean) ** 2 for v, c in enumerate(self.counts)) / n)

    @property
    def lower_median(self) -> int | None:
        """The middle rating, or the lower of the two middle ones: what a team agrees to without
        discussion never claims more than half of it gave."""
        return self._nth((self.n - 1) // 2) if self.n else None

    @property
    def spread(self) -> int | None:
        """The highest rating less the lowest, read off the counts in one pass each way: a
        programme asks it of every question of every round."""
        counts = self.counts
        low = 0
        top = len(counts)
        while low < top and not counts[low]:
            low += 1
        if low == top:
            return None
        high = top - 1
        while not counts[high]:
            high -= 1
        return high - low


class PrincipleSums:
    """Per principle, by position: the sum of the people's scores, how many scored it, and the
    lowest and highest score.

    Each person's scores wait in `waiting` until they are added, one at a time and in the order of
    the files, so the sum is the same to the last bit however the files were shared out between
    pieces: a sum of fractions added in another order can round a mean such as 49.95 the other way.
    """

    def __init__(self, size: int) -> None:
        self.total = [0.0] * size
        self.respondents = [0] * size
        self.low = [math.inf] * size
        self.high = [-math.inf] * size
        self.waiting = [array("d") for _ in range(size)]

    def add(self, totals: list[float], weights: list[float], top: int) -> None:
        """One person's principle scores, from their weighted sums of ratings."""
        waiting = self.waiting
        for position, weight in enumerate(weights):
            score = score_from_totals(totals[position], weight, top)
            if score is not None:
                waiting[position].append(score)

    def merge(self, later: PrincipleSums) -> None:
        """Add the scores of people read after everyone here, in their order."""
        self.settle()
        self._take(later.waiting)

    def settle(self) -> None:
        self._take(self.waiting)
        self.waiting = [array("d") for _ in self.waiting]

    def _take(self, waiting: list[array[float]]) -> None:
        for position, scores in enumerate(waiting):
            if not scores:
                continue
            total = self.total[position]
            for score in scores:
                total += score
            self.total[position] = total
            self.respondents[position] += len(scores)
            self.low[position] = min(self.low[position], min(scores))
            self.high[position] = max(self.high[position], max(scores))


@dataclass(frozen=True)
class TeamPrinciple:
    principle: Principle
    score: float | None
    band: Band | None
    min: float | None
    max: float | None
    respondents: int


@dataclass(frozen=True)
class TeamQuestion:
    principle: Principle
    question: Question
    tally: QuestionTally
    discuss: bool


@dataclass(frozen=True)
class TeamResult:
    respondents: int
    principles: list[TeamPrinciple]
    overall: float | None
    overall_band: Band | None
    questions: list[TeamQuestion]
    disagree: int

    @property
    def weakest(self) -> TeamPrinciple | None:
        """The principle with the lowest team score, shown beside the overall result."""
        return weakest(self.principles)

    def to_discuss(self) -> list[TeamQuestion]:
        """Flagged questions, in the order of RANKING."""
        flagged = [q for q in self.questions if q.discuss]
        return sorted(flagged, key=lambda q: (-(q.tally.spread or 0), -(q.tally.sd or 0)))


class TeamTally:
    """Takes one person's answers at a time and keeps only what the team view needs."""

    def __init__(
        self,
        bank: Bank,
        principle_ids: Iterable[str] | None = None,
        *,
        keep_notes: bool = False,
        keep_names: bool = False,
    ) -> None:
        wanted = set(principle_ids) if principle_ids is not None else None
        self.bank = bank
        self.principles = [p for p in bank.principles if wanted is None or p.id in wanted]
        self.keep_notes = keep_notes
        self.keep_names = keep_names
        self.respondents = 0
        self._top = bank.max_value
        size = self._top + 1
        self._questions = {
            q.id: QuestionTally([0] * size) for p in self.principles for q in p.questions
        }
        # Question id to (its counts, its principle's position, its weight, its tally): one
        # look-up per answer.
        self._slots = {
            q.id: ((tally := self._questions[q.id]).counts, i, q.weight, tally)
            for i, p in enumerate(self.principles)
            for q in p.questions
        }
        self._scores = PrincipleSums(len(self.principles))

    def add(self, answers: dict[str, AnswerData], name: str) -> None:
        """Tally one person's answers and score their principles, in a single pass.

        This runs once per file, so the loop keeps to local names and dict look-ups.
        """
        self.respondents += 1
        slots = self._slots
        totals = [0.0] * len(self.principles)
        weights = [0.0] * len(self.principles)
        if self.keep_notes or self.keep_names:
            self._keep(answers, name)
        for question_id, answer in answers.items():
            slot = slots.get(question_id)
            if slot is None:
                continue
            rating = answer["rating"]
            if type(rating) is int:
                counts, position, weight, _ = slot
                counts[rating] += 1
                totals[position] += weight * rating
                weights[position] += weight
            elif rating is not None:
                slot[3].not_applicable += 1
        self._scores.add(totals, weights, self._top)

    def merge(self, later: TeamTally) -> None:
        """Add the tally of the same bank and principles, read from the files after this one's."""
        self.respondents += later.respondents
        for question_id, tally in self._questions.items():
            tally.merge(later._questions[question_id])
        self._scores.merge(later._scores)

    def _keep(self, answers: dict[str, AnswerData], name: str) -> None:
        """Who said what, and the notes, for the outputs that show them."""
        keep_names = self.keep_names
        for question_id, answer in answers.items():
            slot = self._slots.get(question_id)
            if slot is None:
                continue
            tally, rating, note = slot[3], answer["rating"], answer["note"]
            if keep_names and rating is not None:
                if len(tally.names) < KEEP_AT_MOST:
                    tally.names.append((name, rating))
                else:
                    tally.more_names += 1
            if self.keep_notes and note:
                if len(tally.notes) < KEEP_AT_MOST:
                    tally.notes.append((name if keep_names else None, rating, note))
                else:
                    tally.more_notes += 1

    def result(self, disagree: int = DEFAULT_DISAGREE) -> TeamResult:
        principles = []
        exact: list[tuple[float, float]] = []
        sums = self._scores
        sums.settle()
        for position, principle in enumerate(self.principles):
            respondents = sums.respondents[position]
            score = sums.total[position] / respondents if respondents else None
            if score is not None:
                exact.append((score, principle.weight))
            shown, band = as_shown(self.bank, score)
            principles.append(
                TeamPrinciple(
                    principle=principle,
                    score=shown,
                    band=band,
                    min=rounded(sums.low[position]) if respondents else None,
                    max=rounded(sums.high[position]) if respondents else None,
                    respondents=respondents,
                )
            )
        overall, overall_band = as_shown(self.bank, weighted_mean(exact))
        questions = [
            TeamQuestion(
                principle=principle,
                question=question,
                tally=(tally := self._questions[question.id]),
                discuss=tally.spread is not None and tally.spread >= disagree,
            )
            for principle in self.principles
            for question in principle.questions
        ]
        return TeamResult(
            respondents=self.respondents,
            principles=principles,
            overall=overall,
            overall_band=overall_band,
            questions=questions,
            disagree=disagree,
        )
