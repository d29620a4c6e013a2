"""Making an improvement plan from what a person points `spreadkit plan` at: one person's answers,
a team's, or a plan file read back (whose actions always carry over)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from spreadkit.model.answers import report_time
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError, UsageError
from spreadkit.model.plan import Action, Plan, plan_for_person, plan_for_team, plan_from_file
from spreadkit.model.scoring import summarise
from spreadkit.readers.inputs import load
from spreadkit.readers.plans import read_plan
from spreadkit.readers.teams import read_team

Notify = Callable[[str], None]


def make_plan(
    bank: Bank,
    files: list[Path],
    plan_file: Path | None,
    notify: Notify,
    *,
    top: int | None,
    principle_ids: list[str] | None = None,
    title: str = "",
) -> tuple[Plan, str]:
    """The plan, and a few words on what it was made from."""
    if not files and plan_file is None:
        raise UsageError(
            "give the answers to make a plan from (a file, or a folder for a team), "
            "or --from PLAN to read a plan back"
        )
    existing = read_plan(plan_file, bank) if plan_file is not None else None
    actions: list[Action] = existing.actions if existing else []
    if not files:
        assert existing is not None
        plan = replace(plan_from_file(bank, existing), title=title or existing.title)
        return plan, f"{plan_file}, read back"
    if len(files) == 1 and not files[0].is_dir():
        notices: list[str] = []
        answers = load(files[0], bank, notices=notices)
        for notice in notices:
            notify(f"Note: {notice}")
        summary = summarise(bank, answers.answers, principle_ids, answers.targets)
        if not any(p.rated for p in summary.principles):
            raise InputFileError(
                f"{files[0]}: no question is rated yet, so there is nothing to plan; answer "
                "some first"
            )
        plan = plan_for_person(bank, summary, top, actions)
        who = answers.meta.respondent.strip()
        source = f"{files[0]}" + (f" ({who}'s answers)" if who else "")
        return _titled(plan, title or answers.meta.title), source
    result = read_team(bank, files, notify, principle_ids=principle_ids)
    plan = plan_for_team(bank, result, top, actions)
    source = f"a team of {result.respondents} ({', '.join(map(str, files))})"
    return _titled(plan, title), source


def _titled(plan: Plan, title: str) -> Plan:
    return replace(plan, title=title, made=report_time())


def plan_actions(bank: Bank, plan_file: Path) -> list[Action]:
    """A plan file's actions, for `compare --plan`."""
    return read_plan(plan_file, bank).actions
