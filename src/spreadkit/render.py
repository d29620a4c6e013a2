"""Drawing the bank and the readiness summary with Rich; meaning is carried by words, not colour."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spreadkit.answers import AnswersFile
from spreadkit.bank import Band, Bank, Principle
from spreadkit.scoring import RatedQuestion, Summary

BAR_WIDTH = 12
SHOW_AT_MOST = 5
_BAND_STYLES = ("red", "yellow", "green", "bright_green")


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    # Rich honours NO_COLOR by itself; --no-color is the same wish said on the command line.
    return Console(no_color=no_color or None, stderr=stderr, highlight=False)


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
    index = bank.bands.index(band)
    # Spread the styles over however many bands the bank defines, worst to best.
    step = (len(_BAND_STYLES) - 1) / max(len(bank.bands) - 1, 1)
    return _BAND_STYLES[round(index * step)]


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
    answered = f"Answered {summary.answered} of {summary.total} questions."
    if summary.answered < summary.total:
        answered += " Scores cover only the questions rated so far."
    parts.append(Text(answered))

    for heading, rows, empty in (
        (
            "Priorities (rated 0 or 1, lowest first)",
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
            line = Text(f"{rated.principle.name}: ", style="bold")
            line.append(rated.question.text, style="")
            line.append(f" [{_rating_label(bank, rated)}]", style="dim")
            listing.add_row("  •", line)
        parts.append(listing)
        if len(rows) > SHOW_AT_MOST:
            parts.append(Text(f"    … and {len(rows) - SHOW_AT_MOST} more", style="dim"))
    return Group(*parts)


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
        lines = Text()
        for number, question in enumerate(principle.questions, start=1):
            if number > 1:
                lines.append("\n")
            lines.append(f"{number}. {question.text}")
            lines.append(f"  ({question.id}, {question.origin})", style="dim")
            if question.help:
                lines.append(f"\n   {question.help}", style="italic")
        parts.append(Panel(lines, title=f"[bold]{principle.name}[/bold]", title_align="left"))
    scale = Text("Rating scale: ", style="bold")
    scale.append("; ".join(f"{level.value} {level.label}" for level in bank.scale))
    parts.append(scale)
    return Group(*parts)
