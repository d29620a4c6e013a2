"""spreadkit's own files beside the answers: what it made from a folder (a report, a plan) is
passed over when the folder is read again, and no result ever replaces the answers it was made
from, even with --force."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Invoke = Callable[..., Any]


def _team(write_answers: Callable[..., Path], folder: Path) -> list[Path]:
    folder.mkdir()
    return [
        write_answers(
            {"benefit.measure": rating, "complexity.system-changes": rating},
            name=f"{folder.name}/{name}.json",
            respondent=name.title(),
        )
        for name, rating in (("ana", 1), ("ben", 3), ("cy", 4))
    ]


def test_reports_and_plans_made_from_a_folder_are_passed_over_when_it_is_read_again(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "room"
    _team(write_answers, folder)
    before = invoke("team", str(folder), "-f", "json")
    assert before.exit_code == 0, before.output
    made = ["plan.xlsx", "plan.csv", "plan.json", "team.xlsx", "team.json", "ana-summary.json"]
    for name in made:
        kind = "summary" if name.startswith("ana") else name.split(".")[0]
        source = str(folder / "ana.json") if kind == "summary" else str(folder)
        result = invoke(kind, source, "-o", str(folder / name))
        assert result.exit_code == 0, (name, result.output)
    after = invoke("team", str(folder), "-f", "json")
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout)["respondents"] == 3
    assert json.loads(after.stdout)["principles"] == json.loads(before.stdout)["principles"]
    told = " ".join(after.stderr.split())
    for name in made:
        assert f"Skipped {folder / name}" in told, (name, told)
    assert "is a plan made by spreadkit, not anyone's answers" in told
    # Given on its own, such a file is refused, saying what it is.
    refused = invoke("summary", str(folder / "team.json"))
    assert refused.exit_code == 1
    assert "is a team report made by spreadkit, not anyone's answers" in refused.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "{ana}", "-o", "{ana}"],
        ["export", "{ana}", "-f", "json", "-o", "{ana}"],
        ["team", "{room}", "-f", "json", "-o", "{ben}"],
        ["compare", "{room}", "{ana}", "-f", "json", "-o", "{cy}"],
    ],
)
def test_no_result_replaces_the_answers_it_was_made_from_even_with_force(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path, command: list[str]
) -> None:
    ana, ben, cy = _team(write_answers, tmp_path / "room")
    kept = {path: path.read_bytes() for path in (ana, ben, cy)}
    names = {"ana": ana, "ben": ben, "cy": cy, "room": tmp_path / "room"}
    result = invoke(*(word.format(**names) for word in command), "--force")
    assert result.exit_code == 1, result.output
    assert "holds answers this command reads" in result.stderr
    assert {path: path.read_bytes() for path in kept} == kept


def test_a_plan_read_back_may_still_be_written_over_with_force(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """Refreshing a plan in place keeps its actions: the plan is not anyone's answers."""
    _team(write_answers, tmp_path / "room")
    plan = tmp_path / "plan.json"
    assert invoke("plan", str(tmp_path / "room"), "-o", str(plan)).exit_code == 0
    again = invoke("plan", str(tmp_path / "room"), "--from", str(plan), "-o", str(plan), "--force")
    assert again.exit_code == 0, again.output


def test_counts_of_people_are_written_with_their_thousands_marked(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    template = write_answers({"benefit.measure": 2})
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1001):
        (folder / f"p{n}.json").write_text(
            template.read_text("utf-8").replace('"title"', f'"respondent": "P{n}", "title"'),
            encoding="utf-8",
        )
    result = invoke("team", str(folder), "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "**Respondents:** 1,001" in result.stdout, result.stdout[:400]
