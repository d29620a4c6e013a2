"""The terminal format: the bank, the summary, the team view, a comparison and the working, drawn
with Rich. Meaning is carried by words, not colour; a file gets the same drawing as plain text.

Everything that came from a file or an argument goes in as plain `Text` (so Rich never reads it
as markup) with its control characters made visible. Each drawing chooses its layout when it is
drawn, from the width it is given and the characters the console can show, so numbers stay whole
at 60 columns and a console that is not UTF-8 gets plain ASCII lines and bars.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from spreadkit.safe import visible
from spreadkit.wording import (
    NOTHING_TO_WORK_ON,
    action_line,
    band_change,
    band_label,
    change,
    distribution,
    plan_rating,
    plural,
    rating_label,
    ratings_up_to,
    score_text,
    shade,
    weakest_words,
    when,
)

if TYPE_CHECKING:
    # Types only: drawing the first question should not load the team or compare modules.
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Band, Bank, Principle
    from spreadkit.comparison import BandChange, Comparison
    from spreadkit.formats import CompareView, PersonView, PlanView, Report, TeamView
    from spreadkit.plan import Plan, PlanItem
    from spreadkit.scoring import PrincipleScore, RatedQuestion, Summary
    from spreadkit.team import TeamQuestion, TeamResult

BAR_WIDTH = 12
RANGE_WIDTH = 10
SHOW_AT_MOST = 5
# Below this width the bars give way, so that every number stays whole.
ROOM_FOR_BARS = 78
# The compare table has the bands beside the scores from this width, below them under it.
ROOM_FOR_BANDS = 72
_BAND_STYLES = ("red", "yellow", "green", "bright_green")


@dataclass(frozen=True)
class Look:
    """What a drawing may use where it is shown: the width, and characters the console can show."""

    width: int
    full: str = "█"
    empty: str = "░"
    none: str = "·"
    inside: str = "━"
    mark: str = "●"
    dash: str = "—"
    bullet: str = "•"
    quotes: tuple[str, str] = ("“", "”")
    arrows: tuple[str, str, str] = ("↑", "↓", "→")
    ellipsis: str = "…"
    to: str = "–"
    times: str = "×"
    between: str = "·"

    @property
    def roomy(self) -> bool:
        return self.width >= ROOM_FOR_BARS

    @classmethod
    def plain(cls, width: int) -> Look:
        return cls(
            width,
            "#",
            "-",
            ".",
            "=",
            "o",
            "-",
            "*",
            ('"', '"'),
            ("^", "v", ">"),
            "...",
            "-",
            "x",
            "|",
        )

    @classmethod
    def of(cls, options: ConsoleOptions) -> Look:
        return cls.plain(options.max_width) if options.ascii_only else cls(options.max_width)

    def change(self, delta: float | None) -> str:
        up, down, same = self.arrows
        words = change(delta)
        return words.replace("↑", up).replace("↓", down).replace("→", same)


class Drawing:
    """A drawing laid out when it is drawn, once its width and console are known."""

    def __init__(self, build: Callable[[Look], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(Look.of(options))


def data(text: str, style: str = "") -> Text:
    """Text from a file or an argument: never read as markup, its control characters visible."""
    return Text(visible(text), style=style)


def typed(command: str, style: str = "bold") -> Text:
    """A command for the person to type, on a line of its own and never broken: on a screen too
    narrow for it the terminal wraps it, and a copy of the wrapped line is still one command."""
    return Text(visible(f"  {command}"), style=style, no_wrap=True, overflow="ignore")


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    # Rich honours NO_COLOR by itself; --no-color is the same wish said on the command line.
    return Console(no_color=no_color or None, stderr=stderr, highlight=False)


class _Page(io.StringIO):
    """Somewhere to draw plain text, for a destination with this encoding."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def render_text(renderable: RenderableType, width: int = 100, encoding: str = "utf-8") -> str:
    """The drawing as plain text, for a file or a pipe: no colour, no spaces at line ends, and
    only characters the destination's encoding can hold in its lines and bars."""
    page = _Page(encoding)
    # Not cropped: a command to type runs past the width rather than being cut (see `typed`).
    Console(file=page, width=width, no_color=True, highlight=False).print(renderable, crop=False)
    return "".join(line.rstrip() + "\n" for line in page.getvalue().splitlines())


def _score(score: float | None, look: Look | None = None) -> str:
    return score_text(score, look.dash if look else "—")


def bar(score: float | None, width: int = BAR_WIDTH, look: Look | None = None) -> str:
    look = look or Look(width)
    if score is None:
        return look.none * width
    filled = round(score / 100 * width)
    return look.full * filled + look.empty * (width - filled)


def range_bar(
    low: float | None,
    high: float | None,
    mid: float | None,
    width: int = BAR_WIDTH,
    look: Look | None = None,
) -> str:
    """· outside the respondents' range, ━ inside it, ● at the team score."""
    look = look or Look(width)
    if low is None or high is None or mid is None:
        return look.none * width
    cells = []
    for i in range(width):
        start, end = i / width * 100, (i + 1) / width * 100
        if start <= mid < end or (i == width - 1 and mid == 100):
            cells.append(look.mark)
        elif end > low and start <= high:
            cells.append(look.inside)
        else:
            cells.append(look.none)
    return "".join(cells)


def band_style(bank: Bank, band: Band | None) -> str:
    return shade(bank, band, _BAND_STYLES, "dim")


def summary(view: PersonView) -> Drawing:
    return summary_drawing(
        view.bank, view.summary, view.answers, show_all=view.show_all, more=view.more
    )


def summary_drawing(
    bank: Bank,
    summary: Summary,
    answers: AnswersFile | None = None,
    *,
    show_all: bool = False,
    more: str | None = None,
) -> Drawing:
    """The summary; the priorities and strengths are cut to the first few unless `show_all`,
    with `more` (a command) saying how to see the rest."""
    title = Text("Readiness summary")
    if answers is not None and answers.meta.title:
        title.append(": ").append_text(data(answers.meta.title))
    if answers is not None and answers.meta.respondent.strip():
        title.append(", answered by ").append_text(data(answers.meta.respondent.strip()))
    most = None if show_all else SHOW_AT_MOST

    def build(look: Look) -> Group:
        parts: list[RenderableType] = [_summary_table(bank, summary, title, look)]
        lowest = summary.weakest
        parts.append(
            _overall_line(
                bank,
                "Overall readiness: ",
                summary.overall,
                summary.overall_band,
                look,
                (lowest.principle.name, lowest.score) if lowest else None,
            )
        )
        if summary.has_targets:
            parts.append(_targets_table(summary, look))
        answered = f"Answered {summary.answered} of {summary.total} questions."
        if summary.answered < summary.total:
            answered += " Scores cover only the questions rated so far."
        parts.append(Text(answered))
        low = ratings_up_to(summary.priority_at_or_below)
        order = "biggest weighted gap to target first" if summary.has_targets else "lowest first"
        parts += _listing(
            bank,
            (f"Priorities (rated {low}, {order})", f"None: nothing rated {low}."),
            summary.priorities,
            (most, more),
            look,
        )
        parts += _listing(
            bank,
            (f"Strengths (rated {summary.strength_at})", "None yet."),
            summary.strengths,
            (most, more),
            look,
        )
        return Group(*parts)

    return Drawing(build)


def _summary_table(bank: Bank, summary: Summary, title: Text, look: Look) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Principle", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    if look.roomy:
        table.add_column("", no_wrap=True)
    table.add_column("Band", no_wrap=look.roomy)
    table.add_column("Answered", justify="right", no_wrap=True)
    for row in summary.principles:
        style = band_style(bank, row.band)
        answered = f"{row.rated + row.not_applicable}/{row.total}"
        if row.not_applicable:
            answered += f" ({row.not_applicable} n/a)"
        cells: list[RenderableType] = [data(row.principle.name), _score(row.score, look)]
        if look.roomy:
            cells.append(Text(bar(row.score, look=look), style=style))
        cells += [data(band_label(row.band), style), answered]
        table.add_row(*cells)
    return table


def _overall_line(
    bank: Bank,
    lead: str,
    score: float | None,
    band: Band | None,
    look: Look,
    weakest: tuple[str, float | None] | None = None,
) -> Text:
    overall = Text(lead, style="bold")
    if score is None:
        overall.append("not scored yet (no question has a rating)")
    else:
        overall.append(f"{_score(score, look)} out of 100, ")
        overall.append_text(data(band.label if band else "", f"bold {band_style(bank, band)}"))
    if weakest is not None and score is not None:
        overall.append_text(data(f"; {weakest_words(*weakest)}"))
    if bank.about_bands:
        overall.append("\n").append_text(data(bank.about_bands, "dim"))
    return overall


def _listing(
    bank: Bank,
    words: tuple[str, str],
    rows: list[RatedQuestion],
    cut: tuple[int | None, str | None],
    look: Look,
) -> list[RenderableType]:
    """A heading and its questions (`words`: the heading, and what to say when there are none),
    cut at `cut[0]` with a line saying how many more and the command `cut[1]` that shows all."""
    heading, empty = words
    most, more = cut
    parts: list[RenderableType] = [Text(f"\n{heading}", style="bold")]
    if not rows:
        return [*parts, Text(f"  {empty}", style="dim")]
    parts.append(_bullets(bank, rows[:most], look))
    if most is not None and len(rows) > most:
        rest = Text(f"    {look.ellipsis} and {len(rows) - most} more", style="dim")
        parts.append(rest)
        if more:
            rest.append("; to see them all, type:", style="dim")
            parts.append(typed(f"  {more}", "dim"))
    return parts


def _bullets(bank: Bank, rows: list[RatedQuestion], look: Look, numbered: bool = False) -> Table:
    # A grid keeps wrapped lines indented under their own bullet.
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True, justify="right")
    listing.add_column()
    for number, rated in enumerate(rows, start=1):
        line = data(f"{rated.principle.name}: ", "bold")
        line.append_text(data(rated.question.text))
        line.append_text(data(f" [{rating_label(bank, rated.rating)}]", "dim"))
        listing.add_row(f"  {number}." if numbered else f"  {look.bullet}", line)
    return listing


def next_steps(
    bank: Bank,
    *,
    unanswered: list[str],
    carry_on: str,
    priorities: list[RatedQuestion],
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
                parts.append(Text(f"    {look.ellipsis} and {left} more", style="dim"))
        if priorities:
            parts.append(Text(f"Start with {plural(len(priorities), 'priority', 'priorities')}:"))
            parts.append(_bullets(bank, priorities, look, numbered=True))
        parts.append(Text("For a report to share (a web page, or markdown), type:"))
        parts += [typed(line) for line in reports]
        return Group(*parts)

    return Drawing(build)


def _targets_table(summary: Summary, look: Look) -> Table:
    table = Table(title="Targets", title_justify="left")
    table.add_column("Principle", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("Gap", justify="right", no_wrap=True)
    for row in summary.principles:
        if row.target is not None:
            table.add_row(
                data(row.principle.name),
                _score(row.score, look),
                f"{row.target:g}",
                "reached" if row.gap == 0 else _score(row.gap, look),
            )
    table.caption = f"Percent to target: {_score(summary.percent_to_target, look)}%"
    table.caption_justify = "left"
    return table


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


def team(view: TeamView) -> Drawing:
    bank, result = view.bank, view.result

    def build(look: Look) -> Group:
        return Group(
            *_heading(view.report),
            *_team_summary(bank, result, look),
            *_discussion(view, look),
        )

    return Drawing(build)


def _heading(report: Report) -> list[RenderableType]:
    """A report's own title and when it was made, above its first table."""
    parts: list[RenderableType] = []
    if report.title:
        parts.append(data(report.title, "bold"))
    if report.made is not None:
        parts.append(Text(f"Made {when(report.made)}", style="dim"))
    return parts


def _team_summary(bank: Bank, result: TeamResult, look: Look) -> list[RenderableType]:
    table = Table(
        title=f"Team readiness: {plural(result.respondents, 'respondent')}", title_justify="left"
    )
    table.add_column("Principle", ratio=1)
    table.add_column("Team score" if look.roomy else "Score", justify="right", no_wrap=True)
    table.add_column("Band", no_wrap=look.roomy)
    table.add_column("Lowest to highest" if look.roomy else "Range", no_wrap=True)
    table.add_column("People", justify="right", no_wrap=True)
    for p in result.principles:
        style = band_style(bank, p.band)
        spread = Text(
            range_bar(p.min, p.max, p.score, RANGE_WIDTH, look) + " " if look.roomy else "",
            style=style,
        )
        if p.min is not None and p.max is not None:
            spread.append(f"{p.min:.0f}{look.to}{p.max:.0f}", style="")
        table.add_row(
            data(p.principle.name),
            _score(p.score, look),
            data(band_label(p.band), style),
            spread,
            f"{p.respondents}/{result.respondents}",
        )
    low = result.weakest
    overall = _overall_line(
        bank,
        "Overall team readiness: ",
        result.overall,
        result.overall_band,
        look,
        (low.principle.name, low.score) if low else None,
    )
    key = Text(
        f"{look.inside} runs from the lowest to the highest respondent's score and {look.mark} "
        "marks the team score; People is how many scored the principle."
        if look.roomy
        else "Range: from the lowest to the highest respondent's score; People is how many "
        "scored the principle.",
        style="dim",
    )
    return [table, overall, key]


def _discussion(view: TeamView, look: Look) -> list[RenderableType]:
    """The questions to discuss, the first `top` of them. Each note is a line of its own, outside
    the grid, so a long note costs no more to draw than its own length."""
    result = view.result
    flagged = result.to_discuss()
    shown = flagged if view.top is None else flagged[: view.top]
    parts: list[RenderableType] = [
        Text(
            f"\nQuestions to discuss (ratings {result.disagree} or more points apart; "
            "widest spread first, then the most divided)",
            style="bold",
        )
    ]
    if not flagged:
        parts.append(Text("  None: the team broadly agrees on every question.", style="dim"))
    opening, closing = look.quotes
    for number, item in enumerate(shown, start=1):
        tally = item.tally
        head = Table.grid(padding=(0, 1))
        head.add_column(no_wrap=True, justify="right", min_width=3)
        head.add_column()
        body = data(f"{item.principle.name}: ", "bold").append_text(data(item.question.text))
        body.append(
            f"\nSpread {tally.spread} ({tally.min} to {tally.max}), mean {tally.mean:.1f}, "
            f"median {tally.median:g}; {plural(tally.n, 'rating')}, "
            f"{tally.not_applicable} n/a",
            style="dim",
        )
        body.append("\nRatings: ").append_text(
            data(distribution(tally, view.names, look.times, look.between))
        )
        head.add_row(f"{number}.", body)
        parts.append(head)
        # A question's notes are one text, a line each, indented once: a hundred notes drawn
        # as one take half the time they take drawn one by one.
        notes = Text()
        for author, rating, note in tally.notes:
            label = rating if isinstance(rating, int) else "n/a" if rating else "no rating"
            who = f"{author}, " if author else ""
            notes.append_text(
                data(
                    f"{opening}{' / '.join(note.splitlines())}{closing} ({who}{label})\n", "italic"
                )
            )
        if tally.more_notes:
            notes.append(f"{look.ellipsis} and {plural(tally.more_notes, 'more note')}\n", "dim")
        if notes:
            notes.rstrip()
            parts.append(Padding(notes, (0, 0, 0, 6)))
        parts.append(Text())
    if len(shown) < len(flagged):
        rest = Text(f"{plural(len(flagged) - len(shown), 'more question')} flagged", style="dim")
        parts.append(rest)
        if view.more:
            rest.append("; to see them all, type:", style="dim")
            parts.append(typed(view.more, "dim"))
    return parts


def _delta_text(delta: float | None, look: Look) -> Text:
    # The words carry the meaning; the colour only adds to it.
    style = "dim" if delta is None else "green" if delta > 0 else "red" if delta < 0 else ""
    return Text(look.change(delta), style=style)


def comparison(view: CompareView) -> Drawing:
    return Drawing(lambda look: _comparison(view, look))


def _comparison(view: CompareView, look: Look) -> Group:
    """Scores and bands before and after; as the screen narrows the bars give way, then the
    bands move below the table, where only those that changed are listed."""
    result = view.comparison
    table = Table(
        title=(
            f"Readiness compared: baseline ({plural(result.baseline_respondents, 'respondent')}) "
            f"and latest ({plural(result.latest_respondents, 'respondent')})"
        ),
        title_justify="left",
    )
    # Names wrap between words, never inside one.
    longest = max((len(w) for p in result.principles for w in p.principle.name.split()), default=9)
    table.add_column("Principle", ratio=1, min_width=longest)
    table.add_column("Baseline", justify="right", no_wrap=True)
    table.add_column("Latest", justify="right", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    bands_beside = look.width >= ROOM_FOR_BANDS
    if bands_beside:
        table.add_column("Band", ratio=1)
    # The bars repeat what the numbers say: drawn only where there is room to spare.
    bars = look.width >= ROOM_FOR_BARS + 40
    if bars:
        table.add_column(f"Before {look.arrows[2]} after", no_wrap=True)
    rows = [(data(p.principle.name), p.change, p.bands) for p in result.principles]
    rows.append((Text("Overall", style="bold"), result.overall, result.overall_bands))
    for name, moved, bands in rows:
        cells: list[RenderableType] = [
            name,
            _score(moved.baseline, look),
            _score(moved.latest, look),
            _delta_text(moved.delta, look),
        ]
        if bands_beside:
            cells.append(data(_band_change(bands, look)))
        if bars:
            cells.append(
                Text(bar(moved.baseline, 6, look), style="dim")
                .append(f" {look.arrows[2]} ")
                .append(bar(moved.latest, 6, look))
            )
        table.add_row(*cells)
    parts: list[RenderableType] = [*_heading(view.report), table]
    if not bands_beside:
        parts += _bands_below(result, look)
    parts += _moved(result, look)
    if view.actions:
        parts += _actions_moved(view, look)
    return Group(*parts)


def _bands_below(result: Comparison, look: Look) -> list[RenderableType]:
    changed = [(p.principle.name, p.bands) for p in result.principles if p.bands.moved]
    if result.overall_bands.moved:
        changed.append(("Overall", result.overall_bands))
    if not changed:
        return [Text("No band changed.", style="dim")]
    lines: list[RenderableType] = [Text("Bands that changed:")]
    lines += [data(f"  {name}: {_band_change(bands, look)}") for name, bands in changed]
    return lines


def _actions_moved(view: CompareView, look: Look) -> list[RenderableType]:
    """Each action of the plan, its status beside how its question's mean rating moved."""
    parts: list[RenderableType] = [
        Text("\nThe plan's actions, and how each question moved (mean rating)", style="bold")
    ]
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True)
    listing.add_column()
    listing.add_column(no_wrap=True)
    for action, moved in view.actions_moved():
        found = view.bank.question(action.question_id)
        body = data(f"{found[0].name}: {found[1].text}" if found else action.question_id, "bold")
        if action.action:
            body.append("\n").append_text(data(action.action))
        shift = Text("not answered on both sides", style="dim")
        if moved is not None and moved.change.delta is not None:
            shift = Text(f"{moved.change.baseline:g} {look.arrows[2]} {moved.change.latest:g}")
            if moved.change.delta:
                shift.append(" ").append_text(_delta_text(moved.change.delta, look))
            else:
                shift.append(", no change", style="dim")
        listing.add_row(f"  {action.status}", body, shift)
    parts.append(listing)
    return parts


def _band_change(bands: BandChange, look: Look) -> str:
    if not bands.moved:
        return band_label(bands.latest)
    return band_change(bands.baseline, bands.latest).replace("→", look.arrows[2])


def _moved(result: Comparison, look: Look) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(f"\nQuestions that moved by {result.moved_by:g} or more (mean rating)", style="bold")
    ]
    if not result.moved:
        parts.append(Text("  None.", style="dim"))
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True)
    listing.add_column()
    listing.add_column(no_wrap=True)
    for q in result.moved:
        body = data(f"{q.principle.name}: ", "bold").append_text(data(q.question.text))
        moved = Text(f"{q.change.baseline:g} {look.arrows[2]} {q.change.latest:g} ")
        moved.append_text(_delta_text(q.change.delta, look))
        listing.add_row(f"  {look.bullet}", body, moved)
    parts.append(listing)
    return parts


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
        for share in shares:
            cells: list[RenderableType] = [data(share.question.text), str(share.rating)]
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


def plan(view: PlanView) -> Drawing:
    """The improvement plan: each question to work on with its action and the other suggestions,
    then where to read further about each principle in it."""
    plan = view.plan

    def build(look: Look) -> Group:
        parts: list[RenderableType] = [
            data(f"Improvement plan{': ' + plan.title if plan.title else ''}", "bold")
        ]
        if plan.made is not None:
            parts.append(Text(f"Made {when(plan.made)}", style="dim"))
        if view.source:
            parts.append(data(f"Made from {view.source}", "dim"))
        if plan.ranking:
            parts.append(Text(f"Ranked {plan.ranking}.", style="dim"))
        if not plan.items:
            parts.append(Text(f"\n{NOTHING_TO_WORK_ON}"))
        for number, item in enumerate(plan.items, start=1):
            parts += _plan_item(plan.bank, number, item, look)
        if plan.more:
            rest = Text(f"\n{plural(plan.more, 'more question')} could be worked on", style="dim")
            parts.append(rest)
            if view.more:
                rest.append("; to see them all, type:", style="dim")
                parts.append(typed(view.more, "dim"))
        parts += _further_reading(plan, look)
        return Group(*parts)

    return Drawing(build)


def _plan_item(bank: Bank, number: int, item: PlanItem, look: Look) -> list[RenderableType]:
    action = item.action
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True, justify="right", min_width=3)
    head.add_column()
    body = data(f"{item.principle.name}: ", "bold").append_text(data(item.question.text))
    due = action.due.isoformat() if action.due else ""
    body.append_text(
        data(
            f"\n{plan_rating(bank, item.rating, item.spread)} {look.between} "
            f"{action_line(action.status, action.owner, due)}",
            "dim",
        )
    )
    if action.action:
        body.append("\nAction: ", style="bold").append_text(data(action.action))
    cell: list[RenderableType] = [Text(), body]
    others = [step for step in item.question.next_steps if step != action.action]
    if others:
        cell.append(_bulleted([data(step, "italic") for step in others], look, "  "))
    if action.note:
        cell.append(Text("Note: ").append_text(data(action.note)))
    head.add_row(f"\n{number}.", Group(*cell))
    return [head]


def _bulleted(lines: list[Text], look: Look, indent: str = "") -> Table:
    """Bullets whose wrapped lines stay under their own text."""
    listing = Table.grid(padding=(0, 1))
    listing.add_column(no_wrap=True)
    listing.add_column(overflow="fold")  # an address too long for a line is folded, not cut
    for line in lines:
        listing.add_row(f"{indent}{look.bullet}", line)
    return listing


def _further_reading(plan: Plan, look: Look) -> list[RenderableType]:
    if not plan.reading:
        return []
    lines = [
        data(f"{principle.name}: {resource.title}\n").append_text(
            Text(visible(resource.url), style="dim", overflow="fold")
        )
        for principle, resource in plan.reading
    ]
    return [Text("\nTo read further", style="bold"), _bulleted(lines, look, " ")]


def discussion_card(
    bank: Bank, item: TeamQuestion, position: int, count: int, *, names: bool
) -> Drawing:
    """One question the room is to agree on: how many chose each rating, as bars, the mean and
    spread, and the notes people wrote (by name only with --names)."""
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
        return Panel(
            Group(*parts),
            title=f"Discussion {position} of {count}",
            title_align="left",
            subtitle="agree a rating, then a note",
            subtitle_align="right",
        )

    return Drawing(build)
