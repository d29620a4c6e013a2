"""The `spreadkit` command: declares the commands and their options, and hands the work over.

Data goes to standard output, messages to standard error. Exit codes: 0 done, 1 invalid input,
2 usage, 130 interrupted.
"""

import dataclasses
import gc
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spreadkit import __version__, formats
from spreadkit import options as opt
from spreadkit.commandline import (
    PlainCommand,
    Run,
    debugging,
    friendly_errors,
    report_fault,
    show_error,
)
from spreadkit.errors import ExitCode, UsageError
from spreadkit.invocation import command
from spreadkit.output import emit, say, show, write

if TYPE_CHECKING:
    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Bank
    from spreadkit.formats import PersonView
    from spreadkit.plan import Action

app = typer.Typer(
    name="spreadkit",
    help=(
        "Check how ready you are to spread and adopt an innovation in health and care, using the "
        "seven interconnected principles of NHS England's guide."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: readable in any terminal, and it needs no Rich, so --help starts fast.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version() -> None:
    typer.echo(f"spreadkit {__version__}")


def _version(value: bool) -> None:
    if value:
        _print_version()
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the full details of an unexpected error (or SPREADKIT_DEBUG=1)."
        ),
    ] = False,
    no_color: opt.NoColor = False,
) -> None:
    """Check how ready you are to spread and adopt an innovation in health and care."""
    Run.debug = debug
    if no_color:
        # Before the command's name it means the same as after it: Rich honours NO_COLOR.
        os.environ["NO_COLOR"] = "1"


def _load_bank(path: Path | None) -> "Bank":
    from spreadkit.readers.banks import load_bank

    return load_bank(path)


def _read_one(path: Path, bank: "Bank", respondent: str | None) -> "AnswersFile":
    from spreadkit.readers.inputs import load

    notices: list[str] = []
    answers = load(path, bank, respondent, notices=notices)
    for notice in notices:
        say(f"Note: {notice}")
    return answers


def _person(path: Path, bank_path: Path | None, respondent: str | None) -> "PersonView":
    from spreadkit.scoring import summarise

    bank = _load_bank(bank_path)
    answers = _read_one(path, bank, respondent)
    return formats.PersonView(
        bank, answers, summarise(bank, answers.answers, None, answers.targets)
    )


@app.command(cls=PlainCommand)
@friendly_errors
def principles(bank_path: opt.BankPath = None, no_color: opt.NoColor = False) -> None:
    """List the principles and how many questions each has."""
    from spreadkit.exports.terminal import principles_table

    show(principles_table(_load_bank(bank_path)), no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def questions(
    principle: Annotated[
        str | None,
        typer.Argument(help="A principle id, e.g. benefit. All principles when left out."),
    ] = None,
    bank_path: opt.BankPath = None,
    no_color: opt.NoColor = False,
) -> None:
    """Show the questions, for one principle or for all."""
    from spreadkit.exports.terminal import questions_renderable

    bank = _load_bank(bank_path)
    chosen = bank.chosen([principle] if principle else None)
    show(questions_renderable(bank, chosen), no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def template(
    format: opt.TemplateFormat = None,
    output: opt.Output = "-",
    principle: opt.Principles = None,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
) -> None:
    """Write a blank answer sheet to fill in.

    CSV opens in a spreadsheet; JSON is a blank answers file.
    """
    fmt = formats.choose("template", format, output)
    bank = _load_bank(bank_path)
    emit(fmt, fmt.render(formats.BlankView(bank, bank.chosen(principle))), output, force=force)


@app.command(cls=PlainCommand)
@friendly_errors
def summary(
    answers: Annotated[
        Path, typer.Argument(metavar="ANSWERS", help="An answers file (.json) or a sheet (.csv).")
    ],
    format: opt.SummaryFormat = None,
    output: opt.Output = "-",
    respondent: opt.Respondent = None,
    show_all: opt.ShowAll = False,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Show the readiness summary of an answers file or sheet."""
    fmt = formats.choose("summary", format, output)
    more = command("summary", str(answers), "--all")
    view = dataclasses.replace(
        _person(answers, bank_path, respondent), show_all=show_all, more=more
    )
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def explain(
    answers: opt.AnswersPath,
    principle: opt.Principles = None,
    respondent: opt.Respondent = None,
    bank_path: opt.BankPath = None,
    no_color: opt.NoColor = False,
) -> None:
    """Show how each score was made, step by step.

    The formula, each rating's share of its principle's score, and how the overall score and
    its band follow.
    """
    from spreadkit.exports.terminal import explanation
    from spreadkit.scoring import summarise

    bank = _load_bank(bank_path)
    chosen = [p.id for p in bank.chosen(principle)]
    loaded = _read_one(answers, bank, respondent)
    working = explanation(bank, summarise(bank, loaded.answers), chosen)
    show(working, no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def export(
    answers: opt.AnswersPath,
    format: opt.ReportFormat = None,
    output: opt.Output = "-",
    respondent: opt.Respondent = None,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
) -> None:
    """Turn answers into a report, a sheet or an answers file."""
    fmt = formats.choose("report", format, output)
    emit(fmt, fmt.render(_person(answers, bank_path, respondent)), output, force=force)


@app.command(cls=PlainCommand)
@friendly_errors
def assess(
    title: opt.Title = None,
    respondent: opt.RespondentAsked = None,
    team: opt.Team = None,
    setting: opt.Setting = None,
    principle: opt.Principles = None,
    output: opt.AnswersOutput = Path("spreadkit-answers.json"),
    resume: opt.Resume = False,
    revisit: opt.Revisit = False,
    question: opt.Questions = None,
    from_: opt.From = None,
    no_input: opt.NoInput = False,
    require_complete: opt.RequireComplete = False,
    target: opt.Targets = None,
    markdown: opt.MarkdownReport = None,
    bank_path: opt.BankPath = None,
    force: opt.ForceAssess = False,
    no_color: opt.NoColor = False,
) -> None:
    """Answer the questions and see how ready you are.

    The answers are saved after every answer; Ctrl-C stops, and --resume carries on.
    """
    from spreadkit.assessment import Assessment, parse_targets

    bank = _load_bank(bank_path)
    bank.chosen(principle)
    details = {"title": title, "respondent": respondent, "team": team, "setting": setting}
    session = Assessment(
        bank,
        output,
        only=principle or [],
        given={key: value for key, value in details.items() if value is not None},
        targets=parse_targets(bank, target or []),
        resume=resume,
        from_path=from_,
        no_input=no_input,
        require_complete=require_complete,
        markdown=markdown,
        force=force,
        revisit=revisit,
        questions=question or [],
    ).with_seed(say)
    from spreadkit import assess_screen

    answers = session.score(say) if no_input else assess_screen.ask(session, no_color)
    if answers is None:
        say(f"Left {output} as it was.")
        return
    assess_screen.finish(session, answers, no_color, prompted=not no_input)


@app.command(cls=PlainCommand, name="team")
@friendly_errors
def team_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Answers files, sheets, or folders of them (mixed is fine)."
        ),
    ],
    format: opt.TeamFormat = None,
    output: opt.Output = "-",
    disagree: opt.Disagree = 2,
    top: opt.Top = 10,
    every: opt.Every = False,
    names: opt.Names = False,
    title: opt.ReportTitle = "",
    principle: opt.Principles = None,
    allow_duplicates: opt.AllowDuplicates = False,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Combine a team's answers and show where people disagree."""
    from spreadkit.readers.inputs import read_team

    if disagree < 1:
        raise UsageError(f"--disagree {disagree}: give 1 or more scale points, e.g. --disagree 2")
    if top < 1:
        raise UsageError(f"--top {top}: give 1 or more, or --all for every question")
    fmt = formats.choose("team", format, output)
    bank = _load_bank(bank_path)
    result = read_team(
        bank,
        files,
        say,
        principle_ids=[p.id for p in bank.chosen(principle)],
        keep_notes=fmt.shows_notes,
        keep_names=names and fmt.shows_notes,
        disagree=disagree,
        allow_duplicates=allow_duplicates,
    )
    view = formats.TeamView(
        bank,
        result,
        names,
        top=None if every else top,
        more=command("team", *map(str, files), "--all"),
        report=_report(title),
    )
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color)


def _report(title: str) -> formats.Report:
    from spreadkit.answers import report_time

    return formats.Report(title=title, made=report_time())


@app.command(cls=PlainCommand, name="compare")
@friendly_errors
def compare_command(
    baseline: Annotated[
        Path, typer.Argument(metavar="BASELINE", help="An answers file, a sheet, or a folder.")
    ],
    latest: Annotated[
        Path, typer.Argument(metavar="LATEST", help="An answers file, a sheet, or a folder.")
    ],
    format: opt.CompareFormat = None,
    output: opt.Output = "-",
    title: opt.ReportTitle = "",
    plan: opt.ComparePlan = None,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Compare a baseline with a later review."""
    from spreadkit.comparison import compare
    from spreadkit.readers.inputs import read_team

    fmt = formats.choose("compare", format, output)
    bank = _load_bank(bank_path)
    result = compare(read_team(bank, [baseline], say), read_team(bank, [latest], say))
    actions: tuple[Action, ...] = ()
    if plan is not None:
        from spreadkit.planning import plan_actions

        actions = tuple(plan_actions(bank, plan))
    view = formats.CompareView(bank, result, report=_report(title), actions=actions)
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def agree(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="The team's answers files and sheets, or a folder of them."
        ),
    ],
    output: opt.AgreedOutput = Path("team-agreed.json"),
    top: opt.Top = 10,
    every: opt.Every = False,
    disagree: opt.Disagree = 2,
    principle: opt.Principles = None,
    names: opt.Names = False,
    title: opt.ReportTitle = "",
    resume: opt.Resume = False,
    allow_duplicates: opt.AllowDuplicates = False,
    bank_path: opt.BankPath = None,
    no_color: opt.NoColor = False,
) -> None:
    """Agree the team's answers together, question by question: a consensus round.

    Walks the questions the team disagrees on, widest spread first, showing how people rated
    each and their notes, and records the rating and note the room agrees. Questions not
    discussed take the team's median. The result is an ordinary answers file.
    """
    from spreadkit import agree_screen
    from spreadkit.consensus import Consensus
    from spreadkit.readers.inputs import read_team

    if disagree < 1:
        raise UsageError(f"--disagree {disagree}: give 1 or more scale points, e.g. --disagree 2")
    if top < 1:
        raise UsageError(f"--top {top}: give 1 or more, or --all for every question")
    if str(output) == "-":
        raise UsageError("-o -: the agreed answers need a file, e.g. -o team-agreed.json")
    bank = _load_bank(bank_path)
    result = read_team(
        bank,
        files,
        say,
        principle_ids=[p.id for p in bank.chosen(principle)],
        keep_notes=True,
        keep_names=names,
        disagree=disagree,
        allow_duplicates=allow_duplicates,
    )
    round_ = Consensus(
        bank,
        result,
        output,
        top=None if every else top,
        title=title,
        resume=resume,
        only=principle or [],
        sources=[str(path) for path in files],
    )
    answers = agree_screen.agree(round_, names=names, no_color=no_color)
    if answers is None:
        say(f"Left {output} as it was.")
        return
    agree_screen.finish(round_, answers, no_color)


@app.command(cls=PlainCommand, name="plan")
@friendly_errors
def plan_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="One person's answers (a file), or a team's (a folder, or several files).",
        ),
    ] = None,
    from_: opt.PlanFrom = None,
    format: opt.PlanFormat = None,
    output: opt.Output = "-",
    top: opt.PlanTop = 10,
    every: opt.EveryQuestion = False,
    principle: opt.Principles = None,
    title: opt.ReportTitle = "",
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Make an improvement plan: what to work on, with next steps and actions to own.

    Keep it as a plan file (-o plan.json, or plan.csv to edit in a spreadsheet) and read it back
    with --from.
    """
    from spreadkit.planning import make_plan

    if top < 1:
        raise UsageError(f"--top {top}: give 1 or more, or --all for every question")
    fmt = formats.choose("plan", format, output)
    bank = _load_bank(bank_path)
    chosen = [p.id for p in bank.chosen(principle)] if principle else None
    plan, source = make_plan(
        bank, files or [], from_, say, top=None if every else top, principle_ids=chosen, title=title
    )
    narrowed = [word for p in principle or [] for word in ("-p", p)]
    more = command("plan", *map(str, files or []), *narrowed, "--all") if files else None
    view = formats.PlanView(plan, more=more, source=source)
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color)


bank_app = typer.Typer(
    help="Make, check and describe your own question bank.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(bank_app, name="bank")


@bank_app.command(cls=PlainCommand, name="init")
@friendly_errors
def bank_init(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="Where to write the copy, e.g. our-bank.json.")
    ],
    force: opt.Force = False,
) -> None:
    """Write a copy of the built-in bank to edit."""
    from spreadkit.readers.banks import builtin_bank_text
    from spreadkit.writing import write_new_file

    text, _ = builtin_bank_text()
    write_new_file(path, text, force=force)
    say(
        f"Written to {path}. Change its id and title, edit the questions, then check it with:\n"
        f"  {command('bank', 'validate', str(path))}"
    )


@bank_app.command(cls=PlainCommand, name="schema")
@friendly_errors
def bank_schema(
    answers: Annotated[
        bool, typer.Option("--answers", help="The schema of an answers file instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of a bank or an answers file."""
    from spreadkit import schemas

    write(schemas.answers_schema() if answers else schemas.bank_schema(), "-", force=False)


@bank_app.command(cls=PlainCommand, name="validate")
@friendly_errors
def bank_validate(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The bank file to check.")],
) -> None:
    """List every problem in a bank, with where it is."""
    from spreadkit.readers.banks import bank_problems
    from spreadkit.readers.common import read_json
    from spreadkit.safe import visible
    from spreadkit.wording import describe_bank, plural

    bank, problems = bank_problems(read_json(path, "a question bank"))
    if problems:
        typer.echo(visible(f"{path}: {plural(len(problems), 'problem')}:"))
        for problem in problems:
            typer.echo(visible(f"  {problem}"))
        raise typer.Exit(ExitCode.INVALID_INPUT)
    assert bank is not None  # no problems means it was built
    typer.echo(visible(f"{path}: no problems. {describe_bank(bank)}"))


def main() -> None:
    # A console that is not UTF-8 (a Windows pipe, PYTHONIOENCODING=cp1252) shows what it cannot
    # encode as "?" rather than stopping the command; data written as bytes stays UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    # Scripts ask for the version often; answer before Typer builds every command.
    if sys.argv[1:] == ["--version"]:
        _print_version()
        return
    # Start-up makes tens of thousands of long-lived objects (pydantic's schemas, Typer's
    # commands) and no garbage cycles, so collecting while it runs is pure cost: about 5% of a
    # command's start-up (benchmarks/startup.py). `assess` turns it back on for its session.
    gc.disable()
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:
        # A usage error quotes what was typed: shown with its control characters made visible.
        show_error(exc)
        code = exc.exit_code
    except typer.Abort:
        say("Stopped.")
        code = ExitCode.INTERRUPTED
    except Exception as exc:
        # Outside a command (while options are read): still no traceback unless asked for.
        if debugging():
            raise
        report_fault(exc)
        code = ExitCode.INVALID_INPUT
    finally:
        gc.enable()
    sys.exit(code if isinstance(code, int) else 0)
