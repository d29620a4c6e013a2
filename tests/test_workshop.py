"""The workshop flow end to end: template, filled sheets, summary, team, compare, round trips.

Every figure is worked out by hand in the comments beside it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Keys

from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
HEADER = ["principle_id", "principle", "question_id", "question", "rating", "note"]

# Benefit's eleven questions, in bank order, for three people. The two that are spreadkit's own
# (benefit.unplanned-benefit, 8th, and benefit.early-involvement, 11th) are rated N/A by all
# three, so the scores below are those of the guide's nine.
ANA = ["4", "3", "2", "2", "Mostly in place", "", "1", "n/a", "N/A", "0", "n/a"]
BEN = ["1", "3", "2", "3", "3", "2", "1", "n/a", "2", "", "n/a"]
CY = ["2", "3", "n/a", "2", "3", "2", "3", "n/a", "2", "1", "n/a"]
AWKWARD = 'Fewer admissions, "really"\nand happier families | # <b>ok</b> ✓'


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def blank_sheet(invoke: Invoke, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "blank.csv"
    assert invoke("template", "-p", "benefit", "-o", str(path), "--force").exit_code == 0
    return rows_of(path.read_text("utf-8"))


def fill(
    folder: Path,
    name: str,
    blank: list[list[str]],
    ratings: list[str],
    notes: dict[int, str] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(blank[0])
        for i, row in enumerate(blank[1:]):
            writer.writerow([*row[:4], ratings[i], (notes or {}).get(i, "")])
    return path


@pytest.fixture
def sheets(invoke: Invoke, tmp_path: Path) -> Path:
    blank = blank_sheet(invoke, tmp_path)
    team = tmp_path / "baseline"
    fill(team, "ana", blank, ANA, {0: AWKWARD, 9: "Nobody | knows"})
    fill(team, "ben", blank, BEN, {0: "Not convinced <yet>"})
    fill(team, "cy", blank, CY)
    return team


def test_template_csv_is_a_clean_spreadsheet_sheet(invoke: Invoke, bank: Bank) -> None:
    result = invoke("template")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfprinciple_id,principle,question_id,")
    assert b"\r\n" in result.stdout_bytes
    rows = rows_of(result.stdout_bytes.decode("utf-8"))
    assert rows[0] == HEADER
    assert [r[2] for r in rows[1:]] == [q.id for _, q in bank.questions()]
    assert all(r[4] == "" and r[5] == "" for r in rows[1:])


def test_template_json_lists_every_question_unanswered(invoke: Invoke) -> None:
    result = invoke("template", "-f", "json", "-p", "networks", "-p", "benefit")
    data = json.loads(result.stdout)
    assert data["format"] == "spreadkit-answers"
    assert list(data["answers"])[:2] == ["benefit.why-worth-it", "benefit.communicate-why"]
    assert len(data["answers"]) == 11 + 6
    assert all(a == {"rating": None, "note": ""} for a in data["answers"].values())


def test_summary_of_one_sheet(invoke: Invoke, sheets: Path) -> None:
    result = invoke("summary", str(sheets / "ana.csv"), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"]["respondent"] == "ana"
    benefit = next(p for p in data["principles"] if p["id"] == "benefit")
    # Ana rated 4, 3, 2, 2, 3 ("Mostly in place"), 1, 0; one blank, three N/A.
    # 100 * (15 / 7) / 4 = 53.57 -> 53.6
    assert (
        benefit["score"],
        benefit["rated"],
        benefit["not_applicable"],
        benefit["unanswered"],
    ) == (53.6, 7, 3, 1)
    assert data["priorities"] == [
        {"question_id": "benefit.how-recognised", "principle_id": "benefit", "rating": 0},
        {"question_id": "benefit.measure", "principle_id": "benefit", "rating": 1},
    ]
    markdown = invoke("summary", str(sheets / "ana.csv"), "-f", "markdown", "--respondent", "Ana B")
    assert "- **Respondent:** Ana B" in markdown.stdout
    assert "| Benefit | 53.6 | Building | 10 of 11 | 3 |" in markdown.stdout


def test_team_json_against_hand_computed_figures(invoke: Invoke, sheets: Path) -> None:
    result = invoke("team", str(sheets), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["spreadkit"] and data["kind"] == "team"
    assert data["respondents"] == 3
    benefit = next(p for p in data["principles"] if p["id"] == "benefit")
    # Ana 53.571, Ben 100 * (17/8) / 4 = 53.125, Cy 100 * (18/8) / 4 = 56.25
    # team = (53.571 + 53.125 + 56.25) / 3 = 54.315 -> 54.3
    assert benefit == {
        "id": "benefit",
        "name": "Benefit",
        "score": 54.3,
        "band": "Building",
        "min": 53.1,
        "max": 56.3,
        "respondents": 3,
    }
    networks = next(p for p in data["principles"] if p["id"] == "networks")
    assert networks["score"] is None and networks["respondents"] == 0
    assert data["overall"] == {"score": 54.3, "band": "Building"}
    questions = {q["question_id"]: q for q in data["questions"]}
    # why-worth-it: 4, 1, 2
    assert questions["benefit.why-worth-it"] | {"counts": None} == {
        "question_id": "benefit.why-worth-it",
        "principle_id": "benefit",
        "n": 3,
        "not_applicable": 0,
        "mean": 2.33,
        "median": 2,
        "min": 1,
        "max": 4,
        "spread": 3,
        # sd = sqrt(((4 - 7/3)² + (1 - 7/3)² + (2 - 7/3)²) / 3) = sqrt(14/9) = 1.247
        "sd": 1.25,
        "discuss": True,
        "discuss_rank": 1,
        "counts": None,
    }
    assert questions["benefit.why-worth-it"]["counts"] == {"0": 0, "1": 1, "2": 1, "3": 0, "4": 1}
    # measure: 1, 1, 3 -> spread 2, flagged at the default --disagree 2
    assert (questions["benefit.measure"]["mean"], questions["benefit.measure"]["median"]) == (
        1.67,
        1,
    )
    assert questions["benefit.measure"]["discuss"] is True
    # recognition: 0, (blank), 1 -> n 2, median (0 + 1) / 2 = 0.5, spread 1
    assert questions["benefit.how-recognised"] | {"counts": None} == {
        "question_id": "benefit.how-recognised",
        "principle_id": "benefit",
        "n": 2,
        "not_applicable": 0,
        "mean": 0.5,
        "median": 0.5,
        "min": 0,
        "max": 1,
        "spread": 1,
        "sd": 0.5,  # both half a point from the mean, 0.5
        "discuss": False,
        "discuss_rank": None,
        "counts": None,
    }
    # strategic-need: 2, 2, n/a
    assert (
        questions["benefit.strategic-need"]["n"],
        questions["benefit.strategic-need"]["not_applicable"],
    ) == (2, 1)
    # A question nobody answered has no figures and is not flagged.
    assert questions["learning.share"] | {"counts": None} == {
        "question_id": "learning.share",
        "principle_id": "learning",
        "n": 0,
        "not_applicable": 0,
        "mean": None,
        "median": None,
        "min": None,
        "max": None,
        "spread": None,
        "sd": None,
        "discuss": False,
        "discuss_rank": None,
        "counts": None,
    }
    stricter = json.loads(invoke("team", str(sheets), "-f", "json", "--disagree", "3").stdout)
    assert [q["question_id"] for q in stricter["questions"] if q["discuss"]] == [
        "benefit.why-worth-it"
    ]


def test_team_text_lists_questions_to_discuss_anonymously_unless_names(
    invoke: Invoke, sheets: Path
) -> None:
    anonymous = invoke("team", str(sheets), "--no-color")
    assert anonymous.exit_code == 0
    out = " ".join(anonymous.stdout.split())
    first = out.index("What makes this innovation worth spreading")
    second = out.index("How will you measure the real benefit")
    assert first < second  # widest spread first
    assert "1 ×1 · 2 ×1 · 4 ×1" in out
    assert "Not convinced <yet>" in out
    assert "(ben, 1)" not in out and ": ana" not in out and "“Not convinced <yet>” (rated 1)" in out

    named = " ".join(invoke("team", str(sheets), "--no-color", "--names").stdout.split())
    assert "1: ben · 2: cy · 4: ana" in named
    assert "“Not convinced <yet>” (ben, rated 1)" in named


def test_disagree_below_one_is_a_usage_error_in_plain_words(invoke: Invoke, sheets: Path) -> None:
    result = invoke("team", str(sheets), "--disagree", "0")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--disagree': give 1 or more, e.g. --disagree 2\n"
    )
    for top in ("0", "-3"):
        result = invoke("team", str(sheets), "--top", top)
        assert result.exit_code == 2 and "give 1 or more, or --all" in result.stderr
    assert result.stdout == ""


def test_team_markdown_and_csv(invoke: Invoke, sheets: Path, tmp_path: Path) -> None:
    report = invoke("team", str(sheets), "-f", "markdown", "--names").stdout
    assert report.startswith("# Team readiness\n")
    assert "- **Respondents:** 3\n" in report
    assert "| Benefit | 54.3 | 53.1 | 56.3 | Building | 3 of 3 |" in report
    assert "### 1. Benefit: What makes this innovation worth spreading and taking up?" in report
    assert "Ratings: 1: ben · 2: cy · 4: ana." in report
    assert "> Not convinced \\<yet\\>" in report
    assert "> — ben, rated 1" in report

    out = tmp_path / "team.csv"
    assert invoke("team", str(sheets), "-f", "csv", "-o", str(out)).exit_code == 0
    rows = rows_of(out.read_text("utf-8"))
    assert rows[0][:11] == [
        "principle_id",
        "question_id",
        "question",
        "n",
        "not_applicable",
        "mean",
        "median",
        "min",
        "max",
        "spread",
        "discuss",
    ]
    row = next(r for r in rows if r[1] == "benefit.why-worth-it")
    assert row[3:] == ["3", "0", "2.33", "2", "1", "4", "3", "true", "0", "1", "1", "0", "1"]
    again = invoke("team", str(sheets), "-f", "csv", "-o", str(out))
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_compare_a_team_and_one_person_over_time(
    invoke: Invoke, sheets: Path, tmp_path: Path
) -> None:
    blank = blank_sheet(invoke, tmp_path)
    later = tmp_path / "review"
    fill(later, "ana", blank, ANA)
    ben_later = BEN.copy()
    ben_later[0] = ben_later[6] = "4"
    fill(later, "ben", blank, ben_later)
    fill(later, "cy", blank, CY)

    team = json.loads(invoke("compare", str(sheets), str(later), "-f", "json").stdout)
    assert team["kind"] == "compare"
    # Ben later: 4,3,2,3,3,2,4,2 -> 100 * (23/8) / 4 = 71.875
    # latest team = (53.571 + 71.875 + 56.25) / 3 = 60.565 -> 60.6; delta 60.6 - 54.3 = 6.3
    benefit = next(p for p in team["principles"] if p["id"] == "benefit")
    assert benefit == {
        "id": "benefit",
        "name": "Benefit",
        "baseline": 54.3,
        "latest": 60.6,
        "delta": 6.3,
        "band": {"baseline": "Building", "latest": "Building"},
    }
    assert team["overall"] == {
        "baseline": 54.3,
        "latest": 60.6,
        "delta": 6.3,
        "band": {"baseline": "Building", "latest": "Building"},
    }
    # Team means move by 1 only (2.33 -> 3.33 and 1.67 -> 2.67).
    assert team["moved"] == []

    one = json.loads(
        invoke("compare", str(sheets / "ben.csv"), str(later / "ben.csv"), "-f", "json").stdout
    )
    assert one["overall"] == {
        "baseline": 53.1,
        "latest": 71.9,
        "delta": 18.8,
        "band": {"baseline": "Building", "latest": "Building"},
    }
    assert [(q["question_id"], q["baseline"], q["latest"], q["delta"]) for q in one["moved"]] == [
        ("benefit.why-worth-it", 1, 4, 3),
        ("benefit.measure", 1, 4, 3),
    ]
    text = " ".join(
        invoke(
            "compare", str(sheets / "ben.csv"), str(later / "ben.csv"), "--no-color"
        ).stdout.split()
    )
    assert "│ Benefit │ 53.1 │ 71.9 │ ↑ up 18.8 │" in text
    markdown = invoke("compare", str(sheets), str(later), "-f", "markdown").stdout
    assert "| Benefit | 54.3 | 60.6 | ↑ up 6.3 |" in markdown


def test_sheet_and_answers_file_round_trip_without_loss(
    invoke: Invoke, sheets: Path, tmp_path: Path
) -> None:
    as_json = tmp_path / "ana.json"
    assert (
        invoke("export", str(sheets / "ana.csv"), "-f", "json", "-o", str(as_json)).exit_code == 0
    )
    answers = json.loads(as_json.read_text("utf-8"))["answers"]
    assert answers["benefit.why-worth-it"] == {"rating": 4, "note": AWKWARD}
    assert answers["benefit.expected-benefit"] == {"rating": 3, "note": ""}
    assert answers["benefit.evidence"] == {"rating": "n/a", "note": ""}
    assert "benefit.reframe-for-context" not in answers

    back = tmp_path / "ana-again.csv"
    assert invoke("export", str(as_json), "-f", "csv", "-o", str(back)).exit_code == 0
    again = tmp_path / "ana-again.json"
    assert invoke("export", str(back), "-f", "json", "-o", str(again)).exit_code == 0
    assert json.loads(again.read_text("utf-8"))["answers"] == answers
    row = next(r for r in rows_of(back.read_text("utf-8")) if r[2] == "benefit.why-worth-it")
    assert row[4:] == ["4", AWKWARD]


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolons", "tabs"])
def test_a_sheet_saved_with_semicolons_or_tabs_reads_the_same(
    invoke: Invoke, sheets: Path, tmp_path: Path, delimiter: str
) -> None:
    rows = rows_of((sheets / "ana.csv").read_text("utf-8-sig"))
    other = tmp_path / "ana.csv"
    with other.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    expected = invoke("export", str(sheets / "ana.csv"), "-f", "json").stdout
    result = invoke("export", str(other), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"] == json.loads(expected)["answers"]
    assert AWKWARD in json.loads(result.stdout)["answers"]["benefit.why-worth-it"]["note"]


def test_bad_sheet_reports_every_problem_by_row_and_column(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "principle_id,principle,question_id,question,rating,note\n"
        "benefit,Benefit,benefit.why-worth-it,Q,7,\n"
        "benefit,Benefit,benefit.nope,Q,2,\n"
        "benefit,Benefit,benefit.measure,Q,high,\n"
        "benefit,Benefit,benefit.why-worth-it,Q,2,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    result = invoke("export", str(sheet), "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {sheet}: row 2, column E (rating): rating 7 is out of range: use 0 to 4",
        f"Error: {sheet}: row 3, column C (question_id): unknown question id 'benefit.nope'",
        f"Error: {sheet}: row 4, column E (rating): 'high' is not a rating: use 0 to 4, a label such as 'Fully in place, with evidence', n/a, or leave it blank",
        f"Error: {sheet}: row 5, column C (question_id): 'benefit.why-worth-it' appears twice (first in row 2)",
    ]
    assert result.stdout == ""
    assert not out.exists()


def test_a_sheet_saved_in_a_windows_code_page_names_the_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    sheet = tmp_path / "old-excel.csv"
    data = (
        "principle_id,principle,question_id,question,rating,note\r\n"
        "benefit,Benefit,benefit.measure,Q,2,fine\r\n"
        "benefit,Benefit,benefit.evidence,Q,3,Costs £40k\r\n".encode("cp1252")
    )
    sheet.write_bytes(data)
    result = invoke("summary", str(sheet))  # £ in the Windows code page is not valid UTF-8
    assert result.exit_code == 1
    assert (
        result.stderr == f'Error: {sheet}: line 3: not UTF-8 text; save the sheet as "CSV UTF-8"\n'
    )


def test_missing_column(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "cols.csv"
    sheet.write_text("principle_id,question_id,note\nbenefit,benefit.measure,x\n", encoding="utf-8")
    result = invoke("summary", str(sheet))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {sheet}: row 1: missing column 'rating'"


def test_a_sheet_with_no_question_column_is_told_as_import_tells_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    """A survey export whose questions were left out, or an empty file, given to team: what
    is wrong is said for a sheet and for survey responses alike."""
    survey = tmp_path / "responses.csv"
    survey.write_text("ID,Start time,Email,Name\n1,2026-11-20,a@nhs.example,Ana\n", "utf-8")
    result = invoke("team", str(survey))
    assert result.exit_code == 1
    assert "neither an answer sheet (no question_id column) nor survey responses" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("", "utf-8")
    result = invoke("team", str(empty))
    assert result.exit_code == 1
    assert "survey responses a row naming the form's questions" in result.stderr


def test_team_mixes_json_and_csv_and_reports_all_bad_files(
    invoke: Invoke, sheets: Path, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    dee = write_answers({"benefit.why-worth-it": 0}, name="dee.json", respondent="Dee")
    data = json.loads(invoke("team", str(sheets), str(dee), "-f", "json").stdout)
    assert data["respondents"] == 4
    q = next(q for q in data["questions"] if q["question_id"] == "benefit.why-worth-it")
    # 4, 1, 2, 0 -> spread 4, median (1 + 2) / 2 = 1.5
    assert (q["n"], q["spread"], q["median"], q["mean"]) == (4, 4, 1.5, 1.75)

    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad_sheet = tmp_path / "bad.csv"
    bad_sheet.write_text("question_id,rating\nbenefit.measure,9\n", encoding="utf-8")
    result = invoke("team", str(sheets), str(broken), str(bad_sheet))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"Error: {broken}: line 1, column 2: not valid JSON")
    assert (
        lines[1]
        == f"Error: {bad_sheet}: row 2, column B (rating): rating 9 is out of range: use 0 to 4"
    )


def test_empty_folder_single_respondent_and_blank_sheets(
    invoke: Invoke, sheets: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("team", str(empty))
    assert result.exit_code == 1
    assert "the folder holds no answers files (.json, .csv or .xlsx)" in result.stderr

    one = json.loads(invoke("team", str(sheets / "cy.csv"), "-f", "json").stdout)
    assert one["respondents"] == 1
    benefit = next(p for p in one["principles"] if p["id"] == "benefit")
    assert (benefit["score"], benefit["min"], benefit["max"]) == (56.3, 56.3, 56.3)
    assert not any(q["discuss"] for q in one["questions"])

    (sheets / "zz-blank.csv").write_bytes((tmp_path / "blank.csv").read_bytes())
    result = invoke("team", str(sheets), "-f", "json")
    assert json.loads(result.stdout)["respondents"] == 3
    assert "Skipped" in result.stderr and "zz-blank.csv: it holds no answers" in result.stderr


def test_answers_from_another_bank_must_fit(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers({"benefit.measure": 2}, name="other.json")
    data = json.loads(path.read_text("utf-8"))
    data["bank"]["id"] = "our-copy"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert json.loads(invoke("team", str(path), "-f", "json").stdout)["respondents"] == 1
    single = invoke("summary", str(path))
    assert single.exit_code == 1
    assert "made with the bank 'our-copy', not 'nhs-spread-adoption'" in single.stderr

    data["answers"]["local.extra"] = {"rating": 1, "note": ""}
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("team", str(path))
    assert result.exit_code == 1
    assert (
        "answered with the bank 'our-copy', whose question 'local.extra' is not in the bank 'nhs-spread-adoption'"
        in result.stderr
    )


def test_assess_no_input_scores_a_sheet_and_can_require_completeness(
    invoke: Invoke, sheets: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ana.json"
    result = invoke(
        "assess",
        "--from",
        str(sheets / "ana.csv"),
        "--no-input",
        "-o",
        str(out),
        "-p",
        "benefit",
        "--no-color",
    )
    assert result.exit_code == 0, result.output
    assert "Overall: 53.6 out of 100, Building" in result.stdout
    assert f"Your answers are saved in {out}." in result.stderr
    assert json.loads(out.read_text("utf-8"))["answers"]["benefit.why-worth-it"]["note"] == AWKWARD

    refused = invoke("assess", "--from", str(sheets / "ana.csv"), "--no-input", "-o", str(out))
    assert refused.exit_code == 1 and "already exists" in refused.stderr

    strict = invoke("assess", "--no-input", "-o", str(out), "-p", "benefit", "--require-complete")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-2:] == [
        "Error: 1 question is unanswered:",
        "Error:   benefit.reframe-for-context: How fully have you worked out whether the benefit "
        "itself differs in this setting and so needs reframing?",
    ]

    nothing = invoke("assess", "--no-input", "-o", str(tmp_path / "none.json"))
    assert nothing.exit_code == 2 and "nothing to score" in nothing.stderr


def test_assess_from_a_prefilled_sheet_asks_only_what_is_left(
    invoke: Invoke, sheets: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ana.json"
    # Ana left benefit.reframe-for-context blank: it is the only question asked. Title first
    # (a sheet has none).
    keys = "Virtual wards" + Keys.ENTER + "2" + Keys.ENTER + "reframed for frailty" + Keys.ENTER
    result = invoke(
        "assess", "--from", str(sheets / "ana.csv"), "-p", "benefit", "-o", str(out), keys=keys
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["answers"]["benefit.reframe-for-context"] == {
        "rating": 2,
        "note": "reframed for frailty",
    }
    assert data["answers"]["benefit.why-worth-it"]["note"] == AWKWARD
    assert data["meta"]["respondent"] == "ana"
    assert "Question 6 of 11 · 10 of 11 answered so far" in result.stdout
    assert "Question 1 of 11" not in result.stdout


def test_skip_invalid_carries_on_past_one_typo(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """One bad cell in one person's file stops the team view, naming every problem; with
    --skip-invalid the rest are counted, each file left out is named with its first problem, and
    every report says how many were left out."""
    write_answers({"benefit.measure": 3}, name="ana.json", respondent="Ana")
    write_answers({"benefit.measure": 1}, name="ben.json", respondent="Ben")
    bad = tmp_path / "cy.csv"
    bad.write_text("question_id,rating\nbenefit.measure,7\nbenefit.evidence,x\n", encoding="utf-8")
    strict = invoke("team", str(tmp_path))
    assert strict.exit_code == 1 and "cy.csv" in strict.stderr
    lenient = invoke("team", str(tmp_path), "--skip-invalid", "-f", "json")
    assert lenient.exit_code == 0, lenient.output
    data = json.loads(lenient.stdout)
    assert data["respondents"] == 2 and data["left_out"] == 1
    left = [line for line in lenient.stderr.splitlines() if line.startswith("Left out ")]
    assert left[0].startswith(f"Left out {bad}: row 2") and "7" in left[0]
    assert left[-1] == "Left out 1 file that could not be read; the rest are counted."
    report = invoke("team", str(tmp_path), "--skip-invalid", "-f", "markdown").stdout
    assert "- **Left out:** 1 file that could not be read (listed when made)" in report
    compared = invoke("compare", str(tmp_path), str(tmp_path), "--skip-invalid", "-f", "json")
    assert json.loads(compared.stdout)["left_out"] == {"baseline": 1, "latest": 1}
