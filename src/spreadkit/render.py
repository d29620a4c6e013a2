"""Drawing the bank and the readiness summary with Rich; meaning is carried by words, not colour."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spreadkit.wording import change, plural

if TYPE_CHECKING:
    # Types only: drawing the first question should not load the team or compare modules.
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Band, Bank, Principle
    from spreadkit.compare import Comparison
    from spreadkit.explain import Working
    from spreadkit.scoring import RatedQuestion, Summary
    from spreadkit.team import QuestionTally, TeamResult

BAR_WIDTH = 12
RANGE_WIDTH = 10
SHOW_AT_MOST = 5
_BAND_STYLES = ("red", "yellow", "green", "bright_green")


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    # Rich honours NO_COLOR by itself; --no-color is the same wish said on the command line.
    return Console(no_color=no_color or None, stderr=stderr, highlight=False)


def to_plain_text(renderable: RenderableType) -> str:
    """What the screen would show, as plain text for a file."""
    buffer = io.StringIO()
    Console(file=buffer, width=100, no_color=True, highlight=False).print(renderable)
    return buffer.getvalue()


def to_svg(renderable: RenderableType, title: str) -> str:
    """The terminal view as an SVG picture, in colour, for slides."""
    # Rich's own template fetches its font from the web; a slide shown offline should fetch
    # nothing, so the picture uses the font installed locally, or any monospace font.
    from rich._export_format import CONSOLE_SVG_FORMAT

    console = Console(
        file=io.StringIO(), record=True, width=90, force_terminal=True, color_system="truecolor"
    )
    console.print(renderable)
    offline = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)
    offline = offline.replace("<!-- Generated with Rich https://www.textualize.io -->", "")
    return console.export_svg(title=title, code_format=offline)


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def band_style(bank: Bank, band: Band | None) -> str:
    if band is None:
        return "dim"
    return _BAND_STYLES[bank.shade_index(band, len(_BAND_STYLES))]


def _rating_label(bank: Bank, rated: RatedQuestion) -> str:
    level = bank.level(rated.rating)
    return f"{rated.rating} {level.label}" if level else str(rated.rating)


def summary_renderable(bank: Bank, summary: Summary, answers: AnswersFile | None = None) -> Group:
    title = "Readiness summary"
    if answers is not None and answers.meta.title:
        title += f": {answers.meta.title}"
    table = Table(title=title, title_justify="left")
    table.add_column("Principle", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Band", no_wrap=True)
    table.add_column("Answered", justify="right", no_wrap=True)
    for row in summary.principles:
        style = band_style(bank, row.band)
        answered = f"{row.rated + row.not_applicable}/{row.total}"
        if row.not_applicable:
            answered += f" ({row.not_applicable} n/a)"
        table.add_row(
            row.principle.name,
            score_text(row.score),
            Text(bar(row.score), style=style),
            Text(row.band.label if row.band else "not scored", style=style),
            answered,
        )

    parts: list[Text | Table] = [table]
    overall = Text("Overall readiness: ", style="bold")
    if summary.overall is None:
        overall.append("not scored yet (no question has a rating)")
    else:
        band = summary.overall_band
        overall.append(f"{score_text(summary.overall)} out of 100, ")
        overall.append(band.label if band else "", style=f"bold {band_style(bank, band)}")
    parts.append(overall)
    if summary.has_targets:
        parts.append(_targets_table(summary))
    answered = f"Answered {summary.answered} of {summary.total} questions."
    if summary.answered < summary.total:
        answered += " Scores cover only the questions rated so far."
    parts.append(Text(answered))

    for heading, rows, empty in (
        (
            "Priorities (rated 0 or 1, "
            + ("biggest weighted gap to target first)" if summary.has_targets else "lowest first)"),
            summary.priorities,
            "None: nothing rated 0 or 1.",
        ),
        (f"Strengths (rated {bank.max_value})", summary.strengths, "None yet."),
    ):
        parts.append(Text(f"\n{heading}", style="bold"))
        if not rows:
            parts.append(Text(f"  {empty}", style="dim"))
            continue
        # A grid keeps wrapped lines indented under their own bullet.
        listing = Table.grid(padding=(0, 1))
        listing.add_column(no_wrap=True)
        listing.add_column()
        for rated in rows[:SHOW_AT_MOST]:
            line = Text().append(f"{rated.principle.name}: ", style="bold")
            line.append(rated.question.text, style="")
            line.append(f" [{_rating_label(bank, rated)}]", style="dim")
            listing.add_row("  •", line)
        parts.append(listing)
        if len(rows) > SHOW_AT_MOST:
            parts.append(Text(f"    … and {len(rows) - SHOW_AT_MOST} more", style="dim"))
    return Group(*parts)


def _targets_table(summary: Summary) -> Table:
    table = Table(title="Targets", title_justify="left")
    table.add_column("Principle", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("Gap", justify="right")
    for row in summary.principles:
        if row.target is not None:
            table.add_row(
                row.principle.name,
                score_text(row.score),
                f"{row.target:g}",
                "reached" if row.gap == 0 else score_text(row.gap),
            )
    table.caption = f"Percent to target: {score_text(summary.percent_to_target)}%"
    table.caption_justify = "left"
    return table


def principle_panel(bank: Bank, principle: Principle, position: int, count: int) -> Panel:
    links = [bank.principle(link) for link in principle.links]
    body = Text(principle.summary)
    if links:
        names = ", ".join(p.name for p in links if p is not None)
        body.append(f"\n\nConnects with: {names}", style="dim")
    return Panel(
        body,
        title=f"[bold]{principle.name}[/bold]: {principle.title}",
        title_align="left",
        subtitle=f"Principle {position} of {count}",
        subtitle_align="right",
    )


def welcome_renderable(
    bank: Bank, principles: list[Principle], output: str, resume_command: str
) -> Text:
    """What a person needs before the first question: how much there is, and that nothing is lost."""
    questions = sum(len(p.questions) for p in principles)
    scope = (
        f"on {principles[0].name}"
        if len(principles) == 1
        else f"across {plural(len(principles), 'principle')}"
    )
    text = Text()
    text.append(f"{bank.title}\n", style="bold")
    text.append(
        f"{plural(questions, 'question')} {scope}. Each answer is saved in {output} as soon as "
        "you give it. Ctrl-C stops at any time, and "
    )
    text.append(resume_command, style="bold")
    text.append(" carries on from there.\n")
    return text


def principles_table(bank: Bank) -> Table:
    table = Table(title=bank.title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Id", no_wrap=True)
    table.add_column("Principle")
    table.add_column("Questions", justify="right")
    for number, principle in enumerate(bank.principles, start=1):
        table.add_row(
            str(number),
            principle.id,
            f"[bold]{principle.name}[/bold]\n{principle.title}",
            str(len(principle.questions)),
        )
    return table


def questions_renderable(bank: Bank, principles: list[Principle]) -> Group:
    parts: list[Panel | Text] = []
    for principle in principles:
        # A grid keeps each question's wrapped lines indented under its number.
        listing = Table.grid(padding=(0, 1))
        listing.add_column(justify="right", no_wrap=True)
        listing.add_column()
        for number, question in enumerate(principle.questions, start=1):
            entry = Text(question.text)
            entry.append(f"  ({question.id}, {question.origin})", style="dim")
            if question.help:
                entry.append(f"\n{question.help}", style="italic")
            listing.add_row(f"{number}.", entry)
        parts.append(Panel(listing, title=f"[bold]{principle.name}[/bold]", title_align="left"))
    scale = Text("Rating scale: ", style="bold")
    scale.append("; ".join(f"{level.value} {level.label}" for level in bank.scale))
    parts.append(scale)
    return Group(*parts)


def range_bar(
    low: float | None, high: float | None, mid: float | None, width: int = BAR_WIDTH
) -> str:
    """· outside the respondents' range, ━ inside it, ● at the team score."""
    if low is None or high is None or mid is None:
        return "·" * width
    cells = []
    for i in range(width):
        start, end = i / width * 100, (i + 1) / width * 100
        if start <= mid < end or (i == width - 1 and mid == 100):
            cells.append("●")
        elif end > low and start <= high:
            cells.append("━")
        else:
            cells.append("·")
    return "".join(cells)


def team_renderable(bank: Bank, result: TeamResult, *, names: bool) -> Group:
    table = Table(
        title=f"Team readiness: {plural(result.respondents, 'respondent')}", title_justify="left"
    )
    table.add_column("Principle", no_wrap=True)
    table.add_column("Team score", no_wrap=True)
    table.add_column("Lowest to highest", no_wrap=True)
    table.add_column("People", justify="right", no_wrap=True)
    for p in result.principles:
        style = band_style(bank, p.band)
        score = Text(f"{score_text(p.score):>5} ")
        score.append(p.band.label if p.band else "not scored", style=style)
        spread = Text(range_bar(p.min, p.max, p.score, RANGE_WIDTH), style=style)
        if p.min is not None and p.max is not None:
            spread.append(f" {p.min:.0f}–{p.max:.0f}", style="")
        table.add_row(p.principle.name, score, spread, f"{p.respondents}/{result.respondents}")
    parts: list[Text | Table] = [table]
    overall = Text("Overall team readiness: ", style="bold")
    if result.overall is None:
        overall.append("not scored yet")
    else:
        overall.append(f"{score_text(result.overall)} out of 100, ")
        overall.append(
            result.overall_band.label if result.overall_band else "",
            style=f"bold {band_style(bank, result.overall_band)}",
        )
    parts.append(overall)
    parts.append(
        Text(
            "━ runs from the lowest to the highest respondent's score and ● marks the team "
            "score; People is how many scored the principle.",
            style="dim",
        )
    )

    flagged = result.to_discuss()
    parts.append(
        Text(
            f"\nQuestions to discuss (ratings {result.disagree} or more points apart, widest first)",
            style="bold",
        )
    )
    if not flagged:
        parts.append(Text("  None: the team broadly agrees on every question.", style="dim"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True, justify="right")
    listing.add_column()
    for number, item in enumerate(flagged, start=1):
        tally = item.tally
        body = Text().append(f"{item.principle.name}: ", style="bold")
        body.append(item.question.text)
        body.append(
            f"\nSpread {tally.spread} ({tally.min} to {tally.max}), mean {tally.mean:.1f}, "
            f"median {tally.median:g}; {plural(tally.n, 'rating')}, "
            f"{tally.not_applicable} n/a",
            style="dim",
        )
        body.append("\nRatings: " + _distribution(tally, names=names))
        for author, rating, note in tally.notes:
            label = rating if isinstance(rating, int) else "n/a" if rating else "no rating"
            who = f"{author}, " if author else ""
            body.append(f"\n  “{' / '.join(note.splitlines())}” ({who}{label})", style="italic")
        listing.add_row(f"{number}.", body)
        listing.add_row("", "")
    parts.append(listing)
    return Group(*parts)


def _distribution(tally: QuestionTally, *, names: bool) -> str:
    who: dict[int | str, list[str]] = {}
    for name, rating in tally.names:
        who.setdefault(rating, []).append(name)
    pieces = []
    keyed: list[tuple[int | str, int]] = [*enumerate(tally.counts), ("n/a", tally.not_applicable)]
    for key, count in keyed:
        if not count:
            continue
        if names:
            pieces.append(f"{key}: {', '.join(who.get(key, []))}")
        else:
            pieces.append(f"{key} ×{count}")
    return " · ".join(pieces) if pieces else "none"


def _delta_text(delta: float | None) -> Text:
    # The words carry the meaning; the colour only adds to it.
    style = "dim" if delta is None else "green" if delta > 0 else "red" if delta < 0 else ""
    return Text(change(delta), style=style)


def compare_renderable(bank: Bank, result: Comparison) -> Group:
    table = Table(
        title=(
            f"Readiness compared: baseline ({plural(result.baseline_respondents, 'respondent')}) "
            f"and latest ({plural(result.latest_respondents, 'respondent')})"
        ),
        title_justify="left",
    )
    table.add_column("Principle", no_wrap=True)
    table.add_column("Baseline", justify="right", no_wrap=True)
    table.add_column("Latest", justify="right", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    table.add_column("Before → after", no_wrap=True)
    rows = [(p.principle.name, p.change) for p in result.principles]
    rows.append(("Overall", result.overall))
    for name, moved_by in rows:
        table.add_row(
            Text(name, style="bold" if name == "Overall" else ""),
            score_text(moved_by.baseline),
            score_text(moved_by.latest),
            _delta_text(moved_by.delta),
            Text(bar(moved_by.baseline, 6), style="dim")
            .append(" → ")
            .append(bar(moved_by.latest, 6)),
        )
    parts: list[Text | Table] = [table]
    parts.append(Text("\nQuestions that moved by 2 or more (mean rating)", style="bold"))
    if not result.moved:
        parts.append(Text("  None.", style="dim"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True)
    listing.add_column()
    listing.add_column(no_wrap=True)
    for q in result.moved:
        body = Text().append(f"{q.principle.name}: ", style="bold")
        body.append(q.question.text)
        moved = Text(f"{q.change.baseline:g} → {q.change.latest:g} ")
        moved.append_text(_delta_text(q.change.delta))
        listing.add_row("  •", body, moved)
    parts.append(listing)
    return Group(*parts)


def explain_renderable(bank: Bank, working: Working) -> Group:
    top = working.max_value
    weighted = bank.weighted
    parts: list[RenderableType] = [Text("How the scores are made", style="bold")]
    formula = Text(
        f"Principle score = 100 × Σ(w × rating) / (Σ w × {top}) over its rated questions, w being "
        f"each question's weight; not applicable and unanswered questions are left out.\n"
        f"Overall = Σ(W × principle score) / Σ W over the principles with a score, W being each "
        f"principle's weight. Scores are rounded half up to one decimal place."
    )
    if not weighted:
        formula.append(
            "\nEvery weight in this bank is 1, so a principle's score is 100 × mean(rating) / "
            f"{top} and the overall score is the mean of the principle scores."
        )
    parts.append(Padding(formula, (0, 0, 0, 2)))
    for w in working.principles:
        heading = Text(f"\n{w.principle.name}: ", style="bold")
        heading.append(
            "not scored (no question rated)"
            if w.score is None
            else f"{score_text(w.score)}, {w.band.label if w.band else ''}"
        )
        parts.append(heading)
        body: list[RenderableType] = []
        if w.shares:
            table = Table(box=None, pad_edge=False, padding=(0, 1))
            table.add_column("Question")
            table.add_column("Rating", justify="right", no_wrap=True)
            if weighted:
                table.add_column("Weight", justify="right", no_wrap=True)
            table.add_column("Share", justify="right", no_wrap=True)
            for share in w.shares:
                cells = [share.question.text, str(share.rating)]
                if weighted:
                    cells.append(f"{share.weight:g}")
                cells.append(f"{share.points:.1f}")
                table.add_row(*cells)
            body.append(table)
            body.append(
                Text(
                    f"{score_text(w.score)} = 100 × {w.weighted_sum:g} / ({w.weight_sum:g} × {top}); "
                    "the shares add up to the score.",
                    style="dim",
                )
            )
        for label, questions in (
            ("Not applicable, left out", w.not_applicable),
            ("Unanswered, left out", w.unanswered),
        ):
            if questions:
                body.append(Text(f"{label}: " + "; ".join(q.id for q in questions), style="dim"))
        parts.append(Padding(Group(*body), (0, 0, 0, 2)))

    parts.append(Text("\nOverall", style="bold"))
    if working.overall is None:
        parts.append(Padding(Text("Not scored: no principle has a rated question."), (0, 0, 0, 2)))
    else:
        terms = " + ".join(
            f"{p.principle.weight:g} × {score_text(p.score)} ({p.principle.name})"
            for p in working.counted
        )
        weights = sum(p.principle.weight for p in working.counted)
        band = working.overall_band
        line = Text(f"({terms}) / {weights:g} = {score_text(working.overall)}")
        if band is not None:
            upper = "100" if band.max == 100 else f"under {band.max:g}"
            line.append(f", in the band {band.label} ({band.min:g} to {upper}).")
        note = Text(
            "Worked from the unrounded principle scores, so it can differ from these rounded "
            "figures in the last place.",
            style="dim",
        )
        parts.append(Padding(Group(line, note), (0, 0, 0, 2)))
    return Group(*parts)
