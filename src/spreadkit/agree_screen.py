"""`spreadkit agree` on the screen: what the room sees before, during and after the discussion.

The round itself (which questions, what is taken without discussion, the saving) is
`consensus.Consensus`; this is where its messages are printed.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import typer

from spreadkit.errors import ExitCode
from spreadkit.invocation import command
from spreadkit.output import say, show
from spreadkit.wording import plural

if TYPE_CHECKING:
    from spreadkit.answers import AnswersFile
    from spreadkit.consensus import Consensus


def agree(round_: Consensus, *, no_color: bool) -> AnswersFile | None:
    """The opening lines, then each question to agree; on Ctrl-C, what was saved and how to
    carry on."""
    from spreadkit import prompts
    from spreadkit.exports.terminal import data, discussion_card, make_console, typed
    from spreadkit.sitting import Interrupted
    from spreadkit.team import RANKING

    prompts.require_terminal(
        f"to see the team's answers without prompts use: {command('team', 'FOLDER')}"
    )
    gc.enable()  # a discussion lasts as long as the room takes
    console = make_console(no_color=no_color)
    resume = command(*round_.resume_args())
    count = len(round_.to_discuss)
    console.print(
        data(
            f"{plural(count, 'question')} to agree on, ranked {RANKING}. Questions not discussed "
            f"take the team's median rating. Each agreed answer is saved in {round_.output} as "
            "soon as it is given. Ctrl-C stops at any time; to carry on later, type:"
        )
    )
    console.print(typed(resume), crop=False)
    try:
        return round_.agree(
            say,
            console,
            lambda p, q, item, position, total: console.print(
                discussion_card(round_.bank, item, position, total, names=round_.names)
            ),
        )
    except Interrupted as stop:
        say("")
        if stop.saved is None:
            say("Stopped before anything was agreed; nothing was saved.")
        else:
            say(
                f"Stopped. The agreed answers so far are saved in {round_.output}. To carry on, type:"
            )
            say(f"  {resume}")
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def finish(round_: Consensus, answers: AnswersFile, no_color: bool) -> None:
    """The agreed summary, and what to do with it next."""
    from rich.console import Group
    from rich.text import Text

    from spreadkit import formats
    from spreadkit.documents.person import summary_document
    from spreadkit.exports import terminal
    from spreadkit.scoring import summarise
    from spreadkit.writers.terminal import write

    bank = round_.bank
    result = summarise(bank, answers.answers, None, answers.targets)
    see_all = command("summary", str(round_.output), "--all")
    drawing = write(summary_document(formats.PersonView(bank, answers, result, more=see_all)))
    lines = [
        Text("\nWhat to do next", style="bold"),
        Text("Make the team's improvement plan from what it agreed, then share a report:"),
        terminal.typed(command("plan", str(round_.output), "-o", "plan.csv")),
        terminal.typed(command("export", str(round_.output), "-o", "team-agreed.html")),
    ]
    show(Group(Text(), drawing, *lines), no_color=no_color)
    say(f"The agreed answers are saved in {round_.output}.")
