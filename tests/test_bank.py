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
            assert 5 <= len(principle.questions) <= 8, principle.id


def test_benefit_holds_the_guides_nine_questions(bank: Bank) -> None:
    benefit = bank.principle("benefit")
    assert benefit is not None
    assert [q.origin for q in benefit.questions] == ["guide"] * 9


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


def test_every_question_says_what_a_4_looks_like_and_what_to_do_next(bank: Bank) -> None:
    for principle in bank.principles:
        assert len(principle.questions) >= 5, principle.id
        assert principle.resources, principle.id
        assert all(r.url.startswith("https://") for r in principle.resources)
        for question in principle.questions:
            assert question.help and question.help.startswith("A 4 looks like: "), question.id
            assert 1 <= len(question.next_steps) <= 3, question.id
    assert bank.version == "1.1.0"


def test_the_guide_marks_are_honest(bank: Bank) -> None:
    from_guide = [q.id for _, q in bank.questions() if q.origin == "guide"]
    assert len(from_guide) == 12
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
            r"\$\.principles\[1\]\.questions\[8\]\.id: duplicate question id "
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
