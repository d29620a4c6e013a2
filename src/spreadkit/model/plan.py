"""The improvement plan: the questions to work on, ranked, each with the bank's suggested next steps
and an action a team can own, date and follow.

Ranking: with targets, the biggest weighted shortfall first (the principle's gap to its target ×
the principle's weight × the question's weight), then the lowest rating; without targets, the
lowest rating first (a team's mean), then bank order. Only questions rated below the top of the
scale are candidates: not applicable and unanswered ones have nothing to improve yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from spreadkit.model.answers import BankRef, bank_ref, now
from spreadkit.model.bank import Bank, Principle, Question, Source
from spreadkit.model.limits import MAX_DETAIL, MAX_NOTE
from spreadkit.model.scoring import Summary, effective_targets, rounded

if TYPE_CHECKING:
    from spreadkit.model.team import TeamResult

Status = Literal["open", "doing", "done", "dropped"]
STATUSES: tuple[Status, ...] = ("open", "doing", "done", "dropped")
DEFAULT_TOP = 10
# The columns of a plan sheet: the first four are there to read, the rest to edit.
PLAN_COLUMNS = (
    "question_id",
    "principle",
    "question",
    "rating",
    "action",
    "owner",
    "due",
    "status",
    "note",
)


class Action(BaseModel):
    """One thing to do about one question: who does it, by when, and how it stands."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    question_id: str
    action: str = Field(default="", max_length=MAX_NOTE)
    owner: str = Field(default="", max_length=MAX_DETAIL)
    due: date | None = None
    status: Status = "open"
    note: str = Field(default="", max_length=MAX_NOTE)
    # What the rating was when the plan was made (a team's mean), to read beside the action.
    rating: float | None = Field(default=None, ge=0)
    # The question's principle, as the bank names it: written for people to read, not read back.
    principle: str = Field(default="", max_length=MAX_DETAIL)


class Reading(BaseModel):
    """Where to read further on a principle the plan touches, as the bank cites it."""

    model_config = ConfigDict(extra="forbid")

    principle: str = Field(max_length=MAX_DETAIL)
    title: str = Field(max_length=MAX_NOTE)
    url: str = Field(max_length=MAX_NOTE)
    publisher: str | None = Field(default=None, max_length=MAX_NOTE)


class PlanFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["spreadkit-plan"] = "spreadkit-plan"
    format_version: Literal[1] = 1
    bank: BankRef
    title: str = Field(default="", max_length=MAX_DETAIL)
    made: datetime | None = None  # a sheet does not say
    actions: list[Action] = []
    # Each resource of each principle the actions touch, as the other plans list them.
    reading: list[Reading] = []

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


@dataclass(frozen=True)
class PlanItem:
    principle: Principle
    question: Question
    rating: float | None  # one person's rating, or a team's mean
    spread: int | None  # a team's, else None
    action: Action


@dataclass(frozen=True)
class Plan:
    bank: Bank
    items: list[PlanItem]  # ranked
    more: int  # candidates left out by --top
    title: str = ""
    made: datetime | None = None
    ranking: str = ""

    @property
    def reading(self) -> list[tuple[Principle, Source]]:
        """Where to read further: each resource of each principle the plan touches."""
        touched = {item.principle.id for item in self.items}
        listed: set[str] = set()
        reading = []
        for principle in self.bank.principles:
            for resource in principle.resources if principle.id in touched else []:
                if resource.url not in listed:  # a page cited for two principles, listed once
                    listed.add(resource.url)
                    reading.append((principle, resource))
        return reading

    def to_file(self) -> PlanFile:
        return PlanFile(
            bank=bank_ref(self.bank),
            title=self.title,
            made=self.made or now(),
            actions=[
                item.action.model_copy(update={"principle": item.principle.name})
                for item in self.items
            ],
            reading=[
                Reading(
                    principle=principle.name,
                    title=source.title,
                    url=source.url,
                    publisher=source.publisher,
                )
                for principle, source in self.reading
            ],
        )


TARGET_RANKING = (
    "biggest weighted gap to target first (the principle's gap × its weight × the question's "
    "weight), then the lowest rating, then bank order"
)
PLAIN_RANKING = "lowest rating first, then bank order"


@dataclass(frozen=True)
class _Candidate:
    principle: Principle
    question: Question
    rating: float
    spread: int | None
    gap: float


def first_step(question: Question) -> str:
    """What a new action says until someone edits it: the bank's first suggestion."""
    return question.next_steps[0] if question.next_steps else ""


def plan_for_person(
    bank: Bank, summary: Summary, top: int | None, existing: Iterable[Action] = ()
) -> Plan:
    gaps = {p.principle.id: p.gap or 0.0 for p in summary.principles}
    candidates = [
        _Candidate(r.principle, r.question, r.rating, None, gaps[r.principle.id])
        for r in (q for p in summary.principles for q in p.rated_questions)
        if r.rating < bank.max_value
    ]
    return _ranked(bank, candidates, summary.has_targets, top, existing)


def plan_for_team(
    bank: Bank, result: TeamResult, top: int | None, existing: Iterable[Action] = ()
) -> Plan:
    targets = effective_targets(bank, None)
    gaps = {
        p.principle.id: max(targets[p.principle.id] - (p.score or 0), 0.0)
        for p in result.principles
        if p.principle.id in targets
    }
    candidates = [
        _Candidate(q.principle, q.question, mean, q.tally.spread, gaps.get(q.principle.id, 0.0))
        for q in result.questions
        if (mean := q.tally.mean) is not None and mean < bank.max_value
    ]
    return _ranked(bank, candidates, bool(targets), top, existing)


def _ranked(
    bank: Bank,
    candidates: list[_Candidate],
    with_targets: bool,
    top: int | None,
    existing: Iterable[Action],
) -> Plan:
    if with_targets:
        ordered = sorted(
            candidates,
            key=lambda c: (-c.gap * c.principle.weight * c.question.weight, c.rating),
        )
    else:
        ordered = sorted(candidates, key=lambda c: c.rating)  # stable: bank order on a tie
    chosen = ordered if top is None else ordered[:top]
    # Every action already in a plan file, two for one question as much as one.
    kept: dict[str, list[Action]] = {}
    for action in existing:
        kept.setdefault(action.question_id, []).append(action)
    items = [
        PlanItem(c.principle, c.question, rounded(c.rating, 2), c.spread, action)
        for c in chosen
        for action in _actions(c, kept.pop(c.question.id, []))
    ]
    # Actions already in a plan file are never dropped, even when their question no longer ranks.
    items += items_from_actions(bank, (a for actions in kept.values() for a in actions))
    return Plan(
        bank=bank,
        items=items,
        more=len(ordered) - len(chosen),
        ranking=TARGET_RANKING if with_targets else PLAIN_RANKING,
    )


def _actions(candidate: _Candidate, existing: list[Action]) -> list[Action]:
    rating = rounded(candidate.rating, 2)
    if existing:
        return [action.model_copy(update={"rating": rating}) for action in existing]
    return [
        Action(
            question_id=candidate.question.id, action=first_step(candidate.question), rating=rating
        )
    ]


def items_from_actions(bank: Bank, actions: Iterable[Action]) -> list[PlanItem]:
    """A plan read back from its file: each action with its question, in the file's order."""
    items = []
    for action in actions:
        found = bank.question(action.question_id)
        if found is not None:
            principle, question = found
            items.append(PlanItem(principle, question, action.rating, None, action))
    return items


def plan_from_file(bank: Bank, plan: PlanFile) -> Plan:
    return Plan(
        bank=bank,
        items=items_from_actions(bank, plan.actions),
        more=0,
        title=plan.title,
        made=plan.made,
    )
