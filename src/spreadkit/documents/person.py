"""One person's report, or a team's agreed answers: the summary alone (`summary`), or the whole
report with what to do next and every answer (`export`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.documents import parts
from spreadkit.documents.plan import reading
from spreadkit.documents.tree import (
    Block,
    Column,
    Document,
    Emphasis,
    Inlines,
    NumberedList,
    Paragraph,
    Section,
    Series,
    Strong,
    Table,
)
from spreadkit.model.plan import first_step, plan_for_person
from spreadkit.model.scoring import rounded
from spreadkit.model.wording import (
    NOTHING_TO_WORK_ON,
    plan_rating,
    rating_label,
    ratings_up_to,
    score_text,
    when,
)
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank
    from spreadkit.model.plan import Plan
    from spreadkit.model.reports import PersonView
    from spreadkit.model.scoring import RatedQuestion, Summary

DEFAULT_TITLE = "Readiness self-assessment"


def summary_document(view: PersonView) -> Document:
    """The summary: the verdict, the table, and the first few priorities and strengths."""
    bank, summary = view.bank, view.summary
    most = None if view.show_all else parts.SHOWN
    blocks: list[Block] = [
        *_verdict(summary),
        *_agreement(view),
        _summary_section(bank, summary),
        *_targets_section(summary),
        _listing(
            "Priorities",
            _priorities_lead(summary),
            f"None: no question is rated {ratings_up_to(summary.priority_at_or_below)}.",
            summary.priorities,
            most,
            view.more,
            bank,
        ),
        _strengths(bank, summary, most, view.more),
        *_comments(view),
    ]
    return _document(view, [*blocks, parts.bands_line(bank)], "summary")


def full_document(view: PersonView) -> Document:
    """The whole report: the verdict beside the chart, the table, what to work on first (once,
    with the bank's suggestions), the strengths, then every answer with its note."""
    bank, summary = view.bank, view.summary
    names = [row.principle.name for row in summary.principles]
    scores = tuple(row.score for row in summary.principles)
    from spreadkit.documents.radar import described

    figure = parts.radar(
        bank,
        "Readiness by principle",
        names,
        (Series("Score", scores, "latest"),),
        described(names, list(scores)),
    )
    plan = plan_for_person(bank, summary, parts.SHOWN)
    next_blocks: list[Block] = [
        Paragraph((f"The questions to work on first, ranked {plan.ranking}.",), "aside"),
        _first_steps(bank, plan),
    ]
    if plan.more:
        said = f"{plural(plan.more, 'more question')} could be worked on"
        next_blocks.append(Paragraph((f"{said}; each is under Answers by principle.",), "aside"))
    next_blocks += reading(plan, 3)
    blocks: list[Block] = [
        *_verdict(summary),
        *_agreement(view),
        figure,
        _summary_section(bank, summary),
        *_targets_section(summary),
        Section(2, ("What to do next",), tuple(next_blocks)),
        _strengths(bank, summary, parts.SHOWN, None),
        Section(2, ("Answers by principle",), tuple(_answers(bank, summary))),
        *_comments(view),
        *parts.scale_and_bands(bank),
    ]
    return _document(view, blocks, "person")


def _first_steps(bank: Bank, plan: Plan) -> Block:
    """Each question to work on first, how it stands and the bank's first suggested step, an
    item each (`spreadkit plan` gives every step, with an owner and a date)."""
    if not plan.items:
        return Paragraph((NOTHING_TO_WORK_ON,))
    items = []
    for item in plan.items:
        step = first_step(item.question)
        stood = plan_rating(bank, item.rating, item.spread)
        items.append(
            (
                Strong(f"{item.principle.name}:"),
                f" {item.question.text} ({stood}).",
                *((" ", Emphasis("A first step:"), f" {step}") if step else ()),
            )
        )
    return NumberedList(tuple(items))


def _document(view: PersonView, blocks: list[Block], kind: str) -> Document:
    meta = view.answers.meta
    details: list[tuple[str, Inlines]] = [
        (label, (value.strip(),))
        for label, value in (
            ("Respondent", meta.respondent),
            ("Team", meta.team),
            ("Setting", meta.setting),
        )
        if value.strip()
    ]
    if meta.respondents:
        details.append(
            ("Agreed by", (f"a team of {plural(meta.respondents, 'person', 'people')}",))
        )
    details += [
        parts.bank_detail(view.bank),
        ("Started", (when(meta.created),)),
        ("Last updated", (when(meta.updated),)),
    ]
    return Document(
        title=meta.title.strip() or DEFAULT_TITLE,
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(view.bank),
        author=meta.respondent.strip() if not meta.respondents else "",
        made=meta.updated,
        kind=kind,
    )


def _agreement(view: PersonView) -> list[Block]:
    """For a team's agreed answers, once: how they were agreed, and how far the agreed overall
    is from the team's own before the round."""
    agreement = view.answers.meta.agreement
    if agreement is None:
        return []
    taken, pending = set(agreement.taken), set(agreement.pending)
    settled = [qid for qid, a in view.answers.answers.items() if a.is_settled]
    discussed = [qid for qid in settled if qid not in taken and qid not in pending]
    words = (
        f"{plural(len(discussed), 'question')} agreed in discussion; "
        f"{len(taken)} taken as already agreed (the team broadly agreed); "
        f"{len(pending)} flagged but not discussed yet. Each question not discussed takes the "
        "rating nearest the team's mean and keeps the team's notes."
    )
    overall, team = view.summary.overall, agreement.team_overall
    if overall is not None and team is not None:
        gap = rounded(overall - team)
        side = "above" if gap and gap > 0 else "below" if gap and gap < 0 else "the same as"
        amount = f"{score_text(abs(gap or 0))} " if gap else ""
        words += (
            f" The agreed overall, {score_text(overall)}, is {amount}{side} the team's "
            f"{score_text(team)} before the round."
        )
    return [Paragraph((words,), "aside")]


def _verdict(summary: Summary) -> list[Block]:
    lowest = summary.weakest
    answered = f"Answered {summary.answered} of {summary.total} questions."
    if summary.answered < summary.total:
        answered += " Scores cover only the questions rated so far."
    return [
        parts.overall(
            summary.overall,
            summary.overall_band,
            (lowest.principle.name, lowest.score) if lowest else None,
        ),
        Paragraph((answered,), "aside"),
    ]


def _summary_section(bank: Bank, summary: Summary) -> Section:
    columns = [
        Column("Principle"),
        Column("Score", "number"),
        Column("Band", "band"),
        Column("Answered", "number"),
        Column("Not applicable", "number"),
    ]
    rows = [
        [
            parts.cell(row.principle.name),
            parts.score_cell(row.score),
            parts.band_cell(bank, row.band),
            parts.cell(f"{row.rated + row.not_applicable} of {row.total}"),
            parts.cell(str(row.not_applicable)),
        ]
        for row in summary.principles
    ]
    table = Table(tuple(columns), tuple(tuple(cells) for cells in rows))
    return Section(2, ("Summary",), (table,))


def _targets_section(summary: Summary) -> list[Block]:
    """Where each principle stands against its target, when the bank or the answers set any."""
    if not summary.has_targets:
        return []
    columns = (
        Column("Principle"),
        Column("Score", "number"),
        Column("Target", "number"),
        Column("Gap", "number"),
    )
    rows = tuple(
        (
            parts.cell(row.principle.name),
            parts.score_cell(row.score),
            parts.cell(f"{row.target:g}"),
            parts.cell("reached" if row.gap == 0 else score_text(row.gap)),
        )
        for row in summary.principles
        if row.target is not None
    )
    percent = f"Percent to target: {score_text(summary.percent_to_target)}%."
    return [Section(2, ("Targets",), (Table(columns, rows), Paragraph((percent,), "aside")))]


def _priorities_lead(summary: Summary) -> str:
    order = "biggest weighted gap to target first" if summary.has_targets else "lowest first"
    return f"Questions rated {ratings_up_to(summary.priority_at_or_below)}, {order}:"


def _strengths(bank: Bank, summary: Summary, most: int | None, more: str | None) -> Section:
    return _listing(
        "Strengths",
        f"Questions rated {summary.strength_at}:",
        f"None yet: no question is rated {summary.strength_at}.",
        summary.strengths,
        most,
        more,
        bank,
    )


def _listing(
    heading: str,
    lead: str,
    empty: str,
    rows: list[RatedQuestion],
    most: int | None,
    more: str | None,
    bank: Bank,
) -> Section:
    """A heading and its questions, cut at `most` with a line that says how many more, and the
    command (`more`) that shows them all."""
    if not rows:
        return Section(2, (heading,), (Paragraph((empty,), "aside"),))
    shown = rows if most is None else rows[:most]
    items = tuple(
        (
            Strong(f"{rated.principle.name}:"),
            f" {rated.question.text} ({rating_label(bank, rated.rating)})",
        )
        for rated in shown
    )
    blocks: list[Block] = [Paragraph((lead,)), NumberedList(items)]
    if len(shown) < len(rows):
        blocks.append(parts.more_line(f"… and {len(rows) - len(shown):,} more", more))
    return Section(2, (heading,), tuple(blocks))


def _comments(view: PersonView) -> list[Block]:
    """The person's own comments on principles; for a team's agreed answers, the team's, each
    on a line of its own."""
    said = view.answers.comments
    agreed = view.answers.meta.respondents is not None
    return list(
        parts.comments(
            [
                (p.name, [(None, text) for text in _each(said[p.id], agreed)], 0)
                for p in view.bank.principles
                if said.get(p.id, "").strip()
            ]
        )
    )


def _each(text: str, agreed: bool) -> list[str]:
    """A person's comment whole; a team's, one comment to a line, each quoted on its own."""
    return [line for line in text.splitlines() if line.strip()] if agreed else [text]


def _answers(bank: Bank, summary: Summary) -> list[Block]:
    """Every question, its rating and its note, a table to each principle."""
    columns = (Column("Question"), Column("Rating"), Column("Note"))
    sections: list[Block] = []
    for row in summary.principles:
        band = f", {row.band.label}" if row.band else ""
        rows = tuple(
            (
                parts.cell(entry.question.text),
                parts.cell(rating_label(bank, entry.rating)),
                parts.cell(entry.note.strip()),
            )
            for entry in row.questions
        )
        title = f"{row.principle.name}: {score_text(row.score)}{band}"
        sections.append(Section(3, (title,), (Table(columns, rows),)))
    return sections
