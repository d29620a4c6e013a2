"""Word reports (python-docx): the same content as the HTML report, for a board paper.

Word's own heading styles (so the navigation pane and a table of contents work), the summary as
a real table, the radar chart as a picture with alt text, A4 pages with margins that print, and
British English as the document's language. Text from any file goes in through `xml_safe`, so a
character Word's XML does not allow is replaced rather than stopping the report.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches

from spreadkit.exports.picture import Line, radar_png
from spreadkit.exports.radar import band_edges, described, described_change, described_team
from spreadkit.plan import Plan, plan_for_person
from spreadkit.safe import xml_safe
from spreadkit.team import RANKING
from spreadkit.wording import (
    COMPARE_TITLE,
    NOTHING_TO_WORK_ON,
    action_line,
    band_change,
    band_label,
    band_range,
    change,
    none_to_discuss,
    plan_rating,
    plural,
    rating_label,
    score_text,
    weakest_words,
    when,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentType

    from spreadkit.bank import Bank
    from spreadkit.formats import CompareView, PersonView, PlanView, TeamView

NEXT_STEPS_SHOWN = 5


def _text(value: object) -> str:
    return xml_safe(str(value))


def _new(title: str) -> DocumentType:
    """A4, margins that print, British English, and the title as Word's own Title style."""
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
    _language(document, "en-GB")
    document.core_properties.title = _text(title)
    document.core_properties.language = "en-GB"
    document.add_heading(_text(title), level=0)
    return document


def _language(document: DocumentType, tag: str) -> None:
    """Every style's text in this language, so spelling is checked in British English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), tag)


def _details(document: DocumentType, pairs: Iterable[tuple[str, str]]) -> None:
    for label, value in pairs:
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(_text(value))


def _table(document: DocumentType, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(name)).bold = True
    # The header row again at the top of each page the table runs onto.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)


def _chart(
    document: DocumentType,
    names: list[str],
    lines: list[Line],
    bank: Bank,
    alt: str,
    ring: Any = None,
) -> None:
    """The radar chart as a picture, with its description as alt text for screen readers."""
    picture = radar_png(names, lines, band_edges(bank), ring)
    document.add_picture(io.BytesIO(picture), width=Inches(6.2))
    shape = document.inline_shapes[-1]
    properties = shape._inline.docPr
    properties.set("descr", _text(alt))
    properties.set("title", "Radar chart")
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(
        "Scores out of 100; the centre is 0. Every number in the chart is in the table below."
    )
    caption.runs[0].italic = True


def _note(document: DocumentType, note: str) -> None:
    if note.strip():
        document.add_paragraph(_text(note), style="Quote")


def _footer(document: DocumentType, bank: Bank) -> None:
    document.add_heading("Rating scale", level=1)
    for level in bank.scale:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_text(f"{level.value} {level.label}: ")).bold = True
        paragraph.add_run(_text(level.description))
    document.add_heading("Bands", level=1)
    if bank.about_bands:
        document.add_paragraph(_text(bank.about_bands))
    for band in bank.bands:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_text(f"{band.label} ({band_range(band)}): ")).bold = True
        paragraph.add_run(_text(band.description))
    closing = document.add_paragraph()
    closing.add_run(
        _text(
            f"Questions based on {bank.source.title} ({bank.source.url}), written for "
            "spreadkit in its own words."
        )
    ).italic = True


def _saved(document: DocumentType) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _overall(score: float | None, label: str, weakest: tuple[str, float | None] | None) -> str:
    if score is None:
        return "Overall: not scored yet (no question has a rating)."
    words = f"Overall: {score_text(score)} out of 100, {label}"
    return words + (f"; {weakest_words(*weakest)}." if weakest else ".")


def _person_summary(document: DocumentType, view: PersonView) -> None:
    bank, summary = view.bank, view.summary
    document.add_heading("Summary", level=1)
    _table(
        document,
        ["Principle", "Score", "Band", "Answered", "Not applicable"],
        (
            [
                r.principle.name,
                score_text(r.score),
                band_label(r.band),
                f"{r.rated + r.not_applicable} of {r.total}",
                r.not_applicable,
            ]
            for r in summary.principles
        ),
    )
    weakest = summary.weakest
    document.add_paragraph(
        _text(
            _overall(
                summary.overall,
                band_label(summary.overall_band),
                (weakest.principle.name, weakest.score) if weakest else None,
            )
        )
    )
    document.add_paragraph(f"Answered {summary.answered} of {summary.total} questions.")
    # Priorities are ranked, so numbered; Word numbers one list through the document, so the
    # strengths, which are not ranked, are bullets.
    lists = (
        ("Priorities", summary.priorities, "List Number"),
        ("Strengths", summary.strengths, "List Bullet"),
    )
    for heading, rows, style in lists:
        document.add_heading(heading, level=1)
        if not rows:
            document.add_paragraph("None.")
        for rated in rows:
            paragraph = document.add_paragraph(style=style)
            paragraph.add_run(_text(f"{rated.principle.name}: ")).bold = True
            paragraph.add_run(_text(f"{rated.question.text} ({rating_label(bank, rated.rating)})"))


def answers_report(view: PersonView) -> bytes:
    bank, answers, summary = view.bank, view.answers, view.summary
    meta = answers.meta
    document = _new(meta.title or "Readiness self-assessment")
    _details(
        document,
        [
            ("Respondent", meta.respondent),
            ("Team", meta.team),
            ("Setting", meta.setting),
            ("Question bank", f"{bank.title} ({bank.id} {bank.version})"),
            ("Last updated", when(meta.updated)),
        ],
    )
    names = [row.principle.name for row in summary.principles]
    scores = [row.score for row in summary.principles]
    _chart(
        document,
        names,
        [Line("Score", "latest", scores, "circle")],
        bank,
        described(names, scores),
    )
    _person_summary(document, view)
    document.add_heading("What to do next", level=1)
    _plan_items(document, plan_for_person(bank, summary, NEXT_STEPS_SHOWN))
    document.add_heading("Answers by principle", level=1)
    for row in summary.principles:
        document.add_heading(
            _text(f"{row.principle.name}: {score_text(row.score)}, {band_label(row.band)}"), level=2
        )
        for entry in row.questions:
            question = document.add_paragraph()
            question.add_run(_text(entry.question.text)).bold = True
            document.add_paragraph(_text(f"Rating: {rating_label(bank, entry.rating)}"))
            _note(document, entry.note)
    _footer(document, bank)
    return _saved(document)


def _plan_items(document: DocumentType, plan: Plan) -> None:
    bank = plan.bank
    if plan.ranking:
        document.add_paragraph(_text(f"Ranked {plan.ranking}."))
    if not plan.items:
        document.add_paragraph(NOTHING_TO_WORK_ON)
    for number, item in enumerate(plan.items, start=1):
        action = item.action
        document.add_heading(
            _text(f"{number}. {item.principle.name}: {item.question.text}"), level=2
        )
        due = action.due.isoformat() if action.due else ""
        document.add_paragraph(
            _text(
                f"{plan_rating(bank, item.rating, item.spread)}; "
                f"{action_line(action.status, action.owner, due)}."
            )
        )
        if action.action:
            paragraph = document.add_paragraph()
            paragraph.add_run("Action: ").bold = True
            paragraph.add_run(_text(action.action))
        for step in (s for s in item.question.next_steps if s != action.action):
            document.add_paragraph(_text(step), style="List Bullet")
        _note(document, action.note)
    if plan.reading:
        document.add_heading("To read further", level=2)
        for principle, resource in plan.reading:
            document.add_paragraph(
                _text(f"{principle.name}: {resource.title} ({resource.url})"), style="List Bullet"
            )


def team_report(view: TeamView) -> bytes:
    bank, result = view.bank, view.result
    document = _new(view.report.title or "Team readiness")
    made = when(view.report.made)
    _details(
        document,
        [
            ("Made", made),
            ("Respondents", str(result.respondents)),
            ("Question bank", f"{bank.title} ({bank.id} {bank.version})"),
            ("Flagged for discussion", f"ratings {result.disagree} or more points apart"),
        ],
    )
    names = [p.principle.name for p in result.principles]
    scores = [p.score for p in result.principles]
    ring = ([p.min for p in result.principles], [p.max for p in result.principles])
    _chart(
        document,
        names,
        [Line("Team score", "latest", scores, "circle")],
        bank,
        described_team(names, scores),
        ring,
    )
    document.add_heading("Team summary", level=1)
    _table(
        document,
        ["Principle", "Team score", "Lowest", "Highest", "Band", "Scored by"],
        (
            [
                p.principle.name,
                score_text(p.score),
                score_text(p.min),
                score_text(p.max),
                band_label(p.band),
                f"{p.respondents} of {result.respondents}",
            ]
            for p in result.principles
        ),
    )
    weakest = result.weakest
    document.add_paragraph(
        _text(
            _overall(
                result.overall,
                band_label(result.overall_band),
                (weakest.principle.name, weakest.score) if weakest else None,
            )
        )
    )
    _discussion(document, view)
    _footer(document, bank)
    return _saved(document)


def _discussion(document: DocumentType, view: TeamView) -> None:
    bank, result = view.bank, view.result
    document.add_heading("Questions to discuss", level=1)
    document.add_paragraph(_text(f"Ranked {RANKING}."))
    flagged = result.to_discuss()
    shown = flagged if view.top is None else flagged[: view.top]
    if not flagged:
        document.add_paragraph(none_to_discuss(result.disagree))
    for number, item in enumerate(shown, start=1):
        tally = item.tally
        document.add_heading(
            _text(f"{number}. {item.principle.name}: {item.question.text}"), level=2
        )
        document.add_paragraph(
            _text(
                f"Spread {tally.spread} (from {tally.min} to {tally.max}); mean {score_text(tally.mean)}, "
                f"median {tally.median:g}; {plural(tally.n, 'rating')}, {tally.not_applicable} not applicable."
            )
        )
        rated_by = tally.who_rated()
        keyed: list[tuple[int | str, str, int]] = [
            (lv.value, f"{lv.value} {lv.label}", tally.counts[lv.value]) for lv in bank.scale
        ]
        keyed.append(("n/a", "Not applicable", tally.not_applicable))
        _table(
            document,
            ["Rating", "People", *(["Who"] if view.names else [])],
            (
                [label, count, *([", ".join(rated_by.get(key, []))] if view.names else [])]
                for key, label, count in keyed
            ),
        )
        for author, rating, note in tally.notes:
            _note(document, note)
            who = f"{author}, " if view.names and author else ""
            document.add_paragraph(_text(f"— {who}{rating_label(bank, rating)}"))
    if len(shown) < len(flagged):
        more = f"{plural(len(flagged) - len(shown), 'more question')} flagged"
        document.add_paragraph(
            _text(more + (f"; to see them all: {view.more}" if view.more else "") + ".")
        )


def _change_table(document: DocumentType, view: CompareView) -> None:
    result = view.comparison
    document.add_heading("Change by principle", level=1)
    rows: list[list[object]] = [
        [
            p.principle.name,
            score_text(p.change.baseline),
            score_text(p.change.latest),
            change(p.change.delta),
            band_change(p.bands.baseline, p.bands.latest),
        ]
        for p in result.principles
    ]
    rows.append(
        [
            "Overall",
            score_text(result.overall.baseline),
            score_text(result.overall.latest),
            change(result.overall.delta),
            band_change(result.overall_bands.baseline, result.overall_bands.latest),
        ]
    )
    _table(document, ["Principle", "Baseline", "Latest", "Change", "Band"], rows)


def compare_report(view: CompareView) -> bytes:
    bank, result = view.bank, view.comparison
    document = _new(view.report.title or COMPARE_TITLE)
    made = when(view.report.made)
    _details(
        document,
        [
            ("Made", made),
            ("Baseline", plural(result.baseline_respondents, "respondent")),
            ("Latest", plural(result.latest_respondents, "respondent")),
        ],
    )
    names = [p.principle.name for p in result.principles]
    before = [p.change.baseline for p in result.principles]
    after = [p.change.latest for p in result.principles]
    _chart(
        document,
        names,
        [Line("Baseline", "baseline", before, "square"), Line("Latest", "latest", after, "circle")],
        bank,
        described_change(names, before, after),
    )
    document.add_paragraph("Baseline: dashed line with squares. Latest: solid line with dots.")
    _change_table(document, view)
    document.add_heading(f"Questions that moved by {result.moved_by:g} or more", level=1)
    if not result.moved:
        document.add_paragraph("None.")
    for q in result.moved:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_text(f"{q.principle.name}: ")).bold = True
        paragraph.add_run(
            _text(
                f"{q.question.text} {q.change.baseline:g} → {q.change.latest:g} "
                f"({change(q.change.delta)})"
            )
        )
    if view.actions:
        document.add_heading("The plan's actions, and how each question moved", level=1)
        _table(
            document,
            ["Question", "Action", "Owner", "Status", "Change"],
            (
                [a.question_id, a.action, a.owner, a.status, change(m.change.delta if m else None)]
                for a, m in view.actions_moved()
            ),
        )
    _footer(document, bank)
    return _saved(document)


def plan_report(view: PlanView) -> bytes:
    plan = view.plan
    document = _new(f"Improvement plan{': ' + plan.title if plan.title else ''}")
    made = when(plan.made)
    _details(document, [("Made", made), ("Made from", view.source)])
    _plan_items(document, plan)
    if plan.more:
        document.add_paragraph(
            _text(
                f"{plural(plan.more, 'more question')} could be worked on"
                + (f"; to see them all: {view.more}." if view.more else ".")
            )
        )
    _footer(document, plan.bank)
    return _saved(document)
