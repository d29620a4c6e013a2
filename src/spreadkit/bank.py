"""The question bank: principles, their questions, the rating scale and the readiness bands."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from spreadkit.problems import Problem, json_path


class _Model(BaseModel):
    # Unknown keys are refused so that a typo in a hand-edited bank is reported, not ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    title: str
    url: str
    publisher: str | None = None


class ScaleLevel(_Model):
    value: int
    label: str = Field(min_length=1)
    description: str


class Band(_Model):
    id: str
    label: str = Field(min_length=1)
    min: float
    max: float
    description: str = ""

    def contains(self, score: float) -> bool:
        return self.min <= score < self.max or (self.max == 100 and score == 100)


class Question(_Model):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    origin: Literal["guide", "derived"]
    help: str | None = None


class Principle(_Model):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    title: str
    summary: str
    key_ideas: list[str] = []
    links: list[str] = []
    sources: list[Source] = []
    questions: list[Question]


class Bank(_Model):
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    title: str
    source: Source
    scale: list[ScaleLevel] = Field(min_length=2)
    bands: list[Band] = Field(min_length=1)
    principles: list[Principle] = Field(min_length=1)

    @property
    def max_value(self) -> int:
        return self.scale[-1].value

    @cached_property
    def _questions(self) -> dict[str, tuple[Principle, Question]]:
        return {q.id: (p, q) for p in self.principles for q in p.questions}

    @cached_property
    def _principles(self) -> dict[str, Principle]:
        return {p.id: p for p in self.principles}

    @cached_property
    def question_ids(self) -> frozenset[str]:
        return frozenset(self._questions)

    @cached_property
    def _levels(self) -> dict[int, ScaleLevel]:
        return {level.value: level for level in self.scale}

    @cached_property
    def allowed_ratings(self) -> frozenset[int | str | None]:
        """Every value an answer's rating may hold: the scale, "n/a", and None for unanswered."""
        return frozenset([*self._levels, "n/a", None])

    def questions(self) -> Iterator[tuple[Principle, Question]]:
        for principle in self.principles:
            for question in principle.questions:
                yield principle, question

    def question(self, question_id: str) -> tuple[Principle, Question] | None:
        return self._questions.get(question_id)

    def principle(self, principle_id: str) -> Principle | None:
        return self._principles.get(principle_id)

    def level(self, value: int) -> ScaleLevel | None:
        return self._levels.get(value)

    def band_for(self, score: float) -> Band:
        for band in self.bands:
            if band.contains(score):
                return band
        raise ValueError(f"score {score} is outside 0 to 100")


def check_bank(bank: Bank) -> list[Problem]:
    """The rules pydantic's types cannot express: every problem, so an editor can fix them in one go."""
    problems: list[Problem] = []

    for i, level in enumerate(bank.scale):
        if level.value != i:
            problems.append(
                Problem(
                    json_path(["scale", i, "value"]),
                    f"the scale must count up from 0 in steps of 1, so this should be {i}, "
                    f"not {level.value}",
                )
            )

    expected_min = 0.0
    for i, band in enumerate(bank.bands):
        if band.min != expected_min:
            gap = "a gap" if band.min > expected_min else "an overlap"
            problems.append(
                Problem(
                    json_path(["bands", i, "min"]),
                    f"bands must cover 0 to 100 without gaps or overlaps; there is {gap} "
                    f"here (this band should start at {expected_min:g}, not {band.min:g})",
                )
            )
        if band.max <= band.min:
            problems.append(
                Problem(json_path(["bands", i, "max"]), "a band's max must be above its min")
            )
        expected_min = band.max
    if bank.bands and bank.bands[-1].max != 100:
        problems.append(
            Problem(
                json_path(["bands", len(bank.bands) - 1, "max"]),
                f"the last band must end at 100, not {bank.bands[-1].max:g}",
            )
        )

    principle_ids: dict[str, int] = {}
    for i, principle in enumerate(bank.principles):
        if principle.id in principle_ids:
            problems.append(
                Problem(
                    json_path(["principles", i, "id"]),
                    f"duplicate principle id '{principle.id}' "
                    f"(already used at {json_path(['principles', principle_ids[principle.id]])})",
                )
            )
        else:
            principle_ids[principle.id] = i

    question_ids: dict[str, str] = {}
    for i, principle in enumerate(bank.principles):
        if not principle.questions:
            problems.append(
                Problem(json_path(["principles", i, "questions"]), "a principle needs a question")
            )
        for j, link in enumerate(principle.links):
            if link not in principle_ids:
                problems.append(
                    Problem(
                        json_path(["principles", i, "links", j]),
                        f"links to '{link}', which is not a principle in this bank",
                    )
                )
            elif link == principle.id:
                problems.append(
                    Problem(json_path(["principles", i, "links", j]), "a principle links to itself")
                )
        for k, question in enumerate(principle.questions):
            here = json_path(["principles", i, "questions", k])
            if question.id in question_ids:
                problems.append(
                    Problem(
                        here + ".id",
                        f"duplicate question id '{question.id}' (already used at "
                        f"{question_ids[question.id]})",
                    )
                )
            else:
                question_ids[question.id] = here
    return problems
