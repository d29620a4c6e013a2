"""A team is read in pieces, and on a large folder by helper processes side by side. Whichever
way, every output and every problem is the same as reading the files one after another, to the
byte. The pieces here are three files long, so that a small team crosses several."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from spreadkit.model import team
from spreadkit.model.bank import Bank
from spreadkit.readers import teams
from spreadkit.readers.inputs import gather

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


def test_a_team_mean_is_exact_and_rounded_half_up_however_the_files_are_read(
    tmp_path: Path, bank: Bank, invoke: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight people's Individual scores, 8, 10, 2, 5, 5, 4, 4 and 4 twelfths, have a mean of
    exactly 43.75, which people round to 43.8. Summed as floating-point numbers one at a time it
    came to 43.7499…, shown as 43.7; in pieces of three it tipped the other way. Worked out as
    fractions, it is 43.8 whichever way the files are read."""
    where = tmp_path / "team"
    where.mkdir()
    ids = [q.id for q in bank.principle("individual").questions[:3]]  # type: ignore[union-attr]
    totals = (8, 10, 2, 5, 5, 4, 4, 4)
    for n, total in enumerate(totals):
        ratings = (min(total, 4), min(max(total - 4, 0), 4), max(total - 8, 0))
        answers = {qid: {"rating": r, "note": ""} for qid, r in zip(ids, ratings, strict=True)}
        write(where / f"p{n}.json", bank, answers, respondent=f"Person {n}")
    assert Fraction(100 * sum(totals), 3 * bank.max_value * len(totals)) == Fraction(4375, 100)
    for way in WAYS:
        read_as(way, monkeypatch)
        result = json.loads(invoke("team", str(where), "-f", "json").stdout)
        shown = next(p for p in result["principles"] if p["id"] == "individual")["score"]
        assert shown == 43.8, way


def test_each_place_in_the_reading_names_its_file(tmp_path: Path, bank: Bank) -> None:
    """`path_at` finds a file by its place without walking the files before it, across files
    given one by one and folders alike."""
    for folder, count in (("a", 3), ("b", 2)):
        (tmp_path / folder).mkdir()
        for n in range(count):
            write(tmp_path / folder / f"{n}.json", bank, {}, respondent=f"{folder}{n}")
    given = [tmp_path / "a" / "0.json", tmp_path / "b", tmp_path / "a", tmp_path / "b" / "1.json"]
    gathered = gather(given)
    files = list(gathered.files())
    assert len(files) == gathered.count() == 5  # a/0.json and b/1.json are counted once
    assert [gathered.path_at(place) for place in range(len(files))] == files


def test_ctrl_c_while_helpers_start_waits_until_they_have(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted halfway, starting a helper can leave it waiting for ever; Ctrl+C pressed
    meanwhile is acted on as soon as the helpers have started."""
    done = []
    # Python's own handler, whatever started the tests: a shell starts a background job with
    # Ctrl+C ignored, and that is inherited.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt), teams.ctrl_c_held_back():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("carried on")
        assert done == ["carried on"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, inherited)


def stopped_with_ctrl_c(folder: Path, moment: float | None) -> tuple[int, str]:
    """`team` on `folder` by two helpers, with Ctrl+C sent as a terminal sends it (to spreadkit
    and its helpers together) `moment` seconds after the reading starts, or, with None, just as
    the second helper is being started. The exit code and what it said."""
    probe = (
        "import os, signal, sys\n"
        "import multiprocessing.process\n"
        "from spreadkit.readers import teams\n"
        "teams.PIECE = 20\n"
        "teams._helpers = lambda files: 2\n"
        "read_team = teams.read_team\n"
        "def reading(*args, **kwargs):\n"
        "    print('reading', flush=True)\n"
        "    return read_team(*args, **kwargs)\n"
        "teams.read_team = reading\n"
        "starting = multiprocessing.process.BaseProcess.start\n"
        "started = []\n"
        "def start(process):\n"
        f"    if started and {moment is None}:\n"
        "        os.killpg(os.getpid(), signal.SIGINT)\n"
        "    started.append(process)\n"
        "    starting(process)\n"
        "multiprocessing.process.BaseProcess.start = start\n"
        # The report goes beside the folder: one finished run's report must not be read as a person's
        # answers by the next.
        f"sys.argv = ['spreadkit', 'team', '-f', 'json', '-o', {str(folder.parent / 'out.json')!r}]\n"
        f"sys.argv += ['--force', {str(folder)!r}]\n"
        "from spreadkit.cli.launch import main\n"
        "main()\n"
    )
    running = subprocess.Popen(
        [sys.executable, "-c", probe],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert running.stdout is not None
    assert running.stdout.readline() == "reading\n"
    if moment is not None:
        time.sleep(moment)
        os.killpg(running.pid, signal.SIGINT)
    try:
        _, told = running.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(running.pid, signal.SIGKILL)
        running.communicate()
        raise AssertionError("still running 30 seconds after Ctrl+C") from None
    with pytest.raises(ProcessLookupError):
        os.killpg(running.pid, 0)  # nothing left behind in its process group
    return running.returncode, told


@pytest.mark.slow
def test_ctrl_c_as_helpers_start_stops_cleanly(folder: Path, bank: Bank) -> None:
    """Interrupted halfway, starting the helpers could leave one waiting for ever, and spreadkit
    waiting for it: Ctrl+C then waits until they have started."""
    for n in range(600):
        write(folder / f"q{n:03}.json", bank, {}, respondent=f"Q{n}")
    code, told = stopped_with_ctrl_c(folder, None)
    assert code == 130, told
    assert "Traceback" not in told and "Exception ignored" not in told, told


@pytest.mark.slow
def test_ctrl_c_at_any_moment_of_a_team_read_by_helpers_stops_cleanly(
    folder: Path, bank: Bank
) -> None:
    """From the start of the reading to after the report: exit 130 (or the report, when it came
    too late), never a traceback, and no process left behind. A Ctrl+C after the command has
    finished, while Python is closing down, changes nothing: spreadkit ignores it from then on, so
    the process is never ended by the signal itself however loaded the machine."""
    for n in range(600):
        write(folder / f"q{n:03}.json", bank, {}, respondent=f"Q{n}")
    for moment in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8):
        code, told = stopped_with_ctrl_c(folder, moment)
        assert code in (0, 130), (moment, code, told)
        assert "Traceback" not in told and "Exception ignored" not in told, (moment, told)
