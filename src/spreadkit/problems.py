"""Problems found in a file, each tied to a JSON path a person can find in an editor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


_PLAIN = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (is it a typo?)",
}


def from_validation_error(exc: ValidationError) -> list[Problem]:
    """Pydantic's messages, reworded where they would puzzle someone who is not a programmer."""
    problems = []
    for err in exc.errors(include_url=False):
        # Union members add their type name to the location; it means nothing to a reader.
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p[:1].islower() and "[" in p)]
        message = _PLAIN.get(err["type"], err["msg"][:1].lower() + err["msg"][1:])
        problems.append(Problem(json_path(loc), message))
    return problems


def summarise(source: str, problems: list[Problem]) -> str:
    """One line for the person: the first problem in full and how many more there are."""
    first = f"{source}: {problems[0]}"
    if len(problems) > 1:
        first += f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
    return first
