"""Answers made with bank 1.0.0 open under 1.1.0 with nothing lost: ratings carry over where a new
question replaces an old one, the rest are kept under `retired` and reported, and every note the
person wrote is still there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import ROOT, Keys

from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
OLD = ROOT / "tests" / "fixtures" / "answers-1.0.0-complete.json"
OLD_BANK = ROOT / "tests" / "fixtures" / "bank-1.0.0.json"
NOTES = {qid: a["note"] for qid, a in json.loads(OLD.read_text("utf-8"))["answers"].items()}
CARRIED = {
    "complexity.tested-not-assumed": "complexity.no-assumed-transfer",
    "individual.motivation": "individual.connects-to-values",
    "individual.psychological-safety": "individual.safe-to-admit-difficulty",
    "individual.resistance": "individual.resistance-explored",
    "benefit.recognition": "benefit.recognise-and-reward",
    "learning.skills-and-time": "learning.skills",
}
RETIRED = ["complexity.local-needs", "benefit.reframe", "innovation-development.essentials-known"]


def every_note_kept(document: dict[str, Any]) -> None:
    kept = [a["note"] for a in [*document["answers"].values(), *document["retired"].values()]]
    assert sorted(note for note in kept if note) == sorted(NOTES.values())
    assert len(NOTES) == 47


def test_the_bank_says_what_replaces_what(bank: Bank) -> None:
    assert bank.version == "1.1.0"
    assert bank.replaced == CARRIED
    old = {
        q["id"]
        for p in json.loads(OLD_BANK.read_text("utf-8"))["principles"]
        for q in p["questions"]
    }
    assert old - bank.question_ids == set(CARRIED) | set(RETIRED)


def test_summary_reports_what_moved_and_what_was_kept(invoke: Invoke) -> None:
    result = invoke("summary", str(OLD), "-f", "json")
    assert result.exit_code == 0, result.output
    assert "answered with version 1.0.0 of the bank; this is version 1.1.0" in result.stderr
    for old, new in CARRIED.items():
        assert f"{old} → {new}" in result.stderr
    assert f"no longer asked, so not scored: {', '.join(RETIRED)}" in result.stderr
    assert "5 questions in this version are unanswered" in result.stderr
    assert json.loads(result.stdout)["total"] == 49


def test_export_keeps_every_note(invoke: Invoke) -> None:
    result = invoke("export", str(OLD), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    every_note_kept(document)
    assert sorted(document["retired"]) == sorted(RETIRED)
    assert document["bank"]["version"] == "1.1.0"
    for old, new in CARRIED.items():
        assert document["answers"][new]["note"] == NOTES[old]


def test_resume_keeps_every_note_and_asks_only_the_new_questions(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "sam.json"
    path.write_bytes(OLD.read_bytes())
    result = invoke("assess", "-o", str(path), "--resume", keys="3" + Keys.ENTER + Keys.CTRL_C)
    assert result.exit_code == 130
    # The first question still to answer is the new one in Complexity.
    assert "A 4 looks like: a current list of the changes under way locally" in result.stdout
    assert "Question 1 of 6 · 44 of 49 answered so far" in result.stdout
    document = json.loads(path.read_text("utf-8"))
    every_note_kept(document)
    assert document["answers"]["complexity.system-changes"]["rating"] == 3
    assert document["bank"]["version"] == "1.1.0"
