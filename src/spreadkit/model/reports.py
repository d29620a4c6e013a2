"""What each report and export is made from: one person's answers and their scores, a team, a
comparison, a plan or a blank sheet, with what the command asked of it (how much to show, and
the command that shows the rest). Built by the command line; read by every format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from datetime import datetime

    from spreadkit.model.answers import AnswersFile
    from spreadkit.model.bank import Bank, Principle
    from spreadkit.model.comparison import Comparison, QuestionChange
    from spreadkit.model.plan import Action, Plan
    from spreadkit.model.programme import Programme
    from spreadkit.model.scoring import Summary
    from spreadkit.model.team import TeamResult
    from spreadkit.model.trend import QuestionTrend, Trend


class PersonView(NamedTuple):
    """One person's answers and their summary: what `summary` and `export` render."""

    bank: Bank
    answers: AnswersFile
    summary: Summary
    show_all: bool = False  # every priority and strength, not the first few
    more: str | None = None  # the command that shows them all, for the line that says so


class Report(NamedTuple):
    """What every team or comparison report says about itself: its title and when it was made."""

    title: str = ""
    made: datetime | None = None


class TeamView(NamedTuple):
    bank: Bank
    result: TeamResult
    names: bool
    top: int | None = None  # questions to discuss shown in a report; None for all of them
    more: str | None = None  # the command that shows them all
    report: Report = Report()


class CompareView(NamedTuple):
    bank: Bank
    comparison: Comparison
    report: Report = Report()
    actions: tuple[Action, ...] = ()  # a plan's, each shown beside how its question moved

    def actions_moved(self) -> list[tuple[Action, QuestionChange | None]]:
        return [(a, self.comparison.questions.get(a.question_id)) for a in self.actions]


class PlanView(NamedTuple):
    """An improvement plan, made from answers or read back from its file."""

    plan: Plan
    more: str | None = None  # the command that shows every candidate
    source: str = ""  # what it was made from, in words


class BlankView(NamedTuple):
    """A sheet to fill in, for these principles."""

    bank: Bank
    principles: list[Principle]


class ProgrammeView(NamedTuple):
    """A spread programme: its sites and their rounds, side by side."""

    bank: Bank
    programme: Programme
    report: Report = Report()


class CardView(NamedTuple):
    """A benchmark card, as it is written."""

    card: dict[str, Any]


class TrendView(NamedTuple):
    """Three or more rounds, oldest first."""

    bank: Bank
    trend: Trend
    report: Report = Report()
    actions: tuple[Action, ...] = ()  # a plan's, each shown beside its question in every round

    def actions_moved(self) -> list[tuple[Action, QuestionTrend | None]]:
        return [(a, self.trend.questions.get(a.question_id)) for a in self.actions]
