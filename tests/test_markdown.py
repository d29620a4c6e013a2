from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from spreadkit.documents.person import full_document
from spreadkit.model.answers import Answer, AnswersFile, Meta
from spreadkit.model.bank import Bank
from spreadkit.model.reports import PersonView
from spreadkit.model.scoring import summarise
from spreadkit.writers.markdown import escape, escape_cell, quote, write


def test_escape_keeps_structure_characters_literal() -> None:
    assert escape("a | b") == r"a \| b"
    assert escape("# not a heading") == r"\# not a heading"
    assert escape("*bold* and `code` and <script>") == r"\*bold\* and \`code\` and \<script\>"
    assert escape("line one\nline two") == "line one line two"
    assert escape("- not a list") == r"\- not a list"
    assert escape("1. not a list") == r"1\. not a list"


def test_cell_keeps_line_breaks_without_ending_the_row() -> None:
    assert escape_cell("a|b\nc") == r"a\|b<br>c"


def test_quote_keeps_every_line_of_a_note() -> None:
    assert quote("first\n\n# third") == ["> first", ">", r"> \# third"]
    assert quote("one\ntwo\nthree") == ["> one\\", "> two\\", "> three"]


def _answers(bank: Bank, **notes: str) -> AnswersFile:
    meta = Meta(
        title="Wards | *pilot* #2",
        respondent="Jo <admin>",
        created=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        updated=datetime(2026, 1, 2, 5, 6, tzinfo=UTC),
    )
    answers = AnswersFile.new(bank, meta)
    answers = answers.with_answer(
        "benefit.why-worth-it", Answer(rating=1, note="Fewer | admissions\n# not a heading")
    )
    answers = answers.with_answer("benefit.measure", Answer(rating="n/a"))
    return answers.with_answer("learning.share", Answer(rating=4, note="`rm -rf` <b>x</b>"))


def test_report_has_title_table_overall_priorities_and_sections(bank: Bank) -> None:
    answers = _answers(bank)
    text = write(full_document(PersonView(bank, answers, summarise(bank, answers.answers))))
    lines = text.splitlines()
    assert lines[0] == r"# Wards \| \*pilot\* \#2"
    assert r"- **Respondent:** Jo \<admin\>" in lines
    assert "| Benefit | 25.0 | Early groundwork | 2 of 11 | 1 |" in lines
    assert "| Complexity | – | not scored | 0 of 6 | 0 |" in lines
    # Overall = mean(25, 100) = 62.5
    assert "**Overall: 62.5 out of 100, Building**; weakest principle: Benefit (25.0)." in lines
    assert any(
        line.startswith(
            "1. **Benefit:** What makes this innovation worth spreading and taking up? "
            "(rated 1 Just starting). *A first step:* "
        )
        for line in lines
    )
    assert "### Benefit: 25.0, Early groundwork" in lines
    # A line break in a note stays a line break in its table cell.
    assert (
        r"| What makes this innovation worth spreading and taking up? | 1 Just starting | "
        r"Fewer \| admissions<br>\# not a heading |" in lines
    )
    assert r"| 4 Fully in place, with evidence | \`rm -rf\` \<b\>x\</b\> |" in " ".join(lines)
    assert any(line.endswith("| not applicable |  |") for line in lines)
    # Every table row has the same number of unescaped pipes as its header: the summary's five
    # columns, each principle's three.
    rows = [line for line in lines if line.startswith("| ")]
    assert {line.replace("\\|", "").count("|") for line in rows} == {6, 4}
    # No heading is created by user text.
    assert [line for line in lines if line.startswith("#")] == [
        line for line in lines if line.startswith(("# Wards", "## ", "### ", "#### "))
    ]


AUTOLINKED = (
    "Log in at www.example.org/login, https://evil.example/x, ftp://files.example or "
    "mailto:a.b@example.org, write to c_d+e@example.co.uk; &#x202E;reversed&#x202C; &amp; &lt;b&gt;"
)


def test_github_makes_no_link_from_data(bank: Bank) -> None:
    """Rendered as GitHub renders markdown (cmark-gfm, with its autolink extension), a report
    whose every field holds addresses links only to the guide's own pages."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    meta = Meta(title=AUTOLINKED, respondent=AUTOLINKED, team=AUTOLINKED, setting=AUTOLINKED)
    answers = AnswersFile.new(bank, meta).with_answer(
        "benefit.measure", Answer(rating=1, note=AUTOLINKED)
    )
    text = write(full_document(PersonView(bank, answers, summarise(bank, answers.answers))))
    page = cmarkgfm.github_flavored_markdown_to_html(text)
    links = re.findall(r'<a href="([^"]*)"', page)
    allowed = {bank.source.url} | {r.url for p in bank.principles for r in p.resources}
    assert links and set(links) <= allowed
    # Entities are shown as typed, not read: no right-to-left override reaches the page.
    assert "\u202e" not in page and "&amp;#x202E;" in page
    # And every address still reads whole (a comment shows nothing).
    shown = re.sub(r"<!--.*?-->", "", page)
    assert "www.example.org/login" in shown and "c_d+e@example.co.uk" in shown
