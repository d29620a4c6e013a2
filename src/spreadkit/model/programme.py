"""A spread programme: many adopting sites, each reviewed in rounds, seen side by side.

Each round of a site is scored as a team is (or taken from its agreed file, or its card); the
programme then shows every site's latest round by principle, how each site moved since its first
round, the principle weakest across the programme, the questions most often among the sites'
priorities, and, only where enough sites have a round for no site to be picked out, the spread of
the sites' scores per principle and each site's place in it.

Quartiles are taken by linear interpolation between the sorted scores (the "inclusive" method of
Python's `statistics.quantiles`, and the default of spreadsheets' QUARTILE.INC).
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import mul
from typing import TYPE_CHECKING

from spreadkit.model.scoring import rounded

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Bank, Principle, Question
    from spreadkit.model.team import TeamResult

# The spread per principle is shown only where at least this many sites have a round...
DEFAULT_MIN_SITES = 5
# ...and never fewer than this, whatever is asked.
LEAST_MIN_SITES = 3
# A site's priorities: the questions of its latest round with the lowest mean ratings.
PRIORITIES_PER_SITE = 5
# How many of the questions most often among sites' priorities a report shows.
COMMON_PRIORITIES = 10
_DATED = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")


def date_of(name: str) -> str | None:
    """The date a round's name starts with (`2026-03 baseline` is 2026-03), else None."""
    found = _DATED.match(name)
    return found.group(1) if found else None


@dataclass(frozen=True)
class Mark:
    """A principle's score and band in one round."""

    principle: Principle
    score: float | None
    band: Band | None


@dataclass(frozen=True)
class Round:
    name: str
    date: str | None
    respondents: int
    agreed: bool  # an agreed file from `agree` stands for the round
    overall: float | None
    overall_band: Band | None
    principles: tuple[Mark, ...]
    priorities: tuple[str, ...] = ()  # question ids; none for a card
    card: bool = False  # read from a benchmark card
    left_out: int = 0  # files that could not be read, left out with --skip-invalid
    people: tuple[str, ...] = ()  # who answered, kept only when names are to be shown

    def mark(self, principle_id: str) -> Mark | None:
        return next((m for m in self.principles if m.principle.id == principle_id), None)


def round_from_team(
    name: str,
    result: TeamResult,
    *,
    respondents: int | None = None,
    agreed: bool = False,
    people: tuple[str, ...] = (),
) -> Round:
    """A round from its team result; an agreed file counts the people who agreed it."""
    # Each question's mean rating, as its tally gives it, read straight off the counts: a
    # programme asks it of every question of every round.
    rated = []
    for index, q in enumerate(result.questions):
        counts = q.tally.counts
        n = sum(counts)
        if n:
            rated.append((sum(map(mul, counts, range(len(counts)))) / n, index, q.question.id))
    rated.sort()
    return Round(
        name=name,
        date=date_of(name),
        respondents=result.respondents if respondents is None else respondents,
        agreed=agreed,
        overall=result.overall,
        overall_band=result.overall_band,
        principles=tuple(Mark(p.principle, p.score, p.band) for p in result.principles),
        priorities=tuple(qid for _, _, qid in rated[:PRIORITIES_PER_SITE]),
        left_out=result.left_out,
        people=people,
    )


@dataclass(frozen=True)
class Site:
    name: str
    rounds: tuple[Round, ...]  # oldest first
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> Round:
        return self.rounds[0]

    @property
    def latest(self) -> Round:
        return self.rounds[-1]

    @property
    def moved(self) -> float | None:
        """The overall score's change since the first round; None with one round."""
        if len(self.rounds) < 2 or self.first.overall is None or self.latest.overall is None:
            return None
        return rounded(self.latest.overall - self.first.overall, 1)

    @property
    def backwards(self) -> bool:
        return self.moved is not None and self.moved < 0


@dataclass(frozen=True)
class Spread:
    min: float
    q1: float
    median: float
    q3: float
    max: float


def quartiles(scores: list[float]) -> Spread:
    """The lowest, lower quartile, median, upper quartile and highest of at least one score."""
    ordered = sorted(scores)

    def at(fraction: float) -> float:
        position = fraction * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
        return rounded(value, 1) or 0.0

    return Spread(ordered[0], at(0.25), at(0.5), at(0.75), ordered[-1])


@dataclass(frozen=True)
class PrincipleSpread:
    principle: Principle
    sites: int  # sites whose latest round scores this principle
    spread: Spread | None  # None below the minimum number of sites
    median: float | None  # the sites' median, whatever their number: for the weakest principle


@dataclass(frozen=True)
class CommonPriority:
    principle: Principle
    question: Question
    sites: int


@dataclass(frozen=True)
class Programme:
    sites: tuple[Site, ...]
    principles: tuple[PrincipleSpread, ...]
    min_sites: int
    common: tuple[CommonPriority, ...]  # most often among sites' priorities, most first
    anonymous: bool = False

    @property
    def weakest(self) -> PrincipleSpread | None:
        """The principle with the lowest median across the sites' latest rounds."""
        scored = [p for p in self.principles if p.median is not None]
        return min(scored, key=lambda p: p.median or 0.0) if scored else None

    @property
    def backwards(self) -> list[Site]:
        return [site for site in self.sites if site.backwards]

    @property
    def left_out(self) -> int:
        """Files left out of every round with --skip-invalid."""
        return sum(r.left_out for site in self.sites for r in site.rounds)

    @property
    def agreed(self) -> list[tuple[Site, Round]]:
        return [(site, r) for site in self.sites for r in site.rounds if r.agreed]

    def place(self, site: Site, principle_id: str) -> str | None:
        """Where a site's latest score sits in the programme's spread, in words; None where the
        spread is not shown or the site has no score."""
        spread = next((p.spread for p in self.principles if p.principle.id == principle_id), None)
        mark = site.latest.mark(principle_id)
        if spread is None or mark is None or mark.score is None:
            return None
        if mark.score < spread.q1:
            return "lowest quarter"
        if mark.score > spread.q3:
            return "highest quarter"
        return "middle half"


def programme(
    bank: Bank, sites: list[Site], min_sites: int = DEFAULT_MIN_SITES, *, anonymous: bool = False
) -> Programme:
    """The programme of these sites, in the order of their names."""
    min_sites = max(min_sites, LEAST_MIN_SITES)
    ordered = sorted(sites, key=lambda s: (s.name.casefold(), s.name))
    if anonymous:
        ordered = [_anonymised(site, n) for n, site in enumerate(ordered)]
    spreads = []
    for principle in bank.principles:
        scores = [
            mark.score
            for site in ordered
            if (mark := site.latest.mark(principle.id)) is not None and mark.score is not None
        ]
        whole = quartiles(scores) if scores else None
        spreads.append(
            PrincipleSpread(
                principle,
                len(scores),
                whole if len(scores) >= min_sites else None,
                whole.median if whole else None,
            )
        )
    counted = Counter(qid for site in ordered for qid in site.latest.priorities)
    order = {q.id: n for n, (_, q) in enumerate(bank.questions())}
    common = []
    for qid, count in sorted(counted.items(), key=lambda item: (-item[1], order.get(item[0], 0))):
        found = bank.question(qid)
        if found is not None:
            common.append(CommonPriority(found[0], found[1], count))
    return Programme(
        tuple(ordered),
        tuple(spreads),
        min_sites,
        tuple(common[:COMMON_PRIORITIES]),
        anonymous,
    )


def sharing(sites: list[Site], tags: dict[str, str]) -> list[Site]:
    """The sites whose tags include every one of these."""
    return [site for site in sites if all(site.tags.get(k) == v for k, v in tags.items())]


def site_letter(index: int) -> str:
    """A, B, ... Z, AA, AB, ...: a site's letter by its place in name order."""
    letters = string.ascii_uppercase
    word = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        word = letters[rest] + word
    return word


def _anonymised(site: Site, index: int) -> Site:
    """The site as Site A, B, ...; its rounds by number and date only, with no names of people,
    and no tags."""
    rounds = tuple(
        replace(r, name=f"Round {n}" + (f" ({r.date})" if r.date else ""), people=())
        for n, r in enumerate(site.rounds, start=1)
    )
    return Site(f"Site {site_letter(index)}", rounds)
