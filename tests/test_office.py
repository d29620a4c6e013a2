"""Excel, survey forms and Word: the files health and care teams already work in, opened the way
their own software opens them (openpyxl and python-docx read them back; LibreOffice converts them
as Excel or Word would save them). Figures for the survey fixtures are worked out by hand beside
each test."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from spreadkit.cli.importing import file_stem
from spreadkit.model.bank import Bank

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


ANSWER_HEADER = ["question", "rating", "note", "principle", "principle_id", "question_id"]


def _header(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[1]]


def test_template_workbook_has_the_drop_down_on_every_rating_cell(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", "Answers"]
    sheet = book["Answers"]
    questions = [q for _, q in bank.questions()]
    # What people read and answer first, where a laptop shows it; the ids last.
    assert _header(sheet) == ANSWER_HEADER
    assert [sheet.cell(row=r, column=1).value for r in range(2, len(questions) + 2)] == [
        q.text for q in questions
    ]
    assert [sheet.cell(row=r, column=6).value for r in range(2, len(questions) + 2)] == [
        q.id for q in questions
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=1).comment.text == questions[0].help

    (check,) = sheet.data_validations.dataValidation
    assert check.type == "list" and check.showErrorMessage and check.showInputMessage
    covered = {cell for cells in check.sqref.ranges for cell in _cells(cells.coord)}
    assert {f"B{r}" for r in range(2, len(questions) + 2)} <= covered
    # As Excel keeps a list from another sheet: a name for the cells, no "=" in the file.
    assert check.formula1 == "Ratings"
    with zipfile.ZipFile(path) as archive:
        assert "<formula1>Ratings</formula1>" in archive.read("xl/worksheets/sheet2.xml").decode()
    ((where, cells),) = book.defined_names["Ratings"].destinations
    listed = [c.value for (c,) in book[where][cells.replace("$", "")]]
    assert listed == [f"{lv.value} {lv.label}" for lv in bank.scale] + ["n/a"]

    words = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row)
    for level in bank.scale:
        assert level.description in words
    for needed in ("not applicable", "blank", "note", "send", "unprotect"):
        assert needed in words.lower()


def _cells(coord: str) -> list[str]:
    start, _, end = coord.partition(":")
    end = end or start
    column = start[0]
    return [f"{column}{r}" for r in range(int(start[1:]), int(end[1:]) + 1)]


def test_template_workbook_opens_only_the_answer_cells(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    book = load_workbook(path)
    for sheet in book.worksheets:
        # Protected, with no password: anyone can turn it off (Review > Unprotect Sheet).
        protection = sheet.protection
        assert protection.sheet is True, sheet.title
        assert not protection.password and not protection.hashValue, sheet.title
        # Rows and columns can still be resized, for a long note.
        assert protection.formatRows is False and protection.formatColumns is False
    instructions = book["Instructions"]
    assert all(c.protection.locked for row in instructions.iter_rows() for c in row)
    answers = book["Answers"]
    open_cells = {
        (c.row, _header(answers)[c.column - 1])
        for row in answers.iter_rows()
        for c in row
        if not c.protection.locked
    }
    rows = answers.max_row
    assert rows > 40
    assert open_cells == {(r, name) for r in range(2, rows + 1) for name in ("rating", "note")}


def test_template_workbook_prints_as_a_paper_form(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    book = load_workbook(path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == 9  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "&P of &N" in sheet.oddFooter.center.text
    # The Instructions fit A4 upright; the Answers sheet is wider, so it turns.
    assert book["Instructions"].page_setup.orientation == "portrait"
    answers = book["Answers"]
    assert answers.page_setup.orientation == "landscape"
    assert answers.print_title_rows == "$1:$1"  # the header row on every page
    # A form of what people read and write: the ids are left off the paper.
    assert answers.print_area == f"'Answers'!$A$1:$D${answers.max_row}"
    widths = {
        name: answers.column_dimensions[chr(ord("A") + i)].width
        for i, name in enumerate(ANSWER_HEADER)
    }
    assert widths["question"] >= 50 and widths["note"] >= 40 and 15 <= widths["rating"] <= 25
    row = list(answers[2])
    assert row[0].alignment.wrap_text and row[2].alignment.wrap_text
    # Lines to write on: gridlines and a border round every cell; rows two lines tall at least.
    assert answers.print_options.gridLines
    assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in row)
    assert all(answers.row_dimensions[r].height >= 30 for r in range(2, answers.max_row + 1))
    assert "0 " in answers.oddHeader.center.text and "n/a" in answers.oddHeader.center.text


def test_template_workbook_for_one_principle(invoke: Invoke, tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "benefit.xlsx"
    ok(invoke("template", "-f", "xlsx", "-o", str(path), "-p", "benefit"))
    sheet = load_workbook(path)["Answers"]
    benefit = bank.principle("benefit")
    assert benefit is not None
    assert sheet.max_row == len(benefit.questions) + 1
    (check,) = sheet.data_validations.dataValidation
    assert str(check.sqref) == f"B2:B{len(benefit.questions) + 1}"


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
        row[2] for row in load_workbook(workbook)["Answers"].iter_rows() if row[2].value == tricky
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


def test_a_template_filled_in_its_open_cells_reads_back(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    """Benefit, filled where the sheet lets you type: 3, 1, n/a, a note with no rating yet, 4,
    the rest blank. Score: 3 + 1 + 4 = 8 of 3 × 4 = 12 -> 66.67, shown as 66.7."""
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path), "-p", "benefit"))
    book = load_workbook(path)
    sheet = book["Answers"]
    names = _header(sheet)
    typed = [("3 Mostly in place", ""), ("1 Just starting", "Said at the huddle")]
    typed += [("n/a", ""), (None, "ask the board"), ("4 Fully in place, with evidence", "")]
    for row, (rating, note) in zip(sheet.iter_rows(min_row=2), typed, strict=False):
        for name, value in (("rating", rating), ("note", note)):
            cell = row[names.index(name)]
            assert cell.protection.locked is False, cell.coordinate
            cell.value = value
    book.save(path)

    principle = bank.principle("benefit")
    assert principle is not None
    ids = [q.id for q in principle.questions]
    read = as_json(invoke, "export", str(path))["answers"]
    assert {k: (v.get("rating"), v.get("note", "")) for k, v in read.items()} == {
        ids[0]: (3, ""),
        ids[1]: (1, "Said at the huddle"),
        ids[2]: ("n/a", ""),
        ids[3]: (None, "ask the board"),
        ids[4]: (4, ""),
    }
    scores = as_json(invoke, "summary", str(path))["principles"]
    benefit = next(p for p in scores if p["id"] == "benefit")
    assert (benefit["score"], benefit["not_applicable"]) == (66.7, 1)


def test_a_workbook_with_the_ids_first_still_reads(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """Workbooks made before the ids moved to the end, in the CSV sheet's column order."""
    path = write_answers(
        {
            "benefit.measure": (3, "Quarterly audit"),
            "learning.share": ("n/a", ""),
            "networks.pull": 1,
        }
    )
    workbook = tmp_path / "new.xlsx"
    ok(invoke("export", str(path), "-o", str(workbook)))
    sheet = load_workbook(workbook)["Answers"]
    names = _header(sheet)
    older = ["principle_id", "principle", "question_id", "question", "rating", "note"]
    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "Answers"
    for row in sheet.iter_rows(values_only=True):
        old.append([row[names.index(name)] for name in older])
    book.create_sheet("Instructions")
    book.save(tmp_path / "old.xlsx")
    expected = as_json(invoke, "summary", str(path))["principles"]
    for each in (workbook, tmp_path / "old.xlsx"):
        assert as_json(invoke, "summary", str(each))["principles"] == expected, each
    read = as_json(invoke, "export", str(tmp_path / "old.xlsx"))["answers"]
    assert read["benefit.measure"] == {"rating": 3, "note": "Quarterly audit"}


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


@pytest.mark.slow
@needs_office
def test_libreoffice_keeps_the_drop_down_and_the_protection(
    invoke: Invoke, tmp_path: Path, bank: Bank
) -> None:
    """LibreOffice opens the template and saves it as Excel again: the drop-down it wrote back
    is the one spreadkit wrote, so it read it as Excel keeps it."""
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    office(tmp_path, "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(path))
    ours, theirs = load_workbook(path), load_workbook(tmp_path / "out" / "sheet.xlsx")
    for book in (ours, theirs):
        (check,) = book["Answers"].data_validations.dataValidation
        last = 1 + sum(len(p.questions) for p in bank.principles)  # a row for each question
        assert (check.type, check.formula1, str(check.sqref)) == ("list", "Ratings", f"B2:B{last}")
        assert list(book.defined_names["Ratings"].destinations) == [("Instructions", "$A$9:$A$14")]
        assert all(sheet.protection.sheet for sheet in book.worksheets)
    assert not theirs["Answers"]["B2"].protection.locked
    assert theirs["Answers"]["F2"].protection.locked


@pytest.mark.slow
@needs_office
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_template_prints_as_a_form_of_few_pages(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    ok(invoke("template", "-o", str(path)))
    office(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path), str(path))
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "sheet.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pages = text.rstrip("\f").split("\f")
    # The Instructions on one page, then the 49 questions on three.
    assert len(pages) == 4
    assert "Rating scale" in pages[0]
    for page in pages[1:]:
        assert re.search(r"question +rating +note +principle", page), page[:300]
        assert "Rating: 0 Not yet considered" in page
        assert "question_id" not in page and "benefit.measure" not in page


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


def _numbers(sheet: Any, name: str) -> list[Any]:
    column = _header(sheet).index(name)
    return [row[column] for row in sheet.iter_rows(min_row=2)]


def test_team_and_plan_workbooks_are_tables_with_numbers_as_numbers(
    invoke: Invoke, tmp_path: Path
) -> None:
    team = tmp_path / "team.xlsx"
    ok(invoke("team", str(TEAM), *OLD_BANK, "-o", str(team)))
    plan = tmp_path / "plan.xlsx"
    ok(invoke("plan", str(TEAM), *OLD_BANK, "-o", str(plan)))
    for path in (team, plan):
        for sheet in load_workbook(path).worksheets:
            (table,) = sheet.tables.values()
            # The whole sheet, header and every row, is the table, with a filter on each column.
            assert table.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            assert [c.name for c in table.tableColumns] == _header(sheet)
            assert sheet.max_row > 2, sheet.title
            for row in sheet.iter_rows(min_row=2):
                assert any(c.value not in (None, "") for c in row), (sheet.title, row[0].row)
            assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"

    data = as_json(invoke, "team", str(TEAM), *OLD_BANK)
    book = load_workbook(team)
    summary = book["Summary"]
    # Scores as numbers shown to one decimal place; the overall row last, with who scored.
    for name in ("team score", "lowest", "highest"):
        cells = [c for c in _numbers(summary, name) if c.value is not None]
        assert cells and all(isinstance(c.value, int | float) for c in cells)
        assert {c.number_format for c in cells} == {"0.0"}
    last = [c.value for c in summary[summary.max_row]]
    assert last[0] == "Overall" and last[1] == data["overall"]["score"]
    assert last[4] == data["respondents"] and last[5] == data["overall"]["band"]
    questions = book["Questions"]
    for name in ("mean", "median"):
        cells = [c for c in _numbers(questions, name) if c.value is not None]
        assert cells and all(isinstance(c.value, int | float) for c in cells)
        assert {c.number_format for c in cells} == {"0.0"}
    assert {c.number_format for c in _numbers(questions, "n")} == {"0"}
    discuss = book["Discuss"]
    assert {c.number_format for c in _numbers(discuss, "mean")} == {"0.0"}
    ratings = [c.value for c in _numbers(discuss, "rating") if c.value is not None]
    assert ratings and all(isinstance(v, int) or v == "n/a" for v in ratings)
    rated = [c for c in _numbers(load_workbook(plan)["Plan"], "rating")]
    assert all(isinstance(c.value, int | float) and c.number_format == "0.0" for c in rated)


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
    """microsoft-forms.xlsx: ID, times, Email, Name, then the eight Leadership questions of bank
    1.1.0. The fifth, leadership.outward-thinking, was merged into leadership.across-boundaries
    in 1.2.0, which the file answers already, so that column is not used; the others are found by
    their 1.1.0 wording.
    Ana: 3 2 4 1 (0) n/a 2 3 = 15 of 6 × 4 = 24 -> 62.5
    Ben: 2 on seven, the eighth blank; without the fifth 12 of 24 -> 50.0
    Cy (no name, so the email): 4 4 3 3 (4) 4 3 3 = 24 of 28 -> 85.71
    Team: (62.5 + 50 + 85.71) / 3 = 66.07 -> 66.1, lowest 50.0, highest 85.7."""
    folder = tmp_path / "answers"
    result = ok(invoke("import", str(FORMS / "microsoft-forms.xlsx"), "-o", str(folder)))
    assert sorted(p.name for p in folder.iterdir()) == [
        "ana-lopez.json",
        "ben-okafor.json",
        "cy-nhs-example.json",
    ]
    told = " ".join(result.stderr.split())
    # The completion time dates each response, so it is not listed as unused.
    assert "dated each response from column C (Completion time)" in told, told
    assert (
        "not used (they name no question): A (ID), B (Start time), F (Last modified time)" in told
    )
    assert "Imported 3 people" in result.stderr
    people = {
        p.name: json.loads(p.read_text("utf-8"))["meta"]["respondent"] for p in folder.iterdir()
    }
    assert people["cy-nhs-example.json"] == "cy@nhs.example"
    for source in (folder, FORMS / "microsoft-forms.xlsx"):
        data = as_json(invoke, "team", str(source))
        leadership = next(p for p in data["principles"] if p["id"] == "leadership")
        assert (leadership["score"], leadership["min"], leadership["max"]) == (66.1, 50.0, 85.7)
        assert data["respondents"] == 3 and data["overall"]["score"] == 66.1
    ana = as_json(invoke, "summary", str(folder / "ana-lopez.json"))
    assert next(p for p in ana["principles"] if p["id"] == "leadership")["score"] == 62.5


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


def test_a_form_made_before_a_question_was_reworded_still_counts(
    invoke: Invoke, tmp_path: Path, bank_data: dict[str, Any]
) -> None:
    """A bank that rewords a question keeps its old wording in `earlier_texts`, so survey
    responses collected with the old form are read as before; without it the column is unused."""
    headers = (FORMS / "google-forms-grid.csv").read_text("utf-8").splitlines()[0]
    complexity = bank_data["principles"][0]
    old = next(q for q in complexity["questions"] if q["text"] in headers)
    old_text = old["text"]
    before = as_json(invoke, "team", str(FORMS / "google-forms-grid.csv"))
    old["text"] = "A wording no survey has seen?"

    forgotten = tmp_path / "forgotten.json"
    forgotten.write_text(json.dumps(bank_data), encoding="utf-8")
    result = ok(invoke("team", str(FORMS / "google-forms-grid.csv"), "--bank", str(forgotten)))
    assert "columns not used" in result.stderr and old_text[:20] in result.stderr

    old["earlier_texts"] = [old_text]
    remembered = tmp_path / "remembered.json"
    remembered.write_text(json.dumps(bank_data), encoding="utf-8")
    after = as_json(invoke, "team", str(FORMS / "google-forms-grid.csv"), "--bank", str(remembered))
    assert after["principles"] == before["principles"]


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
    for needed in ("Summary", "What to do next", "Strengths", "Answers by principle"):
        assert needed in names
    assert ("Heading 1", "Summary") in headings
    data = as_json(invoke, "summary", str(path))
    table = document.tables[0]
    # Its header row repeats on every page the table runs onto.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [(r[0], r[1]) for r in rows] == [
        (p["name"], "–" if p["score"] is None else f"{p['score']:.1f}") for p in data["principles"]
    ]
    # Each question to work on first is numbered under "What to do next", in its words.
    first = [p.text for p in document.paragraphs if p.text[:3] in {f"{n}.\t" for n in range(1, 6)}]
    assert 1 <= len(first) <= 5 and first[0].startswith("1.\tBenefit: How will you measure")
    text = _text(document) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
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

    from spreadkit.writers.picture import COLOURS, RANGE_OPACITY

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


def test_word_has_a_house_style_and_true_properties(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """Arial throughout, headings that step down a level at a time, page numbers in the footer,
    real links, numbers aligned right, notes upright, and properties that tell the truth."""
    import zipfile
    from datetime import UTC, datetime

    path = write_answers({"benefit.measure": (1, "No baseline yet")}, respondent="Ana")
    report = tmp_path / "report.docx"
    ok(invoke("export", str(path), "-o", str(report)))
    document = Document(str(report))
    styles = {s.style_id: s for s in document.styles}
    for style_id in ("Normal", "Title", "Heading1", "Heading2", "Heading3"):
        fonts = styles[style_id].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == "Arial" and fonts.get(qn("w:asciiTheme")) is None
    assert not styles["Quote"].font.italic
    # Headings step down without a gap: never from level 1 straight to level 3.
    levels = [
        int(p.style.name.split()[-1])
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert links and all(link.startswith("https://") for link in links)
    assert document.element.body.xpath(".//w:hyperlink")
    summary = document.tables[0]
    assert summary.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert summary.rows[1].cells[0].paragraphs[0].alignment is None
    properties = document.core_properties
    assert properties.title == "Virtual wards" and properties.author == "Ana"
    assert properties.created is not None and properties.modified is not None
    made = properties.created.replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - made).total_seconds()) < 600
    with zipfile.ZipFile(report) as package:
        for name in package.namelist():
            if name.endswith(".xml") and ("docProps" in name or "word/document" in name):
                assert b"python-docx" not in package.read(name), name


def test_a_team_report_workbook_read_as_answers_says_it_is_a_report(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    write_answers({"benefit.measure": 3}, name="a.json", respondent="A")
    report = tmp_path / "team.xlsx"
    ok(invoke("team", str(tmp_path / "a.json"), "-o", str(report)))
    result = invoke("summary", str(report))
    assert result.exit_code == 1
    assert "is a team report made by spreadkit team -f xlsx, not answers" in result.stderr
    assert "rename" not in result.stderr
