"""Answers files: read, checked against the bank, and fitted to its version."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError
from pydantic_core import SchemaValidator, core_schema

from spreadkit.model.answers import AnswerData, AnswersFile, check_answers
from spreadkit.model.bank import Bank
from spreadkit.model.errors import AnswersError
from spreadkit.model.migrate import migrate, needs_migration
from spreadkit.model.problems import from_validation_error, summarise
from spreadkit.readers.common import not_answers, not_utf8, parse_json, read_bytes


def load_answers(
    path: Path, bank: Bank, *, compatible: bool = False, notices: list[str] | None = None
) -> AnswersFile:
    """Answers fitted to `bank`; what migration did to them is added to `notices`."""
    return answers_from(path, read_bytes(path, "an answers file"), bank, compatible, notices)


def answers_from(
    path: Path, content: bytes, bank: Bank, compatible: bool, notices: list[str] | None
) -> AnswersFile:
    try:
        answers = AnswersFile.model_validate_json(content)
        # The JSON reader keeps the last of a name given twice: read once more, to refuse that.
        parse_json(content.decode("utf-8-sig"), str(path))
    except ValidationError:
        # The slow path, only for a file with something wrong: it words the problem exactly.
        answers = _load_answers_carefully(path, content)
    if needs_migration(answers, bank):
        answers, report = migrate(answers, bank)
        if notices is not None:
            notices.append(report.describe(str(path)))
    problems = check_answers(answers, bank, compatible=compatible)
    if problems:
        raise AnswersError(summarise(str(path), problems))
    return answers


def _load_answers_carefully(path: Path, content: bytes) -> AnswersFile:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, "is this the right file?") from None
    if not text.strip():
        raise AnswersError(f"{path}: the file is empty")
    data = parse_json(text, str(path))
    made = made_kind(data)
    if made:
        raise not_answers(str(path), made)
    if not isinstance(data, dict) or data.get("format") != "spreadkit-answers":
        raise AnswersError(
            f"{path}: $.format: not a spreadkit answers file "
            '(expected "format": "spreadkit-answers")'
        )
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(summarise(str(path), from_validation_error(exc))) from None


# What spreadkit's other JSON files are, by their format or kind.
_MADE = {
    "spreadkit-plan": "a plan",
    "spreadkit-card": "a benchmark card",
    "summary": "a summary",
    "team": "a team report",
    "compare": "a comparison",
    "trend": "a trend report",
    "programme": "a programme report",
}


def made_kind(data: object) -> str:
    """What a JSON file spreadkit made is, when it is not answers; empty for anything else."""
    if not isinstance(data, dict):
        return ""
    kind = (
        data.get("format")
        if "format" in data
        else data.get("kind")
        if "spreadkit" in data
        else None
    )
    return _MADE.get(kind, "") if isinstance(kind, str) else ""


class Person(NamedTuple):
    """One person as a team reads them: their name, their answers as plain data, their
    comments on principles (principle id to text), and when they last answered, where a file
    says so (a sheet does not)."""

    name: str
    answers: dict[str, AnswerData]
    comments: dict[str, str]
    answered: datetime | None


def plain_answers(content: bytes, bank: Bank) -> Person | None:
    """The person in a well-formed file made with exactly this bank, as plain data (the name
    as the file gives it, perhaps blank); None for any other file, which `answers_from` then reads, fits or words the
    problem with. A team's files are nearly all of the first kind, and this is the quick way."""
    try:
        data = _plain_validator().validate_json(content)
    except ValueError:
        return None
    ref = data["bank"]
    answers: dict[str, AnswerData] = data.get("answers", {})
    comments: dict[str, str] = data.get("comments", {})
    if (
        ref["id"] != bank.id
        or ref["version"] != bank.version
        or ref.get("hash") not in (None, bank.content_hash)
        or data.get("targets")
        or data.get("retired")
        or not answers.keys() <= bank.question_ids
        or not comments.keys() <= bank.principle_ids
        # Each answer has at most its rating and its note: both, when they add up to two each.
        or sum(map(len, answers.values())) != 2 * len(answers)
        or not set(map(_RATING, answers.values())) <= bank.allowed_ratings
        or _given_twice(content, data, answers)
    ):
        return None
    meta = data.get("meta", {})
    return Person(meta.get("respondent", ""), answers, comments, meta.get("updated"))


def _given_twice(content: bytes, data: dict[str, Any], answers: dict[str, AnswerData]) -> bool:
    """Whether a name may be given twice in one object, of which the quick reader keeps the
    last and the careful one refuses. Outside a text, a quote then a colon (blanks between them
    set aside) ends a name, and a quote inside a text has a backslash before it; so that pair is
    counted at least once per name written, and the file is taken only when the count is
    exactly the number of names read. A quoted word then a colon in a note costs that file only
    the careful way."""
    # Each answer is a name holding exactly two (checked before).
    rest = {key: value for key, value in data.items() if key != "answers"}
    names = ("answers" in data) + 3 * len(answers) + _names(rest)
    return content.translate(None, b" \t\r\n").count(b'":') != names


def _names(value: dict[str, Any]) -> int:
    return len(value) + sum(_names(inner) for inner in value.values() if type(inner) is dict)


_RATING = itemgetter("rating")


@cache
def _plain_validator() -> SchemaValidator:
    """`AnswersFile`'s own validator with each model and dataclass turned into a typed dict:
    exactly the same checks, made from the models so the two cannot drift, but building dicts,
    which takes a quarter less time."""
    return SchemaValidator(plain_schema(AnswersFile.__pydantic_core_schema__))


def plain_schema(schema: Any) -> Any:
    if isinstance(schema, list):
        return [plain_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if isinstance(kind, str) and kind.startswith("function-"):
        # A validator of the models' own would be handed a dict instead of a model.
        raise TypeError(f"the answers models hold a {kind} validator, which a typed dict breaks")
    if kind == "model":
        fields = {name: field["schema"] for name, field in schema["schema"]["fields"].items()}
    elif kind == "dataclass":
        fields = {field["name"]: field["schema"] for field in schema["schema"]["fields"]}
    else:
        # How a value is written out is no concern of reading it.
        return {key: plain_schema(value) for key, value in schema.items() if key != "serialization"}
    config = schema.get("config", {})
    return core_schema.typed_dict_schema(
        {
            name: core_schema.typed_dict_field(
                # No default is filled in: the data read holds exactly the names the file gives.
                plain_schema(field["schema"] if field["type"] == "default" else field),
                required=field["type"] != "default",
            )
            for name, field in fields.items()
        },
        extra_behavior=config.get("extra_fields_behavior"),
        config=config,
        ref=schema.get("ref"),
    )
