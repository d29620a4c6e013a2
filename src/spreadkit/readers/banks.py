"""The question bank: the built-in one shipped in the package, or a file of a team's own."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from spreadkit.model.bank import Bank, check_bank_data
from spreadkit.model.errors import BankError
from spreadkit.model.problems import Problem, from_validation_error, summarise
from spreadkit.readers.common import read_json

BANK_RESOURCE = "data/principles.json"
# In a source checkout the bank lives at the repository root; the wheel carries it in the package.
_CHECKOUT_BANK = Path(__file__).resolve().parents[3] / "data" / "principles.json"


def builtin_bank_text() -> tuple[str, str]:
    """The built-in bank's text and a name for it in messages."""
    resource = resources.files("spreadkit").joinpath(BANK_RESOURCE)
    if resource.is_file():
        return resource.read_text(encoding="utf-8"), "built-in bank"
    if _CHECKOUT_BANK.is_file():
        return _CHECKOUT_BANK.read_text(encoding="utf-8"), str(_CHECKOUT_BANK)
    raise BankError(
        "the built-in question bank is missing from this installation; reinstall spreadkit"
    )


def bank_problems(data: Any) -> tuple[Bank | None, list[Problem]]:
    """The bank, if it is sound, and every problem found in it: shape and rules alike."""
    problems = check_bank_data(data)
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        return None, from_validation_error(exc) + problems
    return (None if problems else bank), problems


def parse_bank(data: Any, source: str) -> Bank:
    bank, problems = bank_problems(data)
    if bank is None:
        raise BankError(summarise(source, problems))
    return bank


def load_bank(path: Path | None = None) -> Bank:
    if path is not None:
        return parse_bank(read_json(path, "a question bank"), str(path))
    text, source = builtin_bank_text()
    return parse_bank(json.loads(text), source)
