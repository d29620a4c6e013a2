from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from spreadkit.model.bank import Bank
from spreadkit.model.errors import BankError
from spreadkit.readers.banks import load_bank

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def test_seven_principles_in_the_guides_order(bank: Bank) -> None:
    assert [p.id for p in bank.principles] == [
        "complexity",
        "leadership",
        "individual",
        "benefit",
        "networks",
        "innovation-development",
        "learning",
    ]


def test_every_principle_has_at_least_five_questions(bank: Bank) -> None:
    for principle in bank.principles:
        assert len(principle.questions) >= 5, principle.id
        if principle.id not in ("benefit", "individual"):
            # Learning has nine since 1.2.0, when staff and patients and carers were asked apart.
            assert 5 <= len(principle.questions) <= 9, principle.id


GUIDE_BENEFIT = [
    "benefit.why-worth-it",
    "benefit.communicate-why",
    "benefit.strategic-need",
    "benefit.local-needs-agreed",
    "benefit.expected-benefit",
    "benefit.reframe-for-context",
    "benefit.measure",
    "benefit.evidence",
    "benefit.how-recognised",
]


def test_benefit_holds_the_guides_nine_questions_in_its_order(bank: Bank) -> None:
    benefit = bank.principle("benefit")
    assert benefit is not None
    from_guide = [q.id for q in benefit.questions if q.origin == "guide"]
    assert from_guide == GUIDE_BENEFIT
    # The rest are spreadkit's: a split of the guide's question on measuring, and one from its text.
    assert [q.id for q in benefit.questions if q.origin != "guide"] == [
        "benefit.unplanned-benefit",
        "benefit.early-involvement",
    ]
    assert {q.origin for q in benefit.questions if q.origin != "guide"} == {"derived"}


def test_individual_holds_three_guide_questions_then_derived(bank: Bank) -> None:
    individual = bank.principle("individual")
    assert individual is not None
    origins = [q.origin for q in individual.questions]
    assert origins[:3] == ["guide"] * 3
    assert set(origins[3:]) == {"derived"}


def test_question_ids_are_readable_and_belong_to_their_principle(bank: Bank) -> None:
    for principle, question in bank.questions():
        assert re.fullmatch(r"[a-z-]+\.[a-z0-9-]+", question.id), question.id
        assert question.id.startswith(principle.id + ".")


def test_every_principle_cites_a_source_and_links_exist(bank: Bank) -> None:
    for principle in bank.principles:
        assert principle.sources and all(s.url.startswith("https://") for s in principle.sources)
        assert all(bank.principle(link) for link in principle.links)
    assert bank.source.url.startswith("https://www.england.nhs.uk/")


def test_scale_and_bands(bank: Bank) -> None:
    assert [level.value for level in bank.scale] == [0, 1, 2, 3, 4]
    # Each band matches the scale: on average below "Partly addressed" (2 of 4, 50), partly to
    # mostly (3 of 4, 75), mostly or better.
    assert [(b.min, b.max) for b in bank.bands] == [(0, 50), (50, 75), (75, 100)]
    assert bank.band_for(49.9).label == "Early groundwork"
    assert bank.band_for(50).label == "Building"
    assert bank.band_for(75).label == "Established"
    for word in ("ready", "pass", "fail"):
        assert all(word not in b.label.lower() for b in bank.bands)
    assert "spreadkit's own" in bank.about_bands and "pass mark" in bank.about_bands


def test_every_question_says_what_a_4_and_a_0_look_like_and_what_to_do_next(bank: Bank) -> None:
    for principle in bank.principles:
        assert len(principle.questions) >= 5, principle.id
        assert principle.resources, principle.id
        assert all(r.url.startswith("https://") for r in principle.resources)
        for question in principle.questions:
            assert question.help and question.help.startswith("A 4 looks like: "), question.id
            assert ". A 0 looks like: " in question.help, question.id
            assert 1 <= len(question.next_steps) <= 3, question.id
    assert bank.version == "1.2.0"


def test_open_questions_say_how_to_rate_them(bank: Bank) -> None:
    # A question asking "What…?", "Which…?" or "How will…?" is answered in the note, and rated by
    # how fully it could be answered today; survey forms and workbooks show only the help line.
    open_ones = [q for _, q in bank.questions() if re.match(r"(What|Which|Why|How will)\b", q.text)]
    assert len(open_ones) == 10
    for question in open_ones:
        assert question.help and "a full answer in the note" in question.help, question.id
        assert "Rate how fully you could answer it today." in question.help, question.id
    for _, question in bank.questions():
        if question not in open_ones:
            assert "answer it today" not in (question.help or ""), question.id


def test_spreadkits_additions_to_the_guide_are_marked(bank: Bank) -> None:
    marked = {
        "benefit.early-involvement": "From the guide's own text on Benefit",
        "individual.motivators-aligned": "From the guide's own text on Individual",
        "benefit.unplanned-benefit": "spreadkit's own split of the guide's question",
        "benefit.how-recognised": "The guide asks only about recognition",
        "networks.key-roles": "follow the network research of Rob Cross and colleagues",
        "innovation-development.room-to-adapt": "is spreadkit's addition",
    }
    for qid, words in marked.items():
        found = bank.question(qid)
        assert found is not None, qid
        assert words in (found[1].help or ""), qid


def test_the_guide_marks_are_honest(bank: Bank) -> None:
    from_guide = [q.id for _, q in bank.questions() if q.origin == "guide"]
    assert len(from_guide) == 12  # Benefit's nine and Individual's three
    assert {qid.split(".")[0] for qid in from_guide} == {"benefit", "individual"}


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed document is not beside this checkout")
def test_no_sentence_is_pasted_from_the_seed(bank_data: dict[str, Any]) -> None:
    seed = " ".join(p.read_text("utf-8") for p in SEED.iterdir()).lower()
    seed = re.sub(r"\s+", " ", seed)
    texts: list[str] = []
    for principle in bank_data["principles"]:
        texts += [principle["summary"], *principle["key_ideas"]]
        for question in principle["questions"]:
            texts += [question["text"], question.get("help") or "", *question.get("next_steps", [])]
    for text in texts:
        words = re.sub(r"\s+", " ", text.lower()).split()
        # No run of eight words in a row may appear in the seed.
        for i in range(len(words) - 7):
            run = " ".join(words[i : i + 8])
            assert run not in seed, f"copied from the seed: {run!r}"


def _broken(tmp_path: Path, bank_data: dict[str, Any], change: Any) -> Path:
    data = copy.deepcopy(bank_data)
    change(data)
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["principles"][1]["questions"].append(d["principles"][0]["questions"][0]),
            r"\$\.principles\[1\]\.questions\[7\]\.id: duplicate question id "
            r"'complexity.system-changes'",
        ),
        (
            lambda d: d["principles"][0]["links"].append("nowhere"),
            r"\$\.principles\[0\]\.links\[1\]: links to 'nowhere'",
        ),
        (
            lambda d: d["scale"].pop(2),
            r"\$\.scale\[2\]\.value: the scale must count up from 0",
        ),
        (
            lambda d: d["bands"][1].update(min=55),
            r"\$\.bands\[1\]\.min: .* a gap",
        ),
        (
            lambda d: d["principles"][3]["questions"][0].pop("text"),
            r"\$\.principles\[3\]\.questions\[0\]\.text: this field is required",
        ),
        (
            lambda d: d["principles"][0].update(titel="typo"),
            r"\$\.principles\[0\]\.titel: unknown field",
        ),
    ],
)
def test_a_broken_bank_names_the_file_and_the_json_path(
    tmp_path: Path, bank_data: dict[str, Any], change: Any, expected: str
) -> None:
    path = _broken(tmp_path, bank_data, change)
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert caught.value.message.startswith(f"{path}: ")
    assert re.search(expected, caught.value.message), caught.value.message


def test_what_a_room_reads_first_is_the_principle_not_its_sources(
    invoke: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A principle's summary is shown on the assessment's screens, in front of the room: it says
    what the principle is about. Where its name or heading comes from is its source note, shown
    with the principles."""
    bank = load_bank()
    for principle in bank.principles:
        assert "spreadkit" not in principle.summary and "guide's own page" not in principle.summary
    noted = [p for p in bank.principles if p.source_note]
    assert {p.id for p in noted} == {"complexity", "innovation-development"}
    monkeypatch.setenv("COLUMNS", "400")
    shown = invoke("principles").stdout
    assert all(p.source_note in shown for p in noted)
