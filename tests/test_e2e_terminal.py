"""The installed `spreadkit` in a real pseudo-terminal, keys pressed as a person would press them."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pseudo-terminal"),
]

SCRIPT = Path(sys.executable).parent / "spreadkit"
CTRL_C = "\x03"


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    command = str(SCRIPT) if SCRIPT.exists() else shutil.which("spreadkit")
    assert command, "the spreadkit console script is not installed"
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", COLUMNS="100")
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        command,
        list(args),
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def answer(child: pexpect.spawn, question: str, key: str, note: str = "") -> None:
    child.expect_exact(question)
    child.expect_exact("Description:")
    child.send(key)
    child.send("\r")
    child.expect_exact("Note")
    child.send(note + "\r")


def test_answer_interrupt_resume_and_finish(tmp_path: Path) -> None:
    args = ["assess", "-p", "innovation-development", "-o", "answers.json"]
    first = spawn(
        *args, "--respondent", "Jo", "--team", "Ward 3", "--setting", "Acute", cwd=tmp_path
    )
    first.expect_exact("What is the innovation or improvement you are assessing?")
    first.send("Virtual wards\r")
    first.expect_exact("Principle 1 of 1")
    answer(
        first,
        "How clearly have you told adopters which parts",
        "3",
        "Local tweaks allowed, within limits",
    )
    answer(first, "How well have you learned from the changes other places", "1")
    first.expect_exact("How well are the changes made to the innovation here")
    first.expect_exact("Description:")
    first.send(CTRL_C)
    first.expect_exact("2 answers saved in answers.json")
    first.expect_exact(" assess -o answers.json --resume --principle innovation-development")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 130

    saved = json.loads((tmp_path / "answers.json").read_text("utf-8"))
    assert len(saved["answers"]) == 2

    second = spawn(*args, "--resume", "--markdown", "report.md", cwd=tmp_path)
    answer(
        second, "How well are the changes made to the innovation", "4", "Shared at the | network"
    )
    answer(second, "How far do staff have protected time", "n")
    answer(second, "How well does what adopters learn flow back", "2")
    second.expect_exact("Overall: ")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 0

    saved = json.loads((tmp_path / "answers.json").read_text("utf-8"))
    assert saved["meta"]["title"] == "Virtual wards"
    assert saved["answers"] == {
        "innovation-development.room-to-adapt": {
            "rating": 3,
            "note": "Local tweaks allowed, within limits",
        },
        "innovation-development.learn-from-adaptations": {"rating": 1, "note": ""},
        "innovation-development.adaptations-recorded": {
            "rating": 4,
            "note": "Shared at the | network",
        },
        "innovation-development.trial-space": {"rating": "n/a", "note": ""},
        "innovation-development.feedback-to-innovators": {"rating": 2, "note": ""},
    }
    report = (tmp_path / "report.md").read_text("utf-8")
    # mean(3, 1, 4, 2) = 2.5 -> 62.5, Building
    assert "| Innovation development | 62.5 | Building | 5 of 5 | 1 |" in report
    assert "| Shared at the \\| network |" in report


CTRL_D = "\x04"


def stopped(child: pexpect.spawn, saved: str) -> None:
    child.expect_exact(saved)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_stopping_at_every_kind_of_prompt_loses_nothing(tmp_path: Path) -> None:
    args = ["assess", "-p", "innovation-development", "-o", "answers.json"]

    # 1. At a metadata prompt, with end of input: the title already given is kept.
    child = spawn(*args, cwd=tmp_path)
    child.expect_exact("What is the innovation or improvement you are assessing?")
    child.send("Virtual wards\r")
    child.expect_exact("Your name")
    child.send(CTRL_D)
    stopped(child, "0 answers saved in answers.json")

    # 2. While typing a note, with Ctrl-C: the rating and the half-typed note are kept.
    child = spawn(*args, "--resume", cwd=tmp_path)
    answer(child, "How clearly have you told adopters which parts", "3", "first note")
    child.expect_exact("How well have you learned from the changes other places")
    child.expect_exact("Description:")
    child.send("2")
    child.send("\r")
    child.expect_exact("Note")
    child.send("typed, not yet entered")
    child.send(CTRL_C)
    stopped(child, "2 answers saved in answers.json")

    # 3. At the question about the existing file, with end of input: the file is untouched.
    before = (tmp_path / "answers.json").read_bytes()
    child = spawn(*args, cwd=tmp_path)
    child.expect_exact("already holds answers")
    child.expect_exact("Description: Carry on where you left off")
    child.send(CTRL_D)
    stopped(child, "2 answers saved in answers.json")
    assert (tmp_path / "answers.json").read_bytes() == before

    # 4. Resume by choosing it, then Ctrl-C at a rating.
    child = spawn(*args, cwd=tmp_path)
    child.expect_exact("Description: Carry on where you left off")
    child.send("\r")
    child.expect_exact("How well are the changes made to the innovation here")
    child.expect_exact("Description:")
    child.send(CTRL_C)
    stopped(child, "2 answers saved in answers.json")

    # 5. Finish.
    child = spawn(*args, "--resume", cwd=tmp_path)
    answer(child, "How well are the changes made to the innovation", "4", "last | one")
    answer(child, "How far do staff have protected time", "n")
    answer(child, "How well does what adopters learn flow back", "1", "line one")
    child.expect_exact("Overall: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = json.loads((tmp_path / "answers.json").read_text("utf-8"))
    assert saved["meta"]["title"] == "Virtual wards"
    assert saved["answers"] == {
        "innovation-development.room-to-adapt": {"rating": 3, "note": "first note"},
        "innovation-development.learn-from-adaptations": {
            "rating": 2,
            "note": "typed, not yet entered",
        },
        "innovation-development.adaptations-recorded": {"rating": 4, "note": "last | one"},
        "innovation-development.trial-space": {"rating": "n/a", "note": ""},
        "innovation-development.feedback-to-innovators": {"rating": 1, "note": "line one"},
    }


def test_two_windows_on_one_file(tmp_path: Path) -> None:
    args = ["assess", "-p", "benefit", "-o", "answers.json", "--title", "T", "--team", "X"]
    first = spawn(*args, cwd=tmp_path)
    first.expect_exact("What makes this innovation worth spreading")
    second = spawn(*args, "--resume", cwd=tmp_path)
    second.expect_exact("another spreadkit assess is using this file")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 1
    first.send(CTRL_C)
    first.expect(pexpect.EOF)
    first.close()
    assert not (tmp_path / "answers.json.lock").exists()


def test_a_consensus_round_stopped_halfway_and_finished(tmp_path: Path) -> None:
    """Five people's sheets; the room agrees three questions, stops, and carries on later."""
    team = tmp_path / "sheets"
    team.mkdir()
    # measure: 0,0,4,4,4; evidence: 1,1,1,2,4; why-worth-it: 1,3,3,3,3; the rest agreed (2 each).
    ratings = {
        "benefit.measure": ["0", "0", "4", "4", "4"],
        "benefit.evidence": ["1", "1", "1", "2", "4"],
        "benefit.why-worth-it": ["1", "3", "3", "3", "3"],
        "benefit.communicate-why": ["2", "2", "2", "2", "2"],
    }
    for n, name in enumerate(["ana", "ben", "cy", "dev", "eli"]):
        lines = ["question_id,rating,note"]
        lines += [f"{qid},{values[n]},{name} on {qid}" for qid, values in ratings.items()]
        (team / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    args = ["agree", "sheets", "-o", "agreed.json", "-p", "benefit"]
    first = spawn(*args, "--title", "Virtual wards", cwd=tmp_path)
    first.expect_exact("Discussion 1 of 3")  # measure: spread 4, the widest
    first.expect_exact("Description:")
    first.send("3\r")
    first.expect_exact("Note")
    first.send("Measures agreed; baseline next month\r")
    first.expect_exact("Discussion 2 of 3")  # evidence: spread 3
    first.expect_exact("Description:")
    first.send(CTRL_C)
    first.expect_exact("The agreed answers so far are saved in agreed.json")
    first.expect_exact(" agree sheets -o agreed.json --resume -p benefit --top 10")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 130
    halfway = json.loads((tmp_path / "agreed.json").read_text("utf-8"))
    assert halfway["answers"]["benefit.measure"] == {
        "rating": 3,
        "note": "Measures agreed; baseline next month",
    }
    assert "benefit.evidence" not in halfway["answers"]

    second = spawn(*args, "--resume", cwd=tmp_path)
    second.expect_exact("Discussion 2 of 3")
    second.expect_exact("Description:")
    second.send("n\r")
    second.expect_exact("Note")
    second.send("Not for this setting\r")
    second.expect_exact("Discussion 3 of 3")
    second.expect_exact("Description:")
    second.send("3\r")
    second.expect_exact("Note")
    second.send("\r")
    second.expect_exact("What to do next")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 0

    agreed = json.loads((tmp_path / "agreed.json").read_text("utf-8"))
    assert agreed["meta"]["title"] == "Virtual wards"
    assert agreed["meta"]["respondent"] == "Team (agreed)" and agreed["meta"]["respondents"] == 5
    answers = agreed["answers"]
    assert answers["benefit.measure"]["rating"] == 3
    assert answers["benefit.evidence"] == {"rating": "n/a", "note": "Not for this setting"}
    assert answers["benefit.why-worth-it"] == {"rating": 3, "note": ""}
    assert answers["benefit.communicate-why"]["rating"] == 2
    # Taken as agreed, with what each person wrote (by rating only: no --names).
    assert "ana on benefit.communicate-why (rated 2)" in answers["benefit.communicate-why"]["note"]
    assert agreed["meta"]["agreement"]["taken"] == ["benefit.communicate-why"]


def test_a_surveys_comments_reach_the_team_and_the_room(tmp_path: Path) -> None:
    """The survey route, through the installed command: a Forms export with a comment question
    after each principle, imported, seen as a team, then shown in the room by `agree`."""
    import subprocess

    from test_import import COMMENTING, forms_with_comments

    from spreadkit.readers.banks import load_bank

    forms_with_comments(tmp_path / "responses.xlsx", load_bank(), COMMENTING)
    command = str(SCRIPT) if SCRIPT.exists() else shutil.which("spreadkit")
    assert command

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, *args], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8"
        )

    assert run("import", "responses.xlsx", "-o", "answers").returncode == 0
    team = run("team", "answers", "-f", "markdown")
    assert team.returncode == 0, team.stderr
    said = team.stdout[team.stdout.index("## Comments on the principles") :]
    assert "The rota is the risk" in said and "Ben Okafor" not in said

    room = spawn("agree", "answers", "-o", "agreed.json", cwd=tmp_path)
    room.expect_exact("Discussion 1 of")
    room.expect_exact("On Complexity as a whole:")
    room.expect_exact("The rota is the risk")
    room.expect_exact("Description:")
    room.send(CTRL_C)
    room.expect(pexpect.EOF)
    room.close()
    assert room.exitstatus == 130
    agreed = json.loads((tmp_path / "agreed.json").read_text("utf-8"))
    assert "Sponsor moved on" in agreed["comments"]["leadership"]
