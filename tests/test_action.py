"""From scores to action: the improvement plan and its file, the team view that fits a workshop,
and the consensus round. Every figure is worked out by hand beside it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Keys
from pydantic import BaseModel, field_validator

from spreadkit.model.answers import Answer, AnswersFile, Meta, as_data
from spreadkit.model.bank import Bank
from spreadkit.model.plan import plan_for_person
from spreadkit.model.scoring import summarise
from spreadkit.model.team import TeamTally
from spreadkit.readers.answers import answers_from, plain_answers, plain_schema

Invoke = Callable[..., Any]
E = Keys.ENTER


def person(bank: Bank, ratings: dict[str, int | str], name: str = "R") -> AnswersFile:
    answers = AnswersFile.new(bank, Meta(respondent=name))
    for qid, rating in ratings.items():
        answers = answers.with_answer(qid, Answer(rating=rating))  # type: ignore[arg-type]
    return answers


# The plan ------------------------------------------------------------------------------------


def test_the_plan_is_lowest_first_then_bank_order(bank: Bank) -> None:
    answers = person(
        bank,
        {
            "learning.share": 1,
            "benefit.measure": 0,
            "leadership.convening": 1,
            "networks.pull": 4,  # at the top of the scale: nothing to improve
            "benefit.evidence": "n/a",  # not applicable: left out
        },
    )
    plan = plan_for_person(bank, summarise(bank, answers.answers), top=None)
    assert [i.question.id for i in plan.items] == [
        "benefit.measure",
        "leadership.convening",
        "learning.share",
    ]
    first = plan.items[0]
    assert first.action.action == bank.question("benefit.measure")[1].next_steps[0]  # type: ignore[index]
    assert first.action.status == "open" and first.action.rating == 0
    assert plan.ranking.startswith("lowest rating first")


def test_with_targets_the_biggest_weighted_gap_comes_first(bank: Bank) -> None:
    answers = person(bank, {"benefit.measure": 2, "learning.share": 1, "learning.reflect": 3})
    answers = answers.with_targets({"benefit": 90})
    plan = plan_for_person(bank, summarise(bank, answers.answers, None, answers.targets), top=None)
    # Benefit scores 50 against a target of 90 (gap 40); Learning has no target (gap 0), so
    # Benefit's question comes first although Learning's share is rated lower.
    assert [i.question.id for i in plan.items][:2] == ["benefit.measure", "learning.share"]
    assert plan.ranking.startswith("biggest weighted gap")


def test_top_cuts_the_plan_and_says_how_many_more(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({q: 1 for q in ("benefit.measure", "benefit.evidence", "learning.share")})
    result = invoke("plan", str(path), "--top", "2", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [a["question_id"] for a in json.loads(result.stdout)["actions"]] == [
        "benefit.measure",
        "benefit.evidence",
    ]
    text = invoke("plan", str(path), "--top", "2").stdout
    assert "1 more question could be worked on; to see them all" in " ".join(text.split())


def test_a_team_plan_uses_the_team_mean_and_spread(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    write_answers({"benefit.measure": 0, "learning.share": 3}, name="a.json", respondent="A")
    write_answers({"benefit.measure": 2, "learning.share": 3}, name="b.json", respondent="B")
    result = invoke("plan", str(tmp_path), "-f", "markdown")
    assert result.exit_code == 0, result.output
    # measure: mean 1, spread 2; share: mean 3, spread 0
    assert "Team mean 1.0, spread 2; status open." in result.stdout
    assert result.stdout.index("measure the real benefit") < result.stdout.index(
        "share what you have"
    )
    assert "## To read further" in result.stdout


def _plan_csv(invoke: Invoke, answers: Path, out: Path) -> list[list[str]]:
    assert invoke("plan", str(answers), "-o", str(out)).exit_code == 0
    return list(csv.reader(io.StringIO(out.read_text("utf-8").removeprefix("\ufeff"))))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_plan_goes_through_a_spreadsheet_and_back_losing_nothing(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    answers = write_answers({"benefit.measure": 0, "learning.share": 1, "networks.pull": 2})
    rows = _plan_csv(invoke, answers, tmp_path / "plan.csv")
    assert rows[0] == [
        "question_id",
        "principle",
        "question",
        "rating",
        "action",
        "owner",
        "due",
        "status",
        "note",
    ]
    # As a person edits it in a spreadsheet: an owner, a British date, a status, a note with a
    # comma, a line break and a leading "=", and an action reworded.
    rows[1][4:9] = [
        "Agree three measures, with a baseline",
        "Jo Smith",
        "31/12/2026",
        "doing",
        "=agreed at the board, see minutes\nsecond line",
    ]
    rows[2][5:8] = ["Sam", "2027-01-15", "done"]
    _write_csv(tmp_path / "plan.csv", rows)
    back = invoke("plan", "--from", str(tmp_path / "plan.csv"), "-f", "json")
    assert back.exit_code == 0, back.output
    actions = json.loads(back.stdout)["actions"]
    assert actions[0] | {"rating": None} == {
        "question_id": "benefit.measure",
        "action": "Agree three measures, with a baseline",
        "owner": "Jo Smith",
        "due": "2026-12-31",
        "status": "doing",
        "note": "=agreed at the board, see minutes\nsecond line",
        "rating": None,
        "principle": "Benefit",
    }
    assert (actions[1]["owner"], actions[1]["due"], actions[1]["status"]) == (
        "Sam",
        "2027-01-15",
        "done",
    )
    # JSON to a sheet and back again: the same actions.
    (tmp_path / "plan.json").write_text(back.stdout, encoding="utf-8")
    again = invoke("plan", "--from", str(tmp_path / "plan.json"), "-o", str(tmp_path / "b.csv"))
    assert again.exit_code == 0
    round_trip = invoke("plan", "--from", str(tmp_path / "b.csv"), "-f", "json").stdout
    assert json.loads(round_trip)["actions"] == actions


def test_new_answers_keep_the_actions_already_planned(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    answers = write_answers({"benefit.measure": 0, "learning.share": 1})
    rows = _plan_csv(invoke, answers, tmp_path / "plan.csv")
    rows[1][5] = "Jo"
    _write_csv(tmp_path / "plan.csv", rows)
    later = write_answers({"benefit.measure": 4, "learning.share": 1}, name="later.json")
    result = invoke("plan", str(later), "--from", str(tmp_path / "plan.csv"), "-f", "json")
    actions = {a["question_id"]: a for a in json.loads(result.stdout)["actions"]}
    # measure is now at the top of the scale, but Jo's action is not dropped.
    assert actions["benefit.measure"]["owner"] == "Jo"
    assert "learning.share" in actions


def test_a_plan_with_mistakes_is_refused_by_row_and_column(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    rows = _plan_csv(
        invoke, write_answers({"benefit.measure": 0, "learning.share": 1}), tmp_path / "p.csv"
    )
    rows[1][6] = "next Tuesday"
    rows[2][7] = "finished"
    rows.append(["benefit.nothing", "", "", "", "x", "", "", "open", ""])
    _write_csv(tmp_path / "p.csv", rows)
    result = invoke("plan", "--from", str(tmp_path / "p.csv"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"Error: {tmp_path / 'p.csv'}: row 2, column G (due): 'next Tuesday' is not a date: "
        "write it as 2026-12-31 or 31/12/2026",
        f"Error: {tmp_path / 'p.csv'}: row 3, column H (status): 'finished' should be open, "
        "doing, done or dropped",
        f"Error: {tmp_path / 'p.csv'}: row 4, column A (question_id): unknown question id "
        "'benefit.nothing' for this bank",
    ]


def test_the_report_says_what_to_do_next(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 0})
    markdown = invoke("export", str(path)).stdout
    assert "## What to do next" in markdown
    assert "*A first step:* Agree a few measures of the intended benefit" in markdown
    html = invoke("export", str(path), "-f", "html").stdout
    assert "<h2>What to do next</h2>" in html and "Agree a few measures" in html
    assert (
        'href="https://www.england.nhs.uk/spread-and-adoption/seven-interconnected-principles/benefit/"'
        in html
    )


def test_compare_shows_each_action_beside_how_its_question_moved(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    before = write_answers({"benefit.measure": 0, "learning.share": 1}, name="before.json")
    after = write_answers({"benefit.measure": 3, "learning.share": 1}, name="after.json")
    rows = _plan_csv(invoke, before, tmp_path / "plan.csv")
    rows[1][7] = "done"
    _write_csv(tmp_path / "plan.csv", rows)
    result = invoke(
        "compare", str(before), str(after), "--plan", str(tmp_path / "plan.csv"), "-f", "json"
    )
    assert result.exit_code == 0, result.output
    actions = json.loads(result.stdout)["actions"]
    assert [
        (a["question_id"], a["status"], a["baseline"], a["latest"], a["delta"]) for a in actions
    ] == [
        ("benefit.measure", "done", 0, 3, 3),
        ("learning.share", "open", 1, 1, 0),
    ]
    report = invoke(
        "compare", str(before), str(after), "--plan", str(tmp_path / "plan.csv"), "-f", "markdown"
    ).stdout
    rows = [line for line in report.splitlines() if line.startswith("| Benefit: How will you")]
    # Among the questions that moved, then beside its action in the plan.
    assert rows[0].endswith("| 0.00 | 3.00 | ↑ up 3.00 |")
    assert rows[-1].endswith("| done | 0.00 | 3.00 | ↑ up 3.00 |")


# The team view -------------------------------------------------------------------------------


def test_a_split_room_ranks_above_a_single_outlier(bank: Bank) -> None:
    tally = TeamTally(bank)
    # measure: 0, 0, 4, 4 (a split room); evidence: 4, 4, 4, 0 (one person apart); both spread 4.
    for name, measure, evidence in (("a", 0, 4), ("b", 0, 4), ("c", 4, 4), ("d", 4, 0)):
        ratings = {"benefit.evidence": evidence, "benefit.measure": measure}
        tally.add(as_data(person(bank, ratings, name).answers), name)
    ranked = [q.question.id for q in tally.result().to_discuss()]
    # sd(0,0,4,4) = 2 > sd(4,4,4,0) = sqrt(3) = 1.73, although evidence comes first in the bank.
    assert ranked == ["benefit.measure", "benefit.evidence"]


def test_the_team_view_shows_the_top_questions_and_json_keeps_them_all(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    ids = ["benefit.measure", "benefit.evidence", "learning.share", "networks.pull"]
    write_answers({q: 0 for q in ids}, name="a.json", respondent="A")
    write_answers({q: 4 for q in ids}, name="b.json", respondent="B")
    text = " ".join(invoke("team", str(tmp_path), "--top", "2").stdout.split())
    assert text.count("Spread 4 (from 0 to 4)") == 2
    assert "2 more questions flagged; to see them all, type:" in text
    assert "--all" in text
    everything = invoke("team", str(tmp_path), "--all").stdout
    assert everything.count("Spread 4 (from 0 to 4)") == 4
    data = json.loads(invoke("team", str(tmp_path), "--top", "1", "-f", "json").stdout)
    assert sum(q["discuss"] for q in data["questions"]) == 4
    assert "furthest apart from each other" in data["ranking"]
    assert "standard deviation" not in data["ranking"]
    assert data["title"] is None and data["made"]


def test_the_same_person_twice_is_refused_with_both_files(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    write_answers({"benefit.measure": 1}, name="ana.json", respondent="Ana")
    with (tmp_path / "ana.csv").open("w", encoding="utf-8") as handle:
        handle.write("question_id,rating\nbenefit.measure,3\n")
    result = invoke("team", str(tmp_path))
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'ana.csv'} and {tmp_path / 'ana.json'}: the same person twice"
        in result.stderr
    )
    assert "--allow-duplicates" in result.stderr
    both = invoke("team", str(tmp_path), "--allow-duplicates", "-f", "json")
    assert json.loads(both.stdout)["respondents"] == 2
    write_answers({"benefit.measure": 1}, name="x.json", respondent="ana")  # same name, any case
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "y.json").write_text((tmp_path / "x.json").read_text("utf-8"), encoding="utf-8")
    named = invoke("team", str(tmp_path / "x.json"), str(elsewhere / "y.json"))
    assert named.exit_code == 1 and "the same person twice ('ana')" in named.stderr


def test_team_and_compare_reports_take_a_title_and_say_when_they_were_made(
    invoke: Invoke, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")  # 2026-08-29 10:40 UTC
    path = str(write_answers({"benefit.measure": 1}))
    team = invoke("team", path, "--title", "Frailty wards", "-f", "markdown").stdout
    assert team.startswith("# Frailty wards\n\n- **Made:** 29 August 2026, 10:40 UTC\n")
    compared = invoke("compare", path, path, "--title", "Six months on", "-f", "html").stdout
    assert "<h1>Six months on</h1>" in compared and "29 August 2026, 10:40 UTC" in compared
    assert "Building (no change)" in compared or "(no change)" in compared


def test_compare_shows_band_changes(invoke: Invoke, write_answers: Callable[..., Path]) -> None:
    before = write_answers({"benefit.measure": 1}, name="a.json")  # 25: Early groundwork
    after = write_answers({"benefit.measure": 3}, name="b.json")  # 75: Established
    data = json.loads(invoke("compare", str(before), str(after), "-f", "json").stdout)
    assert data["overall"]["band"] == {"baseline": "Early groundwork", "latest": "Established"}
    markdown = invoke("compare", str(before), str(after), "-f", "markdown").stdout
    assert "| Benefit | 25.0 | 75.0 | ↑ up 50.0 | Early groundwork → Established |" in markdown
    assert "same answers" not in invoke("compare", str(before), str(after)).stderr
    # The same folder or file twice, however it is written, is said to be so.
    same = invoke("compare", str(before), str(before.parent / "." / before.name), "-f", "json")
    assert same.exit_code == 0
    assert "the same answers are given as two rounds" in same.stderr


# The consensus round --------------------------------------------------------------------------


@pytest.fixture
def five(tmp_path: Path, write_answers: Callable[..., Path]) -> Path:
    """Five people: measure 0,0,4,4,4 (flagged), evidence 1,1,1,1,3 (flagged), share 2,2,3,3,3
    (agreed, mean 2.6, nearest 3), pull 1,2,1,2 and n/a (agreed, mean 1.5, halves up to 2)."""
    folder = tmp_path / "team"
    folder.mkdir()
    ratings = [(0, 1, 2, 1), (0, 1, 2, 2), (4, 1, 3, 1), (4, 1, 3, 2), (4, 3, 3, "n/a")]
    for n, (measure, evidence, share, pull) in enumerate(ratings):
        path = write_answers(
            {
                "benefit.measure": (measure, f"measure note {n}"),
                "benefit.evidence": evidence,
                "learning.share": share,
                "networks.pull": pull,
            },
            name=f"p{n}.json",
            respondent=f"P{n}",
        )
        path.rename(folder / path.name)
    return folder


def test_agree_records_what_the_room_agrees_and_takes_the_rest_nearest_the_mean(
    invoke: Invoke, five: Path, tmp_path: Path
) -> None:
    out = tmp_path / "agreed.json"
    keys = "3" + E + "Agreed: measures exist" + E + "2" + E + E
    result = invoke("agree", str(five), "-o", str(out), "--title", "Wards", keys=keys)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["meta"]["respondent"] == "Team (agreed)" and data["meta"]["respondents"] == 5
    answers = data["answers"]
    # Discussed, widest spread first: measure (spread 4), then evidence (spread 2).
    assert answers["benefit.measure"] == {"rating": 3, "note": "Agreed: measures exist"}
    assert answers["benefit.evidence"] == {"rating": 2, "note": ""}
    assert answers["learning.share"] == {"rating": 3, "note": ""}
    assert answers["networks.pull"]["rating"] == 2
    agreement = data["meta"]["agreement"]
    assert sorted(agreement["taken"]) == ["learning.share", "networks.pull"]
    assert agreement["pending"] == [] and agreement["team_overall"] is not None
    report = invoke("export", str(out)).stdout
    said = " ".join(report.split())
    assert "2 questions agreed in discussion; 2 taken as already agreed" in said
    assert "0 flagged but not discussed yet" in said
    assert said.count("takes the rating nearest the team's mean") == 1
    assert "Discussion 1 of 2" in result.stdout and "measure note 3" in result.stdout
    # An ordinary answers file: every command reads it.
    assert invoke("summary", str(out), "-f", "json").exit_code == 0
    assert invoke("plan", str(out)).exit_code == 0


def test_agree_keeps_names_out_unless_asked(invoke: Invoke, five: Path, tmp_path: Path) -> None:
    anonymous = invoke("agree", str(five), "-o", str(tmp_path / "a.json"), keys=Keys.CTRL_C)
    assert anonymous.exit_code == 130
    assert "P3" not in anonymous.stdout and "measure note 3" in anonymous.stdout
    named = invoke("agree", str(five), "-o", str(tmp_path / "b.json"), "--names", keys=Keys.CTRL_C)
    assert "(P3, 4)" in named.stdout


def test_a_well_formed_answers_file_is_read_the_quick_way(
    bank: Bank, write_answers: Callable[..., Path]
) -> None:
    """The quick way is the one a team's folder takes; a file that needs more (another version
    of the bank) is left to the careful way, which fits it and says so."""
    content = write_answers({"benefit.measure": 3}, respondent="Ana").read_bytes()
    read = plain_answers(content, bank)
    assert read is not None
    assert read[:3] == ("Ana", {"benefit.measure": {"rating": 3, "note": ""}}, {})
    assert read.answered is not None and read.answered.isoformat() == "2026-11-26T09:52:00+00:00"
    older = json.loads(content)
    older["bank"]["version"] = "0.9.0"
    assert plain_answers(json.dumps(older).encode(), bank) is None


@pytest.mark.parametrize(
    ("old", "new", "quick"),
    [
        (b'"rating":', b'"rating" :', True),
        (b'"rating":', b'"rating"\r\n\t:', True),
        (b'"rating":', b'"rating" : 1, "rating" :', False),
        (b'"note": ""', b'"note": "she said \\"fine\\": no more"', False),
    ],
)
def test_the_quick_way_counts_names_by_the_quote_and_colon_that_end_them(
    bank: Bank, write_answers: Callable[..., Path], old: bytes, new: bytes, quick: bool
) -> None:
    """Blanks before a colon are set aside; a name given twice, or a quoted word and a colon in
    a note, leaves the file to the careful way. What both read, they read alike."""
    content = write_answers({"benefit.measure": 3}, respondent="Ana").read_bytes()
    assert old in content
    changed = content.replace(old, new, 1)
    read = plain_answers(changed, bank)
    assert (read is not None) is quick
    if quick:
        careful = answers_from(Path("a.json"), changed, bank, False, [])
        assert read is not None
        assert read[:3] == ("Ana", as_data(careful.answers), careful.comments)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("answers", "benefit.measure", "rating"), 5),
        (("answers", "benefit.measure", "rating"), -1),
        (("answers", "nowhere.at-all"), {"rating": 1, "note": ""}),
        (("targets",), {"benefit": 150}),
        (("targets",), {"nowhere": 10}),
        (("bank", "id"), "another-bank"),
        (("bank", "version"), "0.9.0"),
        (("bank", "hash"), "sha256:0"),
        (("meta", "created"), "2026-13-01"),
        (("format_version",), 2),
    ],
)
def test_the_quick_way_leaves_every_file_that_needs_more_to_the_careful_way(
    bank: Bank, write_answers: Callable[..., Path], where: tuple[str, ...], value: Any
) -> None:
    document = json.loads(write_answers({"benefit.measure": 3}).read_bytes())
    place = document
    for step in where[:-1]:
        place = place[step]
    place[where[-1]] = value
    assert plain_answers(json.dumps(document).encode(), bank) is None


def test_the_quick_way_refuses_to_be_made_from_a_model_with_validators_of_its_own() -> None:
    """Made from the answers models, the quick reader would hand such a validator a dict."""

    class Checked(BaseModel):
        value: int

        @field_validator("value")
        @classmethod
        def positive(cls, value: int) -> int:
            return abs(value)

    with pytest.raises(TypeError, match="validator"):
        plain_schema(Checked.__pydantic_core_schema__)


def test_the_agreed_report_says_once_how_it_was_agreed_and_keeps_the_team_s_notes(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    """With --top 1, the room discusses one flagged question; the other flagged question is not
    discussed yet and the broadly agreed one is taken as agreed. Both take the rating nearest
    the team's mean (43.75% of 4 is 1.75: 2) and keep what people wrote."""
    folder = tmp_path / "team"
    folder.mkdir()
    rows = [(0, 0, 2, "too early"), (4, 4, 2, ""), (0, 0, 1, "agreed by most"), (4, 3, 2, "")]
    for n, (measure, evidence, share, note) in enumerate(rows):
        path = write_answers(
            {
                "benefit.measure": measure,
                "benefit.evidence": (evidence, "no data yet" if n == 0 else ""),
                "learning.share": (share, note),
            },
            name=f"p{n}.json",
            respondent=f"P{n}",
        )
        path.rename(folder / path.name)
    out = tmp_path / "agreed.json"
    result = invoke("agree", str(folder), "-o", str(out), "--top", "1", keys="2" + E + E)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    answers, agreement = data["answers"], data["meta"]["agreement"]
    assert answers["benefit.measure"] == {"rating": 2, "note": ""}  # agreed in the room
    assert answers["benefit.evidence"]["rating"] == 2  # mean 1.75, not discussed yet
    assert answers["benefit.evidence"]["note"] == "no data yet (rated 0)"
    assert answers["learning.share"]["rating"] == 2  # mean 1.75, broadly agreed
    assert "too early (rated 2)" in answers["learning.share"]["note"]
    assert agreement["taken"] == ["learning.share"] and agreement["pending"] == ["benefit.evidence"]
    said = " ".join(invoke("export", str(out)).stdout.split())
    assert "1 question agreed in discussion; 1 taken as already agreed" in said
    assert "1 flagged but not discussed yet" in said
    assert "before the round" in said


def _plan_json(invoke: Invoke, answers: Path, path: Path) -> dict[str, Any]:
    assert invoke("plan", str(answers), "-o", str(path)).exit_code == 0
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def test_the_plan_file_carries_each_principle_and_where_to_read_further(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path], bank: Any
) -> None:
    """As the text, HTML and Word plans do: each action's principle, and each resource of each
    principle the plan touches."""
    answers = write_answers({"benefit.measure": 0, "learning.share": 1})
    data = _plan_json(invoke, answers, tmp_path / "plan.json")
    assert {a["question_id"]: a["principle"] for a in data["actions"]} == {
        "benefit.measure": "Benefit",
        "learning.share": "Learning",
    }
    expected = [
        (p.name, r.url)
        for p in bank.principles
        if p.id in ("benefit", "learning")
        for r in p.resources
    ]
    assert expected and [(r["principle"], r["url"]) for r in data["reading"]] == list(
        dict.fromkeys(expected)
    )
    # Read back with --from as it was written.
    back = invoke("plan", "--from", str(tmp_path / "plan.json"), "-f", "json")
    assert back.exit_code == 0, back.output
    assert json.loads(back.stdout)["reading"] == data["reading"]


def test_two_actions_for_one_question_are_both_kept(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    answers = write_answers({"benefit.measure": 0, "learning.share": 1})
    path = tmp_path / "plan.json"
    data = _plan_json(invoke, answers, path)
    first = dict(data["actions"][0], action="Agree the measures", owner="Jo")
    second = dict(data["actions"][0], action="Find a baseline", owner="Sam")
    data["actions"] = [first, second, *data["actions"][1:]]
    path.write_text(json.dumps(data), encoding="utf-8")
    for args in (["plan", "--from", str(path)], ["plan", str(answers), "--from", str(path)]):
        result = invoke(*args, "-f", "json")
        assert result.exit_code == 0, result.output
        kept = [
            (a["action"], a["owner"])
            for a in json.loads(result.stdout)["actions"]
            if a["question_id"] == first["question_id"]
        ]
        assert kept == [("Agree the measures", "Jo"), ("Find a baseline", "Sam")], args


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("due", "2027-01-31 or maybe March", "'2027-01-31 or maybe March' is not a date"),
        ("due", "2027-02-30", "is not a date"),
        ("rating", "1e300", "off the bank's scale"),
        ("rating", "-1", "off the bank's scale"),
    ],
)
def test_a_plan_sheet_refuses_what_is_not_a_date_or_a_rating(
    invoke: Invoke,
    tmp_path: Path,
    write_answers: Callable[..., Path],
    column: str,
    value: str,
    said: str,
) -> None:
    answers = write_answers({"benefit.measure": 0})
    rows = _plan_csv(invoke, answers, tmp_path / "plan.csv")
    rows[1][rows[0].index(column)] = value
    _write_csv(tmp_path / "plan.csv", rows)
    result = invoke("plan", "--from", str(tmp_path / "plan.csv"))
    assert result.exit_code == 1, result.output
    letter = "ABCDEFGHI"[rows[0].index(column)]
    assert f"row 2, column {letter} ({column}): " in result.stderr and said in result.stderr


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("due", "2027-01-31 or maybe March", "$.actions[0].due"),
        ("rating", 1e300, "$.actions[0].rating: a rating of 1e+300 is off the bank's scale"),
    ],
)
def test_a_plan_file_refuses_what_is_not_a_date_or_a_rating(
    invoke: Invoke,
    tmp_path: Path,
    write_answers: Callable[..., Path],
    field: str,
    value: Any,
    said: str,
) -> None:
    answers = write_answers({"benefit.measure": 0})
    path = tmp_path / "plan.json"
    data = _plan_json(invoke, answers, path)
    data["actions"][0][field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("plan", "--from", str(path))
    assert result.exit_code == 1, result.output
    assert said in result.stderr, result.stderr


def test_agree_resumed_after_late_sheets_says_the_team_changed_and_takes_the_rest_afresh(
    invoke: Invoke, five: Path, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    """Measure agreed in the room, then stopped; two late sheets arrive (share becomes 2,2,2,2,3,
    3,3: mean 2.4, nearest 2; pull 1,1,2,2,2,2: mean 1.7, nearest 2). On --resume the room's
    answer stays, the rest is taken afresh for seven people, and the round says the team
    changed."""
    out = tmp_path / "agreed.json"
    first = invoke("agree", str(five), "-o", str(out), keys="3" + E + "Agreed" + E + Keys.CTRL_C)
    assert first.exit_code == 130, first.output
    saved = json.loads(out.read_text("utf-8"))
    assert saved["meta"]["respondents"] == 5 and saved["answers"]["learning.share"]["rating"] == 3
    for n in (5, 6):
        late = write_answers(
            {"benefit.measure": 4, "benefit.evidence": 1, "learning.share": 2, "networks.pull": 2},
            name=f"p{n}.json",
            respondent=f"P{n}",
        )
        late.rename(five / late.name)
    result = invoke("agree", str(five), "-o", str(out), "--resume", keys="2" + E + E)
    assert result.exit_code == 0, result.output
    told = " ".join(result.stderr.split()) + " ".join(result.stdout.split())
    assert "The team has changed since this round began (5 people then, 7 now)" in told, told
    data = json.loads(out.read_text("utf-8"))
    assert data["meta"]["respondents"] == 7
    answers = data["answers"]
    assert answers["benefit.measure"] == {"rating": 3, "note": "Agreed"}
    assert answers["benefit.evidence"] == {"rating": 2, "note": ""}
    assert answers["learning.share"]["rating"] == 2
    assert "learning.share" in data["meta"]["agreement"]["taken"]
    assert answers["networks.pull"]["rating"] == 2


def test_agree_resumed_with_the_same_team_says_nothing_of_a_change(
    invoke: Invoke, five: Path, tmp_path: Path
) -> None:
    out = tmp_path / "agreed.json"
    invoke("agree", str(five), "-o", str(out), keys="3" + E + "Agreed" + E + Keys.CTRL_C)
    result = invoke("agree", str(five), "-o", str(out), "--resume", keys="2" + E + E)
    assert result.exit_code == 0, result.output
    assert "has changed" not in result.output
