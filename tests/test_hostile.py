"""Files from anyone: a bank, answers, sheets and file names written by an attacker, driven through
every command and every format. Nothing may reach a terminal, a spreadsheet, a page, markdown or
SVG as live code or control bytes, and every output must stay well formed.
"""

from __future__ import annotations

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
NOT_XML = ["nul\x00", "vt\x0b", "\ufffe"]
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


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    assert seen == 50


def test_markdown_headings_come_only_from_spreadkit(
    invoke: Invoke, hostile: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPREADKIT_BANK", str(hostile["bank"]))
    report = invoke("export", str(hostile["ana"])).stdout
    tokens = MarkdownIt("commonmark").parse(report)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Title ")
    assert all(not h.startswith("heading") for h in headings)
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
