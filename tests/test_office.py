"""Excel, survey forms and Word: the files health and care teams already work in, opened the way
their own software opens them (openpyxl and python-docx read them back; LibreOffice converts them
as Excel or Word would save them). Figures for the survey fixtures are worked out by hand beside
each test."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook

from spreadkit.bank import Bank
from spreadkit.importing import file_stem

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "tests" / "fixtures" / "forms"
TEAM = ROOT / "tests" / "fixtures" / "team"
# The team fixtures were answered with the first bank.
OLD_BANK = ("--bank", str(ROOT / "tests" / "fixtures" / "bank-1.0.0.json"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice takes a few seconds to start, so its tests are marked slow: the full run has them.
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it from Debian)"
)
Invoke = Callable[..., Any]


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def as_json(invoke: Invoke, *args: str) -> Any:
    return json.loads(ok(invoke(*args, "-f", "json")).stdout)


def office(tmp_path: Path, *args: str) -> None:
    """LibreOffice headless, with a profile of its own so no other copy can get in the way."""
    assert SOFFICE is not None
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=180,
    )


# Excel workbooks


def test_template_workbook_has_the_drop_down_on_every_rating_cell(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", "Answers"]
    sheet = book["Answers"]
    questions = [q for _, q in bank.questions()]
    assert [c.value for c in sheet[1]] == [
        "principle_id",
        "principle",
        "question_id",
        "question",
        "rating",
        "note",
    ]
    assert [sheet.cell(row=r, column=3).value for r in range(2, len(questions) + 2)] == [
        q.id for q in questions
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=4).comment.text == questions[0].help

    (check,) = sheet.data_validations.dataValidation
    assert check.type == "list" and check.showErrorMessage and check.showInputMessage
    covered = {cell for cells in check.sqref.ranges for cell in _cells(cells.coord)}
    assert {f"E{r}" for r in range(2, len(questions) + 2)} <= covered
    where, cells = check.formula1.lstrip("=").split("!")
    first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
    listed = [book[where].cell(row=r, column=1).value for r in range(first, last + 1)]
    assert listed == [f"{lv.value} {lv.label}" for lv in bank.scale] + ["n/a"]

    words = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row)
    for level in bank.scale:
        assert level.description in words
    for needed in ("not applicable", "blank", "note", "send"):
        assert needed in words.lower()


def _cells(coord: str) -> list[str]:
    start, _, end = coord.partition(":")
    end = end or start
    column = start[0]
    return [f"{column}{r}" for r in range(int(start[1:]), int(end[1:]) + 1)]


def test_template_workbook_for_one_principle(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "benefit.xlsx"
    ok(invoke("template", "-f", "xlsx", "-o", str(path), "-p", "benefit"))
    sheet = load_workbook(path)["Answers"]
    benefit = bank.principle("benefit")
    assert benefit is not None
    assert sheet.max_row == len(benefit.questions) + 1
    (check,) = sheet.data_validations.dataValidation
    assert str(check.sqref) == f"E2:E{len(benefit.questions) + 1}"


def test_a_filled_workbook_reads_back_the_same_answers(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    tricky = '=HYPERLINK("http://example.com","x")'
    path = write_answers(
        {
            "benefit.measure": (3, "Audit every quarter\nwith the ward"),
            "benefit.evidence": ("n/a", tricky),
            "learning.share": (0, "  spaces kept  "),
        },
        respondent="Ana",
    )
    workbook = tmp_path / "ana.xlsx"
    ok(invoke("export", str(path), "-o", str(workbook)))
    note_cell = next(
        row[5] for row in load_workbook(workbook)["Answers"].iter_rows() if row[5].value == tricky
    )
    assert note_cell.data_type == "s"  # stored as text: Excel shows it, never runs it

    again = tmp_path / "again.json"
    ok(invoke("export", str(workbook), "-f", "json", "-o", str(again), "--respondent", "Ana"))
    before = json.loads(path.read_text("utf-8"))["answers"]
    after = json.loads(again.read_text("utf-8"))["answers"]
    assert {
        k: (v["rating"], v["note"]) for k, v in after.items() if v.get("rating") is not None
    } == {k: (v["rating"], v["note"]) for k, v in before.items()}
    from_workbook = as_json(invoke, "summary", str(workbook))
    assert from_workbook["principles"] == as_json(invoke, "summary", str(path))["principles"]


def _workbook(tmp_path: Path, rows: list[list[Any]], title: str = "Answers") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["principle_id", "principle", "question_id", "question", "rating", "note"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "typed.xlsx"
    book.save(path)
    return path


def test_a_workbook_typed_by_hand_reads_values_labels_and_numbers(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        [
            ["benefit", "Benefit", "benefit.why-worth-it", "", 3, ""],
            ["benefit", "Benefit", "benefit.communicate-why", "", 2.0, ""],
            ["benefit", "Benefit", "benefit.strategic-need", "", "Mostly in place", ""],
            ["benefit", "Benefit", "benefit.measure", "", "1 Just starting", "a note"],
            ["benefit", "Benefit", "benefit.evidence", "", "n/a", ""],
        ],
    )
    data = as_json(invoke, "summary", str(path))
    benefit = next(p for p in data["principles"] if p["id"] == "benefit")
    # 3 + 2 + 3 + 1 = 9 of 4 × 4 = 16: 56.25, shown as 56.3
    assert benefit["score"] == 56.3
    assert benefit["not_applicable"] == 1


def test_a_workbook_problem_names_the_sheet_row_and_column(invoke: Invoke, tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["benefit", "Benefit", "benefit.measure", "", 3, ""],
            ["benefit", "Benefit", "benefit.evidence", "", "lots", ""],
        ],
    )
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert f"{path} (sheet Answers): row 3, column E (rating)" in result.stderr
    assert "Traceback" not in result.output


def test_a_workbook_of_several_sheets_without_answers_is_named(
    invoke: Invoke, tmp_path: Path
) -> None:
    book = Workbook()
    book.create_sheet("Notes")
    path = tmp_path / "two.xlsx"
    book.save(path)
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert "has 2 sheets ('Sheet', 'Notes') and none is called 'Answers'" in result.stderr


def test_a_file_that_is_not_a_workbook(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert "not a readable Excel workbook" in result.stderr


@pytest.mark.slow
@needs_office
def test_libreoffice_saves_the_filled_workbook_as_csv_and_it_reads_the_same(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    answers = {
        "complexity.system-changes": (4, "Mapped with the ICB, 2026"),
        "benefit.measure": (2, 'Quotes "like this", commas, and\na second line'),
        "learning.share": ("n/a", ""),
        "networks.pull": (1, "=not a formula"),
    }
    path = write_answers(answers)
    workbook = tmp_path / "filled.xlsx"
    ok(invoke("export", str(path), "-o", str(workbook)))
    office(
        tmp_path,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
        "--outdir",
        str(tmp_path / "out"),
        str(workbook),
    )
    (csv_file,) = (tmp_path / "out").glob("*.csv")
    read = as_json(invoke, "export", str(csv_file))["answers"]
    assert {k: (v["rating"], v["note"]) for k, v in read.items() if "rating" in v} == answers


def test_team_workbook_has_summary_questions_and_discuss_sheets(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "team.xlsx"
    ok(invoke("team", str(TEAM), *OLD_BANK, "-o", str(path)))
    data = as_json(invoke, "team", str(TEAM), *OLD_BANK)
    book = load_workbook(path)
    assert book.sheetnames == ["Summary", "Questions", "Discuss"]
    summary = book["Summary"]
    for row, principle in enumerate(data["principles"], start=2):
        cells = [c.value for c in summary[row]]
        assert cells[1:5] == [
            principle["score"],
            principle["min"],
            principle["max"],
            principle["respondents"],
        ]
    questions = book["Questions"]
    numeric = [c.value for row in questions.iter_rows(min_row=2) for c in row[3:]]
    assert any(isinstance(v, int | float) for v in numeric)
    assert not any(isinstance(v, str) and v.replace(".", "").isdigit() for v in numeric)
    discuss = book["Discuss"]
    flagged = [q for q in data["questions"] if q["discuss"]]
    assert flagged
    assert {c.value for c in discuss["A"][1:]} == set(range(1, len(flagged) + 1))
    # Anonymous unless --names: counts, not names, and the "who said" column empty.
    ratings = " ".join(str(c.value) for c in discuss["F"][1:])
    assert "×" in ratings and "Ana" not in ratings
    assert all(c.value in (None, "") for c in discuss["G"][1:])
    assert any(c.value for c in discuss["I"][1:])  # people's notes, beside their rating
    named = tmp_path / "named.xlsx"
    ok(invoke("team", str(TEAM), *OLD_BANK, "-o", str(named), "--names"))
    assert "Ana" in " ".join(str(c.value) for c in load_workbook(named)["Discuss"]["F"][1:])


def test_a_folder_with_workbooks_and_lock_files(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    person = write_answers({"benefit.measure": 4})
    ok(invoke("export", str(person), "-o", str(folder / "sam.xlsx")))
    (folder / "~$sam.xlsx").write_bytes(b"lock")
    (folder / "notes.docx").write_bytes(b"word")
    result = ok(invoke("team", str(folder), "-f", "json"))
    assert json.loads(result.stdout)["respondents"] == 1
    assert "~$sam.xlsx" in result.stderr and "notes.docx" in result.stderr


def test_plan_workbook_edited_in_excel_reads_back(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    person = write_answers({"benefit.measure": 1, "learning.share": 2})
    plan = tmp_path / "plan.xlsx"
    ok(invoke("plan", str(person), "-o", str(plan)))
    book = load_workbook(plan)
    sheet = book["Plan"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "benefit.measure")
    row[header.index("action")].value = "Agree three measures"
    row[header.index("owner")].value = "Priya"
    row[header.index("due")].value = date(2027, 1, 31)
    row[header.index("status")].value = "doing"
    book.save(plan)
    (status_check,) = sheet.data_validations.dataValidation
    assert "doing" in status_check.formula1
    read = as_json(invoke, "plan", "--from", str(plan))
    action = next(a for a in read["actions"] if a["question_id"] == "benefit.measure")
    assert (action["action"], action["owner"], action["due"], action["status"]) == (
        "Agree three measures",
        "Priya",
        "2027-01-31",
        "doing",
    )


# Survey responses


def test_forms_template_lists_every_question_and_the_choices(
    invoke: Invoke, bank: Bank, tmp_path: Path
) -> None:
    path = tmp_path / "questions.txt"
    ok(invoke("template", "-o", str(path)))
    text = path.read_text("utf-8")
    for _, question in bank.questions():
        assert question.text in text
    for level in bank.scale:
        assert f"{level.value} {level.label}" in text
    assert "Likert" in text and "grid" in text


def test_microsoft_forms_export_imported_and_combined(invoke: Invoke, tmp_path: Path) -> None:
    """microsoft-forms.xlsx: ID, times, Email, Name, then the eight Leadership questions.
    Ana: 3 2 4 1 0 n/a 2 3 = 15 of 7 × 4 = 28 -> 53.57
    Ben: 2 on seven, the eighth blank = 14 of 28 -> 50.0
    Cy (no name, so the email): 4 4 3 3 4 4 3 3 = 28 of 32 -> 87.5
    Team: (53.57 + 50 + 87.5) / 3 = 63.69 -> 63.7, lowest 50.0, highest 87.5."""
    folder = tmp_path / "answers"
    result = ok(invoke("import", str(FORMS / "microsoft-forms.xlsx"), "-o", str(folder)))
    assert sorted(p.name for p in folder.iterdir()) == [
        "ana-lopez.json",
        "ben-okafor.json",
        "cy-nhs-example.json",
    ]
    assert "A (ID), B (Start time), C (Completion time), F (Last modified time)" in result.stderr
    assert "Imported 3 people" in result.stderr
    people = {
        p.name: json.loads(p.read_text("utf-8"))["meta"]["respondent"] for p in folder.iterdir()
    }
    assert people["cy-nhs-example.json"] == "cy@nhs.example"
    for source in (folder, FORMS / "microsoft-forms.xlsx"):
        data = as_json(invoke, "team", str(source))
        leadership = next(p for p in data["principles"] if p["id"] == "leadership")
        assert (leadership["score"], leadership["min"], leadership["max"]) == (63.7, 50.0, 87.5)
        assert data["respondents"] == 3 and data["overall"]["score"] == 63.7
    ana = as_json(invoke, "summary", str(folder / "ana-lopez.json"))
    assert next(p for p in ana["principles"] if p["id"] == "leadership")["score"] == 53.6


def test_google_forms_grid_export_combined(invoke: Invoke, tmp_path: Path) -> None:
    """google-forms-grid.csv: Timestamp, Your name, then "Complexity [question]" for six.
    Dee: 1 on all six = 6 of 24 -> 25.0
    Eve: 4 3 n/a 2 1 0 = 10 of 20 -> 50.0
    Fin: 2 3 3 2 3 3 = 16 of 24 -> 66.67
    Team: (25 + 50 + 66.67) / 3 = 47.22 -> 47.2, lowest 25.0, highest 66.7."""
    data = as_json(invoke, "team", str(FORMS / "google-forms-grid.csv"))
    complexity = next(p for p in data["principles"] if p["id"] == "complexity")
    assert (complexity["score"], complexity["min"], complexity["max"]) == (47.2, 25.0, 66.7)
    folder = tmp_path / "answers"
    ok(invoke("import", str(FORMS / "google-forms-grid.csv"), "-o", str(folder)))
    assert sorted(p.name for p in folder.iterdir()) == ["dee.json", "eve.json", "fin.json"]
    assert as_json(invoke, "team", str(folder))["principles"] == data["principles"]


def test_import_keeps_existing_files_unless_forced(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "dee.json").write_text("mine", encoding="utf-8")
    result = invoke("import", str(FORMS / "google-forms-grid.csv"), "-o", str(folder))
    assert result.exit_code == 1
    assert "already holds dee.json; nothing was imported" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["dee.json"]
    ok(invoke("import", str(FORMS / "google-forms-grid.csv"), "-o", str(folder), "--force"))
    assert json.loads((folder / "dee.json").read_text("utf-8"))["meta"]["respondent"] == "Dee"


def _responses(tmp_path: Path, header: list[str], *rows: list[str]) -> Path:
    path = tmp_path / "responses.csv"
    lines = [header, *rows]
    path.write_text("\n".join(",".join(row) for row in lines) + "\n", encoding="utf-8")
    return path


def test_import_reports_every_bad_cell_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    path = _responses(
        tmp_path,
        ["Name", "benefit.measure", "benefit.evidence"],
        ["Ana", "3", "lots"],
        ["Ben", "7", "2"],
    )
    folder = tmp_path / "answers"
    result = invoke("import", str(path), "-o", str(folder))
    assert result.exit_code == 1
    assert f"{path}: row 2, column C (benefit.evidence):" in result.stderr
    assert f"{path}: row 3, column B (benefit.measure):" in result.stderr
    assert not folder.exists()


def test_a_question_in_two_columns_is_an_error_naming_both(invoke: Invoke, tmp_path: Path) -> None:
    path = _responses(tmp_path, ["benefit.measure", "Again benefit.measure"], ["3", "2"])
    result = invoke("import", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "columns A (benefit.measure) and B (Again benefit.measure)" in result.stderr


def test_an_answer_sheet_is_not_survey_responses(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    ok(invoke("template", "-o", str(sheet)))
    result = invoke("import", str(sheet), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "one person's answer sheet, not survey responses" in result.stderr


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Ana López", "ana-lópez"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-answers"),
        ("a:b*c?", "a-b-c"),
        ("...", "respondent"),
        ("x" * 300, "x" * 60),
    ],
)
def test_file_names_are_safe_anywhere(name: str, stem: str) -> None:
    assert file_stem(name) == stem


def test_people_with_the_same_name_get_files_of_their_own(invoke: Invoke, tmp_path: Path) -> None:
    """With --allow-duplicates; without it, the same name is the same person (test_import.py)."""
    path = _responses(
        tmp_path,
        ["Name", "benefit.measure"],
        ["Sam", "1"],
        ["sam", "2"],
        ["", "3"],
    )
    folder = tmp_path / "answers"
    ok(invoke("import", str(path), "-o", str(folder), "--allow-duplicates"))
    assert sorted(p.name for p in folder.iterdir()) == ["row-4.json", "sam-2.json", "sam.json"]


# Word


def _text(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_word_report_reads_back_with_headings_table_and_notes(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers(
        {
            "benefit.measure": (1, "No baseline yet\x01; =cmd|' /C calc'!A0"),
            "learning.share": (3, "Monthly huddles"),
        },
        respondent="Ana",
    )
    report = tmp_path / "report.docx"
    ok(invoke("export", str(path), "-o", str(report)))
    document = Document(str(report))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    names = [text for _, text in headings]
    for needed in ("Summary", "Priorities", "What to do next", "Answers by principle"):
        assert needed in names
    assert ("Heading 1", "Summary") in headings
    data = as_json(invoke, "summary", str(path))
    table = document.tables[0]
    # Its header row repeats on every page the table runs onto.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [(r[0], r[1]) for r in rows] == [
        (p["name"], "not scored" if p["score"] is None else f"{p['score']:.1f}")
        for p in data["principles"]
    ]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(data["priorities"])  # Word numbers one list: strengths are bullets
    text = _text(document)
    assert "Monthly huddles" in text
    assert "No baseline yet\ufffd; =cmd|' /C calc'!A0" in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.core_properties.language == "en-GB"
    (shape,) = document.inline_shapes
    alt = shape._inline.docPr.get("descr")
    assert "Radar chart" in alt and "Benefit 25.0" in alt


def test_team_and_compare_word_reports(invoke: Invoke, tmp_path: Path) -> None:
    team = tmp_path / "team.docx"
    ok(invoke("team", str(TEAM), *OLD_BANK, "-o", str(team), "--title", "Ward 7"))
    data = as_json(invoke, "team", str(TEAM), *OLD_BANK)
    document = Document(str(team))
    assert document.paragraphs[0].text == "Ward 7"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows[1:]]
    assert [r[1] for r in rows] == [
        "not scored" if p["score"] is None else f"{p['score']:.1f}" for p in data["principles"]
    ]
    assert "Questions to discuss" in _text(document)
    compare = tmp_path / "compare.docx"
    ok(
        invoke(
            "compare",
            str(TEAM / "ana.json"),
            str(ROOT / "tests/fixtures/ana-review.json"),
            *OLD_BANK,
            "-o",
            str(compare),
        )
    )
    text = _text(Document(str(compare)))
    assert "Change by principle" in text and "Questions that moved by" in text


@pytest.mark.slow
@needs_office
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_word_report_prints_with_the_chart_on_its_first_page(
    invoke: Invoke, tmp_path: Path
) -> None:
    from PIL import Image

    from spreadkit.exports.picture import COLOURS, RANGE_OPACITY

    report = tmp_path / "team.docx"
    ok(invoke("team", str(TEAM), *OLD_BANK, "-o", str(report)))
    office(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path), str(report))
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "team.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("page*.png")
    page = Image.open(png).convert("RGB")
    # The team's range, shaded over white paper: a colour nothing else on the page has.
    shade = tuple(round(255 - (255 - c) * RANGE_OPACITY / 255) for c in COLOURS["range"])
    colours = page.getcolors(maxcolors=page.width * page.height) or []
    near = sum(
        count
        for count, pixel in colours
        if all(abs(a - b) <= 8 for a, b in zip(pixel, shade, strict=True))
    )
    assert near > 1000, f"the chart is not on page one ({near} pixels of its shading)"


def test_a_hostile_name_in_responses_reaches_neither_file_name_nor_terminal(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = _responses(tmp_path, ["Name", "benefit.measure"], ["\x1b]0;owned\x07Eve\u202e", "2"])
    folder = tmp_path / "answers"
    result = ok(invoke("import", str(path), "-o", str(folder)))
    assert [p.name for p in folder.iterdir()] == ["0-owned-eve.json"]
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_reading(
    invoke: Invoke, tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (210 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert "unpacks to 210 MB" in result.stderr


def test_blank_sheets_alone_are_an_error_not_an_empty_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "sheets"
    ok(invoke("template", "-o", str(folder / "blank.xlsx")))
    for command in (["team", str(folder)], ["compare", str(folder), str(folder)]):
        result = invoke(*command)
        assert result.exit_code == 1, command
        assert "nobody has answered yet (every file was blank)" in result.stderr
    result = invoke("plan", str(folder / "blank.xlsx"))
    assert result.exit_code == 1
    assert "no question is rated yet, so there is nothing to plan" in result.stderr


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("old.xls", "is an Excel 97-2003 workbook; save it again as an Excel workbook (.xlsx)"),
        ("macro.xlsm", "is an Excel workbook with macros, which spreadkit does not open; save"),
        ("calc.ods", "is an OpenDocument spreadsheet; save it again as an Excel workbook"),
    ],
)
def test_a_spreadsheet_saved_another_way_says_how_to_save_it(
    invoke: Invoke, tmp_path: Path, name: str, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04")
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert f"Error: {path}: {what}" in result.stderr
    assert "not answers" not in result.stderr


def test_a_sheet_named_as_people_name_it_and_a_blank_question_id(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        [
            ["benefit", "Benefit", "benefit.measure", "", 3, ""],
            ["benefit", "Benefit", "", "", 2, ""],
        ],
        title="answers ",
    )
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert f"{path} (sheet answers ): row 3, column C (question_id): the question_id is blank" in (
        result.stderr
    )


def test_the_plan_workbook_holds_ratings_as_numbers(invoke: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.xlsx"
    ok(invoke("plan", str(TEAM), *OLD_BANK, "-o", str(plan)))
    ratings = [row[3].value for row in load_workbook(plan)["Plan"].iter_rows(min_row=2)]
    assert ratings and all(isinstance(value, int | float) for value in ratings)


def test_a_plan_says_what_it_was_made_from_once_and_lists_each_page_once(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    answers = tmp_path / "all-zero.json"
    ok(invoke("template", "-f", "json", "-o", str(answers)))
    document = json.loads(answers.read_text("utf-8"))
    for answer in document["answers"].values():
        answer["rating"] = 0
    answers.write_text(json.dumps(document), encoding="utf-8")
    text = ok(invoke("plan", str(answers), "--all", "-f", "markdown")).stdout
    assert "- **Made from:** " in text and "Made from Made" not in text
    further = text.split("## To read further", 1)[1].split("\n## ", 1)[0]
    addresses = re.findall(r"\(<(https?://[^>]+)>\)", further)
    assert addresses and len(addresses) == len(set(addresses))


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX here")
def test_import_never_writes_through_a_link_in_the_folder(invoke: Invoke, tmp_path: Path) -> None:
    path = _responses(tmp_path, ["Name", "benefit.measure"], ["../../etc/passwd", "3"])
    folder = tmp_path / "answers"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (folder / "etc-passwd.json").symlink_to(victim)
    result = invoke("import", str(path), "-o", str(folder), "--force")
    assert result.exit_code == 1
    assert "is a link or not a regular file; nothing was imported" in result.stderr
    assert victim.read_text("utf-8") == "keep me"


def test_a_sheet_far_too_wide_is_refused_at_once(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ["Name", *(f"column {n}" for n in range(5000))]
    path.write_text(
        ",".join(header) + "\nAna," + ",".join("3" for _ in range(5000)) + "\n", "utf-8"
    )
    result = invoke("team", str(path))
    assert result.exit_code == 1
    assert f"{path}: row 1 has more than 1,000 columns" in result.stderr


def test_columns_not_used_are_named_up_to_ten(invoke: Invoke, tmp_path: Path) -> None:
    header = ["Name", "benefit.measure", *(f"extra {n}" for n in range(30))]
    path = _responses(tmp_path, header, ["Ana", "3", *("x" for _ in range(30))])
    result = ok(invoke("team", str(path), "-f", "json"))
    assert "L (extra 9) and 20 more" in result.stderr and "extra 10)" not in result.stderr
