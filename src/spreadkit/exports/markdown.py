"""The markdown report: readable on GitHub and pasted into a document, whatever the notes contain."""

from __future__ import annotations

import re

from spreadkit.answers import AnswersFile
from spreadkit.bank import Bank
from spreadkit.scoring import Summary

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can change
# structure inside running text or a table cell.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def escape(text: str) -> str:
    """Text for one line: a heading, a list item or a table cell. Line breaks become spaces."""
    return " ".join(_escape_line(line) for line in text.splitlines()).strip()


def escape_cell(text: str) -> str:
    """Text for a table cell, where a line break must not end the row."""
    return "<br>".join(_escape_line(line) for line in text.splitlines())


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    match = _LINE_START.match(line)
    if match:
        marker = match.group(2)
        escaped = "\\" + marker if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]
        line = match.group(1) + escaped + line[match.end() :]
    return line


def quote(text: str) -> list[str]:
    """A note as a block quote, every line kept, so multi-line notes read as the person wrote them."""
    return [f"> {_escape_line(line)}".rstrip() for line in text.splitlines()]


def _label(bank: Bank, rating: int) -> str:
    level = bank.level(rating)
    return escape(level.label) if level else ""


def _score(score: float | None) -> str:
    return "not scored" if score is None else f"{score:.1f}"


def render(bank: Bank, answers: AnswersFile, summary: Summary) -> str:
    meta = answers.meta
    title = escape(meta.title) if meta.title.strip() else "Readiness self-assessment"
    out: list[str] = [f"# {title}", ""]
    for label, value in (
        ("Respondent", meta.respondent),
        ("Team", meta.team),
        ("Setting", meta.setting),
    ):
        if value.strip():
            out.append(f"- **{label}:** {escape(value)}")
    out.append(f"- **Question bank:** {escape(bank.title)} ({escape(bank.id)} {bank.version})")
    out.append(f"- **Started:** {meta.created:%Y-%m-%d %H:%M} UTC")
    out.append(f"- **Last updated:** {meta.updated:%Y-%m-%d %H:%M} UTC")
    out += ["", "## Summary", ""]
    out.append("| Principle | Score | Band | Answered | Not applicable |")
    out.append("| --- | ---: | --- | ---: | ---: |")
    for row in summary.principles:
        band = row.band.label if row.band else "not scored"
        out.append(
            f"| {escape(row.principle.name)} | {_score(row.score)} | {band} "
            f"| {row.rated + row.not_applicable} of {row.total} | {row.not_applicable} |"
        )
    out.append("")
    if summary.overall is None:
        out.append("**Overall: not scored** (no question has a rating yet).")
    else:
        band = summary.overall_band.label if summary.overall_band else ""
        out.append(f"**Overall: {_score(summary.overall)} out of 100, {band}.**")
    out.append(f"Answered {summary.answered} of {summary.total} questions.")

    out += ["", "## Priorities", ""]
    if not summary.priorities:
        out.append("None: no question is rated 0 or 1.")
    for number, rated in enumerate(summary.priorities, start=1):
        out.append(
            f"{number}. **{escape(rated.principle.name)}:** {escape(rated.question.text)} "
            f"(rated {rated.rating}, {_label(bank, rated.rating)})"
        )

    out += ["", "## Answers by principle"]
    scores = {row.principle.id: row for row in summary.principles}
    for principle in bank.principles:
        scored = scores.get(principle.id)
        if scored is None:
            continue
        band = f", {scored.band.label}" if scored.band else ""
        out += ["", f"### {escape(principle.name)}: {_score(scored.score)}{band}", ""]
        out.append(f"*{escape(principle.title)}*")
        for question in principle.questions:
            answer = answers.answers.get(question.id)
            out += ["", f"**{escape(question.text)}**", ""]
            if answer is None or answer.rating is None:
                out.append("Rating: not answered")
            elif not isinstance(answer.rating, int):
                out.append("Rating: not applicable")
            else:
                out.append(f"Rating: {answer.rating}, {_label(bank, answer.rating)}")
            if answer is not None and answer.note.strip():
                out += ["", *quote(answer.note)]

    out += ["", "## Rating scale", ""]
    out += [
        f"- **{level.value} {escape(level.label)}:** {escape(level.description)}"
        for level in bank.scale
    ]
    out += [
        "",
        "---",
        "",
        f"Questions based on *{escape(bank.source.title)}* ({bank.source.url}), "
        "written for spreadkit in its own words.",
        "",
    ]
    return "\n".join(out)
