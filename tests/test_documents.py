"""One report, written once: every report is built as one document, and every format shows the same
headings in the same order and the same cells in every table. Each format is read back as its
reader would meet it: markdown with markdown-it, HTML with an HTML parser, Word with python-docx,
and the terminal as the text it prints."""

from __future__ import annotations

import io
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from docx import Document as open_docx
from markdown_it import MarkdownIt

from spreadkit.cli import formats
from spreadkit.cli.planning import make_plan
from spreadkit.cli.views import comparison, person, report, team
from spreadkit.documents.comparison import compare_document
from spreadkit.documents.person import full_document, summary_document
from spreadkit.documents.plan import plan_document
from spreadkit.documents.team import team_document
from spreadkit.documents.tree import Document, Table, headings, plain, walk
from spreadkit.model import reports
from spreadkit.readers.banks import load_bank
from spreadkit.writers import html, markdown, terminal, word
from spreadkit.writers.terminal import Drawing

FIXTURES = ROOT / "tests" / "fixtures"
BANK = FIXTURES / "bank-1.0.0.json"
TEAM = FIXTURES / "team"
ANA = TEAM / "ana.json"
REVIEW = FIXTURES / "ana-review.json"


def _quiet(_: str) -> None:
    return None


def _documents(tmp_path: Path) -> dict[str, Document]:
    bank = load_bank(BANK)
    one = person(ANA, BANK, None, _quiet)
    text = formats.TABLE["team"][0]
    named = team(
        bank,
        [TEAM],
        text,
        _quiet,
        names=True,
        disagree=2,
        principle_ids=[p.id for p in bank.principles],
        allow_duplicates=False,
    )._replace(report=report("Frailty team"), top=4, more="spreadkit team tests --all")
    plan, source = make_plan(bank, [TEAM], None, _quiet, top=10)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(plan.to_file().model_dump_json(), encoding="utf-8")
    compared = comparison(bank, TEAM, REVIEW, plan_file, _quiet)._replace(report=report(""))
    return {
        "person": full_document(one),
        "summary": summary_document(one._replace(more="spreadkit summary ana.json --all")),
        "team": team_document(named),
        "compare": compare_document(compared),
        "plan": plan_document(reports.PlanView(plan, "spreadkit plan tests --all", source)),
    }


def _tables(document: Document) -> list[list[list[str]]]:
    """Every table's rows, header first, as the words in each cell."""
    found = []
    for block in walk(document.blocks):
        if isinstance(block, Table):
            rows = [[column.name for column in block.columns]]
            rows += [[plain(cell.content) for cell in row] for row in block.rows]
            if block.total is not None:
                rows.append([plain(cell.content) for cell in block.total])
            found.append(_words(rows))
    return found


def _words(tables: list[list[str]]) -> list[list[str]]:
    """Cells compared by their words: a line break in a note may be a space in another format."""
    return [[" ".join(cell.split()) for cell in row] for row in tables]


def _expected_headings(document: Document) -> list[str]:
    return [document.title] + [words for _, words in headings(document)]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag.startswith("h") and tag[1:].isdigit() and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        for part in (self._heading, self._cell):
            if part is not None:
                part.append(data)


def _from_markdown(text: str) -> tuple[list[str], list[list[list[str]]]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found_headings: list[str] = []
    tables: list[list[list[str]]] = []
    inside: str | None = None
    for token in tokens:
        if token.type in ("heading_open", "th_open", "td_open"):
            inside = token.type
        elif token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type == "inline" and inside is not None:
            # A line break (<br> in a table cell) reads as a space.
            words = "".join(
                child.content if child.type in ("text", "code_inline") else " "
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "html_inline")
            )
            if inside == "heading_open":
                found_headings.append(words)
            else:
                tables[-1][-1].append(words)
            inside = None
    return found_headings, tables


def _from_word(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = open_docx(io.BytesIO(data))
    found = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Title", "Heading"))
    ]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return found, tables


def _terminal_text(drawing: Drawing) -> str:
    from spreadkit.writers.drawing import render_text

    return render_text(drawing, width=400)


Reader = Callable[[Document], tuple[list[str], list[list[list[str]]]]]


def _read_markdown(document: Document) -> tuple[list[str], list[list[list[str]]]]:
    return _from_markdown(markdown.write(document))


def _read_html(document: Document) -> tuple[list[str], list[list[list[str]]]]:
    page = _Page()
    page.feed(html.write(document))
    return page.headings, page.tables


def _read_word(document: Document) -> tuple[list[str], list[list[list[str]]]]:
    return _from_word(word.write(document))


READERS: dict[str, Reader] = {"markdown": _read_markdown, "html": _read_html, "docx": _read_word}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    return _documents(tmp_path_factory.mktemp("documents"))


@pytest.mark.parametrize("report_name", ["person", "summary", "team", "compare", "plan"])
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_format_shows_the_same_headings_and_cells(
    documents: dict[str, Document], report_name: str, fmt: str
) -> None:
    document = documents[report_name]
    found_headings, tables = READERS[fmt](document)
    assert found_headings == _expected_headings(document)
    assert [_words(table) for table in tables] == _tables(document)


@pytest.mark.parametrize("report_name", ["summary", "team", "compare", "plan"])
def test_the_terminal_shows_the_same_headings_in_order_and_every_cell(
    documents: dict[str, Document], report_name: str
) -> None:
    document = documents[report_name]
    text = _terminal_text(terminal.write(document))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    position = 0
    for heading in _expected_headings(document):
        position = next(i for i in range(position, len(lines)) if lines[i].endswith(heading)) + 1
    # Each row of each table is one line, its cells in order between the rules.
    for table in _tables(document):
        for row in table[1:]:
            assert any(
                [cell.strip() for cell in line.strip("│┃ ").split("│") if cell.strip()][: len(row)]
                == [" ".join(cell.split()) for cell in row]
                or all(" ".join(cell.split()) in line for cell in row)
                for line in lines
            ), row


def test_every_report_shows_a_question_by_its_words_never_its_id(
    documents: dict[str, Document],
) -> None:
    bank = load_bank(BANK)
    ids = [question.id for _, question in bank.questions()]
    for name, document in documents.items():
        written = markdown.write(document) + html.write(document)
        assert not [qid for qid in ids if qid in written], name


def test_a_command_to_type_is_code_in_every_document(
    documents: dict[str, Document], tmp_path: Path
) -> None:
    team_document_ = documents["team"]
    assert "`spreadkit team tests --all`" in markdown.write(team_document_)
    assert "<code>spreadkit team tests --all</code>" in html.write(team_document_)
    data = word.write(team_document_)
    runs = [
        run
        for paragraph in open_docx(io.BytesIO(data)).paragraphs
        for run in paragraph.runs
        if run.text == "spreadkit team tests --all"
    ]
    assert runs and runs[0].font.name == "Consolas"


def test_a_path_in_a_command_keeps_its_underscores() -> None:
    from spreadkit.documents.tree import Command, Section

    document = Document(
        "T", (), (Section(2, ("S",), (Command(("Type:",), "spreadkit summary my_file.json"),)),)
    )
    assert "`spreadkit summary my_file.json`" in markdown.write(document)


def test_a_direction_override_in_one_name_cannot_reorder_the_next(
    write_answers: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    """A right-to-left override in one person's name is held inside that name: in HTML by <bdi>,
    in Word and in the names joined on one line by an isolate, which ends where the name ends."""
    override = "Eve\u202e evil"
    write_answers({"benefit.measure": (0, "Note\u202e tail")}, name="a.json", respondent=override)
    write_answers({"benefit.measure": 4}, name="b.json", respondent="Ben")
    files = [str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    page = invoke("team", *files, "--names", "-f", "html").stdout
    assert "<bdi>Eve\u202e evil</bdi>" in page or "\u2068Eve\u202e evil\u2069" in page
    assert "<bdi>Note\u202e tail</bdi>" in page
    report = tmp_path / "team.docx"
    assert invoke("team", *files, "--names", "-o", str(report)).exit_code == 0
    words = "\n".join(p.text for p in open_docx(str(report)).paragraphs)
    assert "\u2068Eve\u202e evil\u2069" in words and "\u2068Note\u202e tail\u2069" in words
    assert "\u202e" not in words.replace("\u2068Eve\u202e evil\u2069", "").replace(
        "\u2068Note\u202e tail\u2069", ""
    )


def test_a_name_written_right_to_left_is_held_apart_from_the_ratings_and_names_beside_it(
    write_answers: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    """Arabic or Hebrew letters draw the numbers and commas next to them into their direction:
    "1: <Arabic name>, Red" could read as if Red gave the 1. Each such name is an isolate."""
    arabic = "\u0645\u0631\u064a\u0645 \u0627\u0644\u062d\u0633\u0646"
    write_answers({"benefit.measure": 1}, name="a.json", respondent=arabic)
    write_answers({"benefit.measure": 1}, name="b.json", respondent="Red")
    write_answers({"benefit.measure": 4}, name="c.json", respondent="Ben")
    files = [str(tmp_path / name) for name in ("a.json", "b.json", "c.json")]
    report = tmp_path / "team.docx"
    assert invoke("team", *files, "--names", "-o", str(report)).exit_code == 0
    words = "\n".join(p.text for p in open_docx(str(report)).paragraphs)
    assert f"1: \u2068{arabic}\u2069, Red" in words
    page = invoke("team", *files, "--names", "-f", "html").stdout
    assert f"<bdi>{arabic}</bdi>" in page or f"\u2068{arabic}\u2069" in page
