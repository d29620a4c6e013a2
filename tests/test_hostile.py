"""Files from anyone: a bank, answers, sheets and file names written by an attacker, driven through
every command and every format. Nothing may reach a terminal, a spreadsheet, a page, markdown or
SVG as live code or control bytes, and every output must stay well formed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from spreadkit.exports.sheet import filled
from spreadkit.model.answers import Answer, AnswersFile, Meta
from spreadkit.model.reports import PersonView
from spreadkit.model.safe import as_typed, cell, link, uncell, visible, xml_safe
from spreadkit.model.scoring import summarise
from spreadkit.readers.sheets import answers_from_rows

Invoke = Callable[..., Any]

TERMINAL = [
    "\x1b]0;pwned-title\x07",  # sets the window title
    "\x1b]52;c;ZXZpbA==\x07",  # writes the clipboard
    "\x1b[2J\x1b[H",  # clears the screen
    "\x1b]8;;https://evil.example\x1b\\hidden link\x1b]8;;\x1b\\",
    "\x9b31mC1 CSI",
    "bell\x07 and \x08backspace\x7f",
    "\u202edisguised",
]
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
MARKUP = ["[/]", "[link=https://evil.example]click[/link]", "[bold red]loud"]
HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea><b>x</b>"]
MARKDOWN = [
    "# heading",
    "![x](https://evil.example/i.png)",
    "[link](https://evil.example)",
    "<b>raw</b>",
]
NOT_XML = ["nul\x00", "vt\x0b", "\ufffe", "nel\x85"]
# Addresses that are not to be links: a control, a direction override that disguises where it
# leads, half a character, a character not in ASCII.
URLS = [
    "https://evil.example/\x01\ufffe",
    "https://evil.example/\u202egpj.exe",
    "https://evil.example/\ud800",
    "https://évil.example/",
]
EVERY = TERMINAL + FORMULAS + MARKUP + HTML + MARKDOWN + NOT_XML
PAYLOAD = " | ".join(EVERY)


def hostile_bank() -> dict[str, Any]:
    """The example bank with a payload in every piece of text it shows."""
    data: dict[str, Any] = json.loads((ROOT / "examples" / "workshop-bank.json").read_text("utf-8"))
    data["title"] = f"Bank {PAYLOAD}"
    data["version"] = "1.0 <script>x</script> [/]"
    data["source"] = {"title": f"Source {HTML[0]}", "url": "javascript:alert(1)"}
    for n, level in enumerate(data["scale"]):
        level["label"] = f"{level['label']} {EVERY[n % len(EVERY)]}"
        level["description"] = f"{level['description']} {MARKUP[0]}"
    for n, band in enumerate(data["bands"]):
        band["label"] = f"Band {EVERY[(n + 3) % len(EVERY)]} {MARKUP[0]}"
    for i, principle in enumerate(data["principles"]):
        principle["sources"] = [{"title": f"Source {i}", "url": URLS[i % len(URLS)]}]
        principle["resources"] = [
            {"title": f"Read {n} {EVERY[n]}", "url": url} for n, url in enumerate(URLS)
        ]
        principle["name"] = f"P{i} {EVERY[i % len(EVERY)]}"
        principle["title"] = f"Title {EVERY[(i + 1) % len(EVERY)]}"
        principle["summary"] = f"Summary {PAYLOAD}"
        for j, question in enumerate(principle["questions"]):
            question["text"] = f"Q{i}.{j} {EVERY[(i + j) % len(EVERY)]} {MARKUP[0]}"
            question["help"] = f"Help {EVERY[(i + j + 2) % len(EVERY)]}"
    return data


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    """A hostile bank, three people's answers (one a sheet) and a file name with escapes."""
    bank_data = hostile_bank()
    bank_path = tmp_path / "bank.json"
    bank_path.write_text(json.dumps(bank_data), encoding="utf-8")
    ids = [q["id"] for p in bank_data["principles"] for q in p["questions"]]
    team = tmp_path / "team"
    team.mkdir()
    files = {}
    for n, name in enumerate(["ana", f"ben\x1b]0;{name_payload()}\x07", "cy"]):
        answers = {
            qid: {"rating": (k + n * 2) % 5, "note": f"{EVERY[(k + n) % len(EVERY)]}\n{PAYLOAD}"}
            for k, qid in enumerate(ids)
        }
        document = {
            "format": "spreadkit-answers",
            "format_version": 1,
            "bank": {"id": bank_data["id"], "version": bank_data["version"]},
            "meta": {
                "title": f"Title {TERMINAL[0]} {MARKUP[1]}",
                "respondent": f"Who {n} {TERMINAL[1]} {HTML[0]}",
                "team": f"Team {MARKDOWN[1]}",
                "setting": f"Setting {FORMULAS[0]}",
            },
            "answers": answers,
            # What a survey's comment questions bring, on every principle.
            "comments": {
                principle["id"]: f"{EVERY[(k + n + 1) % len(EVERY)]}\n{PAYLOAD}"
                for k, principle in enumerate(bank_data["principles"])
            },
        }
        path = team / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        files[name] = path
    sheet = team / "dan.csv"
    rows = [["principle_id", "principle", "question_id", "question", "rating", "note"]]
    rows += [
        ["", "", qid, "", str(k % 5), cell(EVERY[k % len(EVERY)])] for k, qid in enumerate(ids)
    ]
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return {"bank": bank_path, "team": team, "ana": files["ana"], "sheet": sheet, "tmp": tmp_path}


def name_payload() -> str:
    return "file-title"


def commands(h: dict[str, Path]) -> Iterator[tuple[str, list[str]]]:
    """Every command and format, as (format, arguments)."""
    ana, team, sheet = str(h["ana"]), str(h["team"]), str(h["sheet"])
    yield "text", ["principles"]
    yield "text", ["questions"]
    yield "text", ["explain", ana]
    yield "text", ["bank", "validate", str(h["bank"])]
    for fmt in ("csv", "json"):
        yield fmt, ["template", "-f", fmt]
    for source in (ana, sheet):
        for fmt in ("text", "json", "markdown", "svg"):
            yield fmt, ["summary", source, "-f", fmt]
        for fmt in ("markdown", "html", "csv", "json"):
            yield fmt, ["export", source, "-f", fmt]
    for fmt in ("text", "json", "markdown", "html", "csv"):
        yield fmt, ["team", team, "-f", fmt, "--names"]
    for fmt in ("text", "json", "markdown", "html"):
        yield fmt, ["compare", team, ana, "-f", fmt]
    for fmt in ("xlsx", "forms"):
        yield fmt, ["template", "-f", fmt]
    for fmt in ("xlsx", "docx", "pptx"):
        yield fmt, ["export", sheet, "-f", fmt]
        yield fmt, ["team", team, "-f", fmt, "--names"]
        yield fmt, ["plan", team, "-f", fmt]
    for fmt in ("docx", "pptx", "svg", "png"):
        yield fmt, ["compare", team, ana, "-f", fmt]
    for fmt in ("svg", "png"):
        yield fmt, ["team", team, "-f", fmt, "--names"]
        yield fmt, ["plan", team, "-f", fmt]
    # The team's folder as a programme's one site, and as three rounds of a trend.
    for fmt in ("text", "markdown", "html", "json", "csv", "docx", "xlsx", "pptx"):
        yield fmt, ["programme", str(h["tmp"]), "-f", fmt, "--names", "--min-sites", "3"]
    for fmt in ("text", "markdown", "html", "json", "docx"):
        yield fmt, ["compare", team, ana, team, "-f", fmt]


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src"):
                self.links.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)


def check_document(fmt: str, data: bytes) -> None:
    """A workbook holds text as text (no formula, no link) and a Word file opens; neither holds a
    character their XML forbids."""
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for found in row:
                    assert found.data_type != "f" and found.hyperlink is None, found.coordinate
                    if isinstance(found.value, str):
                        assert not NOT_IN_XML.search(found.value), found.coordinate
    elif fmt == "png":
        assert Image.open(io.BytesIO(data)).size == (1920, 1080)
    elif fmt == "pptx":
        deck = Presentation(io.BytesIO(data))
        for page in deck.slides:
            for shape in page.shapes:
                frames = [shape.text_frame] if shape.has_text_frame else []
                if shape.has_table:
                    frames += [c.text_frame for row in shape.table.rows for c in row.cells]
                for frame in frames:
                    assert not NOT_IN_XML.search(frame.text)
                    for paragraph in frame.paragraphs:
                        for run in paragraph.runs:
                            address = run.hyperlink.address
                            assert address is None or link(address) == address, address
    else:
        document = Document(io.BytesIO(data))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for table in document.tables for row in table.rows for c in row.cells]
        assert not any(NOT_IN_XML.search(text) for text in texts)
        # The only links are to addresses that may be links (the guide's pages), never one that
        # runs something or an address with a space or quote in it.
        for rel in document.part.rels.values():
            if rel.is_external:
                assert link(rel.target_ref) == rel.target_ref, rel.target_ref
                assert rel.target_ref.isascii() and rel.target_ref.isprintable()
        # A band's name that turns the text right to left is held apart from the next band's.
        for text in texts:
            legend = text.partition("band edges (")[2]
            assert not re.search("\u202e[^\u2069]*, ", legend), legend


def check_output(fmt: str, out: str) -> None:
    """What each format must hold to, whatever the data."""
    if fmt in ("text", "markdown", "forms"):
        assert not CONTROL.search(out.replace("\r\n", "\n")), repr(CONTROL.search(out))
    if fmt in ("svg", "html"):
        assert not NOT_IN_XML.search(out), repr(NOT_IN_XML.search(out))
    if fmt == "text":
        # On a terminal even the marks that reorder text are shown, not obeyed.
        assert "\x1b" not in out and "\u202e" not in out
    elif fmt == "json":
        document = json.loads(out)
        assert "NaN" not in out and isinstance(document, dict)
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(out.removeprefix("\ufeff"))):
            assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), row
    elif fmt == "svg":
        ElementTree.fromstring(out)  # well formed
        assert "<script" not in out.lower() and "javascript:" not in out.lower()
    elif fmt == "html":
        tags = _Tags()
        tags.feed(out)
        assert "script" not in tags.tags and "img" not in tags.tags and "b" not in tags.tags
        assert not tags.handlers
        assert all(link(address) == address for address in tags.links), tags.links
        for svg in re.findall(r"<svg class=\"radar\".*?</svg>", out, flags=re.DOTALL):
            ElementTree.fromstring(svg)
    elif fmt == "markdown":
        for token in _tokens(MarkdownIt("commonmark").parse(out)):
            assert token.type not in ("html_block", "image"), token
            # The only markup is the writer's own: a line break in a table cell, and the empty
            # comment that keeps an e-mail address from being made a link.
            if token.type == "html_inline":
                assert token.content in ("<br>", "<!-- -->"), token
            if token.type == "link_open":
                assert link(str(token.attrGet("href"))), token


def _tokens(tokens: list[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def test_every_command_and_format_holds_with_hostile_files(
    invoke: Invoke, hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPREADKIT_BANK", str(hostile["bank"]))
    monkeypatch.setenv("COLUMNS", "100")
    seen = 0
    for fmt, args in commands(hostile):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        if fmt in ("xlsx", "docx", "pptx", "png"):
            check_document(fmt, result.stdout_bytes)
        else:
            check_output(fmt, result.stdout)
        assert not CONTROL.search(result.stderr), (args, result.stderr)
        seen += 1
    assert seen == 63


def test_markdown_headings_come_only_from_spreadkit(
    invoke: Invoke, hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPREADKIT_BANK", str(hostile["bank"]))
    report = invoke("export", str(hostile["ana"])).stdout
    tokens = MarkdownIt("commonmark").parse(report)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Title ")
    assert all(not h.startswith("heading") for h in headings)
    # The person's comments are there, under a heading of spreadkit's own.
    assert "Comments on the principles" in headings
    team = invoke("team", str(hostile["team"]), "-f", "markdown", "--names").stdout
    said = [
        t.content
        for t in _tokens(MarkdownIt("commonmark").parse(team))
        if t.type == "inline" and "# heading" in t.content
    ]
    assert said and all(not t.startswith("#") for t in said)
    # A line break in a note is a line break in the rendered report.
    html = MarkdownIt("commonmark").render(report)
    assert "<br" in html


def test_a_rich_closing_tag_breaks_nothing(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": (3, "[/] [bold]x")}, title="[/]")
    for args in (["summary", str(path)], ["explain", str(path)], ["team", str(path)]):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
    assert invoke("summary", str(path)).stdout.startswith("[/]\n")
    report = tmp_path / "report.md"
    result = invoke(
        "assess",
        "--from",
        str(path),
        "--no-input",
        "-o",
        str(tmp_path / "a.json"),
        "--markdown",
        str(report),
    )
    assert result.exit_code == 0, result.output
    assert report.exists()


def test_a_javascript_link_is_shown_as_text(
    invoke: Invoke, hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPREADKIT_BANK", str(hostile["bank"]))
    html = invoke("export", str(hostile["ana"]), "-f", "html").stdout
    assert 'href="javascript' not in html
    assert "(javascript:alert(1))" in html
    markdown = invoke("export", str(hostile["ana"])).stdout
    assert "(javascript:alert(1))" in markdown and "<javascript" not in markdown


@given(note=st.text(max_size=60))
def test_any_note_survives_a_sheet_byte_for_byte(note: str) -> None:
    from spreadkit.readers.banks import load_bank

    bank = load_bank()
    answers = AnswersFile.new(bank, Meta()).with_answer(
        "benefit.measure", Answer(rating=2, note=note)
    )
    sheet = filled(PersonView(bank, answers, summarise(bank, answers.answers)))
    rows = list(csv.reader(io.StringIO(sheet.removeprefix("\ufeff"))))
    back = answers_from_rows("sheet.csv", rows, bank, "R")
    assert back.answers["benefit.measure"].note == note
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for c in row)


@given(text=st.text(max_size=30))
def test_the_text_mark_is_exactly_undone(text: str) -> None:
    marked = cell(text)
    assert isinstance(marked, str) and uncell(marked) == text


@given(text=st.text(max_size=30))
def test_visible_and_xml_safe_leave_no_control(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", visible(text))
    ElementTree.fromstring(f"<a>{xml_safe(text).replace('&', '&amp;').replace('<', '&lt;')}</a>")


@pytest.mark.parametrize(
    "mark",
    [
        "\u061c",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ],
)
def test_every_mark_that_changes_the_direction_of_text_is_escaped_on_the_terminal(
    mark: str,
) -> None:
    """The Arabic letter mark (U+061C) among them, as the other direction marks."""
    assert visible(f"Ana{mark}Ben") == f"Ana\\u{ord(mark):04x}Ben"


# Numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("NaN", "NaN is not a number JSON allows"),
        ("Infinity", "Infinity is not a number JSON allows"),
        ("-Infinity", "-Infinity is not a number JSON allows"),
        ("1e400", "1e400 is too large a number"),
        ("9" * 5000, "a number of 5,000 digits is too large"),
    ],
)
def test_numbers_that_are_not_finite_are_refused_everywhere(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path], number: str, said: str
) -> None:
    bank_text = (ROOT / "examples" / "workshop-bank.json").read_text("utf-8")
    bank = tmp_path / "bank.json"
    bank.write_text(bank_text.replace('"weight": 2', f'"weight": {number}', 1), encoding="utf-8")
    for args in (["bank", "validate", str(bank)], ["principles", "--bank", str(bank)]):
        result = invoke(*args)
        assert result.exit_code == 1 and said in result.stderr, result.output
        assert re.search(r"line \d+, column \d+", result.stderr)
    answers = write_answers({"benefit.measure": 3})
    answers.write_text(
        answers.read_text("utf-8").replace(
            '"answers"', f'"targets": {{"benefit": {number}}}, "answers"'
        ),
        encoding="utf-8",
    )
    for args in (["summary", str(answers), "-f", "json"], ["team", str(answers)]):
        result = invoke(*args)
        assert result.exit_code == 1 and said in result.stderr, result.output


def test_weights_and_targets_must_be_in_range(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    data = json.loads((ROOT / "examples" / "workshop-bank.json").read_text("utf-8"))
    data["principles"][0]["weight"] = 1000
    bank = tmp_path / "bank.json"
    bank.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("bank", "validate", str(bank))
    assert result.exit_code == 1 and "a weight must be from 0 to 100, not 1000" in result.stdout
    answers = write_answers({"benefit.measure": 3})
    document = json.loads(answers.read_text("utf-8"))
    document["targets"] = {"nowhere": 50, "benefit": 150}
    answers.write_text(json.dumps(document), encoding="utf-8")
    result = invoke("summary", str(answers))
    assert result.exit_code == 1
    assert "$.targets.nowhere: 'nowhere' is not a principle in this bank" in result.stderr


# Limits ---------------------------------------------------------------------------------------


def test_reading_stops_at_the_limit_on_a_device(invoke: Invoke) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    for args in (
        ["summary", "/dev/zero"],
        ["bank", "validate", "/dev/zero"],
        ["team", "/dev/zero"],
    ):
        result = invoke(*args)
        assert result.exit_code == 1
        assert "more than 10 MB, too large" in result.stderr


def test_details_have_a_stated_length(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("assess", "--title", "x" * 201, "--no-input", "-o", str(tmp_path / "a.json"))
    assert result.exit_code == 2 and "at most 200 characters" in result.output


# Files ----------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="devices and pipes as POSIX names them")
def test_force_replaces_regular_files_only(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = str(write_answers({"benefit.measure": 3}))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(fifo), str(tmp_path)):
        result = invoke("export", path, "-f", "markdown", "-o", target, "--force")
        assert result.exit_code == 1, (target, result.output)
        assert "is not a regular file" in result.stderr or "is a folder" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and modes as POSIX has them")
def test_a_linked_answers_file_is_updated_where_it_points_with_its_permissions(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    real = write_answers({"benefit.measure": 3}, name="real.json")
    real.chmod(0o640)
    linked = tmp_path / "linked.json"
    linked.symlink_to(real)
    result = invoke("assess", "--no-input", "-o", str(linked), "--team", "Frailty")
    assert result.exit_code == 0, result.output
    assert linked.is_symlink() and linked.resolve() == real
    assert json.loads(real.read_text("utf-8"))["meta"]["team"] == "Frailty"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX's")
def test_new_files_follow_the_umask(invoke: Invoke, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert invoke("template", "-o", str(tmp_path / "sheet.csv")).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "sheet.csv").stat().st_mode) == 0o640


def test_a_long_name_gets_a_temporary_name_that_fits(invoke: Invoke, tmp_path: Path) -> None:
    long_name = "s" * 240 + ".csv"
    result = invoke("template", "-o", str(tmp_path / long_name))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [long_name]


def test_a_killed_runs_temporary_file_is_removed_at_the_next_save(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    from spreadkit.cli.writing import _temp_stem

    answers = write_answers({"benefit.measure": 3})
    # A temporary file as a run that was killed leaves it: its process is long gone.
    leftover = tmp_path / f"{_temp_stem(answers)}999999999.abcd.tmp"
    leftover.write_text("half", encoding="utf-8")
    result = invoke("assess", "--no-input", "-o", str(answers))
    assert result.exit_code == 0, result.output
    assert not leftover.exists()


def test_a_name_too_long_is_told_in_plain_words(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("template", "-o", str(tmp_path / ("x" * 300 + ".csv")))
    assert result.exit_code == 1
    assert "name too long" in result.stderr.lower()
    assert "went wrong inside" not in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")
def test_a_link_loop_in_a_team_folder_is_told_in_plain_words(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "loop.json").symlink_to(folder / "loop.json")
    good = write_answers({"benefit.measure": 3})
    (folder / "ana.json").write_text(good.read_text("utf-8"), encoding="utf-8")
    result = invoke("team", str(folder))
    assert result.exit_code in (0, 1)
    assert "went wrong inside" not in result.stderr


def test_the_same_file_twice_counts_once(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 3})
    result = invoke("team", str(tmp_path), str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"] == 1
    assert "given more than once; it is counted once" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need POSIX here")
def test_a_link_to_a_file_in_the_same_folder_counts_once(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 3}, respondent="Ana")
    (tmp_path / "also-ana.json").symlink_to(path)
    result = invoke("team", str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"] == 1
    assert "was given more than once; it is counted once" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 need Linux")
def test_names_that_are_not_utf8_are_shown_with_a_replacement(
    tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    write_answers({"benefit.measure": 0}, name="other.json")
    path = write_answers({"benefit.measure": 4})
    odd = os.fsencode(tmp_path) + b"/caf\xe9.json"
    Path(os.fsdecode(odd)).write_bytes(path.read_bytes())
    path.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "spreadkit", "team", os.fsencode(tmp_path), b"--names"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "caf\ufffd".encode() in result.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "spreadkit", "summary", b"/nowhere/\xff.json"],
        capture_output=True,
        check=False,
    )
    assert missing.returncode == 1 and "\ufffd.json: no such file".encode() in missing.stderr


@pytest.mark.skipif(os.name != "posix", reason="a closed pipe as POSIX reports it")
def test_output_closed_early_is_told_in_plain_words() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # whoever was to read the output has gone
    try:
        result = subprocess.run(
            [sys.executable, "-m", "spreadkit", "template"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert result.returncode == 1
    assert result.stderr == "Error: the output was closed before everything was written\n"


# In a real terminal ---------------------------------------------------------------------------

SGR = re.compile(rb"\x1b\[[0-9;]*m")


def _in_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    pexpect = pytest.importorskip("pexpect")
    script = Path(sys.executable).parent / "spreadkit"
    child = pexpect.spawn(str(script), args, env=env, timeout=30, dimensions=(40, 100))
    seen = io.BytesIO()
    child.logfile_read = seen
    child.expect(pexpect.EOF)
    child.close()
    return seen.getvalue()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal needs POSIX")
def test_nothing_from_a_file_sends_the_terminal_a_control(hostile: dict[str, Path]) -> None:
    """Rich's colours are the only escape sequences a reader's terminal receives."""
    env = {**os.environ, "SPREADKIT_BANK": str(hostile["bank"]), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    ana, team = str(hostile["ana"]), str(hostile["team"])
    runs = [
        ["principles"],
        ["questions"],
        ["summary", ana],
        ["summary", str(hostile["sheet"])],
        ["explain", ana],
        ["team", team, "--names"],
        ["compare", team, ana],
        ["bank", "validate", str(hostile["bank"])],
        ["export", ana],  # markdown read on the screen
        ["export", ana, "-f", "csv"],
        [
            "summary",
            str(hostile["tmp"] / "team" / f"ben\x1b]0;{name_payload()}\x07.json"),
            "-f",
            "bogus",
        ],
        ["summary", str(hostile["tmp"] / "missing\x1b]0;gone\x07.json")],
    ]
    for args in runs:
        shown = _in_a_terminal(args, env)
        assert shown.strip(), args
        leftover = SGR.sub(b"", shown).decode("utf-8", errors="replace")
        control = re.search(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]", leftover)
        assert control is None, (args, leftover[control.start() - 40 : control.end() + 40])


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal needs POSIX")
def test_the_prompts_show_a_hostile_bank_without_obeying_it(
    hostile: dict[str, Path], tmp_path: Path
) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {
        **os.environ,
        "SPREADKIT_BANK": str(hostile["bank"]),
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    script = Path(sys.executable).parent / "spreadkit"
    child = pexpect.spawn(
        str(script),
        ["assess", "-o", str(tmp_path / "a.json"), "--title", "T", "--respondent", "R"],
        env=env,
        timeout=30,
        dimensions=(40, 100),
    )
    seen = io.BytesIO()
    child.logfile_read = seen
    child.expect("Principle 1 of 7")
    child.expect("Description")
    child.send("2\r")
    child.expect("Note")
    child.send("\x03")
    child.expect(pexpect.EOF)
    shown = seen.getvalue()
    for sequence in (b"\x1b]0;pwned", b"\x1b]52;", b"\x1b]8;;https://evil", b"\x07"):
        assert sequence not in shown, sequence
    assert b"\\x1b]0;pwned-title\\x07" in shown or b"[link=" in shown


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal needs POSIX")
def test_the_consensus_round_shows_hostile_file_names_without_obeying_them(
    hostile: dict[str, Path],
) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "SPREADKIT_BANK": str(hostile["bank"]), "TERM": "xterm-256color"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    script = Path(sys.executable).parent / "spreadkit"
    output = str(hostile["tmp"] / "agreed\x1b]0;owned\x1b\\.json")
    args = ["agree", str(hostile["team"]), "--names", "--top", "1", "-o", output]
    child = pexpect.spawn(str(script), args, env=env, timeout=30, dimensions=(40, 100))
    seen = io.BytesIO()
    child.logfile_read = seen
    child.expect_exact("(number or letter, then Enter)")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    shown = seen.getvalue()
    # Only the prompts' own cursor and colour sequences reach the terminal: no title, no link,
    # no bell, from any file or folder name.
    assert b"\x1b]" not in shown and b"\x07" not in shown
    assert b"\\x1b]0;owned" in shown  # the -o name, shown as text in the carry-on command


def test_what_a_person_types_on_a_console_that_is_not_utf8_is_read_whole() -> None:
    assert as_typed("caf\udcc3\udca9 \udcc2\udca35") == "café £5"
    assert as_typed("caf\udce9") == "caf\ufffd"  # not UTF-8 either: replaced, nothing else lost
    assert as_typed("plain") == "plain"


# Workbooks built by hand, part by part, as a file emailed to a facilitator might be: damaged,
# disguised or made to cost far more to read than its size suggests.

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def _cell_xml(ref: str, value: object, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(
    rows: list[list[object]],
    *,
    before: str = "",
    after: str = "",
    styles: dict[str, int] | None = None,
) -> str:
    """A worksheet part holding `rows` (row 1 first); `styles` gives a style to cells by name."""
    from spreadkit.readers.common import column_letter

    body = "".join(
        f'<row r="{r}">'
        + "".join(
            _cell_xml(f"{column_letter(c)}{r}", v, (styles or {}).get(f"{column_letter(c)}{r}"))
            for c, v in enumerate(row)
            if v is not None
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return f'<worksheet xmlns="{_MAIN}">{before}<sheetData>{body}</sheetData>{after}</worksheet>'


def styles_xml(*codes: str) -> str:
    """Styles whose cell formats 1, 2, … show numbers with the custom formats `codes`."""
    formats = "".join(
        f'<numFmt numFmtId="{164 + n}" formatCode="{code}"/>' for n, code in enumerate(codes)
    )
    xfs = '<xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{164 + n}"/>' for n in range(len(codes)))
    return (
        f'<styleSheet xmlns="{_MAIN}"><numFmts>{formats}</numFmts>'
        f'<cellStyleXfs><xf numFmtId="9"/></cellStyleXfs><cellXfs>{xfs}</cellXfs></styleSheet>'
    )


def xlsx(
    path: Path,
    sheets: list[str] | str,
    *,
    names: list[tuple[str, str, str]] | None = None,
    strings: str | None = None,
    styles: str | None = None,
    workbook_extra: str = "",
    replace: dict[str, bytes] | None = None,
) -> Path:
    """A workbook made part by part: `names` gives each sheet's name, state and kind
    (worksheet or chartsheet)."""
    import zipfile

    names = names or [("Answers", "visible", "worksheet")]
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
        f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    }
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
        for i, (name, state, _) in enumerate(names, start=1)
    )
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>{entries}</sheets>'
        f"{workbook_extra}</workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_RELS}/{kind}" Target="{kind}s/sheet{i}.xml"/>'
        for i, (_, _, kind) in enumerate(names, start=1)
    )
    rels += f'<Relationship Id="rS" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rT" Type="{_RELS}/styles" Target="styles.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{_PACKAGE}">{rels}</Relationships>'
    )
    bodies = [sheets] if isinstance(sheets, str) else sheets
    for i, (_, _, kind) in enumerate(names, start=1):
        parts[f"xl/{kind}s/sheet{i}.xml"] = bodies[min(i, len(bodies)) - 1]
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    if styles is not None:
        parts["xl/styles.xml"] = styles
    parts.update(replace or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text if isinstance(text, bytes) else text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def answer_rows(bank: Any) -> list[list[object]]:
    ids = [question.id for _, question in bank.questions()][:5]
    return [["question_id", "rating"], *([qid, 3] for qid in ids)]


def _unreadable(result: Any, path: Path) -> None:
    """Refused as the file's fault, on one line naming it, never as spreadkit's."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], result.stderr
    assert "not a readable Excel workbook" in lines[0], result.stderr
    assert "went wrong" not in result.output and "Traceback" not in result.output


def _damaged_deflate(path: Path, rows: list[list[object]]) -> Path:
    xlsx(path, sheet_xml(rows))
    data = bytearray(path.read_bytes())
    at = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 8
    data[at : at + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    return path


def _encrypted(path: Path, rows: list[list[object]]) -> Path:
    """Excel saves a workbook with a password as a compound document, not a zip."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


_DAMAGED: dict[str, Callable[[Path, list[list[object]]], Path]] = {
    "malformed sheet XML": lambda p, rows: xlsx(p, sheet_xml(rows).replace("</row>", "", 1)),
    "an undefined entity": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace("<row ", "&boom;<row ", 1)
    ),
    "a document type with entities": lambda p, rows: xlsx(
        p,
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        + sheet_xml(rows).replace("question_id", "&b;question_id"),
    ),
    "damaged deflate data": _damaged_deflate,
    "a password (an encrypted package)": _encrypted,
    "a shared-string index out of range": lambda p, rows: xlsx(
        p,
        sheet_xml(rows).replace('t="inlineStr"><is><t>question_id</t></is>', 't="s"><v>7</v>'),
        strings=f'<sst xmlns="{_MAIN}"><si><t>x</t></si></sst>',
    ),
    "text in a number cell": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace("<v>3</v>", "<v>three</v>", 1)
    ),
    "NaN in a value": lambda p, rows: xlsx(p, sheet_xml(rows).replace("<v>3</v>", "<v>NaN</v>", 1)),
    "a date that is no date": lambda p, rows: xlsx(
        p,
        sheet_xml(rows)
        .replace("<v>3</v>", "<v>1e300</v>", 1)
        .replace('"><v>1e300', '" s="1"><v>1e300', 1),
        styles=styles_xml("yyyy-mm-dd"),
    ),
    "a typed date that is no date": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace("><v>3</v>", ' t="d"><v>2026-13-45</v>', 1)
    ),
    "a reference that is no cell": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace('r="B2"', 'r="B0"', 1)
    ),
    "a reference out of place": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace('r="B2"', 'r="B9"', 1)
    ),
    "a true-or-false that is neither": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace("><v>3</v>", ' t="b"><v>7</v>', 1)
    ),
    "a cell longer than Excel allows": lambda p, rows: xlsx(
        p, sheet_xml(rows).replace("<t>rating</t>", "<t>" + "x" * 32_768 + "</t>", 1)
    ),
    "a chart sheet named Answers": lambda p, rows: xlsx(
        p, "<chartsheet/>", names=[("Answers", "visible", "chartsheet")]
    ),
    "no workbook part": lambda p, rows: xlsx(
        p,
        sheet_xml(rows),
        replace={
            "_rels/.rels": f'<Relationships xmlns="{_PACKAGE}"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/elsewhere.xml"/></Relationships>'.encode()
        },
    ),
}


@pytest.mark.parametrize("damage", sorted(_DAMAGED))
def test_a_damaged_workbook_is_refused_as_the_files_fault(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]], damage: str
) -> None:
    path = _DAMAGED[damage](tmp_path / "sam.xlsx", answer_rows)
    _unreadable(invoke("summary", str(path)), path)


def test_a_damaged_workbook_in_a_team_folder_is_named(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    xlsx(team / "ana.xlsx", sheet_xml(answer_rows))
    for n, damage in enumerate(sorted(_DAMAGED)):
        bad = _DAMAGED[damage](team / f"zz{n}.xlsx", answer_rows)
        result = invoke("team", str(team), "-f", "json")
        _unreadable(result, bad)
        bad.unlink()
    assert invoke("team", str(team), "-f", "json").exit_code == 0


def test_a_sound_workbook_built_by_hand_is_read(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    """The reader reads what Excel writes: shared strings, rich text, _x000D_, numbers as 3.0,
    an odd defined name and a data-validation extension (which it has no need of)."""
    strings = (
        f'<sst xmlns="{_MAIN}" count="2"><si><t>question_id</t></si>'
        "<si><r><t>rat</t></r><r><rPr><b/></rPr><t>ing</t></r></si>"
        "<si><t>first_x000D_line</t></si></sst>"
    )
    rows = [list(row) for row in answer_rows]
    body = sheet_xml(
        rows, after='<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst>'
    )
    body = body.replace('t="inlineStr"><is><t>question_id</t></is>', 't="s"><v>0</v>')
    body = body.replace('t="inlineStr"><is><t>rating</t></is>', 't="s"><v>1</v>')
    body = body.replace("<v>3</v>", "<v>3.0</v>", 1)
    extra = '<definedNames><definedName name="_xlnm._FilterDatabase" hidden="1">\x01\x1b]0;x\x07</definedName></definedNames>'
    path = xlsx(
        tmp_path / "sam.xlsx",
        body,
        strings=strings,
        workbook_extra=extra.replace("\x01", "").replace("\x1b", "").replace("\x07", ""),
    )
    result = invoke("summary", str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert json.loads(result.stdout)["answered"] == 5


def test_only_a_visible_answers_sheet_is_read(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    plain = xlsx(tmp_path / "plain.xlsx", sheet_xml(answer_rows))
    expected = json.loads(invoke("summary", str(plain), "-f", "json").stdout)["overall"]
    hidden = [[row[0], 0 if n else row[1]] for n, row in enumerate(answer_rows)]
    for state in ("hidden", "veryHidden"):
        path = xlsx(
            tmp_path / f"{state}.xlsx",
            [sheet_xml(hidden), sheet_xml(answer_rows)],
            names=[("Answers", state, "worksheet"), ("answers ", "visible", "worksheet")],
        )
        result = invoke("summary", str(path), "-f", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["overall"] == expected  # not the hidden sheet's zeros


@pytest.mark.parametrize(
    ("code", "stored"),
    [(";;;", 3), ('0" Fully in place"', 0), ('"4 Fully in place"', 0), ("0%", 1)],
)
def test_a_rating_shown_as_something_else_is_refused_naming_the_cell(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]], code: str, stored: int
) -> None:
    rows = [list(row) for row in answer_rows]
    rows[2][1] = stored
    path = xlsx(
        tmp_path / "sam.xlsx",
        sheet_xml(rows, styles={"B3": 1}),
        styles=styles_xml(code.replace('"', "&quot;")),
    )
    result = invoke("summary", str(path))
    assert result.exit_code == 1, result.output
    assert (
        f"{path} (sheet Answers): row 3, column B (rating): cell B3 is formatted" in result.stderr
    )
    assert "went wrong" not in result.output


def test_text_hidden_by_its_format_is_refused_too(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    rows = [list(row) for row in answer_rows]
    rows[3][1] = "4"
    path = xlsx(tmp_path / "sam.xlsx", sheet_xml(rows, styles={"B4": 1}), styles=styles_xml(";;;"))
    result = invoke("summary", str(path))
    assert result.exit_code == 1 and "cell B4 is formatted" in result.stderr, result.output


def test_plain_number_formats_are_read_as_they_are(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    path = xlsx(
        tmp_path / "sam.xlsx",
        sheet_xml(answer_rows, styles={"B2": 1, "B3": 2, "B4": 3}),
        styles=styles_xml("0", "0.00", "General"),
    )
    result = invoke("summary", str(path), "-f", "json")
    assert result.exit_code == 0, result.output


def test_a_rating_merged_across_rows_is_refused_naming_the_cells(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    rows = [list(row) for row in answer_rows]
    for row in rows[3:]:
        row[1] = None
    path = xlsx(
        tmp_path / "sam.xlsx",
        sheet_xml(rows, after='<mergeCells count="1"><mergeCell ref="B3:B6"/></mergeCells>'),
    )
    result = invoke("summary", str(path))
    assert result.exit_code == 1, result.output
    assert "row 3, column B (rating): cells B3:B6 are merged into one" in result.stderr


def test_a_workbook_that_takes_too_long_is_left_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock is looked at as the rows go by: with no time allowed, the 256th row stops it."""
    from spreadkit.model.errors import InputFileError
    from spreadkit.readers import workbooks

    path = xlsx(tmp_path / "slow.xlsx", _big_sheet(300, 2))
    assert len(workbooks.workbook_rows(path)[1]) == 300
    monkeypatch.setattr(workbooks, "MAX_READ_SECONDS", 0.0)
    with pytest.raises(InputFileError, match=r"slow\.xlsx: took more than 0 seconds to read"):
        workbooks.workbook_rows(path)


def _big_sheet(rows: int, columns: int) -> str:
    """A survey-like sheet of plain numbers, written fast."""
    from spreadkit.readers.common import column_letter

    letters = [column_letter(c) for c in range(columns)]
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>3</v></c>' for x in letters) + "</row>"
        for r in range(1, rows + 1)
    )
    return f'<worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>'


def _hostile_workbooks(folder: Path, *, heavy: bool = True) -> dict[str, tuple[Path, str]]:
    """Small files made to cost far more to read than their size, and what each is told; the
    heavy ones (millions of parts, slow to make) only when asked for."""
    found = {
        "a declared dimension of the whole sheet": (
            xlsx(
                folder / "dimension.xlsx",
                f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>'
                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>',
            ),
            "says it spans A1:XFD1048576",
        ),
        "one cell at the last row": (
            xlsx(
                folder / "last-row.xlsx",
                f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1048576"><c r="A1048576">'
                "<v>1</v></c></row></sheetData></worksheet>",
            ),
            "more than 200,000 rows",
        ),
    }
    if not heavy:
        return found
    row_of_cells = "<c/>" * 3_000_000
    return found | {
        "one row of millions of cells without references": (
            xlsx(
                folder / "one-row.xlsx",
                f'<worksheet xmlns="{_MAIN}"><sheetData><row>{row_of_cells}</row></sheetData></worksheet>',
            ),
            "holds more cells than Excel allows",
        ),
        "millions of shared strings": (
            xlsx(
                folder / "strings.xlsx",
                _big_sheet(1, 1),
                strings=f'<sst xmlns="{_MAIN}">' + "<si><t>a</t></si>" * 1_100_000 + "</sst>",
            ),
            "holds more than 1,000,000 pieces of text",
        ),
        "rows reaching a far column": (
            xlsx(
                folder / "far.xlsx",
                f'<worksheet xmlns="{_MAIN}"><sheetData>'
                + "".join(
                    f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="ALL{r}"><v>1</v></c></row>'
                    for r in range(1, 20_000)
                )
                + "</sheetData></worksheet>",
            ),
            "holds more than 1,000,000 cells",
        ),
    }


def _cost(path: Path) -> tuple[float, int]:
    """Seconds and peak bytes of memory to read (or refuse) a workbook, in this process."""
    import time
    import tracemalloc

    from spreadkit.model.errors import InputFileError
    from spreadkit.readers.workbooks import workbook_rows

    start = time.perf_counter()
    with contextlib.suppress(InputFileError):
        workbook_rows(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    with contextlib.suppress(InputFileError):
        workbook_rows(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def test_a_workbook_made_to_cost_more_than_its_size_is_refused_naming_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The quick ones here; the slow run makes the heavy ones too, and measures them."""
    for name, (path, said) in _hostile_workbooks(tmp_path, heavy=False).items():
        result = invoke("summary", str(path))
        assert result.exit_code == 1, (name, result.output)
        assert said in result.stderr and str(path) in result.stderr, (name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.slow
@pytest.mark.slow
def test_no_workbook_costs_more_to_refuse_than_a_legitimate_one_costs_to_read(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The bound is on work, not on the clock: each hostile workbook is refused in no more time
    and memory than a survey of the largest size allowed (25,000 people, 40 questions, every cell
    a different text) takes to read, measured side by side in this process."""
    texts = 24_999 * 40
    strings = f'<sst xmlns="{_MAIN}">' + "".join(f"<si><t>{n}</t></si>" for n in range(texts))
    body = _big_sheet(24_999, 40)
    counter = iter(range(texts))
    body = re.sub(r"<v>3</v>", lambda _: f"<v>{next(counter)}</v>", body)
    body = body.replace("<c ", '<c t="s" ')
    normal = xlsx(tmp_path / "normal.xlsx", body, strings=strings + "</sst>")
    normal_seconds, normal_peak = min(_cost(normal) for _ in range(2))
    for name, (path, said) in _hostile_workbooks(tmp_path).items():
        result = invoke("summary", str(path))
        assert result.exit_code == 1 and said in result.stderr, (name, result.output)
        seconds, peak = min(_cost(path) for _ in range(2))
        assert seconds < 1.5 * normal_seconds, (name, seconds, normal_seconds)
        assert peak < 1.5 * normal_peak, (name, peak, normal_peak)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="a Ctrl+C sent as a signal needs POSIX")
def test_ctrl_c_in_the_first_moments_of_a_command_is_one_line(
    write_answers: Callable[..., Path],
) -> None:
    """Ctrl+C while Python and the libraries are still loading, or as the command starts: exit
    130 and "Stopped.", or the finished output; never a traceback. The signal is held back until
    spreadkit's own code runs (as if pressed in the moments before), then sent at moments through
    the start."""
    import signal
    import time

    path = write_answers({"benefit.measure": 3})
    command = [str(Path(sys.executable).parent / "spreadkit"), "summary", str(path), "-f", "json"]
    for moment in (0.0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.5):
        running = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}),
        )
        time.sleep(moment)
        running.send_signal(signal.SIGINT)
        out, err = running.communicate(timeout=60)
        assert "Traceback" not in err and "Exception ignored" not in err, (moment, err)
        if running.returncode == 130:
            assert err.strip() == "Stopped.", (moment, err)
        else:
            assert running.returncode == 0 and json.loads(out), (moment, running.returncode, err)


def _repeat(text: str, key: str, value: str) -> str:
    """The JSON text with `"key": value` given again, first in its object."""
    return text.replace(f'"{key}": ', f'"{key}": {value}, "{key}": ', 1)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("benefit.measure", '{"rating": 0, "note": ""}'),
        ("rating", "0"),
        ("note", '"first"'),
        ("respondent", '"Someone else"'),
        ("answers", "{}"),
        ("title", '"Another"'),
        ("team", '"Another team"'),
        ("setting", '"Elsewhere"'),
        ("id", '"another-bank"'),
        ("version", '"0.1.0"'),
        ("format_version", "1"),
        ("targets", "{}"),
        ("updated", '"2020-01-01T00:00:00Z"'),
    ],
)
def test_a_name_given_twice_in_a_json_file_is_refused_with_where(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path], key: str, value: str
) -> None:
    """JSON readers quietly keep the last of a name given twice; spreadkit refuses it, in a
    file read on its own and in a team, whichever name it is."""
    path = write_answers(
        {"benefit.measure": (3, "mine"), "benefit.evidence": 2},
        respondent="Ana",
        team="Ward 7",
        setting="Community",
    )
    document = json.loads(path.read_text("utf-8"))
    document["targets"] = {}
    text = json.dumps(document, indent=2)
    assert f'"{key}": ' in text
    path.write_text(_repeat(text, key, value), encoding="utf-8")
    result = invoke("summary", str(path))
    assert result.exit_code == 1, result.output
    assert re.search(
        rf"{re.escape(str(path))}: line \d+, column \d+: \"{re.escape(key)}\" is given twice",
        result.stderr,
    ), result.stderr
    other = write_answers({"benefit.measure": 1}, name="ben.json", respondent="Ben")
    result = invoke("team", str(path), str(other), "-f", "json")
    assert result.exit_code == 1 and "is given twice" in result.stderr, result.output


def test_a_name_given_twice_in_a_bank_or_a_plan_is_refused(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    bank = tmp_path / "bank.json"
    text = (ROOT / "examples" / "workshop-bank.json").read_text("utf-8")
    bank.write_text(_repeat(text, "weight", "0"), encoding="utf-8")
    result = invoke("bank", "validate", str(bank))
    assert result.exit_code == 1 and '"weight" is given twice' in result.output, result.output
    answers = write_answers({"benefit.measure": 1})
    plan = tmp_path / "plan.json"
    assert invoke("plan", str(answers), "-f", "json", "-o", str(plan)).exit_code == 0
    plan.write_text(
        _repeat(json.dumps(json.loads(plan.read_text("utf-8")), indent=2), "format", '"x"'),
        encoding="utf-8",
    )
    result = invoke("plan", str(answers), "--from", str(plan))
    assert result.exit_code == 1 and '"format" is given twice' in result.stderr, result.output


def test_a_workbook_in_strict_open_xml_is_read(
    invoke: Invoke, tmp_path: Path, answer_rows: list[list[object]]
) -> None:
    """Excel's "Strict Open XML Spreadsheet" uses namespaces of its own."""
    import zipfile

    plain = xlsx(tmp_path / "plain.xlsx", sheet_xml(answer_rows))
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(strict, "w") as target:
        for name in source.namelist():
            text = source.read(name).decode("utf-8")
            text = text.replace(_MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main")
            text = text.replace(_RELS, "http://purl.oclc.org/ooxml/officeDocument/relationships")
            target.writestr(name, text)
    expected = json.loads(invoke("summary", str(plain), "-f", "json").stdout)["overall"]
    result = invoke("summary", str(strict), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overall"] == expected


def test_a_librarys_warning_is_never_printed(
    invoke: Invoke,
    tmp_path: Path,
    answer_rows: list[list[object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As openpyxl's were: quoting a file's control characters, or a path on this computer."""
    import warnings

    from spreadkit.readers import workbooks

    reading = workbooks.workbook_rows

    def warned(path: Path, prefer: str = "Answers") -> Any:
        warnings.warn(
            "\x1b]0;pwned\x07 Data Validation extension is not supported (/usr/lib/site-packages)",
            UserWarning,
            stacklevel=1,
        )
        return reading(path, prefer)

    monkeypatch.setattr(workbooks, "workbook_rows", warned)
    path = xlsx(tmp_path / "sam.xlsx", sheet_xml(answer_rows))
    result = invoke("summary", str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
