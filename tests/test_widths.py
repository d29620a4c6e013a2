"""What a person sees at 60 and 80 columns, read off the screen of a terminal emulator (pyte) that
the installed `spreadkit` draws on in a pseudo-terminal: no score, count or command is cut, and no
word is broken in two. And the commands spreadkit prints run when typed back into the shell."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from spreadkit.cli.invocation import join

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

SCRIPT = Path(sys.executable).parent / "spreadkit"
FIXTURES = ROOT / "tests" / "fixtures"
BANK = json.loads((FIXTURES / "bank-1.0.0.json").read_text("utf-8"))


class Screen:
    """A program running in a terminal of a given size, and what its screen shows."""

    def __init__(self, args: list[str], columns: int, cwd: Path, rows: int = 1000):
        env = dict(
            os.environ,
            TERM="xterm-256color",
            PROMPT_TOOLKIT_NO_CPR="1",
            SPREADKIT_BANK=str(FIXTURES / "bank-1.0.0.json"),
        )
        env.pop("COLUMNS", None)
        env.pop("NO_COLOR", None)
        # Typed as a person would after the Quickstart: the short path into the environment,
        # with spreadkit itself on the PATH, so the commands it prints are short too.
        env["PATH"] = f"{SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}"
        self.child = pexpect.spawn(
            "spreadkit", args, cwd=str(cwd), env=env, dimensions=(rows, columns), encoding="utf-8"
        )
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def settle(self, seconds: float = 0.8) -> str:
        end = time.time() + seconds
        while time.time() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.1))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        return self.text()

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display).strip("\n")

    def send(self, keys: str) -> str:
        self.child.send(keys)
        return self.settle()

    def close(self) -> None:
        self.child.close(force=True)


def drawn(args: list[str], columns: int, cwd: Path) -> str:
    screen = Screen(args, columns, cwd)
    try:
        return screen.settle(2.0)
    finally:
        screen.close()


def _whole_words(screen: str, text: str) -> None:
    """Every word of `text` stands whole somewhere on the screen."""
    shown = set(re.findall(r"[\w',.?:;()-]+", screen))
    for word in text.split():
        assert word in shown, f"{word!r} is broken or missing"


@pytest.mark.parametrize("columns", [60, 80])
def test_every_number_stays_whole(columns: int, tmp_path: Path) -> None:
    team, ana = str(FIXTURES / "team"), str(FIXTURES / "team" / "ana.json")
    review = str(FIXTURES / "ana-review.json")
    summary = drawn(["summary", ana], columns, tmp_path)
    for score in ("43.8", "25.0", "64.3", "52.8", "62.5", "50.0", "41.7", "48.6"):
        assert score in summary
    assert "7 of 7" in summary
    team_view = drawn(["team", team], columns, tmp_path)
    for figure in ("59.1", "45.1", "40.0", "87.5", "67.9", "4 of 4", "58.5"):
        assert figure in team_view
    compared = drawn(["compare", team, review], columns, tmp_path)
    for figure in ("↑ up 20.1", "↓ down 12.5", "↓ down 29.2", "↓ down 6.9"):
        assert figure in compared
    for shown in (summary, team_view, compared):
        for line in shown.splitlines():
            assert len(line) <= columns
            assert "…" not in line or "more" in line, line  # nothing cut but the listing's tail


@pytest.mark.parametrize("columns", [60, 80])
def test_assess_wraps_between_words(columns: int, tmp_path: Path) -> None:
    args = ["assess", "-o", "a.json", "--title", "T", "--respondent", "R", "-p", "benefit"]
    screen = Screen(args, columns, tmp_path)
    try:
        first = screen.settle(2.0)
        command = "spreadkit assess -o a.json --resume --principle benefit"
        assert any(line.strip().endswith(command) for line in first.splitlines()), first
        benefit = BANK["principles"][3]
        _whole_words(first, benefit["title"])
        _whole_words(first, benefit["questions"][0]["text"])
        for level in BANK["scale"]:
            assert f"{level['value']}) {level['label']}" in first
        _whole_words(first, BANK["scale"][0]["description"])
        shown = screen.send("4")
        _whole_words(shown, BANK["scale"][4]["description"])
    finally:
        screen.close()


@pytest.mark.parametrize("columns", [60, 80])
def test_the_existing_file_choices_are_whole(columns: int, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        (FIXTURES / "team" / "ana.json").read_text("utf-8"), encoding="utf-8"
    )
    screen = Screen(["assess", "-o", "a.json"], columns, tmp_path)
    try:
        shown = screen.settle(2.0)
        for choice in ("Resume", "Start again", "Quit"):
            assert re.search(rf"^\s*»?\s*{choice}$", shown, re.MULTILINE), shown
        _whole_words(shown, "Carry on where you left off: only what is unanswered is asked.")
    finally:
        screen.close()


def _typed_back(printed: str, cwd: Path) -> pexpect.spawn:
    """The printed command, run in a shell as a person pasting it would run it."""
    env = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1")
    env["SPREADKIT_BANK"] = str(FIXTURES / "bank-1.0.0.json")
    env["PATH"] = "/usr/bin:/bin"  # spreadkit is not on the PATH, as after the Quickstart
    return pexpect.spawn(
        "bash", ["-c", printed], cwd=str(cwd), env=env, encoding="utf-8", timeout=20
    )


@pytest.mark.parametrize("form", ["script", "module"])
def test_the_carry_on_command_works_when_typed_back(form: str, tmp_path: Path) -> None:
    venv = Path(sys.executable).parent
    relative = os.path.relpath(venv, tmp_path)
    program = f"{relative}/spreadkit" if form == "script" else f"{relative}/python"
    args = ["assess", "-o", "a.json", "--title", "T", "--respondent", "R", "-p", "benefit"]
    if form == "module":
        args = ["-m", "spreadkit", *args]
    env = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", PATH="/usr/bin:/bin")
    env["SPREADKIT_BANK"] = str(FIXTURES / "bank-1.0.0.json")
    # Through a shell in that folder, as a person types it: the relative path is the shell's to
    # find, from where it stands.
    typed = shlex.join([program, *args])
    child = pexpect.spawn(
        "/bin/sh", ["-c", typed], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=20
    )
    child.expect_exact("Description:")
    child.send("3\r")
    child.expect_exact("Note")
    child.send("\r")
    child.expect_exact("Description:")
    child.send("\x03")
    child.expect_exact("To carry on, type:")
    child.expect(r"\n\s+(\S.*?)\r?\n")
    printed = child.match.group(1).strip()
    child.expect(pexpect.EOF)
    expected = (
        join([f"{relative}/spreadkit", "assess"])
        if form == "script"
        else join([f"{relative}/python", "-m", "spreadkit"])
    )
    assert printed.startswith(expected), printed
    again = _typed_back(printed, tmp_path)
    again.expect_exact("How clearly can you put that reason across")
    again.sendcontrol("c")
    again.expect(pexpect.EOF)


def test_report_commands_printed_at_the_end_work(tmp_path: Path) -> None:
    answers = tmp_path / "wards.json"
    answers.write_text((FIXTURES / "team" / "ana.json").read_text("utf-8"), encoding="utf-8")
    command = [str(SCRIPT), "assess", "-o", "wards.json", "-q", "benefit.measure"]
    env = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="300")
    env["SPREADKIT_BANK"] = str(FIXTURES / "bank-1.0.0.json")
    child = pexpect.spawn(command[0], command[1:], cwd=str(tmp_path), env=env, encoding="utf-8")
    child.expect_exact("Description:")
    child.send("\r")
    child.expect_exact("Note")
    child.send("\r")
    child.expect_exact("For a report to share")
    child.expect(pexpect.EOF)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", str(child.before))
    lines = [line.strip() for line in plain.splitlines() if "export" in line]
    assert len(lines) == 3, lines  # a web page, Word and markdown
    for line in lines:
        result = subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (line, result.stderr)
        assert (tmp_path / shlex.split(line)[-1]).exists()
