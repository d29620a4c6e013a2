"""A rating as a person or a program wrote it in a cell (a sheet, a workbook or a survey export),
read the one way every reader shares."""

from __future__ import annotations

import re
from typing import Literal

from spreadkit.model.answers import NOT_APPLICABLE
from spreadkit.model.bank import Bank

_NOT_APPLICABLE = {"n/a", "na", "n.a.", "not applicable"}
# "3", "3.0", "3 Mostly in place", "3 - Mostly in place", "3: Mostly in place", "3) Mostly…"
_NUMBERED = re.compile(r"(-?\d{1,3})(?:\.0+)?(?:\s*[-–—:.)]?\s+|\s*[-–—:.)]\s*|$)(.*)", re.DOTALL)


def plain_words(text: str) -> str:
    """Text compared the way a person would: case, spaces and punctuation around it ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def parse_rating(cell: str, bank: Bank) -> int | Literal["n/a"] | None:
    """The rating a cell means: the value, the label, both (`3 Mostly in place`, as a drop-down
    or a survey writes it), a number a spreadsheet stored as `3.0`, or n/a; blank for none.
    Otherwise a ValueError saying what would be accepted."""
    text = " ".join(cell.split())
    if not text:
        return None
    if text.casefold() in _NOT_APPLICABLE:
        return NOT_APPLICABLE
    if re.fullmatch(r"-?\d+[.,]\d*[1-9]\d*", text):
        raise ValueError(f"'{text}' is not a whole number: use {_accepted(bank)}")
    numbered = _NUMBERED.fullmatch(text)
    if numbered:
        value = int(numbered.group(1))
        level = bank.level(value)
        if level is None:
            raise ValueError(
                f"rating {value} is out of range: use {bank.scale[0].value} to {bank.max_value}"
            )
        label = numbered.group(2).strip()
        if label and plain_words(label) != plain_words(level.label):
            raise ValueError(f"'{text}': {value} is '{level.label}', not '{label}'")
        return value
    for level in bank.scale:
        if plain_words(level.label) == plain_words(text):
            return level.value
    raise ValueError(f"'{text}' is not a rating: use {_accepted(bank)}")


def _accepted(bank: Bank) -> str:
    return (
        f"{bank.scale[0].value} to {bank.max_value}, a label such as '{bank.scale[-1].label}', "
        "n/a, or leave it blank"
    )


def doubtful_cells(rows: list[list[str]], column: int) -> dict[int, str]:
    """Rows whose cell in `column` a workbook shows as something other than its value, or merges
    with others: what a person sees there is not what would be scored."""
    if type(rows) is list:  # CSV: every cell is what it says
        return {}
    from spreadkit.readers.workbooks import doubtful_cells as in_workbook

    return in_workbook(rows, column)
