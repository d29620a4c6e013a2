"""Reading a plan file back after people have edited it (JSON, or a sheet from a spreadsheet):
every problem is reported at once, by JSON path or by row and column, and nothing is taken in
when there are problems."""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from spreadkit.model.answers import bank_ref
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError
from spreadkit.model.plan import PLAN_COLUMNS, STATUSES, Action, PlanFile
from spreadkit.model.problems import Problem, from_validation_error, json_path, summarise
from spreadkit.model.safe import uncell
from spreadkit.readers.common import column_letter, parse_json, read_text
from spreadkit.readers.sheets import sheet_rows

_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")


def read_plan(path: Path, bank: Bank) -> PlanFile:
    if path.suffix.lower() in (".csv", ".xlsx"):
        # Read as an answer sheet is (CSV or a workbook's sheet), from the sheet called Plan.
        source, rows, marked = sheet_rows(path, prefer="Plan", kind="a plan")
        if marked:
            rows = [[uncell(cell) for cell in row] for row in rows]
        return plan_from_rows(source, rows, bank)
    return _json_plan(path, bank)


def _json_plan(path: Path, bank: Bank) -> PlanFile:
    data = parse_json(read_text(path, "a plan", "is this the right file?"), str(path))
    if not isinstance(data, dict) or data.get("format") != "spreadkit-plan":
        raise InputFileError(
            f'{path}: $.format: not a spreadkit plan (expected "format": "spreadkit-plan")'
        )
    try:
        plan = PlanFile.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(summarise(str(path), from_validation_error(exc))) from None
    problems = [
        Problem(json_path(["actions", i, "question_id"]), _unknown(a.question_id))
        for i, a in enumerate(plan.actions)
        if bank.question(a.question_id) is None
    ]
    problems += [
        Problem(json_path(["actions", i, "rating"]), _off_scale(a.rating, bank))
        for i, a in enumerate(plan.actions)
        if a.rating is not None and not _on_scale(a.rating, bank)
    ]
    if problems:
        raise InputFileError(summarise(str(path), problems))
    return plan


def _on_scale(rating: float, bank: Bank) -> bool:
    return bank.scale[0].value <= rating <= bank.max_value


def _off_scale(rating: float, bank: Bank) -> str:
    return (
        f"a rating of {rating:.6g} is off the bank's scale ({bank.scale[0].value} to "
        f"{bank.max_value})"
    )


def _unknown(question_id: str) -> str:
    return f"unknown question id '{question_id}' for this bank"


def plan_from_rows(source: str, rows: list[list[str]], bank: Bank) -> PlanFile:
    """A plan from a sheet's rows, header first, as text."""
    if not rows:
        raise InputFileError(f"{source}: the sheet is empty; it needs a header row")
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    if "question_id" not in header:
        raise InputFileError(f"{source}: row 1: missing column 'question_id'")
    where = {name: header.index(name) for name in PLAN_COLUMNS if name in header}
    problems: list[str] = []
    actions: list[Action] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: row[i] if i < len(row) else "" for name, i in where.items()}
        if not any(c.strip() for c in cells.values()):
            continue
        fields: dict[str, Any] = {}
        sound = True
        for name in ("question_id", "action", "owner", "due", "status", "note", "rating"):
            if name not in cells:
                continue
            try:
                fields[name] = _cell(name, cells[name], bank)
            except ValueError as exc:
                sound = False
                place = f"row {number}, column {column_letter(where[name])} ({name})"
                problems.append(f"{source}: {place}: {exc}")
        if not sound:
            continue
        try:
            actions.append(Action(**{k: v for k, v in fields.items() if v is not None}))
        except ValidationError as exc:
            problems += [f"{source}: row {number}: {p}" for p in from_validation_error(exc)]
    if problems:
        raise InputFileError("\n".join(problems))
    return PlanFile(bank=bank_ref(bank), actions=actions)


def _cell(name: str, text: str, bank: Bank) -> Any:
    """One cell, as the plan needs it, or a ValueError saying what is wrong."""
    if name == "due":
        return _date(text)
    if name == "question_id":
        text = text.strip()
        if bank.question(text) is None:
            raise ValueError(_unknown(text))
        return text
    if name == "status":
        status = text.strip().lower() or "open"
        if status not in STATUSES:
            raise ValueError(f"'{text}' should be {', '.join(STATUSES[:-1])} or {STATUSES[-1]}")
        return status
    if name == "rating":
        rating = _number(text)
        if rating is not None and not _on_scale(rating, bank):
            raise ValueError(_off_scale(rating, bank))
        return rating
    return text


def _number(text: str) -> float | None:
    if not text.strip():
        return None
    try:
        number = float(text)
    except ValueError:
        return None  # only there to read; a note in it is not an error
    return number if math.isfinite(number) else None


def _date(cell: str) -> date | None:
    """An ISO date (2026-12-31, and a workbook's date cell, which reads 2026-12-31 00:00:00), or
    the day first as British spreadsheets save it (31/12/2026); nothing else, and nothing after
    it ("2027-01-31 or maybe March" is not a date)."""
    text = cell.strip()
    if not text:
        return None
    british = _UK_DATE.fullmatch(text)
    iso = _ISO_DATE.fullmatch(text)
    try:
        if british:
            day, month, year = (int(part) for part in british.groups())
            return date(year, month, day)
        if iso:
            return date.fromisoformat(iso.group(1))
    except ValueError:
        pass
    raise ValueError(f"'{text[:40]}' is not a date: write it as 2026-12-31 or 31/12/2026")
