"""The markdown report: readable on GitHub and pasted into a document, whatever the notes contain."""

from __future__ import annotations

import re

from spreadkit.answers import AnswersFile
from spreadkit.bank import Band, Bank
from spreadkit.compare import Comparison
from spreadkit.scoring import Summary
from spreadkit.team import TeamResult
from spreadkit.wording import change, plural

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


def _header(bank: Bank, answers: AnswersFile) -> list[str]:
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
    return out


def _summary(bank: Bank, summary: Summary) -> list[str]:
    out = ["", "## Summary", ""]
    out.append("| Principle | Score | Band | Answered | Not applicable |")
    out.append("| --- | ---: | --- | ---: | ---: |")
    for row in summary.principles:
        band = row.band.label if row.band else "not scored"
        out.append(
            f"| {escape(row.principle.name)} | {_score(row.score)} | {band} "
            f"| {row.rated + row.not_applicable} of {row.total} | {row.not_applicable} |"
        )
    out.append("")
    out.append(_overall(summary.overall, summary.overall_band))
    out.append(f"Answered {summary.answered} of {summary.total} questions.")
    if summary.has_targets:
        out += ["", "## Targets", ""]
        out += ["| Principle | Score | Target | Gap |", "| --- | ---: | ---: | ---: |"]
        for row in summary.principles:
            if row.target is not None:
                gap = "reached" if row.gap == 0 else _score(row.gap)
                out.append(
                    f"| {escape(row.principle.name)} | {_score(row.score)} "
                    f"| {row.target:g} | {gap} |"
                )
        out += ["", f"Percent to target: {_score(summary.percent_to_target)}%."]

    out += ["", "## Priorities", ""]
    if not summary.priorities:
        out.append("None: no question is rated 0 or 1.")
    else:
        order = "biggest weighted gap to target first" if summary.has_targets else "lowest first"
        out += [f"Questions rated 0 or 1, {order}:", ""]
    for number, rated in enumerate(summary.priorities, start=1):
        out.append(
            f"{number}. **{escape(rated.principle.name)}:** {escape(rated.question.text)} "
            f"(rated {rated.rating}, {_label(bank, rated.rating)})"
        )
    return out


def _overall(score: float | None, band: Band | None) -> str:
    if score is None:
        return "**Overall: not scored** (no question has a rating yet)."
    return f"**Overall: {_score(score)} out of 100, {band.label if band else ''}.**"


def _footer(bank: Bank) -> list[str]:
    out = ["", "## Rating scale", ""]
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
    return out


def summary_report(bank: Bank, answers: AnswersFile, summary: Summary) -> str:
    """The summary alone: details, the table, the overall line and the priorities."""
    return "\n".join([*_header(bank, answers), *_summary(bank, summary), *_footer(bank)])


def render(bank: Bank, answers: AnswersFile, summary: Summary) -> str:
    """The full report: the summary, then every question with its rating and note."""
    out = [*_header(bank, answers), *_summary(bank, summary)]
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
    return "\n".join([*out, *_footer(bank)])


def _rating_text(bank: Bank, rating: int | str | None) -> str:
    if isinstance(rating, int):
        return f"{rating} {_label(bank, rating)}"
    return "not applicable" if rating is not None else "not answered"


def team_report(bank: Bank, result: TeamResult, *, names: bool) -> str:
    out = [f"# Team readiness: {plural(result.respondents, 'respondent')}", ""]
    out.append(f"- **Question bank:** {escape(bank.title)} ({escape(bank.id)} {bank.version})")
    out.append(
        f"- **Flagged for discussion:** questions whose ratings are "
        f"{result.disagree} or more scale points apart"
    )
    out += ["", "## Team summary", ""]
    out.append("| Principle | Team score | Lowest | Highest | Band | Scored by |")
    out.append("| --- | ---: | ---: | ---: | --- | ---: |")
    for p in result.principles:
        band = p.band.label if p.band else "not scored"
        out.append(
            f"| {escape(p.principle.name)} | {_score(p.score)} | {_score(p.min)} "
            f"| {_score(p.max)} | {band} | {p.respondents} of {result.respondents} |"
        )
    out += ["", _overall(result.overall, result.overall_band)]
    out.append("The team score of a principle is the mean of the respondents' scores for it.")

    out += ["", "## Questions to discuss", ""]
    flagged = result.to_discuss()
    if not flagged:
        out.append(f"None: no question's ratings are {result.disagree} or more points apart.")
    for number, item in enumerate(flagged, start=1):
        tally = item.tally
        out += [
            f"### {number}. {escape(item.principle.name)}: {escape(item.question.text)}",
            "",
            f"Spread {tally.spread} (from {tally.min} to {tally.max}); mean "
            f"{tally.mean:.1f}, median {tally.median:g}; {plural(tally.n, 'rating')}, "
            f"{tally.not_applicable} not applicable.",
            "",
        ]
        who: dict[int | str, list[str]] = {}
        for name, rating in tally.names:
            who.setdefault(rating, []).append(name)
        out.append("| Rating | People |" + (" Who |" if names else ""))
        out.append("| --- | ---: |" + (" --- |" if names else ""))
        rows: list[tuple[int | str, str, int]] = [
            (level.value, f"{level.value} {escape(level.label)}", tally.counts[level.value])
            for level in bank.scale
        ]
        rows.append(("n/a", "Not applicable", tally.not_applicable))
        for key, label, count in rows:
            line = f"| {label} | {count} |"
            if names:
                line += f" {escape(', '.join(who.get(key, [])))} |"
            out.append(line)
        if tally.notes:
            out += ["", "Notes:"]
            for author, noted_rating, note in tally.notes:
                by = f"{escape(author)}, " if author else ""
                out += ["", *quote(note), f"> — {by}{_rating_text(bank, noted_rating)}"]
        out.append("")
    return "\n".join([*out, *_footer(bank)])


def compare_report(bank: Bank, result: Comparison) -> str:
    out = ["# Readiness compared: baseline and latest", ""]
    out.append(
        f"- **Baseline:** {plural(result.baseline_respondents, 'respondent')}; "
        f"**latest:** {plural(result.latest_respondents, 'respondent')}"
    )
    out += ["", "| Principle | Baseline | Latest | Change |", "| --- | ---: | ---: | --- |"]
    for p in result.principles:
        out.append(
            f"| {escape(p.principle.name)} | {_score(p.change.baseline)} "
            f"| {_score(p.change.latest)} | {change(p.change.delta)} |"
        )
    overall = result.overall
    out += [
        "",
        f"**Overall: {_score(overall.baseline)} → {_score(overall.latest)} "
        f"({change(overall.delta)}).**",
        "",
        "## Questions that moved by 2 or more",
        "",
    ]
    if not result.moved:
        out.append("None.")
    for q in result.moved:
        out.append(
            f"- **{escape(q.principle.name)}:** {escape(q.question.text)} "
            f"{q.change.baseline:g} → {q.change.latest:g} ({change(q.change.delta)})"
        )
    return "\n".join([*out, *_footer(bank)])
