"""Every command and format, for a fixed bank and fixed answers, compared byte for byte with the
output committed in tests/golden/. A change to what people see shows as a diff of those files.

Regenerate after an intended change with:
SPREADKIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from spreadkit.cli.commands import app

GOLDEN = ROOT / "tests" / "golden"
# Paths relative to the checkout (the tests run there), so the output is the same wherever it is.
FIXTURES = Path("tests", "fixtures")
BANK = str(FIXTURES / "bank-1.0.0.json")
TEAM = str(FIXTURES / "team")
ANA = str(FIXTURES / "team" / "ana.json")
DAN = str(FIXTURES / "team" / "dan.csv")
REVIEW = str(FIXTURES / "ana-review.json")

NOW = re.compile(rb'"(created|updated)": "(?!2026-03-02)[^"]+"')

CASES: dict[str, list[str]] = {
    "principles.txt": ["principles"],
    "questions-benefit.txt": ["questions", "benefit"],
    "template.csv": ["template", "-p", "benefit", "-p", "networks"],
    "template.json": ["template", "-f", "json", "-p", "learning"],
    "summary.txt": ["summary", ANA],
    "summary-sheet.txt": ["summary", DAN],
    "summary.json": ["summary", ANA, "-f", "json"],
    "summary.md": ["summary", ANA, "-f", "markdown"],
    "summary.svg": ["summary", ANA, "-f", "svg"],
    "explain.txt": ["explain", ANA],
    "export.md": ["export", ANA],
    "export.html": ["export", ANA, "-f", "html"],
    "export.csv": ["export", ANA, "-f", "csv"],
    "export-sheet.json": ["export", DAN, "-f", "json"],
    "team.txt": ["team", TEAM],
    "team-names.txt": ["team", TEAM, "--names"],
    "team.json": ["team", TEAM, "-f", "json"],
    "team.md": ["team", TEAM, "-f", "markdown", "--names"],
    "team.html": ["team", TEAM, "-f", "html"],
    "team.csv": ["team", TEAM, "-f", "csv", "--disagree", "3"],
    "compare.txt": ["compare", ANA, REVIEW],
    "compare.json": ["compare", TEAM, REVIEW, "-f", "json"],
    "compare.md": ["compare", ANA, REVIEW, "-f", "markdown"],
    "compare.html": ["compare", TEAM, REVIEW, "-f", "html"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_the_committed_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")  # reports say when they were made
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SPREADKIT_BANK", BANK)
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.output
    # A sheet or a blank file is stamped with the time it was made; only that may differ.
    output = NOW.sub(b'"\\1": "(the time of the run)"', result.stdout_bytes)
    golden = GOLDEN / name
    if os.environ.get("SPREADKIT_UPDATE_SNAPSHOTS"):
        golden.write_bytes(output)
    assert output == golden.read_bytes(), f"the output changed: see {golden.name}"
