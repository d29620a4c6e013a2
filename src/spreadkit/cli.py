"""The `spreadkit` command: parses options and hands the work to the modules named after it."""

from __future__ import annotations

import functools
import json
import shlex
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from spreadkit import __version__
from spreadkit.errors import ExitCode, SpreadkitError, UsageError

if TYPE_CHECKING:
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Bank, Principle

app = typer.Typer(
    name="spreadkit",
    help=(
        "Check how ready you are to spread and adopt an innovation in health and care, using the "
        "seven interconnected principles of NHS England's guide."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn a foreseen failure into one line on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SpreadkitError as exc:
            typer.echo(f"Error: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    markdown = "markdown"


NoColor = Annotated[
    bool, typer.Option("--no-color", help="Plain text without colour (NO_COLOR is honoured too).")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spreadkit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check how ready you are to spread and adopt an innovation in health and care."""


def _load_bank() -> Bank:
    from spreadkit.files import load_bank

    return load_bank()


def _choose_principles(bank: Bank, ids: list[str] | None) -> list[Principle]:
    if not ids:
        return list(bank.principles)
    chosen = []
    for principle_id in ids:
        principle = bank.principle(principle_id)
        if principle is None:
            known = ", ".join(p.id for p in bank.principles)
            raise UsageError(f"unknown principle '{principle_id}'; choose from: {known}")
        if principle not in chosen:
            chosen.append(principle)
    # Keep the bank's order whatever order the options came in.
    return [p for p in bank.principles if p in chosen]


@app.command()
@friendly_errors
def principles(no_color: NoColor = False) -> None:
    """List the seven principles and how many questions each has."""
    from spreadkit.render import make_console, principles_table

    bank = _load_bank()
    make_console(no_color=no_color).print(principles_table(bank))


@app.command()
@friendly_errors
def questions(
    principle: Annotated[
        str | None,
        typer.Argument(help="A principle id, e.g. benefit. All principles when left out."),
    ] = None,
    no_color: NoColor = False,
) -> None:
    """Show the questions, for one principle or for all."""
    from spreadkit.render import make_console, questions_renderable

    bank = _load_bank()
    chosen = _choose_principles(bank, [principle] if principle else None)
    make_console(no_color=no_color).print(questions_renderable(bank, chosen))


def _summary_json(bank: Bank, answers: AnswersFile) -> str:
    from spreadkit.scoring import summarise

    summary = summarise(bank, answers.answers)
    document = {
        "spreadkit": __version__,
        "kind": "summary",
        "bank": {"id": bank.id, "version": bank.version},
        "meta": answers.meta.model_dump(mode="json"),
        "overall": {
            "score": summary.overall,
            "band": summary.overall_band.label if summary.overall_band else None,
        },
        "principles": [
            {
                "id": row.principle.id,
                "name": row.principle.name,
                "score": row.score,
                "band": row.band.label if row.band else None,
                "rated": row.rated,
                "not_applicable": row.not_applicable,
                "unanswered": row.unanswered,
                "total": row.total,
            }
            for row in summary.principles
        ],
        "priorities": [
            {"question_id": r.question.id, "principle_id": r.principle.id, "rating": r.rating}
            for r in summary.priorities
        ],
        "strengths": [
            {"question_id": r.question.id, "principle_id": r.principle.id, "rating": r.rating}
            for r in summary.strengths
        ],
        "answered": summary.answered,
        "total": summary.total,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


@app.command()
@friendly_errors
def summary(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="A saved answers file.")],
    format: Annotated[
        SummaryFormat, typer.Option("-f", "--format", help="text for people, json for scripts.")
    ] = SummaryFormat.text,
    no_color: NoColor = False,
) -> None:
    """Show the readiness summary of a saved answers file."""
    from spreadkit.files import load_answers

    bank = _load_bank()
    loaded = load_answers(answers, bank)
    if format is SummaryFormat.json:
        typer.echo(_summary_json(bank, loaded))
        return
    from spreadkit.render import make_console, summary_renderable
    from spreadkit.scoring import summarise

    make_console(no_color=no_color).print(
        summary_renderable(bank, summarise(bank, loaded.answers), loaded)
    )


def _markdown(bank: Bank, answers: AnswersFile) -> str:
    from spreadkit.exports import markdown
    from spreadkit.scoring import summarise

    return markdown.render(bank, answers, summarise(bank, answers.answers))


@app.command()
@friendly_errors
def export(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help="A saved answers file.")],
    format: Annotated[
        ExportFormat, typer.Option("-f", "--format", help="The report format.")
    ] = ExportFormat.markdown,
    output: Annotated[
        str, typer.Option("-o", "--output", help="Where to write; - (the default) is the screen.")
    ] = "-",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Write a report of a saved answers file, to share or paste into a document."""
    from spreadkit.files import load_answers, write_new_file

    bank = _load_bank()
    text = _markdown(bank, load_answers(answers, bank))
    if output == "-":
        typer.echo(text, nl=False)
        return
    write_new_file(Path(output), text, force=force)
    typer.echo(f"Report written to {output}", err=True)


def _resume_command(output: Path, principle_ids: list[str] | None) -> str:
    words = ["spreadkit", "assess", "-o", str(output), "--resume"]
    for principle_id in principle_ids or []:
        words += ["--principle", principle_id]
    return shlex.join(words)


@app.command()
@friendly_errors
def assess(
    title: Annotated[
        str | None, typer.Option(help="What you are assessing, e.g. the innovation's name.")
    ] = None,
    respondent: Annotated[str | None, typer.Option(help="Who is answering.")] = None,
    team: Annotated[str | None, typer.Option(help="The team answering, if any.")] = None,
    setting: Annotated[
        str | None, typer.Option(help="Where, e.g. a ward, practice or system.")
    ] = None,
    principle: Annotated[
        list[str] | None,
        typer.Option(
            "--principle", "-p", help="Only this principle (repeat for more), e.g. benefit."
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The answers file, saved after every answer.")
    ] = Path("spreadkit-answers.json"),
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on with the answers file without asking.")
    ] = False,
    markdown: Annotated[
        Path | None,
        typer.Option("--markdown", help="Also write the markdown report here at the end."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --markdown replace an existing file.")
    ] = False,
    no_color: NoColor = False,
) -> None:
    """Answer the questions for each principle and see how ready you are."""
    from spreadkit import prompts, session
    from spreadkit.files import write_new_file
    from spreadkit.render import make_console, summary_renderable
    from spreadkit.scoring import summarise

    bank = _load_bank()
    chosen = _choose_principles(bank, principle)
    if markdown is not None and markdown.exists() and not force:
        raise UsageError(f"{markdown}: already exists; use --force to replace it")
    prompts.require_terminal(f"to score a saved file use: spreadkit summary {output}")
    console = make_console(no_color=no_color)
    given = {
        key: value
        for key, value in (
            ("title", title),
            ("respondent", respondent),
            ("team", team),
            ("setting", setting),
        )
        if value is not None
    }
    try:
        outcome = session.run(bank, chosen, output, given, resume=resume, console=console)
    except session.Interrupted as stop:
        typer.echo("", err=True)
        if stop.saved is None:
            typer.echo("Stopped before anything was answered; nothing was saved.", err=True)
        else:
            count = sum(1 for a in stop.saved.answers.values() if a.is_settled)
            typer.echo(
                f"Stopped. {count} answer{'' if count == 1 else 's'} saved in {output}. "
                f"To carry on: {_resume_command(output, principle)}",
                err=True,
            )
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    if outcome.answers is None:
        typer.echo(f"Left {output} as it was.", err=True)
        return

    result = summarise(bank, outcome.answers.answers, [p.id for p in chosen])
    console.print()
    console.print(summary_renderable(bank, result, outcome.answers))
    console.print(f"\nYour answers are saved in {output}.")
    if markdown is not None:
        write_new_file(markdown, _markdown(bank, outcome.answers), force=force)
        console.print(f"The markdown report is in {markdown}.")


def main() -> None:
    app()
