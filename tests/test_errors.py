"""An unexpected fault inside spreadkit: a short apology and a way to report it, never a traceback
unless asked for."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spreadkit.cli.commands import app


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("simulated fault")


def test_an_internal_fault_is_one_line_with_a_way_to_report_it(
    runner: Any, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("spreadkit.model.scoring.summarise", _boom)
    monkeypatch.delenv("SPREADKIT_DEBUG", raising=False)
    path = write_answers({"benefit.measure": 2})
    result = runner.invoke(app, ["summary", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "went wrong inside (RuntimeError)" in lines[0]
    assert "report it" in lines[0] and "--debug" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_fault(
    runner: Any, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr("spreadkit.model.scoring.summarise", _boom)
    path = write_answers({"benefit.measure": 2})
    if how == "option":
        monkeypatch.delenv("SPREADKIT_DEBUG", raising=False)
        result = runner.invoke(app, ["--debug", "summary", str(path)])
    else:
        monkeypatch.setenv("SPREADKIT_DEBUG", "1")
        result = runner.invoke(app, ["summary", str(path)])
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "simulated fault"


def test_an_option_typed_before_the_command_is_shown_where_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`spreadkit -o x.html export sam.json` says that options go after the command, with the
    command written out the right way round."""
    monkeypatch.chdir(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "spreadkit", "-o", "x.html", "export", "sam.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Error: -o goes after the command's name; type: ")
    assert result.stderr.rstrip().endswith("spreadkit export sam.json -o x.html")
    assert "Traceback" not in result.stderr


def test_answers_are_not_saved_under_another_format_s_name(invoke: Any, tmp_path: Path) -> None:
    for name in ("my-answers.xlsx", "my-answers.csv", "my-answers.docx", "my-answers.html"):
        result = invoke("assess", "-o", str(tmp_path / name))
        assert result.exit_code == 2, result.output
        stem = tmp_path / "my-answers.json"
        assert f"answers are saved as a .json file (e.g. -o {stem})" in result.stderr
        assert f"spreadkit export {stem} -o {tmp_path / name}" in result.stderr
        assert not (tmp_path / name).exists()
