"""The table of formats: each row renders, -f offers exactly the table's rows, and a file's
ending chooses the format when -f is not given."""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from spreadkit.cli import formats

Invoke = Callable[..., Any]


@pytest.mark.parametrize("kind", sorted(formats.TABLE))
def test_every_row_names_a_renderer_that_exists(kind: str) -> None:
    for fmt in formats.TABLE[kind]:
        module, _, function = fmt.renderer.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), fmt.renderer
        assert fmt.extension.startswith(".")


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        (["summary", "X"], "summary"),
        (["export", "X"], "report"),
        (["team", "X"], "team"),
        (["compare", "X", "X"], "compare"),
        (["template"], "template"),
    ],
)
def test_the_format_choices_are_the_table(invoke: Invoke, command: list[str], kind: str) -> None:
    help_text = invoke(command[0], "--help").stdout
    for name in formats.names(kind):
        assert name in help_text
    result = invoke(*command, "-f", "nonsense")
    assert result.exit_code == 2
    assert all(name in result.output for name in formats.names(kind))


def _written(invoke: Invoke, tmp_path: Path, name: str, *args: str) -> str:
    out = tmp_path / name
    result = invoke(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


def test_the_file_name_chooses_the_format(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = str(write_answers({"benefit.measure": 3, "learning.share": 1}))
    assert _written(invoke, tmp_path, "report.html", "export", path).startswith("<!DOCTYPE html>")
    assert _written(invoke, tmp_path, "report.HTM", "export", path).startswith("<!DOCTYPE html>")
    assert _written(invoke, tmp_path, "sheet.csv", "export", path).startswith("\ufeffprinciple_id,")
    assert json.loads(_written(invoke, tmp_path, "summary.json", "summary", path))["kind"] == (
        "summary"
    )
    assert _written(invoke, tmp_path, "summary.svg", "summary", path).startswith("<svg")
    assert "Overall: " in _written(invoke, tmp_path, "summary.txt", "summary", path)
    assert _written(invoke, tmp_path, "team.csv", "team", path).startswith("\ufeffprinciple_id,")
    assert _written(invoke, tmp_path, "team.md", "team", path).startswith("# Team readiness")
    assert json.loads(_written(invoke, tmp_path, "blank.json", "template"))["answers"]
    # No extension: the command's usual format.
    assert _written(invoke, tmp_path, "readiness", "export", path).startswith("# Virtual wards")


def test_a_format_and_a_file_name_that_disagree_stop_with_both_named(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = str(write_answers({"benefit.measure": 3}))
    out = tmp_path / "x.html"
    result = invoke("export", path, "-f", "markdown", "-o", str(out))
    assert result.exit_code == 2
    assert "-f markdown" in result.stderr and "x.html" in result.stderr
    assert not out.exists()
    # Agreeing, or an ending that means nothing here, is fine.
    assert invoke("export", path, "-f", "html", "-o", str(out)).exit_code == 0
    assert invoke("export", path, "-f", "markdown", "-o", str(tmp_path / "x.dat")).exit_code == 0


def test_a_format_may_be_named_as_its_files_or_its_program_are(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = str(write_answers({"benefit.measure": 3}))
    team = invoke("team", path, "-f", "md", "-o", str(tmp_path / "team.md"))
    assert team.exit_code == 0, team.output
    assert (tmp_path / "team.md").read_text("utf-8").startswith("# Team readiness")
    word = invoke("export", path, "-f", "Word", "-o", str(tmp_path / "report.docx"))
    assert word.exit_code == 0, word.output
    assert (tmp_path / "report.docx").read_bytes().startswith(b"PK")
    for written in ("HTML", "Markdown"):
        assert invoke("export", path, "-f", written).exit_code == 0, written
    # A name for a format this command does not write is still refused.
    assert invoke("summary", path, "-f", "word").exit_code == 2


def test_an_ending_no_format_writes_lists_what_can_be_written(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = str(write_answers({"benefit.measure": 3}))
    result = invoke("summary", path, "-o", str(tmp_path / "summary.docx"))
    assert result.exit_code == 2
    for ending in (".txt", ".json", ".md", ".svg"):
        assert ending in result.stderr
    assert not (tmp_path / "summary.docx").exists()


def test_no_function_in_the_package_is_over_60_lines() -> None:
    long = []
    for path in sorted((ROOT / "src" / "spreadkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    long.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long
