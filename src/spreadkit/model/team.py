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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from spreadkit.model.answers import AnswerData
from spreadkit.model.bank import Band, Bank, Principle, Question
from spreadkit.model.scoring import as_shown, rounded, weakest

DEFAULT_DISAGREE = 2
# How many questions to discuss the reports show (JSON and CSV keep them all).
DEFAULT_TOP = 10
# Notes and names kept per question: all of a workshop's, and never a whole nation's.
KEEP_AT_MOST = 100
RANKING = (
    "the widest spread of ratings first (the highest minus the lowest); where two are equal, "
    "the one where people are furthest apart from each other; then in bank order"
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
    """Per principle, by position: how many people gave each (weighted sum, weight) pair, from
    which a principle's score is made.

    People with the same answers to a principle share a pair, so there are few, and the team's
    mean is worked out exactly from them at the end, as fractions: the same to the last digit
    whatever order the files were read in, and rounded as people round by hand (a mean of exactly
    43.75 shows as 43.8).
    """

    def __init__(self, size: int) -> None:
        self.pairs: list[dict[tuple[float, float], int]] = [{} for _ in range(size)]

    def add(self, totals: list[float], weights: list[float], top: int) -> None:
        """One person's principle sums of weighted ratings, and the weights that counted."""
        pairs = self.pairs
        for position, weight in enumerate(weights):
            if weight:
                key = (totals[position], weight)
                found = pairs[position]
                found[key] = found.get(key, 0) + 1

    def merge(self, later: PrincipleSums) -> None:
        for mine, theirs in zip(self.pairs, later.pairs, strict=True):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count

    def respondents(self, position: int) -> int:
        return sum(self.pairs[position].values())

    def mean(self, position: int, top: int) -> Fraction | None:
        """The team's score for the principle: the mean of the people's scores, exactly.

        Where every sum and weight is whole (the usual case: whole weights and ratings), the
        sum is made in whole numbers over one common denominator, and one fraction is made at
        the end: a programme asks this of every principle of every round, and a fraction for
        each person's score was most of its time."""
        pairs = self.pairs[position]
        count = sum(pairs.values())
        if not count:
            return None
        if all(total.is_integer() and weight.is_integer() for total, weight in pairs):
            common = math.lcm(*(int(weight) for _, weight in pairs))
            whole = sum(
                n * int(total) * (common // int(weight)) for (total, weight), n in pairs.items()
            )
            return Fraction(100 * whole, common * top * count)
        total = sum((n * _score(key, top) for key, n in pairs.items()), start=Fraction(0))
        return total / count

    def extremes(self, position: int, top: int) -> tuple[Fraction, Fraction] | None:
        """The lowest and the highest person's score, found by their ratios and only then made
        exact (two ratios close enough for a float to mistake their order show alike)."""
        pairs = self.pairs[position]
        if not pairs:
            return None
        low = min(pairs, key=_ratio)
        high = max(pairs, key=_ratio)
        return _score(low, top), _score(high, top)


def _ratio(key: tuple[float, float]) -> float:
    return key[0] / key[1]


def _score(key: tuple[float, float], top: int) -> Fraction:
    total, weight = key
    if total.is_integer() and weight.is_integer():
        return Fraction(100 * int(total), int(weight) * top)
    return 100 * Fraction(total) / (Fraction(weight) * top)


@dataclass
class Comments:
    """What people wrote about one principle as a whole: the first KEEP_AT_MOST, each with its
    author's name when names are kept, and how many more there were."""

    kept: list[tuple[str | None, str]] = field(default_factory=list)
    more: int = 0

    def add(self, name: str | None, text: str) -> None:
        if len(self.kept) < KEEP_AT_MOST:
            self.kept.append((name, text))
        else:
            self.more += 1

    def merge(self, later: Comments) -> None:
        room = KEEP_AT_MOST - len(self.kept)
        self.kept += later.kept[:room]
        self.more += later.more + len(later.kept[room:])


@dataclass(frozen=True)
class TeamPrinciple:
    principle: Principle
    score: float | None
    band: Band | None
    min: float | None
    max: float | None
    respondents: int
    comments: Comments = field(default_factory=Comments)


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
    left_out: int = 0  # files that could not be read, left out with --skip-invalid
    answered: tuple[datetime, datetime] | None = None  # the first and last, where files say

    @property
    def weakest(self) -> TeamPrinciple | None:
        """The principle with the lowest team score, shown beside the overall result."""
        return weakest(self.principles)

    def to_discuss(self) -> list[TeamQuestion]:
        """Flagged questions, in the order of RANKING."""
        flagged = [q for q in self.questions if q.discuss]
        return sorted(flagged, key=lambda q: (-(q.tally.spread or 0), -(q.tally.sd or 0)))


def _widened(
    span: tuple[datetime, datetime] | None, more: tuple[datetime, datetime]
) -> tuple[datetime, datetime]:
    return more if span is None else (min(span[0], more[0]), max(span[1], more[1]))


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
        self._comments = {p.id: Comments() for p in self.principles}
        # The earliest and the latest time a file says it was answered, where any says.
        self.answered: tuple[datetime, datetime] | None = None

    def add(
        self,
        answers: dict[str, AnswerData],
        name: str,
        comments: dict[str, str] | None = None,
        answered: datetime | None = None,
    ) -> None:
        """Tally one person's answers and score their principles, in a single pass.

        This runs once per file, so the loop keeps to local names and dict look-ups.
        """
        self.respondents += 1
        if answered is not None:
            if answered.tzinfo is None:  # a file's time without a zone: this computer's
                answered = answered.astimezone()
            self.answered = _widened(self.answered, (answered, answered))
        slots = self._slots
        totals = [0.0] * len(self.principles)
        weights = [0.0] * len(self.principles)
        if self.keep_notes or self.keep_names:
            self._keep(answers, name)
        if self.keep_notes and comments:
            for principle_id, text in comments.items():
                found = self._comments.get(principle_id)
                if found is not None and text.strip():
                    found.add(name if self.keep_names else None, text)
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
        if later.answered is not None:
            self.answered = _widened(self.answered, later.answered)
        for principle_id, comments in self._comments.items():
            comments.merge(later._comments[principle_id])

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
        exact: list[tuple[Fraction, Fraction]] = []
        sums = self._scores
        top = self.bank.max_value
        for position, principle in enumerate(self.principles):
            score = sums.mean(position, top)
            if score is not None:
                exact.append((score, Fraction(principle.weight)))
            shown, band = as_shown(self.bank, score)
            extremes = sums.extremes(position, top)
            principles.append(
                TeamPrinciple(
                    principle=principle,
                    score=shown,
                    band=band,
                    min=rounded(extremes[0]) if extremes else None,
                    max=rounded(extremes[1]) if extremes else None,
                    respondents=sums.respondents(position),
                    comments=self._comments[principle.id],
                )
            )
        weights = sum((w for _, w in exact), start=Fraction(0))
        mean = sum((s * w for s, w in exact), start=Fraction(0)) / weights if weights else None
        overall, overall_band = as_shown(self.bank, mean)
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
            answered=self.answered,
        )
