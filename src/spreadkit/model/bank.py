"""The question bank: principles, their questions, the rating scale and the readiness bands.

pydantic checks the shape (types, required fields, unknown keys); `check_bank_data` checks the
rules between fields on the raw JSON, so that every problem in a hand-edited bank is found at once,
even when the shape is broken too.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from spreadkit.model.errors import UsageError
from spreadkit.model.limits import MAX_NEXT_STEPS, MAX_WEIGHT
from spreadkit.model.problems import Problem, json_path


class _Model(BaseModel):
    # Unknown keys are refused so that a typo in a hand-edited bank is reported, not ignored.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(_Model):
    title: str
    url: str
    publisher: str | None = None


class ScaleLevel(_Model):
    value: int
    label: str
    description: str


class Band(_Model):
    id: str
    label: str
    min: float
    max: float
    description: str = ""

    def contains(self, score: float) -> bool:
        return self.min <= score < self.max or (self.max == 100 and score == 100)


# The limits are stated for editors; check_bank_data words the message a person sees.
_WEIGHT = Field(
    default=1,
    description="How much this counts in its score, relative to the others; 1 unless set.",
    json_schema_extra={"minimum": 0, "maximum": MAX_WEIGHT},
)


class Question(_Model):
    id: str = Field(description="Stable and readable, e.g. benefit.why-worth-it; never reuse one.")
    text: str
    origin: Literal["guide", "derived", "local"] = Field(
        description="guide: restates a question the guide lists; derived: written from the "
        "principle's key ideas; local: a team's own question."
    )
    help: str | None = Field(default=None, description="What 'fully in place' looks like.")
    weight: float = _WEIGHT
    replaces: list[str] = Field(
        default=[],
        description="Ids of questions in earlier versions whose answers carry over to this one.",
    )
    earlier_texts: list[str] = Field(
        default=[],
        description="How this question was worded in earlier versions of the bank, so that survey "
        "responses collected with an older form still find it.",
    )
    next_steps: list[str] = Field(
        default=[],
        max_length=MAX_NEXT_STEPS,
        description="One to three short, concrete suggestions of what to do when this is rated "
        "low; the improvement plan offers them.",
    )


class Principle(_Model):
    id: str
    name: str
    title: str
    summary: str
    source_note: str = Field(
        default="",
        description="Where the principle's name, heading or summary comes from, when that needs "
        "saying; shown with the principles and in reports, not on the assessment's screens.",
    )
    key_ideas: list[str] = []
    links: list[str] = []
    sources: list[Source] = []
    resources: list[Source] = Field(
        default=[],
        description="Titled links for reading further: the guide's pages for this principle.",
    )
    weight: float = _WEIGHT
    target: float | None = Field(
        default=None,
        description="The score (0 to 100) this principle should reach.",
        json_schema_extra={"minimum": 0, "maximum": 100},
    )
    questions: list[Question]


class Bank(_Model):
    id: str
    version: str
    title: str
    source: Source
    scale: list[ScaleLevel]
    bands: list[Band]
    about_bands: str = Field(
        default="",
        description="Where the bands come from, said wherever they are shown, e.g. that they are "
        "an aid to planning and not the guide's.",
    )
    principles: list[Principle]

    @property
    def max_value(self) -> int:
        return self.scale[-1].value

    @cached_property
    def content_hash(self) -> str:
        """Changes whenever anything in the bank changes, so answers can tell an edited bank.

        Fields added to the format later are left out while they are empty, so a bank that does
        not use them keeps the hash its answers were saved with.
        """
        content = _without_empty(self.model_dump(mode="json"), _LATER_FIELDS)
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

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
    def principle_ids(self) -> frozenset[str]:
        return frozenset(self._principles)

    @cached_property
    def replaced(self) -> dict[str, str]:
        """Old question id to the id of the question that replaces it."""
        return {old: q.id for _, q in self.questions() for old in q.replaces}

    @cached_property
    def _levels(self) -> dict[int, ScaleLevel]:
        return {level.value: level for level in self.scale}

    @cached_property
    def allowed_ratings(self) -> frozenset[int | str | None]:
        """Every value an answer's rating may hold: the scale, "n/a", and None for unanswered."""
        return frozenset([*self._levels, "n/a", None])

    @property
    def weighted(self) -> bool:
        return any(
            p.weight != 1 or any(q.weight != 1 for q in p.questions) for p in self.principles
        )

    def questions(self) -> Iterator[tuple[Principle, Question]]:
        for principle in self.principles:
            for question in principle.questions:
                yield principle, question

    def question(self, question_id: str) -> tuple[Principle, Question] | None:
        return self._questions.get(question_id)

    def principle(self, principle_id: str) -> Principle | None:
        return self._principles.get(principle_id)

    @property
    def known_ids(self) -> str:
        """The principle ids, for a message that lists what may be chosen."""
        return ", ".join(p.id for p in self.principles)

    def chosen(self, ids: list[str] | None) -> list[Principle]:
        """The principles asked for with -p, in the bank's order whatever order they came in;
        all of them when none were asked for."""
        wanted = list(ids or [])
        for principle_id in wanted:
            if self.principle(principle_id) is None:
                raise UsageError(
                    f"unknown principle '{principle_id}'; choose from: {self.known_ids}"
                )
        return [p for p in self.principles if not wanted or p.id in wanted]

    def level(self, value: int) -> ScaleLevel | None:
        return self._levels.get(value)

    def band_of(self, score: float | None) -> Band | None:
        """The band of a score, or None for a principle with no score."""
        return None if score is None else self.band_for(score)

    def shade_index(self, band: Band, shades: int) -> int:
        """Which of `shades` worst-to-best shades stands for this band, however many bands the
        bank defines (the terminal and HTML colours both use it)."""
        step = (shades - 1) / max(len(self.bands) - 1, 1)
        place = self._band_places.get(id(band))
        if place is None:  # a copy of one of the bank's bands
            place = self.bands.index(band)
        return round(place * step)

    def band_for(self, score: float) -> Band:
        """Found by bisection: the bands run from 0 to 100 in order, one after another."""
        bands = self.bands
        place = bisect_right(self._band_starts, score) - 1
        for band in bands[max(place - 1, 0) : place + 2]:
            if band.contains(score):
                return band
        for band in bands:  # bands out of order, in a bank made in code
            if band.contains(score):
                return band
        raise ValueError(f"score {score} is outside 0 to 100")

    @cached_property
    def _band_places(self) -> dict[int, int]:
        """Where each band stands, by identity: a bank of thousands of bands finds each at once,
        rather than comparing it with every band before it."""
        return {id(band): place for place, band in enumerate(self.bands)}

    @cached_property
    def _band_starts(self) -> list[float]:
        return [band.min for band in self.bands]


# Fields the format gained after banks were first saved (1.1: about_bands, resources, next_steps;
# 1.2: earlier_texts).
_LATER_FIELDS = frozenset(
    {"about_bands", "resources", "next_steps", "earlier_texts", "source_note"}
)


def _without_empty(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without_empty(v, keys) for k, v in value.items() if not (k in keys and not v)}
    if isinstance(value, list):
        return [_without_empty(item, keys) for item in value]
    return value


def _entries(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects in data[key], with their positions; anything of the wrong shape is skipped
    here because pydantic already reports it."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _number(value: Any) -> float | None:
    """A JSON number as a float (an integer too large for one counts as infinite); None for
    anything else, and for NaN, which pydantic reports."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return math.inf
    return None if math.isnan(number) else number


class _Findings:
    """Problems found so far, each with its JSON path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, parts: list[str | int], message: str) -> None:
        self.problems.append(Problem(json_path(parts), message))


def check_bank_data(data: Any) -> list[Problem]:
    """The rules between fields, on the raw JSON: every problem, so an editor can fix them at once."""
    found = _Findings()
    _check_scale(data, found)
    _check_bands(data, found)
    principle_ids = _check_principles(data, found)
    _check_links_and_questions(data, principle_ids, found)
    return found.problems


def _check_scale(data: Any, found: _Findings) -> None:
    for i, level in _entries(data, "scale"):
        value = level.get("value")
        if isinstance(value, int) and not isinstance(value, bool) and value != i:
            found.add(
                ["scale", i, "value"],
                f"the scale must count up from 0 in steps of 1, so this should be {i}, not {value}",
            )
    if isinstance(data, dict) and isinstance(data.get("scale"), list) and len(data["scale"]) < 2:
        found.add(["scale"], "the scale needs at least two values, such as 0 and 1")


def _check_bands(data: Any, found: _Findings) -> None:
    bands = _entries(data, "bands")
    expected = 0.0
    for i, band in bands:
        low, high = _number(band.get("min")), _number(band.get("max"))
        if low is None or high is None:
            continue
        if low != expected:
            kind = "a gap" if low > expected else "an overlap"
            found.add(
                ["bands", i, "min"],
                f"bands must cover 0 to 100 without gaps or overlaps; there is {kind} here "
                f"(this band should start at {expected:g}, where the one before ends, not {low:g})",
            )
        if high <= low:
            found.add(["bands", i, "max"], f"a band must end above where it starts ({low:g})")
        expected = high
    if bands and expected != 100:
        found.add(
            ["bands", bands[-1][0], "max"], f"the last band must end at 100, not {expected:g}"
        )
    if isinstance(data, dict) and data.get("bands") == []:
        found.add(["bands"], "the bank needs at least one band covering 0 to 100")


_CONTROL_IN_ID = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _odd_id(value: str) -> str | None:
    """What makes an id unusable in the files spreadkit writes and reads back, if anything."""
    if value.strip() and value != value.strip():
        return (
            f"the id '{value}' begins or ends with a space, which a sheet or a survey column "
            "does not keep; remove it"
        )
    control = _CONTROL_IN_ID.search(value)
    if control:
        return (
            f"the id '{value}' holds a control character (U+{ord(control.group()):04X}), which "
            "no sheet can hold; remove it"
        )
    return None


def _check_weight(where: list[str | int], value: Any, found: _Findings) -> None:
    weight = _number(value)
    if weight is not None and not 0 <= weight <= MAX_WEIGHT:
        found.add(where, f"a weight must be from 0 to {MAX_WEIGHT}, not {weight:g}")


def _check_principles(data: Any, found: _Findings) -> dict[str, int]:
    """Each principle's own fields; returns where each principle id is first used."""
    if isinstance(data, dict) and data.get("principles") == []:
        found.add(["principles"], "the bank needs at least one principle")
    first_principle: dict[str, int] = {}
    folded_principles: dict[str, tuple[str, int]] = {}
    for i, principle in _entries(data, "principles"):
        pid = principle.get("id")
        if isinstance(pid, str):
            odd = _odd_id(pid)
            if not pid.strip():
                found.add(["principles", i, "id"], "a principle needs an id")
            elif odd:
                found.add(["principles", i, "id"], odd)
            elif pid.casefold() in folded_principles:
                first, at = folded_principles[pid.casefold()]
                same = "duplicate principle id" if first == pid else "principle id"
                differs = "" if first == pid else f", which differs only in case from '{first}'"
                found.add(
                    ["principles", i, "id"],
                    f"{same} '{pid}'{differs} (already used at {json_path(['principles', at])})",
                )
            else:
                first_principle[pid] = i
                folded_principles[pid.casefold()] = (pid, i)
        if isinstance(principle.get("name"), str) and not principle["name"].strip():
            found.add(["principles", i, "name"], "a principle's name must not be empty")
        _check_weight(["principles", i, "weight"], principle.get("weight"), found)
        target = _number(principle.get("target"))
        if target is not None and not 0 <= target <= 100:
            found.add(
                ["principles", i, "target"], f"a target is a score from 0 to 100, not {target:g}"
            )
        if principle.get("questions") == []:
            found.add(["principles", i, "questions"], "a principle needs at least one question")
    return first_principle


def _check_links_and_questions(data: Any, principle_ids: dict[str, int], found: _Findings) -> None:
    question_at: dict[str, str] = {}
    folded: dict[str, tuple[str, str]] = {}  # casefolded id -> (the id, where)
    replaced_at: dict[str, str] = {}
    for i, principle in _entries(data, "principles"):
        links = principle.get("links")
        for j, link in enumerate(links if isinstance(links, list) else []):
            if not isinstance(link, str):
                continue
            if link == principle.get("id"):
                found.add(["principles", i, "links", j], "a principle cannot link to itself")
            elif link not in principle_ids:
                found.add(
                    ["principles", i, "links", j],
                    f"links to '{link}', which is not a principle in this bank",
                )
        for k, question in _entries(principle, "questions"):
            here: list[str | int] = ["principles", i, "questions", k]
            _check_question(here, question, (question_at, folded), found)
            _note_replaces(["principles", i, "questions", k], question, replaced_at, found)
    for old, where in replaced_at.items():
        if old in question_at:
            found.problems.append(
                Problem(
                    where + ".replaces",
                    f"replaces '{old}', which is still a question in this bank "
                    f"(at {question_at[old]})",
                )
            )


def _check_question(
    here: list[str | int],
    question: dict[str, Any],
    seen: tuple[dict[str, str], dict[str, tuple[str, str]]],
    found: _Findings,
) -> None:
    question_at, folded = seen
    qid = question.get("id")
    if isinstance(qid, str):
        odd = _odd_id(qid)
        earlier = folded.get(qid.casefold())
        if not qid.strip():
            found.add([*here, "id"], "a question needs an id")
        elif odd:
            found.add([*here, "id"], odd)
        elif qid in question_at:
            found.add(
                [*here, "id"], f"duplicate question id '{qid}' (already used at {question_at[qid]})"
            )
        elif earlier is not None:
            first, at = earlier
            found.add(
                [*here, "id"],
                f"question id '{qid}' differs only in case from '{first}' (at {at}); a survey "
                "column for one would be taken for the other, so give them different ids",
            )
        else:
            question_at[qid] = json_path(here)
            folded[qid.casefold()] = (qid, json_path(here))
    if isinstance(question.get("text"), str) and not question["text"].strip():
        found.add([*here, "text"], "a question's text must not be empty")
    _check_weight([*here, "weight"], question.get("weight"), found)


def _note_replaces(
    here: list[str | int], question: dict[str, Any], replaced_at: dict[str, str], found: _Findings
) -> None:
    olds = question.get("replaces")
    for m, old in enumerate(olds if isinstance(olds, list) else []):
        if isinstance(old, str):
            if old in replaced_at:
                found.add(
                    [*here, "replaces", m], f"'{old}' is already replaced at {replaced_at[old]}"
                )
            replaced_at.setdefault(old, json_path(here))
