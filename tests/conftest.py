from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from spreadkit.cli.commands import app
from spreadkit.model.bank import Bank
from spreadkit.readers.banks import load_bank

ROOT = Path(__file__).resolve().parents[1]

# Property-based tests: the full run (CI, and `.ci/run`, which sets CI) tries 260 examples per test,
# over 1,000 across the commands; a run on a laptop tries a quick few, so it can follow every change.
settings.register_profile("full", max_examples=260)
settings.register_profile("quick", max_examples=15)
settings.load_profile("full" if os.environ.get("CI") else "quick")

# Reports show times in this computer's time zone: the tests read them in UTC wherever they run
# (a test of its own shows another zone named).
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()


class Keys:
    ENTER = "\r"
    DOWN = "\x1b[B"
    UP = "\x1b[A"
    CTRL_C = "\x03"
    CTRL_D = "\x04"


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()


@pytest.fixture(scope="session")
def bank_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "data" / "principles.json").read_text("utf-8"))
    return data


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_answers(tmp_path: Path, bank: Bank) -> Callable[..., Path]:
    """An answers file with the given ratings (question id -> rating or (rating, note))."""

    def make(answers: dict[str, Any], name: str = "answers.json", **meta: str) -> Path:
        body = {}
        for qid, value in answers.items():
            rating, note = value if isinstance(value, tuple) else (value, "")
            body[qid] = {"rating": rating, "note": note}
        document = {
            "format": "spreadkit-answers",
            "format_version": 1,
            "bank": {"id": bank.id, "version": bank.version},
            # Fixed times, so that two reports of the same file agree to the minute.
            "meta": {
                "title": "Virtual wards",
                "created": "2026-11-26T09:30:00Z",
                "updated": "2026-11-26T09:52:00Z",
                **meta,
            },
            "answers": body,
        }
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return make


@contextmanager
def typed(text: str) -> Iterator[None]:
    """Run prompts with `text` as everything the person types, without a terminal."""
    with create_pipe_input() as pipe:
        pipe.send_text(text)
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Any]:
    def run(*args: str, keys: str | None = None) -> Any:
        if keys is None:
            return runner.invoke(app, list(args))
        with typed(keys):
            return runner.invoke(app, list(args))

    return run
