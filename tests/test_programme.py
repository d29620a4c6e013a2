"""`spreadkit programme`: many sites, many rounds, checked against a calculation of its own."""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
import zipfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
Ratings = dict[str, int]


def _half_up(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _write(path: Path, bank: Bank, ratings: Ratings, respondent: str, **meta: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "format": "spreadkit-answers",
        "format_version": 1,
        "bank": {"id": bank.id, "version": bank.version},
        "meta": {
            "title": "Virtual wards",
            "respondent": respondent,
            "created": "2026-11-26T09:30:00Z",
            "updated": "2026-11-26T09:52:00Z",
            **meta,
        },
        "answers": {
            qid: {"rating": rating, "note": f"note by {respondent} on {qid}"}
            for qid, rating in ratings.items()
        },
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _random_ratings(bank: Bank, rng: random.Random, low: int = 0, high: int = 4) -> Ratings:
    return {q.id: rng.randint(low, high) for _, q in bank.questions()}


def _expected(bank: Bank, people: list[Ratings]) -> tuple[dict[str, float], float]:
    """Each principle's score and the overall, worked out here from the ratings alone: a person's
    principle score is 100 × their mean rating / 4, a round's is the mean over its people, and
    the overall is the mean of the principles' scores (the built-in bank weighs all alike)."""
    exact: dict[str, float] = {}
    for principle in bank.principles:
        scores = []
        for ratings in people:
            rated = [ratings[q.id] for q in principle.questions if q.id in ratings]
            if rated:
                scores.append(100 * sum(rated) / (4 * len(rated)))
        exact[principle.id] = sum(scores) / len(scores)
    overall = sum(exact.values()) / len(exact)
    return {pid: _half_up(score) for pid, score in exact.items()}, _half_up(overall)


def _band(score: float) -> str:
    return "Early groundwork" if score < 50 else "Building" if score < 75 else "Established"


def _programme(
    tmp_path: Path, bank: Bank, sites: int, rounds: int, people: int, seed: int = 7
) -> tuple[Path, dict[str, list[list[Ratings]]]]:
    """A programme folder, and every site's rounds' ratings, by site name."""
    rng = random.Random(seed)
    root = tmp_path / "programme"
    made: dict[str, list[list[Ratings]]] = {}
    for s in range(sites):
        site = f"Ward {chr(ord('Z') - s)} Hospital"  # names sort the other way round from s
        made[site] = []
        for r in range(rounds):
            everyone = []
            for n in range(people):
                ratings = _random_ratings(bank, rng)
                name = f"Person{s}x{r}x{n}"
                _write(
                    root / site / f"2026-{r + 1:02d} Kestrel" / f"{name}.json", bank, ratings, name
                )
                everyone.append(ratings)
            made[site].append(everyone)
    return root, made


def _json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke("programme", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_every_round_scored_as_worked_out_independently(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, made = _programme(tmp_path, bank, sites=4, rounds=3, people=3)
    document = _json(invoke, str(root))
    assert document["kind"] == "programme"
    assert [site["name"] for site in document["sites"]] == sorted(made)
    for site in document["sites"]:
        assert len(site["rounds"]) == 3
        for number, (round_, people) in enumerate(
            zip(site["rounds"], made[site["name"]], strict=True), start=1
        ):
            principles, overall = _expected(bank, people)
            assert round_["name"] == f"2026-{number:02d} Kestrel"
            assert round_["date"] == f"2026-{number:02d}"
            assert round_["respondents"] == 3
            assert round_["agreed"] is False
            assert round_["overall"] == {"score": overall, "band": _band(overall)}
            assert round_["principles"] == [
                {"id": pid, "score": score, "band": _band(score)}
                for pid, score in principles.items()
            ]
        first, last = site["rounds"][0]["overall"]["score"], site["rounds"][-1]["overall"]["score"]
        assert site["moved"] == _half_up(last - first)


def _quartiles(scores: list[float]) -> dict[str, float]:
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return {
        "min": min(scores),
        "q1": _half_up(q1),
        "median": _half_up(median),
        "q3": _half_up(q3),
        "max": max(scores),
    }


def test_spread_per_principle_and_its_absence_below_the_minimum(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, _ = _programme(tmp_path, bank, sites=6, rounds=2, people=2)
    document = _json(invoke, str(root))
    for principle in document["principles"]:
        latest = [
            next(p["score"] for p in site["rounds"][-1]["principles"] if p["id"] == principle["id"])
            for site in document["sites"]
        ]
        assert principle["sites"] == 6
        assert principle["spread"] == _quartiles(latest)
        spread = principle["spread"]
        for site, score in zip(document["sites"], latest, strict=True):
            place = principle["places"][site["name"]]
            if score < spread["q1"]:
                assert place == "lowest quarter"
            elif score > spread["q3"]:
                assert place == "highest quarter"
            else:
                assert place == "middle half"
    # Six sites are fewer than seven: no spread and no place, in data or in words.
    fewer = _json(invoke, str(root), "--min-sites", "7")
    assert all(p["spread"] is None and p["places"] is None for p in fewer["principles"])
    text = invoke("programme", str(root), "--min-sites", "7", "-f", "markdown").stdout
    assert "Lower quartile" not in text and "lowest quarter" not in text
    assert "fewer than 7 sites have a round" in text


def test_default_minimum_is_five_sites_and_never_below_three(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, _ = _programme(tmp_path, bank, sites=4, rounds=1, people=1)
    assert all(p["spread"] is None for p in _json(invoke, str(root))["principles"])
    assert all(
        p["spread"] is not None for p in _json(invoke, str(root), "--min-sites", "4")["principles"]
    )
    refused = invoke("programme", str(root), "--min-sites", "2")
    assert refused.exit_code == 2
    assert "give 3 or more" in refused.output


def _flat(bank: Bank, rating: int) -> Ratings:
    return {q.id: rating for _, q in bank.questions()}


def test_band_changes_and_sites_that_moved_backwards(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root = tmp_path / "programme"
    _write(root / "Alder" / "2026-03 baseline" / "a.json", bank, _flat(bank, 2), "A")  # 50.0
    _write(root / "Alder" / "2026-09 review" / "a.json", bank, _flat(bank, 1), "A")  # 25.0
    _write(root / "Birch" / "2026-03 baseline" / "b.json", bank, _flat(bank, 1), "B")
    _write(root / "Birch" / "2026-09 review" / "b.json", bank, _flat(bank, 3), "B")  # 75.0
    _write(root / "Cedar" / "c.json", bank, _flat(bank, 2), "C")  # one round, its files direct
    document = _json(invoke, str(root))
    moved = {site["name"]: site["moved"] for site in document["sites"]}
    assert moved == {"Alder": -25.0, "Birch": 50.0, "Cedar": None}
    assert document["backwards"] == ["Alder"]
    cedar = document["sites"][2]
    assert [r["name"] for r in cedar["rounds"]] == ["Round 1"]
    text = invoke("programme", str(root), "-f", "markdown").stdout
    assert "Building → Early groundwork" in text
    assert "Early groundwork → Established" in text
    assert "Alder: ↓ down 25.0 since 2026-03 baseline" in text
    assert "Weakest principle across the programme" in text
    # Five rounds answered, counted site by site, not five rounds of the programme.
    assert "**Rounds:** 5 in all, 1 to 2 a site" in text


def test_a_wide_table_of_sites_prints_on_a_landscape_page_without_breaking_its_words(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    from docx import Document as Word

    root, _ = _programme(tmp_path, bank, sites=5, rounds=2, people=2)
    report = tmp_path / "programme.docx"
    result = invoke("programme", str(root), "-o", str(report))
    assert result.exit_code == 0, result.output
    section = Word(str(report)).sections[0]
    assert section.page_width > section.page_height  # landscape
    page = (section.page_width - section.left_margin - section.right_margin) / 360000  # cm
    for table in Word(str(report)).tables:
        widths = [cell.width for cell in table.rows[0].cells]
        assert sum(w for w in widths if w) / 360000 <= page + 0.05
    # A person's report, with no wide table, stays upright.
    person = tmp_path / "person.docx"
    one = next(root.rglob("*.json"))
    assert invoke("export", str(one), "-o", str(person)).exit_code == 0
    upright = Word(str(person)).sections[0]
    assert upright.page_height > upright.page_width


def test_weakest_principle_and_common_priorities(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root = tmp_path / "programme"
    weak = bank.principles[2]
    low = [q.id for q in weak.questions][:5]
    for site in ("Alder", "Birch", "Cedar"):
        ratings = _flat(bank, 3)
        ratings.update({qid: 0 for qid in low})
        _write(root / site / "a.json", bank, ratings, site)
    document = _json(invoke, str(root))
    assert document["weakest"]["id"] == weak.id
    assert [(p["question_id"], p["sites"]) for p in document["priorities"]] == [
        (qid, 3) for qid in low
    ]


def test_an_agreed_file_stands_for_its_round(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    root = tmp_path / "programme"
    round_ = root / "Alder" / "2026-09 review"
    for n in range(3):
        _write(round_ / f"p{n}.json", bank, _flat(bank, 0), f"P{n}")
    _write(round_ / "team-agreed.json", bank, _flat(bank, 4), "Team (agreed)", respondents=6)
    _write(root / "Birch" / "b.json", bank, _flat(bank, 1), "B")
    result = invoke("programme", str(root), "-f", "json")
    assert result.exit_code == 0, result.output
    assert "team-agreed.json is the round's agreed file" in result.stderr
    alder = json.loads(result.stdout)["sites"][0]
    assert alder["rounds"][0]["agreed"] is True
    assert alder["rounds"][0]["respondents"] == 6
    assert alder["rounds"][0]["overall"] == {"score": 100.0, "band": "Established"}
    text = invoke("programme", str(root), "-f", "markdown").stdout
    assert "6, agreed" in text
    assert "An agreed file (made by spreadkit agree) stands for these rounds" in text
    # Two agreed files in one round: which stands for it is not guessed.
    _write(round_ / "second-agreed.json", bank, _flat(bank, 4), "Team (agreed)", respondents=3)
    refused = invoke("programme", str(root))
    assert refused.exit_code == 1
    assert "two agreed files in one round" in refused.stderr


def _everything(invoke: Invoke, tmp_path: Path, root: Path, *extra: str) -> dict[str, str]:
    """Every format's output as text: a Word document's, a workbook's and a deck's every part."""
    out: dict[str, str] = {}
    for fmt in ("text", "markdown", "html", "json", "csv", "docx", "xlsx", "pptx"):
        target = tmp_path / f"out-{fmt}.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
        result = invoke("programme", str(root), "-f", fmt, "-o", str(target), *extra)
        assert result.exit_code == 0, result.output
        if fmt in ("docx", "xlsx", "pptx"):
            with zipfile.ZipFile(target) as package:
                out[fmt] = " ".join(
                    package.read(name).decode("utf-8", "replace") for name in package.namelist()
                )
        else:
            out[fmt] = target.read_text(encoding="utf-8")
    return out


def test_anonymous_shows_no_name_note_or_file_name_in_any_format(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, made = _programme(tmp_path, bank, sites=5, rounds=2, people=2)
    outputs = _everything(invoke, tmp_path, root, "--anonymous")
    for fmt, text in outputs.items():
        for site in made:
            assert site not in text, (fmt, site)
        for word in ("Person0x", "note by", "Kestrel", ".json", "Hospital"):
            assert word not in text, (fmt, word)
    document = json.loads(outputs["json"])
    # Site A, B... in the order of the sites' names.
    assert [s["name"] for s in document["sites"]] == [f"Site {c}" for c in "ABCDE"]
    first = sorted(made)[0]
    _, expected = _expected(bank, made[first][-1])
    assert document["sites"][0]["rounds"][-1]["overall"]["score"] == expected
    assert [r["name"] for r in document["sites"][0]["rounds"]] == [
        "Round 1 (2026-01)",
        "Round 2 (2026-02)",
    ]


def test_no_person_name_or_note_without_anonymous(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, made = _programme(tmp_path, bank, sites=3, rounds=1, people=2)
    for fmt, text in _everything(invoke, tmp_path, root).items():
        assert "Person0x" not in text and "note by" not in text, fmt
        assert sorted(made)[0] in text, fmt


def test_csv_has_a_row_per_site_round_and_principle(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, _ = _programme(tmp_path, bank, sites=3, rounds=2, people=1)
    result = invoke("programme", str(root), "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 3 * 2 * len(bank.principles)
    assert list(rows[0]) == [
        "site",
        "round",
        "date",
        "respondents",
        "agreed",
        "card",
        "principle_id",
        "score",
        "band",
        "overall_score",
        "overall_band",
    ]
    document = _json(invoke, str(root))
    first = document["sites"][0]["rounds"][0]
    assert rows[0]["score"] == f"{first['principles'][0]['score']:.1f}"
    assert rows[0]["overall_score"] == f"{first['overall']['score']:.1f}"


def test_a_bad_file_is_named_in_one_line(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    root, _ = _programme(tmp_path, bank, sites=2, rounds=1, people=1)
    broken = next(root.glob("*/*/*.json"))
    broken.write_text("{ not json", encoding="utf-8")
    result = invoke("programme", str(root))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1 and str(broken) in lines[0]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("programme", str(empty))
    assert result.exit_code == 1 and "no site folder holds any answers" in result.stderr


@pytest.mark.parametrize("width", [60, 200])
def test_the_screen_shows_every_site_at_any_width(tmp_path: Path, bank: Bank, width: int) -> None:
    from spreadkit.cli.views import programme
    from spreadkit.documents.programme import programme_document
    from spreadkit.writers.drawing import render_text
    from spreadkit.writers.terminal import write

    root, made = _programme(tmp_path, bank, sites=5, rounds=1, people=1)
    view = programme(bank, root, lambda _: None, min_sites=5, anonymous=False)
    text = render_text(write(programme_document(view)), width=width)
    for site in made:
        assert site in text
    assert "Early groundwork" in text or "Building" in text


# Benchmark cards


def _card(invoke: Invoke, source: Path, target: Path, *extra: str) -> dict[str, Any]:
    result = invoke("card", str(source), "-o", str(target), *extra)
    assert result.exit_code == 0, result.output
    card: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return card


def test_a_card_holds_scores_and_nothing_else(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    root, made = _programme(tmp_path, bank, sites=1, rounds=1, people=4)
    site = next(iter(made))
    folder = root / site / "2026-01 Kestrel"
    target = tmp_path / "cards" / "ours.card.json"
    card = _card(invoke, folder, target, "--round", "2026-09 review", "--tag", "setting=community")
    assert list(card) == [
        "format",
        "format_version",
        "bank",
        "round",
        "respondents",
        "principles",
        "tags",
        "check",
    ]
    assert card["bank"] == {"id": bank.id, "version": bank.version, "hash": bank.content_hash}
    assert card["round"] == {"name": "2026-09 review", "date": "2026-09"}
    assert card["respondents"] == 4
    assert card["tags"] == {"setting": "community"}
    principles, _ = _expected(bank, made[site][0])
    assert card["principles"] == [
        {"id": pid, "score": score, "band": _band(score)} for pid, score in principles.items()
    ]
    text = target.read_text(encoding="utf-8")
    for word in ("Person0x", "note by", "Kestrel", "Hospital", ".json", '"rating"', "benefit."):
        assert word not in text, word


def test_a_card_needs_three_respondents(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    round_ = tmp_path / "round"
    for n in range(2):
        _write(round_ / f"p{n}.json", bank, _flat(bank, 2), f"P{n}")
    result = invoke("card", str(round_), "-o", str(tmp_path / "card.json"))
    assert result.exit_code == 1
    assert "a card needs at least 3 respondents" in result.stderr
    assert not (tmp_path / "card.json").exists()
    # An agreed file counts the people who agreed it.
    _write(round_ / "agreed.json", bank, _flat(bank, 3), "Team (agreed)", respondents=5)
    card = _card(invoke, round_, tmp_path / "card.json")
    assert card["respondents"] == 5
    assert {p["score"] for p in card["principles"]} == {75.0}
    assert card["round"] == {"name": "Round", "date": None}


def test_cards_are_read_beside_site_folders_and_as_a_sites_rounds(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, made = _programme(tmp_path, bank, sites=2, rounds=1, people=3)
    first = sorted(made)[0]
    # A site that cannot share its answers sends a card: it sits beside the site folders.
    elsewhere = tmp_path / "elsewhere"
    for n in range(3):
        _write(elsewhere / "r1" / f"p{n}.json", bank, _flat(bank, 1), f"Q{n}")
        _write(elsewhere / "r2" / f"p{n}.json", bank, _flat(bank, 3), f"Q{n}")
    _card(invoke, elsewhere / "r1", root / "Oak Trust.card.json", "--round", "2026-01 baseline")
    # And a site of the programme sends its next round as a card, beside its round folders.
    _card(invoke, elsewhere / "r2", root / first / "2026-06 card.json", "--round", "2026-06")
    document = _json(invoke, str(root))
    sites = {site["name"]: site for site in document["sites"]}
    assert list(sites) == sorted([*made, "Oak Trust"])
    oak = sites["Oak Trust"]["rounds"]
    assert [(r["name"], r["respondents"], r["card"]) for r in oak] == [
        ("2026-01 baseline", 3, True)
    ]
    assert oak[0]["overall"] == {"score": 25.0, "band": "Early groundwork"}
    rounds = sites[first]["rounds"]
    assert [(r["name"], r["card"]) for r in rounds] == [
        ("2026-01 Kestrel", False),
        ("2026-06", True),
    ]
    assert rounds[1]["overall"]["score"] == 75.0
    text = invoke("programme", str(root), "-f", "markdown").stdout
    assert "3, card" in text
    # Anonymous: the card's file name is a site's name, and it goes too.
    anonymous = invoke("programme", str(root), "--anonymous", "-f", "markdown").stdout
    assert "Oak" not in anonymous and first not in anonymous


def test_tags_compare_only_sites_that_share_them(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root = tmp_path / "programme"
    source = tmp_path / "source"
    for n in range(3):
        _write(source / f"p{n}.json", bank, _flat(bank, 2), f"P{n}")
    for site, setting in (("Ash", "community"), ("Elm", "acute"), ("Fir", "community")):
        _card(invoke, source, root / f"{site}.card.json", "--tag", f"setting={setting}")
    _write(root / "Yew" / "a.json", bank, _flat(bank, 2), "Y")
    result = invoke("programme", str(root), "--tag", "setting=community", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "2 of 4 sites carry setting=community" in result.stderr
    assert [s["name"] for s in json.loads(result.stdout)["sites"]] == ["Ash", "Fir"]
    assert json.loads(result.stdout)["sites"][0]["tags"] == {"setting": "community"}
    none = invoke("programme", str(root), "--tag", "setting=mental-health")
    assert none.exit_code == 1 and "no site's card carries setting=mental-health" in none.stderr
    bad = invoke("programme", str(root), "--tag", "setting")
    assert bad.exit_code == 2 and "give KEY=VALUE" in bad.output
    # No tag appears when the programme is anonymous.
    anonymous = invoke("programme", str(root), "--anonymous", "-f", "json").stdout
    assert "community" not in anonymous


def _recheck(card: dict[str, Any]) -> dict[str, Any]:
    """A forger's card: the check worked out again over the edited content."""
    import hashlib

    body = {key: value for key, value in card.items() if key != "check"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {**body, "check": "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()}


def _forged(card: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    edited = json.loads(json.dumps(card))
    change(edited)
    return edited


def _set_score(value: Any, band: str | None = None) -> Callable[[dict[str, Any]], None]:
    def change(card: dict[str, Any]) -> None:
        card["principles"][0]["score"] = value
        if band is not None:
            card["principles"][0]["band"] = band

    return change


FORGERIES: list[tuple[str, Callable[[dict[str, Any]], None], bool, str]] = [
    ("edited score", _set_score(99.0), False, "its check does not match its content"),
    ("score out of range", _set_score(120.0, "Established"), True, "not a number from 0 to 100"),
    ("band that does not fit", _set_score(99.0), True, "is not the one a score of 99.0 falls in"),
    ("too precise", _set_score(50.25, "Building"), True, "more than one decimal place"),
    ("two respondents", lambda c: c.update(respondents=2), True, "a card needs 3 to"),
    ("a name added", lambda c: c.update(names=["Ana"]), True, "which a card never carries"),
    ("another bank", lambda c: c["bank"].update(hash="sha256:0"), True, "bank hash does not match"),
    ("a principle missing", lambda c: c["principles"].pop(), True, "has no score for learning"),
    (
        "a principle twice",
        lambda c: c["principles"].append(c["principles"][0]),
        True,
        "appears twice",
    ),
    ("a bad tag", lambda c: c["tags"].update({"Bad Key": "x"}), True, "a tag's key is up to 40"),
    ("a bad date", lambda c: c["round"].update(date="2026-13"), True, "is not YYYY-MM"),
]


@pytest.mark.parametrize(
    ("change", "recheck", "reason"), [f[1:] for f in FORGERIES], ids=[f[0] for f in FORGERIES]
)
def test_a_forged_or_edited_card_is_refused_with_the_reason(
    invoke: Invoke,
    tmp_path: Path,
    bank: Bank,
    change: Callable[[dict[str, Any]], None],
    recheck: bool,
    reason: str,
) -> None:
    source = tmp_path / "source"
    for n in range(3):
        _write(source / f"p{n}.json", bank, _flat(bank, 2), f"P{n}")
    root = tmp_path / "programme"
    _write(root / "Ash" / "a.json", bank, _flat(bank, 2), "A")
    card = _card(invoke, source, tmp_path / "made.json", "--tag", "setting=community")
    forged = _forged(card, change)
    if recheck:
        forged = _recheck(forged)
    (root / "Elm.card.json").write_text(json.dumps(forged), encoding="utf-8")
    result = invoke("programme", str(root))
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1
    assert "Elm.card.json: refused as a benchmark card" in errors[0]
    assert reason in errors[0]


# compare with three or more rounds: the trend


def _rounds(tmp_path: Path, bank: Bank, count: int) -> tuple[list[Path], list[list[Ratings]]]:
    rng = random.Random(11)
    folders, made = [], []
    for r in range(count):
        folder = tmp_path / f"2026-{r + 1:02d} round"
        people = [_random_ratings(bank, rng) for _ in range(3)]
        for n, ratings in enumerate(people):
            _write(folder / f"p{n}.json", bank, ratings, f"P{n}")
        folders.append(folder)
        made.append(people)
    return folders, made


def test_a_trend_over_three_rounds(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    folders, made = _rounds(tmp_path, bank, 4)
    result = invoke("compare", *map(str, folders), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["kind"] == "trend"
    expected = [_expected(bank, people) for people in made]
    for number, (round_, (principles, overall)) in enumerate(
        zip(document["rounds"], expected, strict=True), start=1
    ):
        assert round_["name"] == f"2026-{number:02d} round"
        assert round_["date"] == f"2026-{number:02d}"
        assert round_["respondents"] == 3
        assert round_["overall"] == {"score": overall, "band": _band(overall)}
        assert round_["principles"] == [
            {"id": pid, "score": score, "band": _band(score)} for pid, score in principles.items()
        ]
    for line in document["principles"]:
        scores = [principles[line["id"]] for principles, _ in expected]
        assert line["scores"] == scores
        assert line["bands"] == [_band(score) for score in scores]
        assert line["since_first"] == _half_up(scores[-1] - scores[0])
        assert line["since_last"] == _half_up(scores[-1] - scores[-2])
    overall_scores = [overall for _, overall in expected]
    assert document["overall"]["scores"] == overall_scores
    # The questions that moved most, most first, each with its mean in every round.
    moved = document["moved"]
    assert 0 < len(moved) <= 10
    changes = [abs(q["since_first"]) for q in moved]
    assert changes == sorted(changes, reverse=True)
    first = moved[0]
    means = [
        round(sum(people[n][first["question_id"]] for n in range(3)) / 3, 2) for people in made
    ]
    assert first["means"] == pytest.approx(means)
    # And what two-round compare gives for the first and the last round, as it gives it.
    two = invoke("compare", str(folders[0]), str(folders[-1]), "-f", "json")
    expected_pair = json.loads(two.stdout)
    for key in ("spreadkit", "kind", "bank", "title", "made"):
        expected_pair.pop(key)
    assert document["first_and_last"] == expected_pair


def test_a_trend_in_every_format_and_with_a_plan(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    folders, _ = _rounds(tmp_path, bank, 3)
    plan = tmp_path / "plan.json"
    made = invoke("plan", str(folders[0]), "-o", str(plan))
    assert made.exit_code == 0, made.output
    for fmt in ("text", "markdown", "html", "docx"):
        target = tmp_path / f"trend.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
        result = invoke("compare", *map(str, folders), "--plan", str(plan), "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    markdown = (tmp_path / "trend.md").read_text(encoding="utf-8")
    assert "## Scores in every round" in markdown and "## Bands in every round" in markdown
    assert "## The plan's actions, and their questions in every round" in markdown
    assert "| 2026-01 round | 2026-02 round | 2026-03 round |" in markdown
    document = json.loads(
        invoke("compare", *map(str, folders), "--plan", str(plan), "-f", "json").stdout
    )
    actions = document["actions"]
    assert actions and all(len(a["means"]) == 3 for a in actions)
    # Two rounds stay a comparison.
    pair = invoke("compare", str(folders[0]), str(folders[1]), "-f", "json")
    assert json.loads(pair.stdout)["kind"] == "compare"


def test_helpers_read_a_large_programme_to_the_same_result(
    invoke: Invoke, tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spreadkit.readers import teams

    root, _ = _programme(tmp_path, bank, sites=6, rounds=2, people=2)
    _write(root / "Agreed" / "r1" / "a.json", bank, _flat(bank, 3), "Team (agreed)", respondents=4)
    alone = _json(invoke, str(root))
    monkeypatch.setattr(teams, "HELPERS_FROM", 1)  # helpers from the first file
    shared = _json(invoke, str(root))
    alone.pop("made")
    shared.pop("made")
    assert shared == alone


def test_a_card_that_is_not_json_or_too_large_is_named_in_one_line(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root = tmp_path / "programme"
    _write(root / "Ash" / "a.json", bank, _flat(bank, 2), "A")
    card = root / "Elm.card.json"
    card.write_text('{"format": "spreadkit-card", oops', encoding="utf-8")
    result = invoke("programme", str(root))
    assert result.exit_code == 1
    assert f"{card}: line 1, column 30: not valid JSON" in result.stderr
    padding = "x" * 70_000
    card.write_text(json.dumps({"format": "spreadkit-card", "pad": padding}), encoding="utf-8")
    result = invoke("programme", str(root))
    assert result.exit_code == 1
    assert "too large for a benchmark card" in result.stderr


def test_the_programme_workbook_holds_the_csv_rows_as_a_table(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    from openpyxl import load_workbook

    root, _ = _programme(tmp_path, bank, sites=3, rounds=2, people=3)
    csv_out = invoke("programme", str(root), "-f", "csv").stdout.splitlines()
    book = tmp_path / "programme.xlsx"
    assert invoke("programme", str(root), "-o", str(book)).exit_code == 0
    sheet = load_workbook(book)["Programme"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(csv_out) and rows[0][:3] == ("site", "round", "date")
    assert isinstance(rows[1][7], float) and sheet.cell(row=2, column=8).number_format == "0.0"
    assert list(sheet.tables) == ["Programme"]


def test_names_lists_who_answered_each_sites_latest_round(
    invoke: Invoke, tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only with --names: every document lists the latest round's people, JSON every round's;
    never a note; never beside --anonymous. Helpers reading the sites give the same."""
    from spreadkit.readers import teams

    root, _ = _programme(tmp_path, bank, sites=3, rounds=2, people=2)
    outputs = _everything(invoke, tmp_path, root, "--names")
    for fmt in ("text", "markdown", "html", "docx", "pptx", "json"):
        text = outputs[fmt]
        assert "Person0x1x0" in text and "Person2x1x1" in text, fmt
        assert "note by" not in text, fmt
        if fmt != "json":  # an earlier round's people are listed in JSON only
            assert "Person0x0x0" not in text, fmt
    document = json.loads(outputs["json"])
    latest = {s["name"]: s["rounds"][-1]["people"] for s in document["sites"]}
    assert latest["Ward Z Hospital"] == ["Person0x1x0", "Person0x1x1"]
    assert document["sites"][-1]["rounds"][0]["people"] == ["Person0x0x0", "Person0x0x1"]
    plain = _json(invoke, str(root))
    assert all("people" not in r for s in plain["sites"] for r in s["rounds"])
    monkeypatch.setattr(teams, "HELPERS_FROM", 1)
    shared = _json(invoke, str(root), "--names")
    assert {s["name"]: s["rounds"][-1]["people"] for s in shared["sites"]} == latest
    both = invoke("programme", str(root), "--names", "--anonymous")
    assert both.exit_code == 2 and "choose one" in both.stderr, both.output


def test_skip_invalid_reads_past_a_bad_file_and_says_so(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    root, made = _programme(tmp_path, bank, sites=2, rounds=1, people=3)
    site = sorted(made)[0]
    broken = sorted((root / site).glob("*/*.json"))[0]
    broken.write_text("{ not json", encoding="utf-8")
    assert invoke("programme", str(root)).exit_code == 1
    result = invoke("programme", str(root), "--skip-invalid", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert str(broken) in result.stderr
    assert "**Left out:** 1 file that could not be read" in result.stdout, result.stdout
    document = _json(invoke, str(root), "--skip-invalid")
    assert document["left_out"] == 1
    kept = made[site][0][1:]  # the first file (Person…x0) is the broken one
    _, overall = _expected(bank, kept)
    first = next(s for s in document["sites"] if s["name"] == site)
    assert first["rounds"][0]["respondents"] == 2
    assert first["rounds"][0]["overall"]["score"] == overall


def _heap_peak(bank: Bank, root: Path) -> int:
    """The most memory the programme's reading and building held at once, in bytes."""
    import gc
    import tracemalloc

    from spreadkit.model.programme import programme
    from spreadkit.readers.programme import read_programme

    read_programme(bank, root, lambda said: None)  # caches filled before measuring
    gc.collect()
    tracemalloc.start()
    try:
        programme(bank, read_programme(bank, root, lambda said: None))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_with_the_sites_only_by_their_scores(tmp_path: Path, bank: Bank) -> None:
    """Each round is read, scored and let go: four times the sites hold a few KiB more per site
    (its rounds' scores and priorities), never a round's files."""
    rng = random.Random(3)
    for sites in (10, 40):
        for s in range(sites):
            for r in range(2):
                for p in range(3):
                    folder = tmp_path / str(sites) / f"Site {s:03d}" / f"2026-0{r + 1} round"
                    _write(folder / f"p{p}.json", bank, _random_ratings(bank, rng), f"P{s}x{p}")
    small, large = (_heap_peak(bank, tmp_path / str(n)) for n in (10, 40))
    per_site = (large - small) / 30
    assert per_site < 16 * 1024, f"{per_site / 1024:.1f} KiB more for each site"
