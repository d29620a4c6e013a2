"""The improvement plan as a sheet to edit in a spreadsheet and read back with `plan --from`.

Columns: question_id, principle, question, rating (these four to read), then action, owner, due
(an ISO date), status (open, doing, done or dropped) and note, to edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.exports.sheet import spreadsheet_csv
from spreadkit.model.plan import PLAN_COLUMNS

if TYPE_CHECKING:
    from spreadkit.model.reports import PlanView


def plan_rows(view: PlanView) -> list[list[object]]:
    rows: list[list[object]] = [list(PLAN_COLUMNS)]
    for item in view.plan.items:
        action = item.action
        rows.append(
            [
                item.question.id,
                item.principle.name,
                item.question.text,
                "" if item.rating is None else f"{item.rating:g}",
                action.action,
                action.owner,
                action.due.isoformat() if action.due else "",
                action.status,
                action.note,
            ]
        )
    return rows


def plan(view: PlanView) -> str:
    return spreadsheet_csv(plan_rows(view))
