"""Start-up stays light: the scripted paths load none of the heavy modules that prompting,
drawing and HTML need."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from spreadkit import __version__

HEAVY = (
    "questionary",
    "prompt_toolkit",
    "rich",
    "openpyxl",
    "docx",
    "pptx",
    "PIL",
    "concurrent",
    "multiprocessing",
    "logging",
)
PROBE = """
import json, sys
from spreadkit.cli.commands import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.stdin.read())))
print("LOADED", json.dumps(loaded), file=sys.stderr)
"""


def heavy_modules_loaded(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED "))
    loaded: list[str] = json.loads(line.removeprefix("LOADED "))
    return loaded


def test_a_json_summary_loads_no_heavy_module(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"benefit.measure": 3})
    assert heavy_modules_loaded("summary", str(path), "-f", "json") == []
    assert heavy_modules_loaded("--version") == []


def test_the_version_is_told_before_anything_heavy_loads() -> None:
    probe = (
        "import sys; sys.argv = ['spreadkit', '--version']\n"
        "from spreadkit.cli.launch import main; main()\n"
        "print(sorted(m for m in ('typer', 'pydantic', 'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [f"spreadkit {__version__}", "[]"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["summary", "{path}"], ["rich"]),
        (["export", "{path}", "-f", "html"], []),
        (["export", "{path}", "-f", "csv"], []),
        (["team", "{path}", "-f", "json"], []),
        # Every workbook is written as its XML: no spreadsheet library.
        (["export", "{path}", "-o", "{folder}/report.xlsx"], []),
        (["template", "-o", "{folder}/sheet.xlsx"], []),
        (["plan", "{path}", "-o", "{folder}/plan.xlsx"], []),
        (["team", "{path}", "-o", "{folder}/team.xlsx"], []),
        # Word is written as its XML too; only the chart needs Pillow, and its pixels are read
        # without Pillow's file machinery (which loads logging).
        (["export", "{path}", "-o", "{folder}/report.docx"], ["PIL"]),
        (["team", "{path}", "-o", "{folder}/team.docx"], ["PIL"]),
        (["export", "{path}", "-o", "{folder}/report.pptx"], ["PIL", "logging", "pptx"]),
        # The picture for a slide as SVG is text: nothing heavy.
        (["summary", "{path}", "-f", "svg"], []),
        # A picture to keep is saved by Pillow, small and with its description.
        (["summary", "{path}", "-o", "{folder}/summary.png"], ["PIL", "logging"]),
    ],
)
def test_each_path_loads_only_what_it_needs(
    write_answers: Callable[..., Path], args: list[str], expected: list[str]
) -> None:
    path = write_answers({"benefit.measure": 3})
    loaded = heavy_modules_loaded(*(a.format(path=path, folder=path.parent) for a in args))
    assert loaded == expected


def test_reading_a_workbook_loads_no_spreadsheet_library(
    write_answers: Callable[..., Path],
) -> None:
    path = write_answers({"benefit.measure": 3})
    workbook = path.with_suffix(".xlsx")
    heavy_modules_loaded("export", str(path), "-o", str(workbook))
    # spreadkit reads the parts of a workbook it needs itself (readers/workbooks.py).
    assert heavy_modules_loaded("summary", str(workbook), "-f", "json") == []


def test_the_collector_is_off_for_a_command_and_back_on_after(
    write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from spreadkit.cli import commands as cli
    from spreadkit.exports import jsondoc

    seen: list[bool] = []
    summary = jsondoc.summary

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return summary(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jsondoc, "summary", spy)
    path = write_answers({"benefit.measure": 3})
    monkeypatch.setattr(sys, "argv", ["spreadkit", "summary", str(path), "-f", "json"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 0
    assert seen == [False]
    assert gc.isenabled()


def test_assess_runs_its_session_with_the_collector_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from spreadkit.cli import commands as cli
    from spreadkit.cli import prompts
    from spreadkit.cli.assessment import Assessment
    from spreadkit.cli.sitting import Interrupted

    seen: list[bool] = []

    def fake_ask(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        raise Interrupted(None)

    monkeypatch.setattr(prompts, "require_terminal", lambda hint: None)
    monkeypatch.setattr(Assessment, "ask", fake_ask)
    monkeypatch.setattr(sys, "argv", ["spreadkit", "assess", "-o", str(tmp_path / "a.json")])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 130
    assert seen == [True]


def test_no_time_goes_on_looking_for_pydantic_plugins(write_answers: Callable[..., Path]) -> None:
    """pydantic's search for plugins loads importlib.metadata and reads every installed package:
    the command line tells it there are none first."""
    path = write_answers({"benefit.measure": 3})
    probe = (
        f"import sys; sys.argv = ['spreadkit', 'summary', {str(path)!r}, '-f', 'json']\n"
        "from spreadkit.cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('importlib.metadata' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout)["overall"]["score"] is not None
    assert result.stderr.split() == ["False"]


def test_what_else_pydantic_asks_of_its_plugin_loader_comes_from_the_real_one() -> None:
    probe = (
        "from spreadkit.cli.pydantic_plugins import without_pydantic_plugins\n"
        "without_pydantic_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(list(get_plugins()))\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["[]", "pydantic"]
