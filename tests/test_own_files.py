"""spreadkit's own files beside the answers: what it made from a folder (a report, a plan) is
passed over when the folder is read again, and no result ever replaces the answers it was made
from, even with --force."""

from __future__ import annotations

import json
import os
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


def _room_and_plan(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> tuple[str, Path]:
    """A team's folder, and a plan made from it beside the folder."""
    _team(write_answers, tmp_path / "room")
    plan = tmp_path / "plan.json"
    assert invoke("plan", str(tmp_path / "room"), "-o", str(plan)).exit_code == 0
    return str(tmp_path / "room"), plan


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
    room, plan = _room_and_plan(invoke, write_answers, tmp_path)
    again = invoke("plan", room, "--from", str(plan), "-o", str(plan), "--force")
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


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_no_link_or_second_name_lets_a_result_replace_answers(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    ana, ben, cy = _team(write_answers, tmp_path / "room")
    kept = {path: path.read_bytes() for path in (ana, ben, cy)}
    # A link named like a report, pointing at someone's answers.
    (tmp_path / "link.md").symlink_to(ana)
    # A person's file in the folder that is itself a link to a file elsewhere.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "dee.json").write_bytes(ana.read_bytes().replace(b"Ana", b"Dee"))
    (tmp_path / "room" / "dee.json").symlink_to(elsewhere / "dee.json")
    # A second name for the same file.
    os.link(ben, tmp_path / "ben-again.json")
    room = str(tmp_path / "room")
    for target in ("link.md", "elsewhere/dee.json", "ben-again.json"):
        result = invoke("team", room, "-o", str(tmp_path / target), "--force")
        assert result.exit_code == 1, (target, result.output)
        assert "holds answers this command reads" in result.stderr
    assert {path: path.read_bytes() for path in kept} == kept
    assert b'"Dee"' in (elsewhere / "dee.json").read_bytes()


def test_a_plan_given_to_compare_is_not_replaced_by_the_comparison(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    room, plan = _room_and_plan(invoke, write_answers, tmp_path)
    before = plan.read_bytes()
    result = invoke(
        "compare", room, room, "--plan", str(plan), "-f", "json", "-o", str(plan), "--force"
    )
    assert result.exit_code == 1
    assert plan.read_bytes() == before


def test_what_spreadkit_made_in_a_folder_may_be_made_again_there(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    room = tmp_path / "room"
    _team(write_answers, room)
    made = [
        ("team", "-f", "json", "-o", "team.json"),
        ("team", "-o", "team.xlsx"),
        ("team", "-f", "csv", "-o", "team.csv"),
        ("plan", "-o", "plan.json"),
        ("plan", "-o", "plan.csv"),
    ]
    for _ in range(2):  # made, then made again over itself
        for command, *rest in made:
            *options, name = rest
            result = invoke(command, str(room), *options, str(room / name), "--force")
            assert result.exit_code == 0, (name, result.output)
    again = invoke(
        "plan",
        str(room),
        "--from",
        str(room / "plan.json"),
        "-o",
        str(room / "plan.json"),
        "--force",
    )
    assert again.exit_code == 0, again.output
    counted = invoke("team", str(room), "-f", "json")
    assert json.loads(counted.stdout)["respondents"] == 3
    assert "Skipped" in counted.stderr and "team.csv: is a team report" in counted.stderr


def test_an_answer_sheet_with_columns_of_its_own_is_still_answers(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """A sheet someone filled in and gave owner and status columns is not taken for a plan."""
    path = write_answers({"benefit.measure": 3})
    sheet = tmp_path / "sam.csv"
    assert invoke("export", str(path), "-o", str(sheet)).exit_code == 0
    lines = sheet.read_text("utf-8-sig").splitlines()
    lines = [lines[0] + ",action,owner,status"] + [line + ",,," for line in lines[1:]]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("summary", str(sheet), "-f", "json")
    assert result.exit_code == 0, result.output
