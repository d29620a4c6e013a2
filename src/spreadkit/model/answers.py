"""One person's answers to a bank, keyed by question id so that bank order never matters."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal, TypedDict

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
)
from pydantic.dataclasses import dataclass

from spreadkit.model.bank import Bank, Principle
from spreadkit.model.limits import MAX_DETAIL, MAX_NOTE
from spreadkit.model.problems import Problem, json_path

NOT_APPLICABLE: Final = "n/a"
# The columns of an answer sheet, exactly, in this order: a contract people's scripts rely on.
SHEET_COLUMNS: Final[tuple[str, ...]] = (
    "principle_id",
    "principle",
    "question_id",
    "question",
    "rating",
    "note",
)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def report_time() -> datetime:
    """When a report is made: now, or SOURCE_DATE_EPOCH when set, so a report can be made again
    byte for byte (the convention of reproducible builds)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "")
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), UTC)
    return now()


# A pydantic dataclass rather than a model: a team's files hold tens of thousands of answers, and
# a dataclass is quicker to build and to read a field from.
@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Answer:
    """A rating on the scale, "n/a", or None for skipped; the note holds the person's own answer."""

    rating: StrictInt | Literal["n/a"] | None = None
    note: str = Field(default="", max_length=MAX_NOTE)

    @property
    def is_settled(self) -> bool:
        """Rated or marked not applicable: nothing left to ask."""
        return self.rating is not None


class AnswerData(TypedDict):
    """An answer as plain data, the form a team's files are tallied in: a dict is quicker to
    build by the hundred thousand than an `Answer`."""

    rating: int | str | None
    note: str


def as_data(answers: dict[str, Answer]) -> dict[str, AnswerData]:
    return {qid: {"rating": answer.rating, "note": answer.note} for qid, answer in answers.items()}


def is_blank(answers: dict[str, AnswerData]) -> bool:
    """Nothing rated, marked not applicable or noted: an unused sheet, not a respondent."""
    return not any(a["rating"] is not None or a["note"].strip() for a in answers.values())


class BankRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    hash: str | None = None


class Agreement(BaseModel):
    """How a team's agreed answers were agreed (`spreadkit agree`): the questions taken as
    already agreed, those flagged but not discussed yet, and the team's overall score before the
    round. Every other answered question was agreed in discussion."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    team_overall: float | None = Field(default=None, ge=0, le=100)
    taken: list[str] = []  # the team broadly agreed: the rating nearest its mean
    pending: list[str] = []  # flagged for discussion, not discussed yet: the same, for now


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", max_length=MAX_DETAIL)
    respondent: str = Field(default="", max_length=MAX_DETAIL)
    team: str = Field(default="", max_length=MAX_DETAIL)
    setting: str = Field(default="", max_length=MAX_DETAIL)
    # For answers a team agreed together (`spreadkit agree`): how many people took part, and how
    # the answers were agreed.
    respondents: int | None = Field(default=None, ge=1)
    agreement: Agreement | None = None

    created: datetime = Field(default_factory=now)
    updated: datetime = Field(default_factory=now)

    def unset(self) -> set[str]:
        """What one person's answers leave out: `respondents` and `agreement`, as before they
        existed. Left out by name when written (`exclude`), never by a serializer of our own:
        Ctrl+C in Python code run by pydantic's serializer comes out as a serialization error,
        not as Ctrl+C."""
        return {name for name in ("respondents", "agreement") if getattr(self, name) is None}

    def as_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude=self.unset())


class AnswersFile(BaseModel):
    # Question ids repeat from file to file and are worth caching as they are read; notes do not,
    # and caching them would only fill memory when a team's files are read one after another.
    model_config = ConfigDict(extra="forbid", cache_strings="keys", allow_inf_nan=False)

    format: Literal["spreadkit-answers"] = "spreadkit-answers"
    format_version: Literal[1] = 1
    bank: BankRef
    meta: Meta = Field(default_factory=Meta)
    targets: dict[str, float] = {}
    answers: dict[str, Answer] = {}
    # What the person wrote about a principle as a whole (a survey's comment question), by
    # principle id.
    comments: dict[str, Annotated[str, Field(max_length=MAX_NOTE)]] = {}

    # Answers to questions a later version of the bank no longer asks: kept, never dropped.
    retired: dict[str, Answer] = {}

    @classmethod
    def new(cls, bank: Bank, meta: Meta) -> AnswersFile:
        return cls(bank=bank_ref(bank), meta=meta)

    @classmethod
    def blank(cls, bank: Bank, principles: list[Principle]) -> AnswersFile:
        """Every question of these principles listed, unanswered: a sheet to fill in as JSON."""
        return cls.new(bank, Meta()).model_copy(
            update={"answers": {q.id: Answer() for p in principles for q in p.questions}}
        )

    def with_meta(self, **fields: str) -> AnswersFile:
        return self.model_copy(update={"meta": self.meta.model_copy(update=fields)})

    def with_targets(self, targets: dict[str, float]) -> AnswersFile:
        """This assessment's own targets added to any it already had."""
        return self.model_copy(update={"targets": {**self.targets, **targets}})

    def fitted_to(self, bank: Bank) -> AnswersFile:
        """Stamped with exactly which bank it is saved with, so a later edit of it shows."""
        ref = bank_ref(bank)
        return self if self.bank == ref else self.model_copy(update={"bank": ref})

    def to_json(self) -> str:
        """The file as spreadkit saves it: indented, so a person can read and diff it. A file
        with no comments, or one person's, is written as before those existed, so that an
        earlier spreadkit still reads it."""
        left_out: dict[str, Any] = {}
        if not self.comments:
            left_out["comments"] = True
        if unset := self.meta.unset():
            left_out["meta"] = unset
        return self.model_dump_json(indent=2, exclude=left_out or None) + "\n"

    def answered(self) -> datetime | None:
        """When the file says it was last answered; None when it does not say (no `updated`
        in it, whatever the model then filled in)."""
        said = "meta" in self.model_fields_set and "updated" in self.meta.model_fields_set
        return self.meta.updated if said else None

    def with_answer(self, question_id: str, answer: Answer) -> AnswersFile:
        """A copy with one answer set and the updated time moved on; the original stays as it was."""
        answers = dict(self.answers)
        answers[question_id] = answer
        return self.model_copy(
            update={"answers": answers, "meta": self.meta.model_copy(update={"updated": now()})}
        )


def bank_ref(bank: Bank) -> BankRef:
    return BankRef(id=bank.id, version=bank.version, hash=bank.content_hash)


def check_answers(answers: AnswersFile, bank: Bank, *, compatible: bool = False) -> list[Problem]:
    """Every way these answers fail to fit the bank, each with the JSON path of the culprit.

    With `compatible`, answers made with another bank are accepted when every question they answer
    is also in this one (a team may mix a bank and its copy).
    """
    other_bank = answers.bank.id != bank.id
    if other_bank and not compatible:
        return [
            Problem(
                json_path(["bank", "id"]),
                f"these answers were made with the bank '{answers.bank.id}', not '{bank.id}'",
            )
        ]
    problems = _target_problems(answers, bank) + _comment_problems(answers, bank)
    if (
        answers.answers.keys() <= bank.question_ids
        and {a.rating for a in answers.answers.values()} <= bank.allowed_ratings
    ):
        return problems  # the usual case, checked with two set comparisons
    for question_id, answer in answers.answers.items():
        where = ["answers", question_id]
        if bank.question(question_id) is None:
            detail = (
                f"answered with the bank '{answers.bank.id}', whose question '{question_id}' "
                f"is not in the bank '{bank.id}'"
                if other_bank
                else f"unknown question id '{question_id}' for this bank"
            )
            problems.append(Problem(json_path(where), detail))
        elif isinstance(answer.rating, int) and bank.level(answer.rating) is None:
            found = bank.question(question_id)
            text = f" for '{found[1].text}'" if found else ""
            problems.append(
                Problem(
                    json_path([*where, "rating"]),
                    f"rating {answer.rating}{text} is out of range: use {bank.scale[0].value} "
                    f'to {bank.max_value}, "n/a" or null',
                )
            )
    return problems


def _comment_problems(answers: AnswersFile, bank: Bank) -> list[Problem]:
    return [
        Problem(
            json_path(["comments", principle_id]),
            f"'{principle_id}' is not a principle in this bank",
        )
        for principle_id in answers.comments
        if bank.principle(principle_id) is None
    ]


def _target_problems(answers: AnswersFile, bank: Bank) -> list[Problem]:
    """Targets are scores from 0 to 100 for principles this bank has."""
    problems = []
    for principle_id, target in answers.targets.items():
        where = json_path(["targets", principle_id])
        if bank.principle(principle_id) is None:
            problems.append(Problem(where, f"'{principle_id}' is not a principle in this bank"))
        elif not 0 <= target <= 100:
            problems.append(Problem(where, f"a target is a score from 0 to 100, not {target:g}"))
    return problems
