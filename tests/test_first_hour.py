"""The first hour on a laptop: any console, any width, commands printed so they can be typed back,
and an assessment that ends by saying what to do next."""

from __future__ import annotations

import base64
import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Keys

from spreadkit.cli.invocation import join
from spreadkit.readers.banks import load_bank
from spreadkit.readers.ratings import parse_rating

Invoke = Callable[..., Any]
E = Keys.ENTER
FIXTURES = ROOT / "tests" / "fixtures"


def saved(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


# Answering ------------------------------------------------------------------------------------


def test_a_stray_enter_records_nothing(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    # Enter on a new question: nothing is recorded; the person is told to choose first.
    result = invoke(
        "assess",
        "-p",
        "benefit",
        "-o",
        str(out),
        "--title",
        "T",
        "--respondent",
        "R",
        keys=E + E + Keys.CTRL_C,
    )
    assert result.exit_code == 130
    assert saved(out)["answers"] == {}
    # A number, then Enter, records that rating, even when it is the one the pointer began on.
    result = invoke(
        "assess", "-p", "benefit", "-o", str(out), "--resume", keys=E + "0" + E + E + Keys.CTRL_C
    )
    assert result.exit_code == 130
    assert saved(out)["answers"] == {"benefit.why-worth-it": {"rating": 0, "note": ""}}
    # The arrow keys are a choice too.
    result = invoke(
        "assess",
        "-p",
        "benefit",
        "-o",
        str(out),
        "--resume",
        keys=Keys.DOWN + Keys.DOWN + E + E + Keys.CTRL_C,
    )
    assert saved(out)["answers"]["benefit.communicate-why"]["rating"] == 2


def test_enter_on_a_revisited_question_keeps_its_answer(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(
        {"benefit.measure": (3, "Baseline agreed"), "benefit.evidence": (1, "")}, name="a.json"
    )
    before = saved(path)["answers"]
    result = invoke("assess", "-o", str(path), "--question", "benefit.measure", keys=E + E)
    assert result.exit_code == 0, result.output
    assert saved(path)["answers"] == before


def test_revisit_asks_answered_questions_from_their_saved_answers(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    answers = {q: (2, f"note {q}") for q in ("benefit.measure", "benefit.evidence")}
    path = write_answers(answers, name="a.json")
    # Only the two named questions, in bank order: the first changed to 4, the second kept.
    result = invoke(
        "assess",
        "-o",
        str(path),
        "-q",
        "benefit.evidence",
        "-q",
        "benefit.measure",
        keys="4" + E + E + E + E,
    )
    assert result.exit_code == 0, result.output
    data = saved(path)["answers"]
    assert data["benefit.measure"] == {"rating": 4, "note": "note benefit.measure"}
    assert data["benefit.evidence"] == {"rating": 2, "note": "note benefit.evidence"}
    # --revisit with -p walks every question of the principle, answered or not.
    result = invoke(
        "assess", "-o", str(path), "--revisit", "-p", "benefit", keys=E + E + Keys.CTRL_C
    )
    assert result.exit_code == 130
    assert "Question 1 of 11" in result.stdout


def test_revisiting_needs_something_to_revisit(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", "-o", str(tmp_path / "new.json"), "--revisit")
    assert result.exit_code == 2 and "nothing to revisit yet" in result.stderr
    result = invoke("assess", "-o", str(tmp_path / "new.json"), "-q", "benefit.nothing")
    assert result.exit_code == 2 and "no such question in this bank" in result.stderr


def test_the_end_says_what_is_left_where_to_start_and_how_to_report(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # a long temporary path is not folded
    out = tmp_path / "wards.json"
    # Benefit's eleven questions: 0, 1, 4, then skip the rest.
    keys = "0" + E + E + "1" + E + E + "4" + E + E + ("s" + E) * 8
    result = invoke(
        "assess", "-p", "benefit", "-o", str(out), "--title", "T", "--respondent", "R", keys=keys
    )
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.index("What to do next") :]
    assert "Still unanswered (8); to answer them, type:" in tail
    assert f"spreadkit assess -o {out} --resume --principle benefit" in tail
    assert "Which strategic need" not in tail.split("Start with")[0]
    assert "How will you measure the real benefit of this change?" in tail
    assert "Start with the priorities listed above." in tail
    listed = result.stdout[: result.stdout.index("What to do next")]
    assert "1. Benefit: What makes this innovation worth spreading" in " ".join(listed.split())
    assert f"spreadkit export {out} -o {tmp_path / 'wards'}.docx" in tail
    assert f"spreadkit export {out} -o {tmp_path / 'wards'}.html" in tail
    assert f"spreadkit export {out} -o {tmp_path / 'wards'}.md" in tail


def test_answers_need_a_file(invoke: Invoke) -> None:
    result = invoke("assess", "-o", "-")
    assert result.exit_code == 2 and "need a file" in result.stderr
    assert not Path("-").exists()


def test_a_missing_folder_is_made(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("template", "-o", str(tmp_path / "sheets" / "blank.csv"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sheets" / "blank.csv").exists()


# Reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("3", 3),
        ("3.0", 3),
        ("3 Mostly in place", 3),
        ("3 - Mostly in place", 3),
        ("3) Mostly in place", 3),
        ("mostly in place", 3),
        ("NA", "n/a"),
        ("N/A", "n/a"),
        ("n/a", "n/a"),
        ("", None),
    ],
)
def test_ratings_are_read_as_people_write_them(written: str, meant: object) -> None:
    assert parse_rating(written, load_bank()) == meant


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("3.5", "is not a whole number"),
        ("3 Partly addressed", "3 is 'Mostly in place', not 'Partly addressed'"),
        ("7", "out of range"),
        ("high", "is not a rating"),
    ],
)
def test_ratings_that_cannot_be_read_say_why(written: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        parse_rating(written, load_bank())


def test_a_summary_of_a_sheet_names_the_person(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "sam.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["question_id", "rating"], ["benefit.measure", "3"]])
    result = invoke("summary", str(sheet))
    assert result.exit_code == 0
    assert result.stdout.startswith("Readiness self-assessment\nRespondent: sam ·")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("report.md", "is a markdown report, not answers"),
        ("report.html", "is a web page (an HTML report), not answers"),
        ("paper.docx", "is a Word document, not answers"),
    ],
)
def test_the_wrong_kind_of_file_says_what_it_is(
    invoke: Invoke, tmp_path: Path, name: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text("# Readiness", encoding="utf-8")
    result = invoke("summary", str(path))
    assert result.exit_code == 1 and said in result.stderr


def test_a_format_another_command_writes_is_pointed_to(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("summary", "x.json", "-f", "html")
    assert result.exit_code == 2 and "spreadkit export FILE -f html" in result.output


def test_no_python_words_reach_the_person(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"format": "spreadkit-answers", "bank": {"id": 1}, }', encoding="utf-8")
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    for word in ("Value error", "Expecting", "delimiter", "Traceback", "Input should"):
        assert word not in result.stderr


def test_no_color_may_come_before_the_command(
    invoke: Invoke, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = invoke("--no-color", "summary", str(write_answers({"benefit.measure": 3})))
    assert result.exit_code == 0
    assert os.environ.get("NO_COLOR") == "1"


def test_summary_all_shows_every_priority(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    bank = load_bank()
    path = write_answers({q.id: 0 for _, q in bank.questions()})
    cut = invoke("summary", str(path)).stdout
    assert "… and 46 more; to see them all, type:" in cut
    assert f"spreadkit summary {path} --all" in " ".join(cut.split())
    whole = invoke("summary", str(path), "--all").stdout
    assert "more" not in whole.split("Priorities")[1]
    assert " ".join(whole.split()).count("(0 Not yet considered)") == 51


# Any console -----------------------------------------------------------------------------------


def _runs(tmp_path: Path) -> list[list[str]]:
    ana = str(FIXTURES / "team" / "ana.json")
    team = str(FIXTURES / "team")
    sheet = str(FIXTURES / "team" / "dan.csv")
    review = str(FIXTURES / "ana-review.json")
    runs = [
        ["principles"],
        ["questions"],
        ["explain", ana],
        ["bank", "validate", str(FIXTURES / "bank-1.0.0.json")],
    ]
    runs += [["template", "-f", f] for f in ("csv", "json", "forms")]
    runs += [["template", "-o", str(tmp_path / "blank.xlsx")]]
    runs += [["export", ana, "-o", str(tmp_path / "ana.docx")]]
    runs += [["team", team, "-o", str(tmp_path / "team.xlsx")]]
    for source in (ana, sheet):
        runs += [["summary", source, "-f", f] for f in ("text", "json", "markdown", "svg")]
        runs += [["export", source, "-f", f] for f in ("markdown", "html", "csv", "json")]
    runs += [
        ["team", team, "-f", f, "--names"] for f in ("text", "json", "markdown", "html", "csv")
    ]
    runs += [["compare", team, review, "-f", f] for f in ("text", "json", "markdown", "html")]
    # A survey's comments and a programme's names, in words no such console can show.
    site = tmp_path / "programme" / "Ward 7 – Café"
    site.mkdir(parents=True)
    for name in ("ana", "ben", "cy"):
        document = json.loads((FIXTURES / "team" / f"{name}.json").read_text("utf-8"))
        document["meta"]["respondent"] = f"{name.title()} Ünal"
        document["comments"] = {"benefit": "Café rota — “the risk” ✓"}
        (site / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    runs += [["team", str(site), "--names"], ["summary", str(site / "ana.json")]]
    runs += [["programme", str(tmp_path / "programme"), "--names", "--min-sites", "3"]]
    runs += [["summary", str(tmp_path / "missing.json")]]
    return runs


# Every run in one interpreter whose standard streams are a console in `encoding`, as
# PYTHONIOENCODING makes them: the same streams a Windows console gives, started once, not forty
# times. Each run's output comes back as bytes.
CONSOLE = """
import base64, io, json, sys
from spreadkit.cli.commands import app
from spreadkit.cli.commandline import run
encoding, runs = sys.argv[1], json.loads(sys.stdin.read())
results = []
for args in runs:
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding=encoding, newline="")
    sys.stderr = io.TextIOWrapper(err, encoding=encoding, newline="")
    sys.argv = ["spreadkit", *args]
    try:
        code = run(app)
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:
        code = repr(exc)
    sys.stdout.flush(), sys.stderr.flush()
    results.append([code, base64.b64encode(out.getvalue()).decode(), err.getvalue().decode(encoding)])
sys.__stdout__.write(json.dumps(results))
"""


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_no_command_fails_on_a_console_that_is_not_utf8(encoding: str, tmp_path: Path) -> None:
    env = {**os.environ, "SPREADKIT_BANK": str(FIXTURES / "bank-1.0.0.json")}
    runs = _runs(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE, encoding],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for args, (code, stdout, stderr) in zip(runs, json.loads(done.stdout), strict=True):
        assert code == (1 if "missing.json" in args[-1] else 0), (args, stderr)
        assert "went wrong inside" not in stderr and "Traceback" not in stderr
        output = base64.b64decode(stdout)
        if "-f" not in args or args[args.index("-f") + 1] == "text":
            output.decode(encoding)  # the console can show every character it was sent
        else:
            output.decode("utf-8")  # data stays UTF-8


# A bank of one's own --------------------------------------------------------------------------


def test_printed_commands_name_the_bank_they_were_made_with(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPREADKIT_BANK", raising=False)
    bank = str(ROOT / "examples" / "workshop-bank.json")
    blank = tmp_path / "ours.json"
    assert invoke("template", "-f", "json", "--bank", bank, "-o", str(blank)).exit_code == 0
    document = json.loads(blank.read_text("utf-8"))
    for answer in document["answers"].values():
        answer["rating"] = 0
    blank.write_text(json.dumps(document), encoding="utf-8")
    shown = " ".join(invoke("summary", str(blank), "--bank", bank).stdout.split())
    # The command to see the rest would be refused against the built-in bank without --bank.
    assert f"spreadkit {join(['summary', str(blank), '--all', '--bank', bank])}" in shown
    again = invoke("summary", str(blank), "--all", "--bank", bank)
    assert again.exit_code == 0
    # From SPREADKIT_BANK the same shell still has it: nothing is added.
    monkeypatch.setenv("SPREADKIT_BANK", bank)
    plain = " ".join(invoke("summary", str(blank)).stdout.split())
    assert f"spreadkit summary {blank} --all" in plain and "--bank" not in plain


def test_the_consensus_round_carries_on_as_it_started(bank: Any) -> None:
    from spreadkit.model.consensus import Consensus
    from spreadkit.model.team import TeamTally

    round_ = Consensus(
        bank,
        TeamTally(bank).result(),
        Path("agreed.json"),
        top=5,
        only=["benefit"],
        sources=["answers"],
        names=True,
        allow_duplicates=True,
    )
    assert round_.resume_args() == [
        "agree", "answers", "-o", "agreed.json", "--resume", "-p", "benefit", "--top", "5",
        "--names", "--allow-duplicates",
    ]  # fmt: skip


def test_a_command_to_type_is_never_broken_on_a_narrow_screen(
    invoke: Invoke, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = load_bank()
    path = write_answers({q.id: 0 for _, q in bank.questions()}, name="a-long-file-name.json")
    monkeypatch.setenv("COLUMNS", "40")
    lines = invoke("summary", str(path)).stdout.splitlines()
    # Longer than the screen, and still one line: a terminal wraps it, and a copy is one command.
    assert f"  spreadkit summary {path} --all" in lines


def test_a_shared_report_names_spreadkit_not_this_computers_copy(tmp_path: Path) -> None:
    program = Path(sys.executable).parent / "spreadkit"
    env = {**os.environ, "PATH": "/usr/bin:/bin"}  # not on the PATH, as after the Quickstart
    env.pop("SPREADKIT_BANK", None)
    team = [
        "team",
        str(FIXTURES / "team"),
        "--top",
        "1",
        "--bank",
        str(FIXTURES / "bank-1.0.0.json"),
    ]
    report = tmp_path / "team.md"
    subprocess.run([str(program), *team, "-o", str(report)], env=env, check=True)
    written = report.read_text("utf-8")
    assert f"spreadkit {join(['team', str(FIXTURES / 'team'), '--all', '--bank'])}" in written
    assert str(program) not in written
    screen = subprocess.run(
        [str(program), *team], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert f"{join([str(program), 'team'])}" in screen  # on this screen, as it was started
