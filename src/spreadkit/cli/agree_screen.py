"""`spreadkit agree` on the screen: what the room sees before, during and after the discussion.

The round itself (which questions, what is taken without discussion, the saving) is
`consensus.Consensus`; this is where its messages are printed.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from spreadkit.cli.invocation import command
from spreadkit.cli.output import say, show
from spreadkit.model.errors import ExitCode
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from rich.console import Console

    from spreadkit.model.answers import AnswersFile
    from spreadkit.model.bank import Principle, Question
    from spreadkit.model.consensus import Consensus
    from spreadkit.model.team import TeamQuestion


def agree(round_: Consensus, *, no_color: bool) -> AnswersFile | None:
    """The opening lines, then each question to agree; on Ctrl-C, what was saved and how to
    carry on."""
    from spreadkit.cli import prompts
    from spreadkit.cli.screens import discussion_card
    from spreadkit.cli.sitting import Interrupted
    from spreadkit.model.team import RANKING
    from spreadkit.writers.drawing import data, make_console, typed

    prompts.require_terminal(
        f"to see the team's answers without prompts use: {command('team', 'FOLDER')}"
    )
    # What is loaded by now lasts the whole sitting: frozen, the collector no longer walks it
    # each time it runs, which was felt as a pause after a keypress.
    gc.freeze()
    gc.enable()  # a discussion lasts as long as the room takes
    console = make_console(no_color=no_color)
    resume = command(*round_.resume_args())
    count = len(round_.to_discuss)
    console.print(
        data(
            f"{plural(count, 'question')} to agree on, ranked {RANKING}. Questions not discussed "
            "take the rating nearest the team's mean and keep the team's notes. Each agreed "
            f"answer is saved in {round_.output} as "
            "soon as it is given. Ctrl-C stops at any time; to carry on later, type:"
        )
    )
    console.print(typed(resume), crop=False)
    comments = {p.principle.id: p.comments for p in round_.result.principles}
    told: set[str] = set()

    def introduce(
        principle: Principle, question: Question, item: TeamQuestion, position: int, total: int
    ) -> None:
        # What people wrote about a principle as a whole comes with its first question.
        said = None if principle.id in told else comments.get(principle.id)
        told.add(principle.id)
        console.print(
            discussion_card(round_.bank, item, position, total, names=round_.names, comments=said)
        )

    try:
        return _discuss(round_, say, console, introduce)
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

    from spreadkit.documents.person import summary_document
    from spreadkit.model import reports
    from spreadkit.model.scoring import summarise
    from spreadkit.writers.drawing import typed
    from spreadkit.writers.terminal import write

    bank = round_.bank
    result = summarise(bank, answers.answers, None, answers.targets)
    see_all = command("summary", str(round_.output), "--all")
    drawing = write(summary_document(reports.PersonView(bank, answers, result, more=see_all)))
    lines = [
        Text("\nWhat to do next", style="bold"),
        Text("Make the team's improvement plan from what it agreed, then share a report:"),
        typed(command("plan", str(round_.output), "-o", "plan.csv")),
        typed(command("export", str(round_.output), "-o", "team-agreed.html")),
    ]
    show(Group(Text(), drawing, *lines), no_color=no_color)
    say(f"The agreed answers are saved in {round_.output}.")


def _discuss(
    round_: Consensus,
    notify: Callable[[str], None],
    console: Console,
    introduce: Callable[[Principle, Question, TeamQuestion, int, int], None],
) -> AnswersFile | None:
    """Walk the room through the questions to discuss, saving each agreed answer; None when
    they chose to leave an existing file as it is."""
    from spreadkit.cli import prompts
    from spreadkit.cli.sitting import Sitting

    by_id = {q.question.id: q for q in round_.to_discuss}
    position = {qid: n for n, qid in enumerate(by_id, start=1)}
    with Sitting(round_.bank, round_.output, notify) as sitting:
        opened = sitting.open(round_.starting_answers, resume=round_.resume)
        if opened is None:
            return None
        answers, fresh = opened
        if not fresh:
            answers = round_.caught_up(answers, notify)

        def save(answers: AnswersFile) -> None:
            # Each agreed answer saved with how the round stands: what is still to discuss.
            sitting.save(round_.with_agreement(answers))

        save(answers)
        progress = prompts.Progress(answers)
        prompts.ask_questions(
            round_.bank,
            round_.bank.principles,
            progress,
            save,
            console,
            round_.route(answers, fresh),
            lambda p, q: introduce(p, q, by_id[q.id], position[q.id], len(by_id)),
        )
        return round_.with_agreement(progress.answers)
