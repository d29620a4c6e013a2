"""Problems found in a file, each tied to a JSON path a person can find in an editor."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spreadkit.model.words import plural

if TYPE_CHECKING:
    from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def json_path(parts: Iterable[str | int]) -> str:
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}"
        else:
            path += f'["{part}"]'
    return path


_OBJECT = "should be an object, written {{...}} in JSON"
_WHEN = "should be a date and time such as 2026-03-02T09:15:00Z (found {found})"
# Pydantic's wording, by the kind of problem, put the way a person editing the file would say it;
# {found} is the value that was there.
_PLAIN = {
    "missing": "this field is required",
    "missing_argument": "this field is required",
    "extra_forbidden": "unknown field (is it a typo?)",
    "unexpected_keyword_argument": "unknown field (is it a typo?)",
    "model_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dict_type": _OBJECT,
    "list_type": "should be a list, written [...] in JSON (found {found})",
    "int_type": "should be a whole number (found {found})",
    "int_parsing": "should be a whole number (found {found})",
    "int_from_float": "should be a whole number (found {found})",
    "float_type": "should be a number (found {found})",
    "float_parsing": "should be a number (found {found})",
    "string_type": "should be text, in quotes (found {found})",
    "bool_type": "should be true or false (found {found})",
    "bool_parsing": "should be true or false (found {found})",
    "string_too_long": "is too long: at most {max_length:,} characters",
    "finite_number": "should be a finite number (found {found})",
    "literal_error": "should be {expected} (found {found})",
    "datetime_type": _WHEN,
    "datetime_parsing": _WHEN,
    "datetime_from_date_parsing": _WHEN,
    "too_short": "should have at least {min_length} (found {actual_length})",
    "too_long": "should have at most {max_length} (found {actual_length})",
    "greater_than_equal": "should be {ge} or more (found {found})",
    "less_than_equal": "should be {le} or less (found {found})",
}
# A value that matched none of a field's allowed kinds gets one message that names them all.
_EITHER = {"rating": 'should be a whole number on the scale, "n/a" or null'}
# pydantic adds the name of each kind a value was tried as to the location; a reader needs none.
_KINDS = {"int", "str", "float", "bool", "none", "dict", "list"}


def _readable(loc: tuple[str | int, ...]) -> list[str | int]:
    return [
        part
        for part in loc
        if not (isinstance(part, str) and (part in _KINDS or (part[:1].islower() and "[" in part)))
    ]


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def from_validation_error(exc: ValidationError) -> list[Problem]:
    """Pydantic's messages, reworded where they would puzzle someone who is not a programmer.

    A value tried against several kinds (a rating may be a number, "n/a" or null) fails once for
    each; those failures become one problem.
    """
    problems: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = _readable(err["loc"])
        path = json_path(loc)
        if path in seen:
            continue
        seen.add(path)
        field = loc[-1] if loc else None
        if isinstance(field, str) and field in _EITHER:
            message = f"{_EITHER[field]} (found {_shown(err['input'])})"
        elif err["type"] in _PLAIN:
            context = err.get("ctx", {})
            message = _PLAIN[err["type"]].format(found=_shown(err["input"]), **context)
        else:
            message = _plainer(err["msg"])
        problems.append(Problem(path, message))
    return problems


def _plainer(message: str) -> str:
    """pydantic's own words, for a problem not worded above, without its programmer's terms."""
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    message = message.replace("Input should be", "should be").replace("valid ", "")
    return message[:1].lower() + message[1:]


def summarise(source: str, problems: list[Problem]) -> str:
    """One line for the person: the first problem in full and how many more there are."""
    first = f"{source}: {problems[0]}"
    if len(problems) > 1:
        first += f" (and {plural(len(problems) - 1, 'more problem')})"
    return first
