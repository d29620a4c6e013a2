"""`spreadkit assess` on the screen: what a person sees before, during and after the questions.

The run itself (its options, the prompts, the saving) is `assessment.Assessment`; this is where
its messages are printed.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import typer

from spreadkit import formats
from spreadkit.errors import ExitCode, InputFileError
from spreadkit.output import say, show
from spreadkit.wording import plural

if TYPE_CHECKING:
    from spreadkit.answers import AnswersFile
    from spreadkit.assessment import Assessment


def ask(session: Assessment, no_color: bool) -> AnswersFile | None:
    """The opening lines, then the questions; on Ctrl-C, what was saved and how to carry on."""
    from spreadkit import prompts
    from spreadkit.assessment import Interrupted
    from spreadkit.exports.terminal import make_console, welcome_renderable

    prompts.require_terminal(
        f"to score without prompts use: spreadkit assess --no-input --from FILE "
        f"(or spreadkit summary {session.output})"
    )
    gc.enable()  # a session lasts as long as a person takes
    console = make_console(no_color=no_color)
    resume = session.resume_command()
    console.print(welcome_renderable(session.bank, session.principles, str(session.output), resume))
    try:
        return session.ask(say, console)
    except Interrupted as stop:
        say("")
        if stop.saved is None:
            say("Stopped before anything was answered; nothing was saved.")
        else:
            count = sum(1 for a in stop.saved.answers.values() if a.is_settled)
            say(
                f"Stopped. {plural(count, 'answer')} saved in {session.output}. "
                f"To carry on: {resume}"
            )
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def finish(session: Assessment, answers: AnswersFile, no_color: bool) -> None:
    """The summary, where the answers are, the markdown report if asked for, and whether
    anything is left unanswered when that matters."""
    from rich.console import Group
    from rich.text import Text

    from spreadkit.exports import markdown, terminal
    from spreadkit.scoring import summarise

    bank = session.bank
    result = summarise(bank, answers.answers, session.principle_ids, answers.targets)
    show(Group(Text(), terminal.summary_drawing(bank, result, answers)), no_color=no_color)
    say(f"Your answers are saved in {session.output}.")
    if session.markdown is not None:
        from spreadkit.writing import write_new_file

        whole = formats.PersonView(bank, answers, summarise(bank, answers.answers))
        write_new_file(session.markdown, markdown.answers_report(whole), force=session.force)
        say(f"The markdown report is in {session.markdown}.")
    missing = session.unanswered(answers) if session.require_complete else []
    if missing:
        raise InputFileError(
            "\n".join(
                [
                    f"{plural(len(missing), 'question')} {'is' if len(missing) == 1 else 'are'} unanswered:"
                ]
                + [f"  {question_id}" for question_id in missing]
            )
        )
