"""Example data for a workshop, made the same way every time: six people's answers to every
question of the built-in bank (some with notes), the same team's later review, and one person's
answers, so that every report can be tried, printed and looked at.

    python examples/make_workshop.py FOLDER

writes FOLDER/baseline/ (six answers files), FOLDER/review/ (six, some months later) and
FOLDER/sam.json (one person). Then, for example:

    spreadkit export FOLDER/sam.json -o sam.html
    spreadkit team FOLDER/baseline -o team.docx
    spreadkit plan FOLDER/baseline -o plan.json
    spreadkit compare FOLDER/baseline FOLDER/review --plan plan.json -o compare.html
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from spreadkit.readers.banks import load_bank

PEOPLE = ("Sam Patel", "Ana Lopez", "Ben Okafor", "Cy Evans", "Dee Brown", "Eli Shah")
NOTES = (
    "We have talked this through at the project group, but nothing is written down yet.",
    "The ward managers agreed this in March; the minutes are on the shared drive.",
    "Partly: the acute side is on board, community colleagues less so.",
    "We rely on one enthusiast here, which worries me if she moves on.",
    "Data from the pilot site shows fewer readmissions, but the sample is small.",
    "Not sure anyone owns this yet. Worth raising with the sponsor.",
    "Patients' feedback has been good; carers would like more notice of changes.",
    "We copied the pilot's plan without checking it fits our wards.",
)


def _answers(bank_questions: list[str], seed: int, lift: float) -> dict[str, dict[str, object]]:
    chance = random.Random(seed)
    answers: dict[str, dict[str, object]] = {}
    for number, question_id in enumerate(bank_questions):
        base = 1.4 + (number % 7) * 0.35 + lift
        rating: object = max(0, min(4, round(chance.gauss(base, 1.1))))
        if chance.random() < 0.03:
            rating = "n/a"
        note = NOTES[chance.randrange(len(NOTES))] if chance.random() < 0.25 else ""
        answers[question_id] = {"rating": rating, "note": note}
    return answers


def _file(bank: object, person: str, answers: dict[str, object], when: datetime) -> str:
    from spreadkit.model.answers import bank_ref

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(
        {
            "format": "spreadkit-answers",
            "format_version": 1,
            "bank": bank_ref(bank).model_dump(),  # type: ignore[arg-type]
            "meta": {
                "title": "Virtual wards: spreading to three sites",
                "respondent": person,
                "team": "Frailty virtual ward team",
                "setting": "Community and acute, North district",
                "created": stamp,
                "updated": stamp,
            },
            "targets": {},
            "answers": answers,
        },
        indent=2,
        ensure_ascii=False,
    )


def make(folder: Path) -> None:
    bank = load_bank(None)
    ids = [question.id for _, question in bank.questions()]
    start = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    for round_name, lift, later in (("baseline", 0.0, 0), ("review", 0.6, 180)):
        (folder / round_name).mkdir(parents=True, exist_ok=True)
        for seat, person in enumerate(PEOPLE):
            answers = _answers(ids, seed=seat * 7 + later, lift=lift)
            when = start + timedelta(days=later, minutes=seat * 11)
            name = person.split()[0].lower()
            text = _file(bank, person, answers, when)  # type: ignore[arg-type]
            (folder / round_name / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    sam = _answers(ids, seed=99, lift=0.2)
    text = _file(bank, PEOPLE[0], sam, start)  # type: ignore[arg-type]
    (folder / "sam.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "workshop"))
