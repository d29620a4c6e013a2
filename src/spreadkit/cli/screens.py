"""The screens that are not reports: the bank's principles and questions, the welcome and the
principle panel of an assessment, what to do at its end, the working behind the scores, and a
question the room is to agree on. Meaning is carried by words, not colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spreadkit.documents.parts import SHOWN as SHOW_AT_MOST
from spreadkit.model.safe import visible
from spreadkit.model.scoring import apportioned
from spreadkit.model.wording import band_label, score_text
from spreadkit.model.words import plural
from spreadkit.writers.drawing import BAR_WIDTH, Drawing, Look, data, typed

if TYPE_CHECKING:
    # Types only: drawing the first question should not load the team or compare modules.
    from spreadkit.model.bank import Bank, Principle
    from spreadkit.model.scoring import PrincipleScore, Summary
    from spreadkit.model.team import Comments, TeamQuestion


def _score(score: float | None, look: Look | None = None) -> str:
    return score_text(score, look.dash if look else "—")


def next_steps(
    bank: Bank,
    *,
    unanswered: list[str],
    carry_on: str,
    priorities: bool,
    reports: list[str],
) -> Drawing:
    """The end of an assessment: what is left, where to start, and how to make a report. Each
    command has a line of its own, so it is never broken."""

    def build(look: Look) -> Group:
        parts: list[RenderableType] = [Text("\nWhat to do next", style="bold")]
        if unanswered:
            parts.append(Text(f"Still unanswered ({len(unanswered)}); to answer them, type:"))
            parts.append(typed(carry_on))
            listing = Table.grid(padding=(0, 1))
            listing.add_column(no_wrap=True)
            listing.add_column()
            for text in unanswered[:SHOW_AT_MOST]:
                listing.add_row(f"  {look.bullet}", data(text))
            parts.append(listing)
            if len(unanswered) > SHOW_AT_MOST:
                left = len(unanswered) - SHOW_AT_MOST
                parts.append(Text(f"    {look.ellipsis} and {left:,} more", style="dim"))
        if priorities:
            parts.append(Text("Start with the priorities listed above."))
        parts.append(Text("For a report to share (a web page, Word or markdown), type:"))
        parts += [typed(line) for line in reports]
        return Group(*parts)

    return Drawing(build)


def principle_panel(bank: Bank, principle: Principle, position: int, count: int) -> Panel:
    """The principle's name and title inside the panel, where they wrap, not in its border."""
    body = data(principle.name, "bold").append(": ").append_text(data(principle.title))
    body.append("\n\n").append_text(data(principle.summary))
    links = [p for p in (bank.principle(link) for link in principle.links) if p is not None]
    if links:
        body.append("\n\nConnects with: ", style="dim")
        body.append_text(data(", ".join(p.name for p in links), "dim"))
    return Panel(body, subtitle=f"Principle {position} of {count}", subtitle_align="right")


def welcome_renderable(
    bank: Bank, principles: list[Principle], output: str, resume_command: str
) -> Group:
    """What a person needs before the first question: how much there is, and that nothing is lost.
    The command to carry on has a line of its own, so it is never broken."""
    questions = sum(len(p.questions) for p in principles)
    scope = (
        f"on {visible(principles[0].name)}"
        if len(principles) == 1
        else f"across {plural(len(principles), 'principle')}"
    )
    text = data(f"{bank.title}\n", "bold")
    text.append(f"{plural(questions, 'question')} {scope}. Each answer is saved in ")
    text.append_text(data(output))
    text.append(" as soon as you give it. Ctrl-C stops at any time; to carry on later, type:")
    return Group(text, typed(resume_command), Text())


def principles_table(bank: Bank) -> Table:
    table = Table(title=data(bank.title), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Id", no_wrap=True)
    table.add_column("Principle")
    table.add_column("Questions", justify="right")
    for number, principle in enumerate(bank.principles, start=1):
        name = data(principle.name, "bold").append("\n").append_text(data(principle.title))
        if principle.source_note:
            name.append("\n").append_text(data(principle.source_note, "dim"))
        table.add_row(str(number), data(principle.id), name, str(len(principle.questions)))
    return table


def questions_renderable(bank: Bank, principles: list[Principle]) -> Group:
    parts: list[Panel | Text] = []
    for principle in principles:
        # A grid keeps each question's wrapped lines indented under its number.
        listing = Table.grid(padding=(0, 1))
        listing.add_column(justify="right", no_wrap=True)
        listing.add_column()
        for number, question in enumerate(principle.questions, start=1):
            entry = data(question.text)
            entry.append_text(data(f"  ({question.id}, {question.origin})", "dim"))
            if question.help:
                entry.append("\n").append_text(data(question.help, "italic"))
            listing.add_row(f"{number}.", entry)
        parts.append(Panel(listing, title=data(principle.name, "bold"), title_align="left"))
    scale = Text("Rating scale: ", style="bold")
    scale.append_text(data("; ".join(f"{level.value} {level.label}" for level in bank.scale)))
    parts.append(scale)
    return Group(*parts)


def explanation(bank: Bank, summary: Summary, principle_ids: list[str]) -> Group:
    """How the scores are made; `summary` covers every principle (the overall score needs them
    all) and the working is shown for the chosen ones."""
    parts: list[RenderableType] = [Text("How the scores are made", style="bold")]
    parts.append(Padding(_formula(bank), (0, 0, 0, 2)))
    for row in summary.principles:
        if row.principle.id in principle_ids:
            parts += _principle_working(bank, row)
    parts.append(Text("\nOverall", style="bold"))
    parts.append(Padding(_overall_working(summary), (0, 0, 0, 2)))
    return Group(*parts)


def _formula(bank: Bank) -> Text:
    top = bank.max_value
    formula = Text(
        f"Principle score = 100 × Σ(w × rating) / (Σ w × {top}) over its rated questions, w being "
        f"each question's weight; not applicable and unanswered questions are left out.\n"
        f"Overall = Σ(W × principle score) / Σ W over the principles with a score, W being each "
        f"principle's weight. Scores are rounded half up to one decimal place."
    )
    if not bank.weighted:
        formula.append(
            "\nEvery weight in this bank is 1, so a principle's score is 100 × mean(rating) / "
            f"{top} and the overall score is the mean of the principle scores."
        )
    return formula


def _principle_working(bank: Bank, row: PrincipleScore) -> list[RenderableType]:
    heading = data(f"\n{row.principle.name}: ", "bold")
    heading.append(
        "not scored (no question rated)"
        if row.score is None
        else visible(f"{_score(row.score)}, {band_label(row.band)}")
    )
    body: list[RenderableType] = []
    shares = row.shares()
    if shares:
        weighted = bank.weighted
        table = Table(box=None, pad_edge=False, padding=(0, 1))
        table.add_column("Question")
        table.add_column("Rating", justify="right", no_wrap=True)
        if weighted:
            table.add_column("Weight", justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        points = apportioned([share.points for share in shares])
        for share, shown in zip(shares, points, strict=True):
            cells: list[RenderableType] = [data(share.question.text), str(share.rating)]
            if weighted:
                cells.append(f"{share.weight:g}")
            cells.append(f"{shown:.1f}")
            table.add_row(*cells)
        body.append(table)
        body.append(
            Text(
                f"{_score(row.score)} = 100 × {row.weighted_sum:g} / ({row.weight_sum:g} × "
                f"{row.max_value}); the shares add up to the score.",
                style="dim",
            )
        )
    for label, questions in (
        ("Not applicable, left out", row.not_applicable_questions),
        ("Unanswered, left out", row.unanswered_questions),
    ):
        if questions:
            listed = "; ".join(f"{q.text} ({q.id})" for q in questions)
            body.append(data(f"{label}: {listed}", "dim"))
    return [heading, Padding(Group(*body), (0, 0, 0, 2))]


def _overall_working(summary: Summary) -> RenderableType:
    if summary.overall is None:
        return Text("Not scored: no principle has a rated question.")
    counted = summary.scored
    terms = " + ".join(
        f"{p.principle.weight:g} × {_score(p.score)} ({p.principle.name})" for p in counted
    )
    weights = sum(p.principle.weight for p in counted)
    band = summary.overall_band
    line = data(f"({terms}) / {weights:g} = {_score(summary.overall)}")
    if band is not None:
        upper = "100" if band.max == 100 else f"under {band.max:g}"
        line.append_text(data(f", in the band {band.label} ({band.min:g} to {upper})."))
    note = Text(
        "Worked from the unrounded principle scores, so it can differ from these rounded "
        "figures in the last place.",
        style="dim",
    )
    return Group(line, note)


def discussion_card(
    bank: Bank,
    item: TeamQuestion,
    position: int,
    count: int,
    *,
    names: bool,
    comments: Comments | None = None,
) -> Drawing:
    """One question the room is to agree on: how many chose each rating, as bars, the mean and
    spread, and the notes people wrote (by name only with --names); with the first question of
    a principle, what people wrote about the principle as a whole."""
    tally = item.tally

    def build(look: Look) -> Panel:
        heading = data(f"{item.principle.name}: ", "bold").append_text(data(item.question.text))
        counts = Table.grid(padding=(0, 1))
        counts.add_column()
        counts.add_column(no_wrap=True)
        counts.add_column(justify="right", no_wrap=True)
        most = max([*tally.counts, tally.not_applicable, 1])
        rows = [(f"{lv.value} {lv.label}", tally.counts[lv.value]) for lv in bank.scale]
        rows.append(("Not applicable", tally.not_applicable))
        for label, number in rows:
            width = round(number / most * BAR_WIDTH)
            counts.add_row(data(label), look.full * width or " ", str(number))
        figures = (
            f"Mean {_score(tally.mean, look)} {look.between} spread {tally.spread} "
            f"({tally.min} to {tally.max}) {look.between} {plural(tally.n, 'rating')}"
        )
        parts: list[RenderableType] = [heading, Text(), counts, Text(figures, style="dim")]
        opening, closing = look.quotes
        for author, rating, note in tally.notes:
            said = rating if isinstance(rating, int) else "n/a" if rating else "no rating"
            who = f"{author}, " if names and author else ""
            line = f"{opening}{' / '.join(note.splitlines())}{closing} ({who}{said})"
            parts.append(data(line, "italic"))
        if comments is not None and comments.kept:
            parts += [Text(), data(f"On {item.principle.name} as a whole:", "dim")]
            for author, text in comments.kept:
                who = f" ({author})" if names and author else ""
                parts.append(
                    data(f"{opening}{' / '.join(text.splitlines())}{closing}{who}", "italic")
                )
            if comments.more:
                parts.append(Text(f"… and {plural(comments.more, 'more comment')}", style="dim"))
        return Panel(
            Group(*parts),
            title=f"Discussion {position} of {count}",
            title_align="left",
            subtitle="agree a rating, then a note",
            subtitle_align="right",
        )

    return Drawing(build)
