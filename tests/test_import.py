"""`import`: a survey exported as Microsoft Forms writes it (ID, Start time, Completion time,
Email, Name, then the questions) becomes an answers file per person, named after the person, once
per person, under names every system can hold; the folder gets all of it or none of it."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Keys
from openpyxl import Workbook

from spreadkit.cli.importing import file_stem, import_responses, is_reserved, recover
from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
BUILT_IN = ["ID", "Start time", "Completion time", "Email", "Name"]


def forms_export(
    path: Path, bank: Bank, people: list[dict[str, Any]], *, name_question: bool = True
) -> Path:
    """A workbook laid out as Microsoft Forms exports one: its own columns, the questions by
    their text (a rating as Forms writes a choice, "3 Mostly in place"), and the Name question
    the template suggests adding, last. Each person: email, name (built in), typed (the Name
    question) and rating."""
    questions = [q for _, q in bank.questions()][:6]
    level = {lv.value: f"{lv.value} {lv.label}" for lv in bank.scale}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(BUILT_IN + [q.text for q in questions] + (["Name"] if name_question else []))
    start = datetime(2026, 11, 20, 9, 0)
    for n, person in enumerate(people, start=1):
        row: list[Any] = [n, start + timedelta(minutes=n), start + timedelta(minutes=n + 5)]
        row += [person.get("email", "anonymous"), person.get("name")]
        row += [level[person.get("rating", 2)]] * len(questions)
        if name_question:
            row.append(person.get("typed"))
        sheet.append(row)
    book.save(path)
    return path


def forms_with_comments(path: Path, bank: Bank, people: list[dict[str, Any]]) -> Path:
    """A workbook as Microsoft Forms exports a form laid out by `template -f forms`: its own
    columns, then for each of the first two principles its questions and the comment question
    after them, then the Name question. Each person: typed (the Name question), rating, and
    comments by principle id."""
    level = {lv.value: f"{lv.value} {lv.label}" for lv in bank.scale}
    header: list[str] = list(BUILT_IN)
    layout: list[tuple[str, str]] = []  # ("question", id) or ("comment", principle id)
    for principle in bank.principles[:2]:
        for question in principle.questions:
            header.append(question.text)
            layout.append(("question", question.id))
        header.append(f"Comments on {principle.name}")
        layout.append(("comment", principle.id))
    header.append("Name")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(header)
    start = datetime(2026, 11, 20, 9, 0)
    for n, person in enumerate(people, start=1):
        row: list[Any] = [n, start + timedelta(minutes=n), start + timedelta(minutes=n + 5)]
        row += ["anonymous", None]
        for kind, key in layout:
            if kind == "question":
                row.append(level[person.get("rating", 2)])
            else:
                row.append(person.get("comments", {}).get(key))
        row.append(person.get("typed"))
        sheet.append(row)
    book.save(path)
    return path


def files(folder: Path) -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads(p.read_text("utf-8")) for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_people_are_named_from_the_name_question_they_answered(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    """As the issue saw it: the built-in Name blank, Email "anonymous", the added Name question
    last. Then the built-in Name, then the email, where the question is blank."""
    path = forms_export(
        tmp_path / "responses.xlsx",
        bank,
        [
            {"typed": "Ana Lopez"},
            {"typed": "Ben Okafor"},
            {"name": "Cy Jones", "email": "cy@nhs.example"},
            {"email": "dee@nhs.example"},
            {},
        ],
    )
    folder = tmp_path / "answers"
    result = invoke("import", str(path), "-o", str(folder))
    assert result.exit_code == 0, result.output
    named = {name: data["meta"]["respondent"] for name, data in files(folder).items()}
    assert named == {
        "ana-lopez.json": "Ana Lopez",
        "ben-okafor.json": "Ben Okafor",
        "cy-jones.json": "Cy Jones",
        "dee-nhs-example.json": "dee@nhs.example",
        "row-6.json": "row 6",
    }
    told = " ".join(result.stderr.split())
    assert (
        "named 2 people from column L (Name), 1 person from column E (Name), 1 person from "
        "column D (Email)" in told
    ), told
    assert "columns not used (they name no question): A (ID), B (Start time)" in told


def test_the_latest_response_from_a_person_counts(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    people = [
        {"typed": "Ana Lopez", "email": "ana@nhs.example", "rating": 1},
        {"typed": "Ben Okafor", "email": "ben@nhs.example", "rating": 2},
        {"typed": "Ana L.", "email": "ANA@nhs.example", "rating": 4},
        {"typed": "Sam", "rating": 0},
        {"typed": "sam", "rating": 3},
    ]
    path = forms_export(tmp_path / "responses.xlsx", bank, people)
    folder = tmp_path / "answers"
    result = invoke("import", str(path), "-o", str(folder))
    assert result.exit_code == 0, result.output
    found = files(folder)
    assert sorted(found) == ["ana-lopez.json", "ben-okafor.json", "sam.json"]
    ratings = {name: {a["rating"] for a in d["answers"].values()} for name, d in found.items()}
    assert ratings == {"ana-lopez.json": {4}, "ben-okafor.json": {2}, "sam.json": {3}}
    told = " ".join(result.stderr.split())
    assert "row 4 (Ana L.) replaces row 2; row 6 (sam) replaces row 5" in told, told
    team = json.loads(invoke("team", str(folder), "-f", "json").stdout)
    assert team["respondents"] == 3
    # The survey read directly as a team counts each person once too.
    assert json.loads(invoke("team", str(path), "-f", "json").stdout)["respondents"] == 3

    kept = tmp_path / "every"
    result = invoke("import", str(path), "-o", str(kept), "--allow-duplicates")
    assert result.exit_code == 0, result.output
    assert sorted(files(kept)) == [
        "ana-l.json",
        "ana-lopez.json",
        "ben-okafor.json",
        "sam-2.json",
        "sam.json",
    ]
    assert "replaces" not in result.stderr


@pytest.mark.parametrize(
    "name",
    ["CON", "con", "Nul", "aux", "PRN", "COM1", "com9", "LPT1", "COM¹", "LPT²", "com³", "Lpt¹"],
)
def test_no_file_is_named_as_windows_names_a_device(name: str) -> None:
    stem = file_stem(name)
    assert not is_reserved(stem) and stem.endswith("-answers"), stem
    assert is_reserved(name) and is_reserved(f"{name}.json") and is_reserved(f"{name} .")


def test_devices_with_superscripts_are_not_written(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    path = forms_export(
        tmp_path / "responses.xlsx", bank, [{"typed": "COM¹"}, {"typed": "LPT²"}, {"typed": "con"}]
    )
    folder = tmp_path / "answers"
    assert invoke("import", str(path), "-o", str(folder)).exit_code == 0
    assert sorted(files(folder)) == ["com¹-answers.json", "con-answers.json", "lpt²-answers.json"]


def test_a_survey_row_with_a_tools_marker_is_refused_naming_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Qualtrics' row of import ids under its headers is passed over; the same marker in a
    person's row is not a reason to leave them out without a word."""
    path = tmp_path / "responses.csv"
    rows = [
        ["Name", "benefit.measure"],
        ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}'],
        ["Ana", "3"],
        ["Ben", '{"ImportId":"QID2"}'],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = invoke("import", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert f"{path}: row 4, column B: holds a survey tool's column marker" in result.stderr
    assert not (tmp_path / "out").exists()
    result = invoke("team", str(path), "-f", "json")
    assert result.exit_code == 1 and "row 4, column B" in result.stderr


def _csv(path: Path, bank: Bank, count: int, rating: int = 2) -> Path:
    ids = [q.id for _, q in bank.questions()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", *ids])
        for n in range(count):
            writer.writerow([f"Person {n}", *[str(rating)] * len(ids)])
    return path


def test_each_cell_is_read_for_itself_though_most_say_the_same(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    """A survey repeats a few labels thousands of times, and each is read once: every person
    still gets their own rating, and a wrong one is named in every row that has it."""
    ids = [q.id for _, q in bank.questions()][:2]
    label = {lv.value: f"{lv.value} {lv.label}" for lv in bank.scale}
    path = tmp_path / "responses.csv"
    rows = [["Name", *ids], ["Ana", label[3], "n/a"], ["Ben", label[1], label[3]], ["Cy", "", "1"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    folder = tmp_path / "answers"
    assert invoke("import", str(path), "-o", str(folder)).exit_code == 0
    read = {
        data["meta"]["respondent"]: {k: v["rating"] for k, v in data["answers"].items()}
        for data in files(folder).values()
    }
    assert read == {
        "Ana": {ids[0]: 3, ids[1]: "n/a"},
        "Ben": {ids[0]: 1, ids[1]: 3},
        "Cy": {ids[1]: 1},
    }
    rows += [["Dee", "7", label[2]], ["Eve", label[2], "7"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    refused = invoke("import", str(path), "-o", str(tmp_path / "again"))
    assert refused.exit_code != 0
    told = " ".join(refused.stderr.split())
    assert "row 5, column B" in told and "row 6, column C" in told, told
    assert f"{path}: nothing was imported; put these right and import it again" in told, told
    assert not (tmp_path / "again").exists()


def test_a_large_import_names_its_first_people_and_counts_the_rest(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    from spreadkit.cli.commands import IMPORT_LISTED

    path = _csv(tmp_path / "responses.csv", bank, IMPORT_LISTED + 1234)
    result = invoke("import", str(path), "-o", str(tmp_path / "answers"))
    assert result.exit_code == 0, result.output
    listed = [line for line in result.stderr.splitlines() if line.startswith("  person-")]
    assert len(listed) == IMPORT_LISTED
    assert f"Imported {IMPORT_LISTED + 1234:,} people" in result.stderr
    assert "and 1,234 more, each in a file of their own there." in result.stderr
    assert len(list((tmp_path / "answers").iterdir())) == IMPORT_LISTED + 1234


def test_an_import_beside_other_answers_says_so_and_names_each_person_on_one_line(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    first = invoke("import", str(_csv(tmp_path / "first.csv", bank, 3)), "-o", str(folder))
    assert first.exit_code == 0, first.output
    assert "already held" not in first.stderr
    ids = [q.id for _, q in bank.questions()]
    path = tmp_path / "second.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Name", *ids], ["Ana\nLopez " + "x" * 200, *["2"] * len(ids)]]
        )
    second = invoke("import", str(path), "-o", str(folder))
    assert second.exit_code == 0, second.output
    told = " ".join(second.stderr.split())
    assert f"{folder} already held 3 other answers files, kept as they were" in told, told
    (line,) = [line for line in second.stderr.splitlines() if line.startswith("  ana-lopez")]
    assert "(Ana Lopez xxx" in line and line.endswith("…)") and len(line) < 150


@pytest.mark.slow
def test_import_grows_with_its_rows_not_their_square(bank: Bank, tmp_path: Path) -> None:
    """Four times the people take about four times as long (the square would be sixteen),
    measured side by side; each file written used to look through the whole folder."""

    def seconds(count: int) -> float:
        path = _csv(tmp_path / f"r{count}.csv", bank, count)
        best = float("inf")
        for attempt in range(2):
            folder = tmp_path / f"out{count}-{attempt}"
            start = time.perf_counter()
            import_responses(path, bank, folder, force=False)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = seconds(500), seconds(2000)
    assert large < 8 * small, (small, large)


def _imported(folder: Path) -> set[int]:
    """The ratings found in the folder: one import's files all hold the same one."""
    return {
        a["rating"]
        for data in files(folder).values()
        for a in data["answers"].values()
        if isinstance(a.get("rating"), int)
    }


def test_an_import_the_system_refuses_halfway_leaves_the_folder_as_it_was(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "answers"
    import_responses(_csv(tmp_path / "a.csv", bank, 30, rating=1), bank, folder, force=False)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    second = _csv(tmp_path / "b.csv", bank, 40, rating=3)
    moves = {"count": 0}
    replace = Path.replace

    def failing(self: Path, target: Any) -> Path:
        moves["count"] += 1
        if moves["count"] == 25:
            raise OSError(28, "No space left on device", str(target))
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", failing)
    with pytest.raises(Exception, match="cannot be written"):
        import_responses(second, bank, folder, force=True)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".spreadkit-import-")]


_KILLED_AFTER = """
import os, signal, sys
from pathlib import Path
moves = {{"count": 0}}
replace = Path.replace
def killing(self, target):
    moves["count"] += 1
    if moves["count"] == {after}:
        os.kill(os.getpid(), signal.SIGKILL)
    return replace(self, target)
Path.replace = killing
sys.argv = ["spreadkit", "import", {responses!r}, "-o", {folder!r}, "--force"]
from spreadkit.cli.launch import main
main()
"""


@pytest.mark.skipif(os.name != "posix", reason="ending a process at once needs POSIX here")
@pytest.mark.parametrize("after", [2, 21])
def test_an_import_killed_halfway_is_undone_by_the_next(
    invoke: Invoke, bank: Bank, tmp_path: Path, after: int
) -> None:
    """Killed (kill -9, a power cut) while putting its files in place over an earlier import:
    the folder is never left a mix of the two once the next import has looked at it."""
    folder = tmp_path / "answers"
    import_responses(_csv(tmp_path / "a.csv", bank, 30, rating=1), bank, folder, force=False)
    second = _csv(tmp_path / "b.csv", bank, 40, rating=3)
    probe = _KILLED_AFTER.format(after=after, responses=str(second), folder=str(folder))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    recover(folder)
    assert _imported(folder) == {1} and len(files(folder)) == 30
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".spreadkit-import-")]
    result = invoke("import", str(second), "-o", str(folder), "--force")
    assert result.exit_code == 0, result.output
    assert _imported(folder) == {3} and len(files(folder)) == 40


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="signals as POSIX sends them")
def test_ctrl_c_or_kill_at_any_moment_of_an_import_leaves_one_import_whole(
    bank: Bank, tmp_path: Path
) -> None:
    """Ctrl+C (exit 130 or the import done) or kill -9 at moments through an import with --force
    over an earlier one: the folder holds the earlier import or the new one, never a mix."""
    first = _csv(tmp_path / "a.csv", bank, 300, rating=1)
    second = _csv(tmp_path / "b.csv", bank, 400, rating=3)
    command = [str(Path(sys.executable).parent / "spreadkit"), "import"]
    for how in (signal.SIGINT, signal.SIGKILL):
        for moment in (0.05, 0.2, 0.4, 0.6, 0.8, 1.2):
            folder = tmp_path / f"answers-{how}-{moment}"
            subprocess.run(
                [*command, str(first), "-o", str(folder)], check=True, capture_output=True
            )
            running = subprocess.Popen(
                [*command, str(second), "-o", str(folder), "--force"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(moment)
            running.send_signal(how)
            _, err = running.communicate(timeout=60)
            assert "Traceback" not in err, err
            if how == signal.SIGINT:
                assert running.returncode in (0, 130), (moment, err)
            recover(folder)
            found = _imported(folder)
            count = len(files(folder))
            assert (found, count) in (({1}, 300), ({3}, 400)), (how, moment, found, count)


def test_an_import_stopped_while_clearing_up_is_never_undone(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C once every file is in place, while the files it set aside are being cleared away:
    the import is done, and the next import must not take it for one to undo (that put back
    some of the earlier files over the new ones, and removed others)."""
    import shutil as real

    from spreadkit.cli import importing

    folder = tmp_path / "answers"
    import_responses(_csv(tmp_path / "a.csv", bank, 30, rating=1), bank, folder, force=False)
    rmtree = real.rmtree

    def cut_short(path: Any, ignore_errors: bool = False) -> None:
        aside = Path(path) / "replaced"
        for leftover in sorted(aside.iterdir())[:10] if aside.is_dir() else []:
            leftover.unlink()
        monkeypatch.setattr(importing.shutil, "rmtree", rmtree)
        raise KeyboardInterrupt

    monkeypatch.setattr(importing.shutil, "rmtree", cut_short)
    with pytest.raises(KeyboardInterrupt):
        import_responses(_csv(tmp_path / "b.csv", bank, 40, rating=3), bank, folder, force=True)
    # As if that run's process had ended there: what it left behind is for the next to look at.
    for left in tmp_path.glob(".spreadkit-import-*"):
        left.rename(left.with_name(".spreadkit-import-999999999-gone"))
    recover(folder)
    assert _imported(folder) == {3} and len(files(folder)) == 40
    assert not list(tmp_path.glob(".spreadkit-import-*"))


COMMENTING = [
    {"typed": "Ana Lopez", "rating": 1, "comments": {"complexity": "Three wards, three ways"}},
    {
        "typed": "Ben Okafor",
        "rating": 3,
        "comments": {"complexity": "The rota is the risk", "leadership": "Sponsor moved on"},
    },
    {"typed": "Cy Jones", "rating": 2},
]


def test_the_survey_layout_asks_for_comments_on_every_principle(invoke: Invoke, bank: Bank) -> None:
    result = invoke("template", "-f", "forms")
    assert result.exit_code == 0, result.output
    for principle in bank.principles:
        assert f"not required: Comments on {principle.name}" in result.stdout


def test_comments_from_a_survey_are_kept_with_their_principle(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    """Imported into each person's file, shown in that person's report, and in the team's
    reports with the principle: without names unless --names."""
    path = forms_with_comments(tmp_path / "responses.xlsx", bank, COMMENTING)
    folder = tmp_path / "answers"
    result = invoke("import", str(path), "-o", str(folder))
    assert result.exit_code == 0, result.output
    found = files(folder)
    assert found["ben-okafor.json"]["comments"] == {
        "complexity": "The rota is the risk",
        "leadership": "Sponsor moved on",
    }
    assert "comments" not in found["cy-jones.json"]
    # No comment column is taken for an unused one or a question.
    assert "Comments on" not in result.stderr
    own = invoke("summary", str(folder / "ben-okafor.json"), "-f", "markdown")
    assert "## Comments on the principles" in own.stdout
    assert "Sponsor moved on" in own.stdout
    for source in (folder, path):
        team = invoke("team", str(source), "-f", "markdown")
        assert team.exit_code == 0, team.output
        text = team.stdout
        section = text[text.index("## Comments on the principles") :]
        complexity = section[section.index("### Complexity") : section.index("### Leadership")]
        assert "Three wards, three ways" in complexity and "The rota is the risk" in complexity
        assert "Sponsor moved on" in section[section.index("### Leadership") :]
        assert "Ana Lopez" not in text and "Ben Okafor" not in text
        named = invoke("team", str(source), "-f", "markdown", "--names").stdout
        assert "Ben Okafor" in named[named.index("## Comments on the principles") :]
    for fmt in ("html", "docx", "text"):
        out = tmp_path / f"team.{fmt}"
        made = invoke("team", str(folder), "-f", fmt, "-o", str(out))
        assert made.exit_code == 0, made.output
        assert b"Sponsor moved on" in _text_of(out)
    book = tmp_path / "team.xlsx"
    assert invoke("team", str(folder), "-o", str(book), "--names").exit_code == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(book)["Comments"].iter_rows(values_only=True))
    assert rows[0] == ("principle", "who said", "comment")
    assert ("Leadership", "Ben Okafor", "Sponsor moved on") in rows[1:]
    assert len(rows) == 4


def _text_of(path: Path) -> bytes:
    if path.suffix == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(str(path)).paragraphs).encode()
    return path.read_bytes()


def test_agree_shows_a_principles_comments_and_keeps_them_in_the_agreed_file(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    """With the principle's first question to discuss, and in the agreed file (so in its
    report); by name only with --names."""
    path = forms_with_comments(tmp_path / "responses.xlsx", bank, COMMENTING)
    out = tmp_path / "agreed.json"
    result = invoke("agree", str(path), "-o", str(out), keys=Keys.CTRL_C)
    assert result.exit_code == 130, result.output
    screen = result.stdout
    assert "On Complexity as a whole:" in screen and "The rota is the risk" in screen
    assert "Ben Okafor" not in screen
    agreed = json.loads(out.read_text("utf-8"))
    assert agreed["comments"]["complexity"].splitlines() == [
        "Three wards, three ways",
        "The rota is the risk",
    ]
    report = invoke("summary", str(out), "-f", "markdown").stdout
    said = report[report.index("## Comments on the principles") :]
    assert "Sponsor moved on" in said
    # The team's comments quoted each on its own, not run together as one person's.
    assert "> Three wards, three ways\n\n> The rota is the risk\n" in said, said
    named = tmp_path / "named.json"
    result = invoke("agree", str(path), "-o", str(named), "--names", keys=Keys.CTRL_C)
    assert "(Ben Okafor)" in result.stdout
    assert (
        "The rota is the risk (Ben Okafor)"
        in json.loads(named.read_text("utf-8"))["comments"]["complexity"]
    )


def test_compare_says_when_each_round_was_answered(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    """From the survey's completion times, kept in the imported files; a round over several
    days shows the first and the last; a sheet, which does not say, shows no date."""
    people = [{"typed": "Ana", "rating": 1}, {"typed": "Ben", "rating": 2}]
    baseline = forms_export(tmp_path / "march.xlsx", bank, people)
    later = tmp_path / "answers"
    assert invoke("import", str(baseline), "-o", str(later)).exit_code == 0
    stamped = json.loads((later / "ana.json").read_text("utf-8"))["meta"]
    assert stamped["updated"].startswith("2026-11-20T")
    review = tmp_path / "review"
    review.mkdir()
    for name, day in (("ana", "2026-12-01T10:00:00Z"), ("ben", "2026-12-03T10:00:00Z")):
        data = json.loads((later / f"{name}.json").read_text("utf-8"))
        data["meta"]["created"] = data["meta"]["updated"] = day
        (review / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    result = invoke("compare", str(baseline), str(review), "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "**Baseline:** 2 respondents, answered 20 November 2026" in result.stdout
    assert "**Latest:** 2 respondents, answered 1 to 3 December 2026" in result.stdout
    answered = json.loads(invoke("compare", str(later), str(review), "-f", "json").stdout)[
        "answered"
    ]
    assert answered["latest"]["first"].startswith("2026-12-01")
    assert answered["latest"]["last"].startswith("2026-12-03")
    trend = invoke("compare", str(baseline), str(later), str(review), "-f", "markdown").stdout
    assert (
        "**Answered:** march.xlsx: 20 November 2026; answers: 20 November 2026; "
        "review: 1 to 3 December 2026" in trend
    ), trend
    sheet = tmp_path / "sheet.csv"
    assert invoke("export", str(later / "ana.json"), "-o", str(sheet)).exit_code == 0
    result = invoke("compare", str(sheet), str(review), "-f", "markdown")
    assert "**Baseline:** 1 respondent\n" in result.stdout, result.stdout


def test_rounds_are_dated_whether_or_not_their_files_name_a_time_zone(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    """A file written by hand may give its time without a zone: it is this computer's time
    (UTC in the tests), and sits beside files that name theirs."""
    folder = tmp_path / "round"
    folder.mkdir()
    ana = write_answers({"benefit.measure": 1}, name="ana.json", respondent="Ana")
    ben = write_answers(
        {"benefit.measure": 3}, name="ben.json", respondent="Ben", updated="2026-11-28T10:00:00"
    )
    for path in (ana, ben):
        path.rename(folder / path.name)
    result = invoke("compare", str(folder), str(folder), "-f", "json")
    assert result.exit_code == 0, result.output
    answered = json.loads(result.stdout)["answered"]["latest"]
    assert answered == {"first": "2026-11-26T09:52:00+00:00", "last": "2026-11-28T10:00:00+00:00"}


def test_a_sheet_made_from_answers_with_comments_on_principles_says_it_leaves_them_out(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers({"benefit.measure": 3})
    data = json.loads(path.read_text("utf-8"))
    data["comments"] = {"benefit": "We count the wrong things.", "networks": "Few links yet."}
    path.write_text(json.dumps(data), encoding="utf-8")
    for ending in ("csv", "xlsx"):
        result = invoke("export", str(path), "-o", str(tmp_path / f"sheet.{ending}"))
        assert result.exit_code == 0, result.output
        told = " ".join(result.stderr.split())
        assert "the 2 comments on principles as a whole are not in the sheet" in told, told
    report = invoke("export", str(path), "-o", str(tmp_path / "report.html"))
    assert "not in the sheet" not in report.stderr
