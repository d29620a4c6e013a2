"""The help text is the interface people read: a change to it shows as a diff of these snapshots.

Regenerate after an intended change with: SPREADKIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_help.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spreadkit.cli.commands import app

SNAPSHOTS = Path(__file__).parent / "snapshots"
COMMANDS = [
    [],
    ["assess"],
    ["summary"],
    ["team"],
    ["compare"],
    ["export"],
    ["template"],
    ["bank"],
    ["plan"],
    ["agree"],
    ["import"],
    ["programme"],
    ["card"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "spreadkit")
def test_help_matches_its_snapshot(command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("SPREADKIT_BANK", raising=False)
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    snapshot = SNAPSHOTS / f"help-{'-'.join(command) or 'spreadkit'}.txt"
    if os.environ.get("SPREADKIT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == snapshot.read_text("utf-8"), f"the help changed: see {snapshot.name}"


EVERY_COMMAND = [
    ["principles"],
    ["questions"],
    ["template"],
    ["summary"],
    ["explain"],
    ["export"],
    ["assess"],
    ["team"],
    ["compare"],
    ["plan"],
    ["agree"],
    ["bank", "init"],
    ["bank", "schema"],
    ["bank", "validate"],
]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_help_speaks_of_files_and_formats_not_python_types(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    for noise in ("<", "{", "x>=", "x<=", "list[", "Path"):
        assert noise not in result.stdout, f"{noise!r} in the help of {' '.join(command)}"
    usage = result.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: spreadkit {' '.join(command)} [OPTIONS]")
