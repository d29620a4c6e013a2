"""Nothing lost: atomic writes survive a failure midway, and one assess at a time per file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Keys

from spreadkit.cli.locks import STALE_AFTER_SECONDS, AnswersInUse, AnswersLock
from spreadkit.cli.writing import atomic_write, save_answers
from spreadkit.model.answers import Answer, AnswersFile, Meta
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError

Invoke = Callable[..., Any]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_write_that_fails_midway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "answers.json"
    target.write_text("the old answers", encoding="utf-8")

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                self.handle = real_fdopen(*args, **kwargs)

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, text: str) -> None:
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                fail()

        monkeypatch.setattr(os, "fdopen", HalfWriter)
    elif failing == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    else:
        monkeypatch.setattr(Path, "replace", fail)

    with pytest.raises(OSError):
        atomic_write(target, "the new answers, much longer than the old")
    assert target.read_text("utf-8") == "the old answers"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]  # no temporary left


def test_a_failed_save_is_reported_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank: Bank
) -> None:
    target = tmp_path / "answers.json"
    monkeypatch.setattr(
        os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device"))
    )
    answers = AnswersFile.new(bank, Meta(title="T")).with_answer(
        "benefit.measure", Answer(rating=2)
    )
    with pytest.raises(InputFileError) as caught:
        save_answers(target, answers)
    assert caught.value.message == f"{target}: cannot save the answers (No space left on device)"


def test_a_second_assess_on_the_same_file_is_refused(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    out = write_answers({"benefit.measure": 2})
    with AnswersLock(out):
        interactive = invoke("assess", "-o", str(out), "--resume", keys="1" + Keys.ENTER)
        assert interactive.exit_code == 1
        assert "another spreadkit assess is using this file" in interactive.stderr
        assert f"delete {out}.lock" in interactive.stderr
        # Set apart by a blank line from the opening lines that said how to carry on.
        assert interactive.stderr.startswith("\nError: ")
        scripted = invoke("assess", "-o", str(out), "--no-input")
        assert scripted.exit_code == 1 and "another spreadkit assess" in scripted.stderr
    # Released: the next run goes ahead, and leaves no lock behind, even when stopped.
    result = invoke("assess", "-o", str(out), "--resume", "-p", "benefit", keys=Keys.CTRL_C)
    assert result.exit_code == 130
    assert not out.with_name(out.name + ".lock").exists()


def _lock_file(answers: Path, **holder: Any) -> Path:
    lock = answers.with_name(answers.name + ".lock")
    lock.write_text(json.dumps(holder), encoding="utf-8")
    return lock


@pytest.mark.skipif(os.name != "posix", reason="a process is looked up only on POSIX")
def test_a_lock_left_by_a_crashed_run_on_this_computer_is_taken_over(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    _lock_file(answers, pid=int(gone.stdout), host=socket.gethostname(), started="2026-01-01T09:00")
    with AnswersLock(answers):
        assert (
            json.loads(answers.with_name("answers.json.lock").read_text("utf-8"))["pid"]
            == os.getpid()
        )


def test_a_lock_not_refreshed_for_two_minutes_is_taken_over(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    lock = _lock_file(answers, pid=12345, host="another-laptop", started="2026-01-01T09:00")
    long_ago = time.time() - STALE_AFTER_SECONDS - 5
    os.utime(lock, (long_ago, long_ago))
    with AnswersLock(answers):
        assert json.loads(lock.read_text("utf-8"))["host"] == socket.gethostname()


def test_a_live_lock_from_another_computer_is_respected(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    _lock_file(answers, pid=12345, host="another-laptop", started="2026-11-26T09:15:00+00:00")
    with pytest.raises(AnswersInUse) as caught:
        AnswersLock(answers).acquire()
    assert "(since 2026-11-26 09:15 on another-laptop)" in caught.value.message


def test_size_limits_are_stated_and_enforced(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    long_note = write_answers({"benefit.measure": (2, "x" * 10_001)})
    result = invoke("summary", str(long_note))
    assert result.exit_code == 1
    assert (
        '$.answers["benefit.measure"].note: is too long: at most 10,000 characters' in result.stderr
    )

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        f"question_id,rating,note\nbenefit.measure,2,{'y' * 10_001}\n", encoding="utf-8"
    )
    result = invoke("summary", str(sheet))
    assert (
        result.stderr.strip()
        == f"Error: {sheet}: row 2, column C (note): the note has 10,001 characters; the limit is 10,000"
    )

    rows = "".join(f"benefit.measure,{i % 5},\n" for i in range(52))
    sheet.write_text("question_id,rating,note\n" + rows, encoding="utf-8")
    result = invoke("summary", str(sheet))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"Error: {sheet}: 52 rows of answers, but the bank has only 51 questions; is it the right file?"
    )

    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    for command in (
        ["summary", str(huge)],
        ["principles", "--bank", str(huge)],
        ["bank", "validate", str(huge)],
    ):
        result = invoke(*command)
        assert result.exit_code == 1
        assert "11.0 MB is too large for" in result.stderr and "the limit is 10 MB" in result.stderr


def _stale_lock(answers: Path) -> Path:
    lock = _lock_file(answers, pid=12345, host="another-laptop", started="2026-01-01T09:00")
    long_ago = time.time() - STALE_AFTER_SECONDS - 5
    os.utime(lock, (long_ago, long_ago))
    return lock


def test_only_one_of_many_runs_takes_over_a_stale_lock(tmp_path: Path) -> None:
    """Runs that find a crashed run's lock at the same moment: exactly one takes it over, each
    time (300 starts, six at once)."""
    import threading

    answers = tmp_path / "answers.json"
    for _ in range(50):
        _stale_lock(answers)
        start = threading.Barrier(6)
        taken: list[AnswersLock] = []

        def run(start: threading.Barrier = start, taken: list[AnswersLock] = taken) -> None:
            lock = AnswersLock(answers)
            start.wait()
            try:
                lock.acquire()
            except AnswersInUse:
                return
            taken.append(lock)

        runs = [threading.Thread(target=run) for _ in range(6)]
        for thread in runs:
            thread.start()
        for thread in runs:
            thread.join()
        assert len(taken) == 1, len(taken)
        taken[0].release()
        assert not answers.with_name("answers.json.lock").exists()


def test_a_run_releases_only_its_own_lock(tmp_path: Path) -> None:
    """A run whose lock was taken over (it was thought crashed) leaves the new holder's lock."""
    answers = tmp_path / "answers.json"
    first = AnswersLock(answers)
    first.acquire()
    lock = answers.with_name("answers.json.lock")
    lock.unlink()
    second = AnswersLock(answers)
    second.acquire()
    first.release()
    assert lock.exists() and json.loads(lock.read_text("utf-8"))["pid"] == os.getpid()
    second.release()
    assert not lock.exists()
