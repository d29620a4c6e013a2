"""The markdown report: readable on GitHub and pasted into a document, whatever the notes contain."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spreadkit.plan import plan_for_person
from spreadkit.safe import link, visible
from spreadkit.team import RANKING
from spreadkit.wording import (
    COMPARE_TITLE,
    NOTHING_TO_WORK_ON,
    action_line,
    band_change,
    band_label,
    band_range,
    change,
    level_label,
    none_to_discuss,
    plan_rating,
    plural,
    rating_label,
    ratings_up_to,
    score_text,
    weakest_words,
    when,
)

if TYPE_CHECKING:
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Band, Bank
    from spreadkit.comparison import QuestionChange
    from spreadkit.formats import CompareView, PersonView, PlanView, Report, TeamView
    from spreadkit.plan import Action, Plan
    from spreadkit.scoring import RatedQuestion, Summary

# How many questions the "What to do next" section of a report takes from the plan.
NEXT_STEPS_SHOWN = 5
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


def inline(text: str) -> str:
    """Text inside a line, where only what changes structure mid-line needs escaping."""
    return " ".join(_INLINE.sub(r"\\\1", visible(line)) for line in text.splitlines()).strip()


def url(address: str) -> str:
    """A link, if the address is one that may be made into a link; otherwise the address as
    text, so a `javascript:` address or an image to fetch is only ever shown."""
    safe = link(address)
    return f"<{safe}>" if safe else escape(address)


def _bank_line(bank: Bank) -> str:
    return f"- **Question bank:** {escape(bank.title)} ({escape(bank.id)} {inline(bank.version)})"


def _escape_line(line: str) -> str:
    # Control characters are shown as escapes such as \x1b, which the next step escapes in turn.
    line = _INLINE.sub(r"\\\1", visible(line))
    match = _LINE_START.match(line)
    if match:
        marker = match.group(2)
        escaped = "\\" + marker if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]
        line = match.group(1) + escaped + line[match.end() :]
    return line


def quote(text: str) -> list[str]:
    """A note as a block quote, every line kept: each line but the last ends in a hard break
    (a backslash), so multi-line notes read as the person wrote them."""
    lines = [_escape_line(line).rstrip() for line in text.strip("\n").splitlines()]
    return [
        f"> {line}\\"
        if line and number < len(lines) - 1 and lines[number + 1]
        else f"> {line}".rstrip()
        for number, line in enumerate(lines)
    ]


def table(columns: list[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A markdown table of cells already escaped; a column named with a trailing ':' is
    right-aligned, for numbers."""
    names = [column.removesuffix(":") for column in columns]
    rules = ["---:" if column.endswith(":") else "---" for column in columns]
    lines = [f"| {' | '.join(names)} |", f"| {' | '.join(rules)} |"]
    return lines + [f"| {' | '.join(str(cell) for cell in row)} |" for row in rows]


def _label(bank: Bank, rating: int) -> str:
    return escape(level_label(bank, rating))


def _score(score: float | None) -> str:
    return score_text(score)


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
    out.append(_bank_line(bank))
    out.append(f"- **Started:** {when(meta.created)}")
    out.append(f"- **Last updated:** {when(meta.updated)}")
    return out


def _summary(bank: Bank, summary: Summary) -> list[str]:
    out = ["", "## Summary", ""]
    out += table(
        ["Principle", "Score:", "Band", "Answered:", "Not applicable:"],
        (
            [
                escape(row.principle.name),
                _score(row.score),
                escape(band_label(row.band)),
                f"{row.rated + row.not_applicable} of {row.total}",
                row.not_applicable,
            ]
            for row in summary.principles
        ),
    )
    out.append("")
    lowest = summary.weakest
    out.append(
        _overall(
            summary.overall,
            summary.overall_band,
            (lowest.principle.name, lowest.score) if lowest else None,
        )
    )
    out.append(f"Answered {summary.answered} of {summary.total} questions.")
    if summary.has_targets:
        out += ["", "## Targets", ""]
        out += table(
            ["Principle", "Score:", "Target:", "Gap:"],
            (
                [
                    escape(row.principle.name),
                    _score(row.score),
                    f"{row.target:g}",
                    "reached" if row.gap == 0 else _score(row.gap),
                ]
                for row in summary.principles
                if row.target is not None
            ),
        )
        out += ["", f"Percent to target: {_score(summary.percent_to_target)}%."]

    low = ratings_up_to(summary.priority_at_or_below)
    out += ["", "## Priorities", ""]
    if not summary.priorities:
        out.append(f"None: no question is rated {low}.")
    else:
        order = "biggest weighted gap to target first" if summary.has_targets else "lowest first"
        out += [f"Questions rated {low}, {order}:", ""]
    out += _rated_list(bank, summary.priorities)
    out += ["", "## Strengths", ""]
    if not summary.strengths:
        out.append(f"None yet: no question is rated {summary.strength_at}.")
    else:
        out += [f"Questions rated {summary.strength_at}:", ""]
    out += _rated_list(bank, summary.strengths)
    return out


def _rated_list(bank: Bank, rows: list[RatedQuestion]) -> list[str]:
    return [
        f"{number}. **{escape(rated.principle.name)}:** {escape(rated.question.text)} "
        f"(rated {rated.rating}, {_label(bank, rated.rating)})"
        for number, rated in enumerate(rows, start=1)
    ]


def _overall(
    score: float | None, band: Band | None, weakest: tuple[str, float | None] | None
) -> str:
    if score is None:
        return "**Overall: not scored** (no question has a rating yet)."
    line = f"**Overall: {_score(score)} out of 100, {escape(band.label) if band else ''}.**"
    if weakest is not None:
        words = weakest_words(*weakest)
        line += f" {escape(words[:1].upper() + words[1:])}."
    return line


def _footer(bank: Bank) -> list[str]:
    out = ["", "## Rating scale", ""]
    out += [
        f"- **{level.value} {escape(level.label)}:** {escape(level.description)}"
        for level in bank.scale
    ]
    out += ["", "## Bands", ""]
    if bank.about_bands:
        out += [inline(bank.about_bands), ""]
    out += [
        f"- **{escape(band.label)}** ({band_range(band)}): {escape(band.description)}".rstrip(": ")
        for band in bank.bands
    ]
    out += [
        "",
        "---",
        "",
        f"Questions based on *{escape(bank.source.title)}* ({url(bank.source.url)}), "
        "written for spreadkit in its own words.",
        "",
    ]
    return out


def summary_report(view: PersonView) -> str:
    """The summary alone: details, the table, the overall line and the priorities."""
    bank = view.bank
    return "\n".join([*_header(bank, view.answers), *_summary(bank, view.summary), *_footer(bank)])


def answers_report(view: PersonView) -> str:
    """The full report: the summary, then every question with its rating and note."""
    bank = view.bank
    out = [*_header(bank, view.answers), *_summary(bank, view.summary)]
    plan = plan_for_person(bank, view.summary, NEXT_STEPS_SHOWN)
    out += ["", "## What to do next", "", f"The questions to work on first, ranked {plan.ranking}."]
    out += _plan_items(plan, "##")
    out += ["", "## Answers by principle"]
    for row in view.summary.principles:
        band = f", {escape(row.band.label)}" if row.band else ""
        out += ["", f"### {escape(row.principle.name)}: {_score(row.score)}{band}", ""]
        out.append(f"*{escape(row.principle.title)}*")
        for entry in row.questions:
            out += ["", f"**{escape(entry.question.text)}**", ""]
            rating = entry.rating
            if isinstance(rating, int):
                out.append(f"Rating: {rating}, {_label(bank, rating)}")
            else:
                out.append(f"Rating: {rating_label(bank, rating)}")
            if entry.note.strip():
                out += ["", *quote(entry.note)]
    return "\n".join([*out, *_footer(bank)])


def _rating_text(bank: Bank, rating: int | str | None) -> str:
    return escape(rating_label(bank, rating))


def _report_lines(report: Report, default: str) -> list[str]:
    """The heading of a team or comparison report, and when it was made."""
    out = [f"# {escape(report.title) if report.title else default}", ""]
    if report.made is not None:
        out.append(f"- **Made:** {when(report.made)}")
    return out


def team_report(view: TeamView) -> str:
    bank, result = view.bank, view.result
    out = _report_lines(view.report, "Team readiness")
    out.append(f"- **Respondents:** {result.respondents}")
    out.append(_bank_line(bank))
    out.append(
        f"- **Flagged for discussion:** questions whose ratings are "
        f"{result.disagree} or more scale points apart; {RANKING}"
    )
    out += ["", "## Team summary", ""]
    out += table(
        ["Principle", "Team score:", "Lowest:", "Highest:", "Band", "Scored by:"],
        (
            [
                escape(p.principle.name),
                _score(p.score),
                _score(p.min),
                _score(p.max),
                escape(band_label(p.band)),
                f"{p.respondents} of {result.respondents}",
            ]
            for p in result.principles
        ),
    )
    low = result.weakest
    out += [
        "",
        _overall(
            result.overall, result.overall_band, (low.principle.name, low.score) if low else None
        ),
    ]
    out.append("The team score of a principle is the mean of the respondents' scores for it.")

    out += _discussion(view)
    return "\n".join([*out, *_footer(bank)])


def _discussion(view: TeamView) -> list[str]:
    bank, result, names = view.bank, view.result, view.names
    out = ["", "## Questions to discuss", ""]
    flagged = result.to_discuss()
    shown = flagged if view.top is None else flagged[: view.top]
    if not flagged:
        out.append(none_to_discuss(result.disagree))
    for number, item in enumerate(shown, start=1):
        tally = item.tally
        out += [
            f"### {number}. {escape(item.principle.name)}: {escape(item.question.text)}",
            "",
            f"Spread {tally.spread} (from {tally.min} to {tally.max}); mean "
            f"{tally.mean:.1f}, median {tally.median:g}; {plural(tally.n, 'rating')}, "
            f"{tally.not_applicable} not applicable.",
            "",
        ]
        who = tally.who_rated()
        rows: list[tuple[int | str, str, int]] = [
            (level.value, f"{level.value} {escape(level.label)}", tally.counts[level.value])
            for level in bank.scale
        ]
        rows.append(("n/a", "Not applicable", tally.not_applicable))
        out += table(
            ["Rating", "People:", *(["Who"] if names else [])],
            (
                [label, count, *([escape(", ".join(who.get(key, [])))] if names else [])]
                for key, label, count in rows
            ),
        )
        if tally.notes:
            out += ["", "Notes:"]
            for author, noted_rating, note in tally.notes:
                by = f"{escape(author)}, " if author else ""
                out += ["", *quote(note), f"> — {by}{_rating_text(bank, noted_rating)}"]
            if tally.more_notes:
                out += ["", f"… and {plural(tally.more_notes, 'more note')}."]
        out.append("")
    if len(shown) < len(flagged):
        out.append(
            f"{plural(len(flagged) - len(shown), 'more question')} flagged"
            + (f"; to see them all: {inline(view.more)}" if view.more else "")
            + "."
        )
    return out


def compare_report(view: CompareView) -> str:
    bank, result = view.bank, view.comparison
    out = _report_lines(view.report, COMPARE_TITLE)
    out.append(
        f"- **Baseline:** {plural(result.baseline_respondents, 'respondent')}; "
        f"**latest:** {plural(result.latest_respondents, 'respondent')}"
    )
    out += [
        "",
        *table(
            ["Principle", "Baseline:", "Latest:", "Change", "Band"],
            (
                [
                    escape(p.principle.name),
                    _score(p.change.baseline),
                    _score(p.change.latest),
                    change(p.change.delta),
                    escape(band_change(p.bands.baseline, p.bands.latest)),
                ]
                for p in result.principles
            ),
        ),
    ]
    overall = result.overall
    bands = result.overall_bands
    out += [
        "",
        f"**Overall: {_score(overall.baseline)} → {_score(overall.latest)} "
        f"({change(overall.delta)}); "
        f"{escape(band_change(bands.baseline, bands.latest))}.**",
        "",
        f"## Questions that moved by {result.moved_by:g} or more",
        "",
    ]
    if not result.moved:
        out.append("None.")
    for q in result.moved:
        out.append(
            f"- **{escape(q.principle.name)}:** {escape(q.question.text)} "
            f"{q.change.baseline:g} → {q.change.latest:g} ({change(q.change.delta)})"
        )
    if view.actions:
        out += ["", "## The plan's actions, and how each question moved", ""]
        out += table(
            ["Question", "Action", "Owner", "Status", "Baseline:", "Latest:", "Change"],
            (_action_row(view.bank, action, moved) for action, moved in view.actions_moved()),
        )
    return "\n".join([*out, *_footer(bank)])


def _action_row(bank: Bank, action: Action, moved: QuestionChange | None) -> list[str]:
    found = bank.question(action.question_id)
    question = f"{found[0].name}: {found[1].text}" if found else action.question_id
    before = moved.change.baseline if moved else None
    after = moved.change.latest if moved else None
    return [
        escape(question),
        escape(action.action),
        escape(action.owner),
        action.status,
        "–" if before is None else f"{before:g}",
        "–" if after is None else f"{after:g}",
        change(moved.change.delta if moved else None),
    ]


def plan_report(view: PlanView) -> str:
    """The improvement plan as a document: each question, its action, who and by when, the
    other suggestions, and where to read further."""
    plan = view.plan
    out = [f"# Improvement plan{': ' + escape(plan.title) if plan.title else ''}", ""]
    if plan.made is not None:
        out.append(f"- **Made:** {when(plan.made)}")
    if view.source:
        out.append(f"- **Made from:** {inline(view.source)}")
    out.append(_bank_line(plan.bank))
    if plan.ranking:
        out.append(f"- **Ranked:** {plan.ranking}")
    out += _plan_items(plan, "##")
    if plan.more:
        words = f"{plural(plan.more, 'more question')} could be worked on"
        out += ["", words + (f"; to see them all: {inline(view.more)}." if view.more else ".")]
    return "\n".join([*out, *_footer(plan.bank)])


def _plan_items(plan: Plan, level: str) -> list[str]:
    bank = plan.bank
    out: list[str] = []
    if not plan.items:
        out += ["", NOTHING_TO_WORK_ON]
    for number, item in enumerate(plan.items, start=1):
        action = item.action
        due = action.due.isoformat() if action.due else ""
        out += [
            "",
            f"{level}# {number}. {escape(item.principle.name)}: {escape(item.question.text)}",
            "",
            f"{escape(plan_rating(bank, item.rating, item.spread))}; "
            f"{escape(action_line(action.status, action.owner, due))}.",
        ]
        if action.action:
            out += ["", f"**Action:** {escape(action.action)}"]
        others = [step for step in item.question.next_steps if step != action.action]
        if others:
            out += ["", "Other suggestions:", ""] + [f"- {escape(step)}" for step in others]
        if action.note:
            out += ["", *quote(action.note)]
    if plan.reading:
        out += ["", f"{level} To read further", ""]
        out += [
            f"- **{escape(p.name)}:** {escape(r.title)} ({url(r.url)})" for p, r in plan.reading
        ]
    return out
