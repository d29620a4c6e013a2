from __future__ import annotations

from datetime import UTC, datetime

from spreadkit.answers import Answer, AnswersFile, Meta
from spreadkit.bank import Bank
from spreadkit.exports.markdown import answers_report, escape, escape_cell, quote
from spreadkit.formats import PersonView
from spreadkit.scoring import summarise


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
    text = answers_report(PersonView(bank, answers, summarise(bank, answers.answers)))
    lines = text.splitlines()
    assert lines[0] == r"# Wards \| \*pilot\* \#2"
    assert r"- **Respondent:** Jo \<admin\>" in lines
    assert "| Benefit | 25.0 | Early groundwork | 2 of 11 | 1 |" in lines
    assert "| Complexity | not scored | not scored | 0 of 6 | 0 |" in lines
    # Overall = mean(25, 100) = 62.5
    assert "**Overall: 62.5 out of 100, Building.** Weakest principle: Benefit (25.0)." in lines
    assert (
        "1. **Benefit:** What makes this innovation worth spreading and taking up? (rated 1, Just starting)"
        in lines
    )
    assert "### Benefit: 25.0, Early groundwork" in lines
    # A line break in a note stays a line break: a backslash at the end of the line.
    assert "> Fewer \\| admissions\\" in lines and r"> \# not a heading" in lines
    assert r"> \`rm -rf\` \<b\>x\</b\>" in lines
    assert "Rating: not applicable" in lines
    # Every table row has the same number of unescaped pipes as the header.
    rows = [line for line in lines if line.startswith("| ")]
    assert {line.replace("\\|", "").count("|") for line in rows} == {6}
    # No heading is created by user text.
    assert [line for line in lines if line.startswith("#")] == [
        line for line in lines if line.startswith(("# Wards", "## ", "### "))
    ]
