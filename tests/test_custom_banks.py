"""Custom banks: validation, weights, targets, the environment variable, migration, schemas."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from spreadkit.cli.schemas import answers_schema, bank_schema

Invoke = Callable[..., Any]
EXAMPLE = ROOT / "examples" / "workshop-bank.json"


@pytest.fixture
def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def answers_for(bank: dict[str, Any], ratings: dict[str, Any], **extra: Any) -> dict[str, Any]:
    body = {}
    for qid, value in ratings.items():
        rating, note = value if isinstance(value, tuple) else (value, "")
        body[qid] = {"rating": rating, "note": note}
    return {
        "format": "spreadkit-answers",
        "format_version": 1,
        "bank": {"id": bank["id"], "version": bank["version"]},
        "meta": {"title": "Example"},
        "answers": body,
        **extra,
    }


RULES = [
    (
        lambda d: d["principles"][1].update(id="complexity"),
        "$.principles[1].id: duplicate principle id 'complexity'",
    ),
    (
        lambda d: d["principles"][2]["questions"][0].update(id="complexity.system-changes"),
        "$.principles[2].questions[0].id: duplicate question id 'complexity.system-changes' (already used at $.principles[0].questions[0])",
    ),
    (
        lambda d: d["principles"][0]["links"].append("nowhere"),
        "$.principles[0].links[1]: links to 'nowhere', which is not a principle in this bank",
    ),
    (
        lambda d: d["scale"][3].update(value=7),
        "$.scale[3].value: the scale must count up from 0 in steps of 1, so this should be 3, not 7",
    ),
    (
        lambda d: d["bands"][1].update(min=55),
        "$.bands[1].min: bands must cover 0 to 100 without gaps or overlaps; there is a gap here",
    ),
    (
        lambda d: d["bands"][1].update(min=30),
        "$.bands[1].min: bands must cover 0 to 100 without gaps or overlaps; there is an overlap here",
    ),
    (
        lambda d: d["bands"][2].update(max=90),
        "$.bands[2].max: the last band must end at 100, not 90",
    ),
    (
        lambda d: d["principles"][3].update(weight=-1),
        "$.principles[3].weight: a weight must be from 0 to 100, not -1",
    ),
    (
        lambda d: d["principles"][3]["questions"][1].update(weight=-0.5),
        "$.principles[3].questions[1].weight: a weight must be from 0 to 100, not -0.5",
    ),
    (
        lambda d: d["principles"][4].update(questions=[]),
        "$.principles[4].questions: a principle needs at least one question",
    ),
    (
        lambda d: d["principles"][0].update(wieght=2),
        "$.principles[0].wieght: unknown field (is it a typo?)",
    ),
    (
        lambda d: d["principles"][0].update(target=120),
        "$.principles[0].target: a target is a score from 0 to 100, not 120",
    ),
    (
        lambda d: d["principles"][0]["questions"][1].update(replaces=["complexity.system-changes"]),
        "$.principles[0].questions[1].replaces: replaces 'complexity.system-changes', which is still a question in this bank",
    ),
    (
        lambda d: d["principles"][0]["questions"][0].pop("text"),
        "$.principles[0].questions[0].text: this field is required",
    ),
    (
        lambda d: d["principles"][0]["questions"][0].update(weight="heavy"),
        '$.principles[0].questions[0].weight: should be a number (found "heavy")',
    ),
    (
        lambda d: d["principles"][0]["questions"][0].update(origin="made-up"),
        "$.principles[0].questions[0].origin: should be 'guide', 'derived' or 'local' "
        '(found "made-up")',
    ),
    (
        lambda d: d["principles"][0].update(name=7),
        "$.principles[0].name: should be text, in quotes (found 7)",
    ),
    (
        lambda d: d["principles"][0].update(questions={"a": 1}),
        '$.principles[0].questions: should be a list, written [...] in JSON (found {"a": 1})',
    ),
    (
        lambda d: d["scale"].__setitem__(0, "none"),
        "$.scale[0]: should be an object, written {...} in JSON",
    ),
]


@pytest.mark.parametrize(("change", "expected"), RULES)
def test_validate_names_each_rule_with_its_path(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any], change: Any, expected: str
) -> None:
    data = copy.deepcopy(example)
    change(data)
    path = write(tmp_path / "bank.json", data)
    result = invoke("bank", "validate", str(path))
    assert result.exit_code == 1
    # Renaming a principle also breaks the links to it, so some rules bring company.
    assert result.stdout.startswith(f"{path}: ")
    assert expected in result.stdout
    # Any command that uses the broken bank stops with the same problem, in one line.
    used = invoke("principles", "--bank", str(path))
    assert used.exit_code == 1
    assert expected.split(":")[0] in used.stderr
    assert len(used.stderr.strip().splitlines()) == 1


def test_validate_lists_several_problems_at_once(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    data = copy.deepcopy(example)
    data["principles"][0]["links"].append("nowhere")
    data["principles"][1]["weight"] = -2
    data["bands"][1]["min"] = 45
    data["principles"][2]["questions"][0]["origin"] = "ours"  # a shape error too
    data["titel"] = "typo"
    path = write(tmp_path / "bank.json", data)
    result = invoke("bank", "validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: 5 problems:"
    paths = sorted(line.split(":")[0].strip() for line in lines[1:])
    assert paths == sorted(
        [
            "$.principles[0].links[1]",
            "$.principles[1].weight",
            "$.bands[1].min",
            "$.principles[2].questions[0].origin",
            "$.titel",
        ]
    )


def test_validate_a_sound_bank(invoke: Invoke) -> None:
    result = invoke("bank", "validate", str(EXAMPLE))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{EXAMPLE}: no problems. 'spread-workshop-short' version 1.2.0: 7 principles, "
        "14 questions, scale 0 to 4, 3 bands, weighted, 1 target.\n"
    )
    builtin = invoke("bank", "validate", str(ROOT / "data" / "principles.json"))
    assert builtin.exit_code == 0 and "51 questions" in builtin.stdout


def test_weighted_scores_and_targets(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    answers = write(
        tmp_path / "a.json",
        answers_for(
            example,
            {
                "benefit.why-worth-it": 1,
                "benefit.measure": 4,
                "complexity.system-changes": 0,
                "complexity.ready-to-adapt": 4,
            },
            targets={"complexity": 60},
        ),
    )
    data = json.loads(invoke("summary", str(answers), "--bank", str(EXAMPLE), "-f", "json").stdout)
    principles = {p["id"]: p for p in data["principles"]}
    # benefit: 100 * (1 + 4) / (2 * 4) = 62.5; complexity: 100 * (0 + 4) / 8 = 50
    assert principles["benefit"]["score"] == 62.5 and principles["benefit"]["weight"] == 2
    # overall = (2 * 62.5 + 1 * 50) / 3 = 58.33
    assert data["overall"] == {"score": 58.3, "band": "Building"}
    # targets: benefit 80 from the bank, complexity 60 from the assessment
    assert (principles["benefit"]["target"], principles["benefit"]["gap"]) == (80, 17.5)
    assert (principles["complexity"]["target"], principles["complexity"]["gap"]) == (60, 10)
    # 1 - (17.5 + 10) / (80 + 60) = 0.8036
    assert data["percent_to_target"] == 80.4
    # ranked by gap x weight: benefit 17.5 x 2 = 35 before complexity 10 x 1, despite its rating
    assert [p["question_id"] for p in data["priorities"]] == [
        "benefit.why-worth-it",
        "complexity.system-changes",
    ]

    text = " ".join(
        invoke("summary", str(answers), "--bank", str(EXAMPLE), "--no-color").stdout.split()
    )
    assert "│ Benefit │ 62.5 │ 80 │ 17.5 │" in text
    assert "Percent to target: 80.4%" in text

    plain = write(
        tmp_path / "b.json",
        answers_for(example, {"benefit.why-worth-it": 1, "complexity.system-changes": 0}),
    )
    data = json.loads(invoke("summary", str(plain), "--bank", str(EXAMPLE), "-f", "json").stdout)
    # Only the bank's own target (benefit 80) now: benefit 25, gap 55 x 2 = 110; complexity has none.
    assert [p["question_id"] for p in data["priorities"]] == [
        "benefit.why-worth-it",
        "complexity.system-changes",
    ]
    assert data["percent_to_target"] == 31.3  # 1 - 55 / 80 = 0.3125, rounded half up


def test_question_weights(invoke: Invoke, tmp_path: Path, example: dict[str, Any]) -> None:
    bank = copy.deepcopy(example)
    bank["principles"][6]["questions"][0]["weight"] = 3  # learning.speak-up
    bank_path = write(tmp_path / "bank.json", bank)
    answers = write(
        tmp_path / "a.json", answers_for(bank, {"learning.speak-up": 4, "learning.share": 0})
    )
    data = json.loads(
        invoke("summary", str(answers), "--bank", str(bank_path), "-f", "json").stdout
    )
    learning = next(p for p in data["principles"] if p["id"] == "learning")
    # 100 * (3 * 4 + 1 * 0) / ((3 + 1) * 4) = 75
    assert learning["score"] == 75.0


def test_assess_target_option_is_saved(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    src = write(tmp_path / "src.json", answers_for(example, {"benefit.measure": 2}))
    out = tmp_path / "out.json"
    result = invoke(
        "assess",
        "--bank",
        str(EXAMPLE),
        "--from",
        str(src),
        "--no-input",
        "-o",
        str(out),
        "--target",
        "learning=70",
        "--no-color",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["targets"] == {"learning": 70}
    bad = invoke(
        "assess",
        "--bank",
        str(EXAMPLE),
        "--from",
        str(src),
        "--no-input",
        "-o",
        str(tmp_path / "x.json"),
        "--target",
        "learnin=70",
    )
    assert bad.exit_code == 2 and "--target learnin=70: unknown principle" in bad.stderr
    bad = invoke(
        "assess",
        "--bank",
        str(EXAMPLE),
        "--from",
        str(src),
        "--no-input",
        "-o",
        str(tmp_path / "x.json"),
        "--target",
        "learning=170",
    )
    assert bad.exit_code == 2 and "a target is a score from 0 to 100" in bad.stderr


def test_environment_variable_chooses_the_bank(
    invoke: Invoke, runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spreadkit.cli.commands import app

    monkeypatch.setenv("SPREADKIT_BANK", str(EXAMPLE))
    result = runner.invoke(app, ["questions", "benefit"])
    assert result.exit_code == 0
    assert "benefit.measure" in result.stdout and "benefit.reframe-for-context" not in result.stdout
    sheet = runner.invoke(app, ["template"])
    assert len(sheet.stdout.strip().splitlines()) == 1 + 14
    # --bank wins over the environment.
    builtin = runner.invoke(
        app, ["questions", "benefit", "--bank", str(ROOT / "data" / "principles.json")]
    )
    assert "benefit.reframe-for-context" in builtin.stdout

    monkeypatch.setenv("SPREADKIT_BANK", str(tmp_path / "missing.json"))
    missing = runner.invoke(app, ["principles"])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"Error: {tmp_path / 'missing.json'}: no such file"


def _version_two(example: dict[str, Any]) -> dict[str, Any]:
    """1.3.0: measure is reworded under a new id, learning.share is dropped, a question is new."""
    bank = copy.deepcopy(example)
    bank["version"] = "1.3.0"
    benefit = bank["principles"][3]["questions"]
    benefit[1] = {
        "id": "benefit.measure-benefit",
        "text": "How will you measure the benefit achieved, intended and unexpected?",
        "origin": "guide",
        "replaces": ["benefit.measure"],
    }
    learning = bank["principles"][6]["questions"]
    learning[1] = {
        "id": "learning.reflect",
        "text": "How often do you stop to reflect?",
        "origin": "local",
    }
    return bank


NOTES = {
    "benefit.measure": "Baseline: 12 admissions/week.\r\nTarget: 8 — by March ✓  ",
    "learning.share": "Shared at the “network” day | twice\n\n* not a list",
    "benefit.why-worth-it": "  leading spaces kept ",
}


def test_answers_survive_a_new_bank_version(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    old_answers = write(
        tmp_path / "old.json",
        answers_for(example, {qid: (2, note) for qid, note in NOTES.items()}),
    )
    new_bank = write(tmp_path / "bank-1.3.json", _version_two(example))

    summary = invoke("summary", str(old_answers), "--bank", str(new_bank), "-f", "json")
    assert summary.exit_code == 0, summary.output
    note = summary.stderr
    assert "answered with version 1.2.0 of the bank; this is version 1.3.0" in note
    assert "benefit.measure → benefit.measure-benefit" in note
    assert "no longer asked, so not scored: learning.share" in note
    data = json.loads(summary.stdout)
    benefit = next(p for p in data["principles"] if p["id"] == "benefit")
    assert benefit["rated"] == 2  # why-worth-it, and measure carried over
    learning = next(p for p in data["principles"] if p["id"] == "learning")
    assert (
        learning["rated"] == 0 and learning["unanswered"] == 2
    )  # the new question shows unanswered

    # Saving through the new bank keeps every note byte for byte, retired ones included.
    out = tmp_path / "new.json"
    result = invoke(
        "assess", "--bank", str(new_bank), "--from", str(old_answers), "--no-input", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text("utf-8"))
    assert saved["bank"]["version"] == "1.3.0" and saved["bank"]["hash"].startswith("sha256:")
    assert saved["answers"]["benefit.measure-benefit"]["note"] == NOTES["benefit.measure"]
    assert saved["answers"]["benefit.why-worth-it"]["note"] == NOTES["benefit.why-worth-it"]
    assert saved["retired"] == {"learning.share": {"rating": 2, "note": NOTES["learning.share"]}}
    assert "benefit.measure" not in saved["answers"]
    # Loading the saved file again needs no migration and keeps the retired answer.
    again = invoke("summary", str(out), "--bank", str(new_bank))
    assert again.exit_code == 0 and again.stderr == ""


def test_an_edited_bank_with_the_same_version_is_noticed(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    src = write(tmp_path / "src.json", answers_for(example, {"benefit.measure": 3}))
    out = tmp_path / "out.json"
    assert (
        invoke(
            "assess", "--bank", str(EXAMPLE), "--from", str(src), "--no-input", "-o", str(out)
        ).exit_code
        == 0
    )
    edited = copy.deepcopy(example)
    edited["principles"][3]["questions"][1]["text"] = "Reworded without a new version"
    edited_path = write(tmp_path / "edited.json", edited)
    result = invoke("summary", str(out), "--bank", str(edited_path))
    assert result.exit_code == 0
    assert "answered with an earlier edit of bank version 1.2.0" in result.stderr


def test_answers_from_a_different_bank_name_both(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 2})
    result = invoke("summary", str(path), "--bank", str(EXAMPLE))
    assert result.exit_code == 1
    assert "made with the bank 'nhs-spread-adoption', not 'spread-workshop-short'" in result.stderr


def test_bank_init_writes_an_editable_copy(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.json"
    result = invoke("bank", "init", str(path))
    assert result.exit_code == 0
    assert f"spreadkit bank validate {path}" in result.stderr
    assert json.loads(path.read_text("utf-8")) == json.loads(
        (ROOT / "data" / "principles.json").read_text("utf-8")
    )
    path.write_text("{}", encoding="utf-8")
    refused = invoke("bank", "init", str(path))
    assert refused.exit_code == 1 and path.read_text("utf-8") == "{}"
    assert invoke("bank", "init", str(path), "--force").exit_code == 0
    assert invoke("bank", "validate", str(path)).exit_code == 0


def test_schemas_are_committed_and_current(invoke: Invoke) -> None:
    assert (ROOT / "schemas" / "bank.schema.json").read_text("utf-8") == bank_schema(), (
        "schemas/bank.schema.json is out of date: run spreadkit bank schema > schemas/bank.schema.json"
    )
    assert (ROOT / "schemas" / "answers.schema.json").read_text("utf-8") == answers_schema(), (
        "schemas/answers.schema.json is out of date: run spreadkit bank schema --answers > schemas/answers.schema.json"
    )
    printed = invoke("bank", "schema")
    assert (
        printed.exit_code == 0 and json.loads(printed.stdout)["title"] == "spreadkit question bank"
    )
    assert "weight" in json.loads(printed.stdout)["$defs"]["Principle"]["properties"]


def test_example_bank_end_to_end_with_a_team(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    write(
        folder / "a.json",
        answers_for(
            example, {"benefit.why-worth-it": 4, "benefit.measure": 4, "learning.share": 1}
        ),
    )
    write(
        folder / "b.json",
        answers_for(
            example, {"benefit.why-worth-it": 2, "benefit.measure": 2, "learning.share": 3}
        ),
    )
    data = json.loads(invoke("team", str(folder), "--bank", str(EXAMPLE), "-f", "json").stdout)
    principles = {p["id"]: p for p in data["principles"]}
    # benefit: a 100, b 50 -> 75; learning: a 25, b 75 -> 50; overall (2 * 75 + 50) / 3 = 66.7
    assert principles["benefit"]["score"] == 75.0 and principles["learning"]["score"] == 50.0
    assert data["overall"]["score"] == 66.7


def _second_question(data: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = data["principles"][0]["questions"][1]
    return question


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda d: _second_question(d).update(
                id=d["principles"][0]["questions"][0]["id"].upper()
            ),
            "differs only in case from",
        ),
        (lambda d: _second_question(d).update(id=" spaced.id "), "begins or ends with a space"),
        (lambda d: _second_question(d).update(id="tab\there"), "holds a control character"),
        (lambda d: _second_question(d).update(id="esc\x1b[2J"), "holds a control character"),
        (
            lambda d: d["principles"][1].update(id=d["principles"][0]["id"].upper()),
            "differs only in case from",
        ),
        (lambda d: d["principles"][1].update(id="p\u202ex"), "holds a control character"),
    ],
)
def test_ids_that_cannot_be_told_apart_or_read_back_are_refused(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any], change: Any, said: str
) -> None:
    """Ids differing only in case (a survey column for one is credited to the other), with
    spaces around them (the bank's own template could not be read back) or with control
    characters (nor its workbook): one line each, with the JSON path."""
    data = copy.deepcopy(example)
    change(data)
    path = write(tmp_path / "bank.json", data)
    result = invoke("bank", "validate", str(path))
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stdout.splitlines() if said in line]
    assert problems, result.stdout
    assert "$.principles[" in problems[0] and "].id" in problems[0]
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def _bank_of_bands(example: dict[str, Any], path: Path, count: int) -> Path:
    data = copy.deepcopy(example)
    step = 100 / count
    data["bands"] = [
        {
            "id": f"b{i}",
            "label": f"Band {i}",
            "min": round(i * step, 6),
            "max": 100 if i == count - 1 else round((i + 1) * step, 6),
        }
        for i in range(count)
    ]
    return write(path, data)


def test_a_report_grows_with_the_bands_of_the_bank_not_their_square(
    invoke: Invoke, tmp_path: Path, example: dict[str, Any]
) -> None:
    """Each band's place (and colour) used to be found by comparing it with every band before
    it, so a report's time grew with the square of the bands (4,000 took 6.8 s). Four times the
    bands now cost at most about four times as much (the square would be sixteen), measured side
    by side."""
    import time

    ids = [q["id"] for p in example["principles"] for q in p["questions"]]

    def seconds(count: int) -> float:
        bank = _bank_of_bands(example, tmp_path / f"bank{count}.json", count)
        answers = write(
            tmp_path / f"answers{count}.json",
            answers_for(example, {qid: n % 5 for n, qid in enumerate(ids)}),
        )
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            result = invoke(
                "export", str(answers), "--bank", str(bank), "-f", "html", "-o",
                str(tmp_path / f"out{count}.html"), "--force",
            )  # fmt: skip
            best = min(best, time.perf_counter() - start)
            assert result.exit_code == 0, result.output
        return best

    seconds(40)  # everything loaded once, so that neither measure pays for it
    few, many = seconds(1000), seconds(4000)
    assert many < 8 * few, (few, many)
