"""A team is read in pieces, and on a large folder by helper processes side by side. Whichever
way, every output and every problem is the same as reading the files one after another, to the
byte. The pieces here are three files long, so that a small team crosses several."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spreadkit import team
from spreadkit.bank import Bank
from spreadkit.readers import teams

WAYS = ("one piece", "pieces here", "pieces by helpers")


def read_as(way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(teams, "PIECE", 10**6 if way == "one piece" else 3)
    monkeypatch.setattr(teams, "_helpers", lambda files: 2 if way == "pieces by helpers" else 0)


@pytest.fixture
def folder(tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Twelve people, every one with a note on every question, one blank sheet, and one file
    from an older version of the bank; only two notes are kept per question, so the notes kept
    and the count of the rest cross the pieces."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setattr(team, "KEEP_AT_MOST", 2)
    where = tmp_path / "team"
    where.mkdir()
    ids = [q.id for _, q in bank.questions()]
    for n in range(12):
        answers = {
            qid: {"rating": (n * 7 + i) % 5, "note": f"note from person {n}"}
            for i, qid in enumerate(ids)
        }
        answers[ids[n]]["rating"] = "n/a"
        write(where / f"p{n:02}.json", bank, answers, respondent=f"Person {n}")
    write(where / "p05b.json", bank, {}, respondent="Nobody yet")
    older = {qid: {"rating": 2, "note": ""} for qid in ids}
    write(where / "p09b.json", bank, older, respondent="Older", version="0.9.0")
    return where


def write(path: Path, bank: Bank, answers: dict[str, Any], **meta: str) -> None:
    version = meta.pop("version", bank.version)
    document = {
        "format": "spreadkit-answers",
        "format_version": 1,
        "bank": {"id": bank.id, "version": version},
        "meta": meta,
        "answers": answers,
    }
    path.write_text(json.dumps(document), encoding="utf-8")


def outputs(invoke: Callable[..., Any], *args: str) -> list[tuple[int, str, str]]:
    found = []
    for fmt in ("json", "markdown", "csv"):
        result = invoke("team", *args, "-f", fmt, "--names")
        found.append((result.exit_code, result.stdout, result.stderr))
    return found


def test_a_team_read_in_pieces_by_helpers_is_the_same_to_the_byte(
    folder: Path, invoke: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {}
    for way in WAYS:
        read_as(way, monkeypatch)
        seen[way] = outputs(invoke, str(folder))
    assert seen["pieces here"] == seen["one piece"]
    assert seen["pieces by helpers"] == seen["one piece"]
    code, text, told = seen["one piece"][1]
    assert code == 0
    assert "Skipped" in told and "p05b.json" in told
    assert "another version of the bank" in told or "0.9.0" in told
    assert "note from person 0" in text and "note from person 1" in text
    assert "note from person 2" not in text


def test_problems_across_pieces_are_told_in_the_order_of_the_files(
    folder: Path, invoke: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "p03b.json").write_text("{ not json", encoding="utf-8")
    (folder / "p10b.json").write_bytes((folder / "p01.json").read_bytes())  # Person 1 again
    (folder / "p11b.json").write_text("[]", encoding="utf-8")
    seen = {}
    for way in WAYS:
        read_as(way, monkeypatch)
        seen[way] = outputs(invoke, str(folder))
    assert seen["pieces by helpers"] == seen["pieces here"] == seen["one piece"]
    code, _, told = seen["one piece"][0]
    assert code == 1
    lines = told.split("Error: ", 1)[1].splitlines()
    assert [next(p for p in ("p03b", "p10b", "p11b") if p in line) for line in lines] == [
        "p03b",
        "p10b",
        "p11b",
    ]
    assert "p01.json and" in lines[1] and "the same person twice" in lines[1]


def test_helpers_started_afresh_as_on_windows_read_the_same(folder: Path) -> None:
    """Windows and macOS start each helper as a new Python, which is handed the bank and the
    files to read rather than sharing the reader's memory, as a helper on Linux does."""
    probe = (
        "import multiprocessing, runpy, sys\n"
        "multiprocessing.set_start_method('spawn')\n"
        "from spreadkit.readers import teams\n"
        "teams.PIECE = 3\n"
        "teams._helpers = lambda files: 2\n"
        f"sys.argv = ['spreadkit', 'team', '-f', 'json', {str(folder)!r}]\n"
        "runpy.run_module('spreadkit', run_name='__main__', alter_sys=True)\n"
    )
    afresh = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    here = subprocess.run(
        [sys.executable, "-m", "spreadkit", "team", "-f", "json", str(folder)],
        capture_output=True,
        text=True,
    )
    assert afresh.returncode == 0, afresh.stderr
    assert afresh.stdout == here.stdout
    assert json.loads(afresh.stdout)["respondents"] == 13
