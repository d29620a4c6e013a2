"""The terminal format: the bank, the summary, the team view, a comparison and the working, drawn
with Rich. Meaning is carried by words, not colour; a file gets the same drawing as plain text."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spreadkit.wording import change, plural, rating_label, ratings_up_to, score_text, shade

if TYPE_CHECKING:
    # Types only: drawing the first question should not load the team or compare modules.
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Band, Bank, Principle
    from spreadkit.formats import CompareView, PersonView, TeamView
    from spreadkit.scoring import PrincipleScore, RatedQuestion, Summary
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


def _score(score: float | None) -> str:
    return score_text(score, "—")


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def band_style(bank: Bank, band: Band | None) -> str:
    return shade(bank, band, _BAND_STYLES, "dim")


def summary(view: PersonView) -> Group:
    return summary_drawing(view.bank, view.summary, view.answers)


def summary_drawing(bank: Bank, summary: Summary, answers: AnswersFile | None = None) -> Group:
    title = "Readiness summary"
    if answers is not None and answers.meta.title:
        title += f": {answers.meta.title}"
    parts: list[Text | Table] = [_summary_table(bank, summary, title)]
    parts.append(_overall_line(bank, "Overall readiness: ", summary.overall, summary.overall_band))
    if summary.has_targets:
        parts.append(_targets_table(summary))
    answered = f"Answered {summary.answered} of {summary.total} questions."
    if summary.answered < summary.total:
        answered += " Scores cover only the questions rated so far."
    parts.append(Text(answered))
    low = ratings_up_to(summary.priority_at_or_below)
    order = "biggest weighted gap to target first" if summary.has_targets else "lowest first"
    parts += _listing(
        bank,
        f"Priorities (rated {low}, {order})",
        summary.priorities,
        f"None: nothing rated {low}.",
    )
    parts += _listing(
        bank, f"Strengths (rated {summary.strength_at})", summary.strengths, "None yet."
    )
    return Group(*parts)


def _summary_table(bank: Bank, summary: Summary, title: str) -> Table:
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
            _score(row.score),
            Text(bar(row.score), style=style),
            Text(row.band.label if row.band else "not scored", style=style),
            answered,
        )
    return table


def _overall_line(bank: Bank, lead: str, score: float | None, band: Band | None) -> Text:
    overall = Text(lead, style="bold")
    if score is None:
        overall.append("not scored yet (no question has a rating)")
    else:
        overall.append(f"{_score(score)} out of 100, ")
        overall.append(band.label if band else "", style=f"bold {band_style(bank, band)}")
    return overall


def _listing(bank: Bank, heading: str, rows: list[RatedQuestion], empty: str) -> list[Text | Table]:
    parts: list[Text | Table] = [Text(f"\n{heading}", style="bold")]
    if not rows:
        return [*parts, Text(f"  {empty}", style="dim")]
    # A grid keeps wrapped lines indented under their own bullet.
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True)
    listing.add_column()
    for rated in rows[:SHOW_AT_MOST]:
        line = Text().append(f"{rated.principle.name}: ", style="bold")
        line.append(rated.question.text, style="")
        line.append(f" [{rating_label(bank, rated.rating)}]", style="dim")
        listing.add_row("  •", line)
    parts.append(listing)
    if len(rows) > SHOW_AT_MOST:
        parts.append(Text(f"    … and {len(rows) - SHOW_AT_MOST} more", style="dim"))
    return parts


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
                _score(row.score),
                f"{row.target:g}",
                "reached" if row.gap == 0 else _score(row.gap),
            )
    table.caption = f"Percent to target: {_score(summary.percent_to_target)}%"
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


def team(view: TeamView) -> Group:
    return _team(view.bank, view.result, names=view.names)


def _team(bank: Bank, result: TeamResult, *, names: bool) -> Group:
    table = Table(
        title=f"Team readiness: {plural(result.respondents, 'respondent')}", title_justify="left"
    )
    table.add_column("Principle", no_wrap=True)
    table.add_column("Team score", no_wrap=True)
    table.add_column("Lowest to highest", no_wrap=True)
    table.add_column("People", justify="right", no_wrap=True)
    for p in result.principles:
        style = band_style(bank, p.band)
        score = Text(f"{_score(p.score):>5} ")
        score.append(p.band.label if p.band else "not scored", style=style)
        spread = Text(range_bar(p.min, p.max, p.score, RANGE_WIDTH), style=style)
        if p.min is not None and p.max is not None:
            spread.append(f" {p.min:.0f}–{p.max:.0f}", style="")
        table.add_row(p.principle.name, score, spread, f"{p.respondents}/{result.respondents}")
    overall = Text("Overall team readiness: ", style="bold")
    if result.overall is None:
        overall.append("not scored yet")
    else:
        overall.append(f"{_score(result.overall)} out of 100, ")
        overall.append(
            result.overall_band.label if result.overall_band else "",
            style=f"bold {band_style(bank, result.overall_band)}",
        )
    key = Text(
        "━ runs from the lowest to the highest respondent's score and ● marks the team "
        "score; People is how many scored the principle.",
        style="dim",
    )
    return Group(table, overall, key, *_discussion(result, names=names))


def _discussion(result: TeamResult, *, names: bool) -> list[Text | Table]:
    flagged = result.to_discuss()
    parts: list[Text | Table] = [
        Text(
            f"\nQuestions to discuss (ratings {result.disagree} or more points apart, widest first)",
            style="bold",
        )
    ]
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
    return parts


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


def comparison(view: CompareView) -> Group:
    result = view.comparison
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
            _score(moved_by.baseline),
            _score(moved_by.latest),
            _delta_text(moved_by.delta),
            Text(bar(moved_by.baseline, 6), style="dim")
            .append(" → ")
            .append(bar(moved_by.latest, 6)),
        )
    parts: list[Text | Table] = [table]
    parts.append(
        Text(f"\nQuestions that moved by {result.moved_by:g} or more (mean rating)", style="bold")
    )
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
    heading = Text(f"\n{row.principle.name}: ", style="bold")
    heading.append(
        "not scored (no question rated)"
        if row.score is None
        else f"{_score(row.score)}, {row.band.label if row.band else ''}"
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
        for share in shares:
            cells = [share.question.text, str(share.rating)]
            if weighted:
                cells.append(f"{share.weight:g}")
            cells.append(f"{share.points:.1f}")
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
            body.append(Text(f"{label}: " + "; ".join(q.id for q in questions), style="dim"))
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
    line = Text(f"({terms}) / {weights:g} = {_score(summary.overall)}")
    if band is not None:
        upper = "100" if band.max == 100 else f"under {band.max:g}"
        line.append(f", in the band {band.label} ({band.min:g} to {upper}).")
    note = Text(
        "Worked from the unrounded principle scores, so it can differ from these rounded "
        "figures in the last place.",
        style="dim",
    )
    return Group(line, note)
