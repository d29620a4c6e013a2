"""`spreadkit assess` on the screen: what a person sees before, during and after the questions.

The run itself (its options, the prompts, the saving) is `assessment.Assessment`; this is where
its messages are printed.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

import typer

from spreadkit.cli.invocation import command
from spreadkit.cli.output import say, show
from spreadkit.model import reports
from spreadkit.model.errors import ExitCode, InputFileError
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.cli.assessment import Assessment
    from spreadkit.model.answers import AnswersFile
    from spreadkit.model.bank import Bank
    from spreadkit.model.scoring import Summary


def ask(session: Assessment, no_color: bool) -> AnswersFile | None:
    """The opening lines, then the questions; on Ctrl-C, what was saved and how to carry on."""
    from spreadkit.cli import prompts
    from spreadkit.cli.locks import AnswersInUse
    from spreadkit.cli.screens import welcome_renderable
    from spreadkit.cli.sitting import Interrupted
    from spreadkit.writers.drawing import make_console

    prompts.require_terminal(
        f"to score without prompts use: {command('assess', '--no-input', '--from', 'FILE')} "
        f"(or {command('summary', str(session.output))})"
    )
    # What is loaded by now lasts the whole sitting: frozen, the collector no longer walks it
    # each time it runs, which was felt as a pause after a keypress.
    gc.freeze()
    gc.enable()  # a session lasts as long as a person takes
    console = make_console(no_color=no_color)
    resume = command(*session.resume_args())
    welcome = welcome_renderable(session.bank, session.principles, str(session.output), resume)
    console.print(welcome, crop=False)
    try:
        return session.ask(say, console)
    except AnswersInUse:
        # Set apart from the opening lines, which have just said how to carry on.
        say("")
        raise
    except Interrupted as stop:
        say("")
        if stop.saved is None:
            say("Stopped before anything was answered; nothing was saved.")
        else:
            count = sum(1 for a in stop.saved.answers.values() if a.is_settled)
            say(
                f"Stopped. {plural(count, 'answer')} saved in {session.output}. "
                f"To carry on, type:\n  {resume}"
            )
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def finish(session: Assessment, answers: AnswersFile, no_color: bool, *, prompted: bool) -> None:
    """The summary, where the answers are, the markdown report if asked for; after the questions,
    what to do next; and whether anything is left unanswered when that was required."""
    from rich.console import Group
    from rich.text import Text

    from spreadkit.documents.person import full_document, summary_document
    from spreadkit.model.scoring import summarise
    from spreadkit.writers import markdown, terminal

    bank = session.bank
    result = summarise(bank, answers.answers, session.principle_ids, answers.targets)
    see_all = command("summary", str(session.output), "--all")
    view = reports.PersonView(bank, answers, result, more=see_all)
    drawing = terminal.write(summary_document(view))
    parts: list[Any] = [Text(), drawing]
    if prompted:
        parts.append(_next_steps(session, answers, result))
    show(Group(*parts), no_color=no_color)
    say(f"Your answers are saved in {session.output}.")
    if session.markdown is not None:
        from spreadkit.cli.writing import write_new_file

        whole = reports.PersonView(bank, answers, summarise(bank, answers.answers))
        report = markdown.write(full_document(whole))
        write_new_file(session.markdown, report, force=session.force)
        say(f"The markdown report is in {session.markdown}.")
    missing = session.unanswered(answers) if session.require_complete else []
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        lines = [f"{plural(len(missing), 'question')} {verb} unanswered:"]
        lines += [f"  {qid}: {_text_of(bank, qid)}" for qid in missing]
        raise InputFileError("\n".join(lines))


def _text_of(bank: Bank, question_id: str) -> str:
    found = bank.question(question_id)
    return found[1].text if found else ""


def _next_steps(session: Assessment, answers: AnswersFile, result: Summary) -> Any:
    """What a person needs at the end: what is still unanswered, where to start, and the
    commands for a report to share, each on a line of its own."""
    from spreadkit.cli import screens as terminal

    missing = session.unanswered(answers)
    stem = session.output.with_suffix("")
    return terminal.next_steps(
        session.bank,
        unanswered=[_text_of(session.bank, qid) for qid in missing],
        carry_on=command(*session.resume_args()),
        priorities=bool(result.priorities),
        reports=[
            command("export", str(session.output), "-o", f"{stem}.html"),
            command("export", str(session.output), "-o", f"{stem}.docx"),
            command("export", str(session.output), "-o", f"{stem}.md"),
        ],
    )
