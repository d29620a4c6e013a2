"""An unexpected fault inside spreadkit: a short apology and a way to report it, never a traceback
unless asked for."""

from __future__ import annotations

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
