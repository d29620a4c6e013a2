"""Answers made with banks 1.0.0 and 1.1.0 open under 1.2.0 with nothing lost: ratings carry over
where a new question replaces an old one, the rest are kept under `retired` and reported, and every
note the person wrote is still there."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Keys

from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
FIXTURES = ROOT / "tests" / "fixtures"
OLD_BANK = FIXTURES / "bank-1.0.0.json"

# Every id a later bank replaces, and the question that now holds its answer when the file has not
# already answered that question.
REPLACED = {
    # in 1.1.0
    "complexity.tested-not-assumed": "complexity.no-assumed-transfer",
    "individual.motivation": "individual.connects-to-values",
    "individual.resistance": "individual.resistance-explored",
    "learning.skills-and-time": "learning.skills",
    # in 1.1.0, then again in 1.2.0
    "benefit.recognition": "benefit.how-recognised",
    "individual.psychological-safety": "learning.speak-up",
    # in 1.2.0
    "benefit.recognise-and-reward": "benefit.how-recognised",
    "individual.safe-to-admit-difficulty": "learning.speak-up",
    "innovation-development.safe-space": "innovation-development.trial-space",
    "leadership.outward-thinking": "leadership.across-boundaries",
}


class Old:
    """One complete answers file made with an earlier bank, and what 1.2.0 makes of it."""

    def __init__(
        self, version: str, carried: dict[str, str], retired: list[str], unanswered: int
    ) -> None:
        self.version = version
        self.path = FIXTURES / f"answers-{version}-complete.json"
        answers = json.loads(self.path.read_text("utf-8"))["answers"]
        self.notes = {qid: a["note"] for qid, a in answers.items()}
        self.carried = carried
        self.retired = retired
        self.unanswered = unanswered


OLD = {
    "1.0.0": Old(
        "1.0.0",
        carried={
            "complexity.tested-not-assumed": "complexity.no-assumed-transfer",
            "individual.motivation": "individual.connects-to-values",
            "individual.resistance": "individual.resistance-explored",
            "benefit.recognition": "benefit.how-recognised",
            "innovation-development.safe-space": "innovation-development.trial-space",
            "learning.skills-and-time": "learning.skills",
        },
        # individual.psychological-safety is replaced by learning.speak-up, which the file has
        # answered already, so its answer is kept rather than written over.
        retired=[
            "complexity.local-needs",
            "individual.psychological-safety",
            "benefit.reframe",
            "innovation-development.essentials-known",
        ],
        # Of 51 questions, 37 keep their 1.0.0 ids and 6 are carried: 8 are left.
        unanswered=8,
    ),
    "1.1.0": Old(
        "1.1.0",
        carried={
            "benefit.recognise-and-reward": "benefit.how-recognised",
            "innovation-development.safe-space": "innovation-development.trial-space",
        },
        retired=["leadership.outward-thinking", "individual.safe-to-admit-difficulty"],
        unanswered=4,
    ),
}
NEW_IN_1_2 = {
    "individual.motivators-aligned",
    "benefit.unplanned-benefit",
    "benefit.early-involvement",
    "learning.patient-carer-voice",
}


def every_note_kept(old: Old, document: dict[str, Any]) -> None:
    kept = [a["note"] for a in [*document["answers"].values(), *document["retired"].values()]]
    assert sorted(note for note in kept if note) == sorted(old.notes.values())
    assert len(old.notes) == {"1.0.0": 47, "1.1.0": 49}[old.version]


def test_the_bank_says_what_replaces_what(bank: Bank) -> None:
    assert bank.version == "1.2.0"
    assert bank.replaced == REPLACED
    one_oh = {
        q["id"]
        for p in json.loads(OLD_BANK.read_text("utf-8"))["principles"]
        for q in p["questions"]
    }
    one_one = set(OLD["1.1.0"].notes)
    assert one_oh - bank.question_ids == set(OLD["1.0.0"].carried) | set(OLD["1.0.0"].retired)
    assert one_one - bank.question_ids == set(OLD["1.1.0"].carried) | set(OLD["1.1.0"].retired)
    assert bank.question_ids - one_one == NEW_IN_1_2 | {
        "benefit.how-recognised",
        "innovation-development.trial-space",
    }


@pytest.mark.parametrize("version", sorted(OLD))
def test_summary_reports_what_moved_and_what_was_kept(invoke: Invoke, version: str) -> None:
    old = OLD[version]
    result = invoke("summary", str(old.path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert f"answered with version {version} of the bank; this is version 1.2.0" in result.stderr
    for was, now in old.carried.items():
        assert f"{was} → {now}" in result.stderr
    assert f"no longer asked, so not scored: {', '.join(old.retired)}" in result.stderr
    assert f"{old.unanswered} questions in this version are unanswered" in result.stderr
    assert json.loads(result.stdout)["total"] == 51


@pytest.mark.parametrize("version", sorted(OLD))
def test_export_keeps_every_note(invoke: Invoke, version: str) -> None:
    old = OLD[version]
    result = invoke("export", str(old.path), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    every_note_kept(old, document)
    assert sorted(document["retired"]) == sorted(old.retired)
    assert document["bank"]["version"] == "1.2.0"
    for was, now in old.carried.items():
        assert document["answers"][now]["note"] == old.notes[was]
    for was in old.retired:
        assert document["retired"][was]["note"] == old.notes[was]
    for qid in NEW_IN_1_2:
        assert qid not in document["answers"] or not document["answers"][qid].get("note")


def test_a_split_question_keeps_its_note_on_the_part_that_kept_its_id(invoke: Invoke) -> None:
    old = OLD["1.1.0"]
    result = invoke("export", str(old.path), "-f", "json")
    document = json.loads(result.stdout)
    # learning.speak-up now asks about staff (patients and carers have a question of their own);
    # benefit.measure about the intended benefit (the unplanned has one of its own).
    for qid in ("learning.speak-up", "benefit.measure", "learning.evidence-as-you-go"):
        assert document["answers"][qid]["note"] == old.notes[qid]


def test_resume_keeps_every_note_and_asks_only_the_new_questions(
    invoke: Invoke, tmp_path: Path
) -> None:
    old = OLD["1.1.0"]
    path = tmp_path / "alex.json"
    path.write_bytes(old.path.read_bytes())
    result = invoke("assess", "-o", str(path), "--resume", keys="3" + Keys.ENTER + Keys.CTRL_C)
    assert result.exit_code == 130
    # The first question still to answer is the new one in Individual, its sixth.
    assert "A 4 looks like: you know what drives people from within" in result.stdout
    assert "Question 6 of 7 · 47 of 51 answered so far" in result.stdout
    document = json.loads(path.read_text("utf-8"))
    every_note_kept(old, document)
    assert document["answers"]["individual.motivators-aligned"]["rating"] == 3
    assert document["bank"]["version"] == "1.2.0"


def test_resume_from_1_0_0_keeps_every_note(invoke: Invoke, tmp_path: Path) -> None:
    old = OLD["1.0.0"]
    path = tmp_path / "sam.json"
    path.write_bytes(old.path.read_bytes())
    result = invoke("assess", "-o", str(path), "--resume", keys="3" + Keys.ENTER + Keys.CTRL_C)
    assert result.exit_code == 130
    # The first question still to answer is the one Complexity gained in 1.1.0.
    assert "A 4 looks like: a current list of the changes under way locally" in result.stdout
    document = json.loads(path.read_text("utf-8"))
    every_note_kept(old, document)
    assert document["answers"]["complexity.system-changes"]["rating"] == 3
