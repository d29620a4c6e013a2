"""The `spreadkit` command: parses options and hands the work to the modules named after it.

Data goes to standard output, messages to standard error. Exit codes: 0 done, 1 invalid input,
2 usage, 130 interrupted.
"""

import functools
import gc
import os
import shlex
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand

from spreadkit import __version__
from spreadkit.errors import ExitCode, InputFileError, RefusedOverwrite, SpreadkitError, UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType
    from typer._click import Context, HelpFormatter

    from spreadkit.answers import AnswersFile
    from spreadkit.bank import Bank, Principle
    from spreadkit.scoring import Summary as ScoreSummary
    from spreadkit.team import TeamResult


class PlainCommand(TyperCommand):
    """Help in plain words: an argument is shown by its name alone (FILE, FILE...), without the
    Python type and the braces Typer adds, since the people reading it are not programmers."""

    def collect_usage_pieces(self, ctx: "Context") -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for heading, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    return f"{name}..." if param.nargs != 1 and not name.endswith("...") else name


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

F = TypeVar("F", bound=Callable[..., Any])


class _Run:
    """What the top-level options asked for, set afresh by the callback on every run."""

    debug = False


def _debugging() -> bool:
    return _Run.debug or os.environ.get("SPREADKIT_DEBUG", "") not in ("", "0")


def friendly_errors(func: F) -> F:
    """Turn a foreseen failure into one line per problem on stderr and its exit code; an
    unforeseen one into a short apology and a way to report it (the traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SpreadkitError as exc:
            for line in exc.message.splitlines():
                typer.echo(f"Error: {line}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            if _debugging():
                raise
            typer.echo(
                f"Error: spreadkit went wrong inside ({type(exc).__name__}). This is a fault in "
                "spreadkit, not in what you did. Please report it, with the command you ran and "
                "what it prints when run again as spreadkit --debug ...",
                err=True,
            )
            raise typer.Exit(ExitCode.INVALID_INPUT) from None

    return wrapper  # type: ignore[return-value]


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    svg = "svg"


class ExportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    csv = "csv"
    json = "json"


class TemplateFormat(StrEnum):
    csv = "csv"
    json = "json"


class TeamFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


NoColor = Annotated[
    bool, typer.Option("--no-color", help="Plain text without colour (NO_COLOR is honoured too).")
]
Force = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
Output = Annotated[
    str,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        show_default=False,
        help="Where to write; - (the default) is the screen.",
    ),
]
Principles = Annotated[
    list[str] | None,
    typer.Option(
        "--principle",
        "-p",
        metavar="ID",
        help="Only this principle (repeat for more), e.g. benefit.",
    ),
]
Respondent = Annotated[
    str | None,
    typer.Option(metavar="NAME", help="Who answered; for a sheet it is otherwise the file name."),
]
BankPath = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        metavar="FILE",
        envvar="SPREADKIT_BANK",
        show_envvar=True,
        help="A question bank to use instead of the built-in one.",
    ),
]


def _format_option(help: str) -> Any:
    """-f/--format, shown as FORMAT: the help names every choice in words, not as a Python type."""
    return typer.Option("-f", "--format", metavar="FORMAT", help=help)


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
) -> None:
    """Check how ready you are to spread and adopt an innovation in health and care."""
    _Run.debug = debug


def _load_bank(path: Path | None) -> "Bank":
    from spreadkit.files import load_bank

    return load_bank(path)


def _tell(notices: list[str]) -> None:
    for notice in notices:
        typer.echo(f"Note: {notice}", err=True)


def _choose_principles(bank: "Bank", ids: Iterable[str] | None) -> list["Principle"]:
    wanted = list(ids or [])
    for principle_id in wanted:
        if bank.principle(principle_id) is None:
            known = ", ".join(p.id for p in bank.principles)
            raise UsageError(f"unknown principle '{principle_id}'; choose from: {known}")
    # The bank's order, whatever order the options came in.
    return [p for p in bank.principles if not wanted or p.id in wanted]


def _emit(text: str, output: str, *, force: bool) -> None:
    """Data to stdout (as UTF-8 bytes, so no line ending is translated) or to a new file."""
    if output == "-":
        typer.echo(text.encode("utf-8"), nl=False)
        return
    from spreadkit.files import write_new_file

    write_new_file(Path(output), text, force=force)
    typer.echo(f"Written to {output}", err=True)


def _show(renderable: "RenderableType", output: str, *, force: bool, no_color: bool) -> None:
    if output == "-":
        from spreadkit.render import make_console

        make_console(no_color=no_color).print(renderable)
    else:
        from spreadkit.render import to_plain_text

        _emit(to_plain_text(renderable), output, force=force)


@app.command(cls=PlainCommand)
@friendly_errors
def principles(bank_path: BankPath = None, no_color: NoColor = False) -> None:
    """List the principles and how many questions each has."""
    from spreadkit.render import make_console, principles_table

    make_console(no_color=no_color).print(principles_table(_load_bank(bank_path)))


@app.command(cls=PlainCommand)
@friendly_errors
def questions(
    principle: Annotated[
        str | None,
        typer.Argument(help="A principle id, e.g. benefit. All principles when left out."),
    ] = None,
    bank_path: BankPath = None,
    no_color: NoColor = False,
) -> None:
    """Show the questions, for one principle or for all."""
    from spreadkit.render import make_console, questions_renderable

    bank = _load_bank(bank_path)
    chosen = _choose_principles(bank, [principle] if principle else None)
    make_console(no_color=no_color).print(questions_renderable(bank, chosen))


@app.command(cls=PlainCommand)
@friendly_errors
def template(
    format: Annotated[
        TemplateFormat,
        _format_option("csv for a spreadsheet, or json."),
    ] = TemplateFormat.csv,
    output: Output = "-",
    principle: Principles = None,
    bank_path: BankPath = None,
    force: Force = False,
) -> None:
    """Write a blank answer sheet to fill in.

    CSV opens in a spreadsheet; JSON is a blank answers file.
    """
    bank = _load_bank(bank_path)
    chosen = _choose_principles(bank, principle)
    if format is TemplateFormat.csv:
        from spreadkit.sheets import write_sheet

        _emit(write_sheet(bank, chosen), output, force=force)
        return
    from spreadkit.answers import AnswersFile
    from spreadkit.files import dump_answers

    _emit(dump_answers(AnswersFile.blank(bank, chosen)), output, force=force)


def _read_one(path: Path, bank: "Bank", respondent: str | None) -> "AnswersFile":
    from spreadkit import inputs

    notices: list[str] = []
    answers = inputs.load(path, bank, respondent, notices=notices)
    _tell(notices)
    return answers


@app.command(cls=PlainCommand)
@friendly_errors
def summary(
    answers: Annotated[
        Path, typer.Argument(metavar="ANSWERS", help="An answers file (.json) or a sheet (.csv).")
    ],
    format: Annotated[
        SummaryFormat,
        _format_option(
            "text for people, json for scripts, markdown, or svg (a picture for slides)."
        ),
    ] = SummaryFormat.text,
    output: Output = "-",
    respondent: Respondent = None,
    bank_path: BankPath = None,
    force: Force = False,
    no_color: NoColor = False,
) -> None:
    """Show the readiness summary of an answers file or sheet."""
    bank = _load_bank(bank_path)
    loaded = _read_one(answers, bank, respondent)
    result = _summarise(bank, loaded)
    if format is SummaryFormat.json:
        from spreadkit.exports import jsondoc

        _emit(jsondoc.summary(bank, loaded, result), output, force=force)
    elif format is SummaryFormat.markdown:
        from spreadkit.exports import markdown

        _emit(markdown.summary_report(bank, loaded, result), output, force=force)
    else:
        from spreadkit.render import summary_renderable

        renderable = summary_renderable(bank, result, loaded)
        if format is SummaryFormat.svg:
            from spreadkit.render import to_svg

            _emit(to_svg(renderable, loaded.meta.title or "Readiness summary"), output, force=force)
        else:
            _show(renderable, output, force=force, no_color=no_color)


def _summarise(
    bank: "Bank", answers: "AnswersFile", principle_ids: list[str] | None = None
) -> "ScoreSummary":
    from spreadkit.scoring import summarise

    return summarise(bank, answers.answers, principle_ids, answers.targets)


@app.command(cls=PlainCommand)
@friendly_errors
def explain(
    answers: Annotated[
        Path, typer.Argument(metavar="FILE", help="An answers file (.json) or a sheet (.csv).")
    ],
    principle: Principles = None,
    respondent: Respondent = None,
    bank_path: BankPath = None,
    no_color: NoColor = False,
) -> None:
    """Show how each score was made, step by step.

    The formula, each rating's share of its principle's score, and how the overall score and
    its band follow.
    """
    from spreadkit.explain import explain as explain_scores
    from spreadkit.render import explain_renderable, make_console

    bank = _load_bank(bank_path)
    chosen = [p.id for p in _choose_principles(bank, principle)]
    loaded = _read_one(answers, bank, respondent)
    working = explain_scores(bank, loaded.answers, chosen)
    make_console(no_color=no_color).print(explain_renderable(bank, working))


def _markdown(bank: "Bank", answers: "AnswersFile") -> str:
    from spreadkit.exports import markdown

    return markdown.render(bank, answers, _summarise(bank, answers))


@app.command(cls=PlainCommand)
@friendly_errors
def export(
    answers: Annotated[
        Path, typer.Argument(metavar="FILE", help="An answers file (.json) or a sheet (.csv).")
    ],
    format: Annotated[
        ExportFormat,
        _format_option("markdown or html for a report, csv for a sheet, json for an answers file."),
    ] = ExportFormat.markdown,
    output: Output = "-",
    respondent: Respondent = None,
    bank_path: BankPath = None,
    force: Force = False,
) -> None:
    """Turn answers into a report, a sheet or an answers file."""
    bank = _load_bank(bank_path)
    loaded = _read_one(answers, bank, respondent)
    if format is ExportFormat.markdown:
        text = _markdown(bank, loaded)
    elif format is ExportFormat.html:
        from spreadkit.exports import html

        text = html.render_single(bank, loaded, _summarise(bank, loaded))
    elif format is ExportFormat.csv:
        from spreadkit.sheets import write_sheet

        text = write_sheet(bank, list(bank.principles), loaded)
    else:
        from spreadkit.files import dump_answers

        text = dump_answers(loaded)
    _emit(text, output, force=force)


def _resume_command(output: Path, principle_ids: list[str] | None) -> str:
    words = ["spreadkit", "assess", "-o", str(output), "--resume"]
    for principle_id in principle_ids or []:
        words += ["--principle", principle_id]
    return shlex.join(words)


@app.command(cls=PlainCommand)
@friendly_errors
def assess(
    title: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What you are assessing, e.g. the innovation's name."),
    ] = None,
    respondent: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who is answering.")
    ] = None,
    team: Annotated[
        str | None, typer.Option(metavar="NAME", help="The team answering, if any.")
    ] = None,
    setting: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Where, e.g. a ward, practice or system.")
    ] = None,
    principle: Principles = None,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", metavar="FILE", help="The answers file, saved after every answer."
        ),
    ] = Path("spreadkit-answers.json"),
    resume: Annotated[
        bool, typer.Option("--resume", help="Carry on with the answers file without asking.")
    ] = False,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Start from the answers in this file or sheet; ask only what is left.",
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt: score the answers as they are.")
    ] = False,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete", help="With --no-input: exit 1, listing what is unanswered."
        ),
    ] = False,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            metavar="PRINCIPLE=SCORE",
            help="A target score for a principle in this assessment, e.g. benefit=80 (repeat).",
        ),
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown", metavar="FILE", help="Also write the markdown report here at the end."
        ),
    ] = None,
    bank_path: BankPath = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Let -o (with --from) and --markdown replace existing files."),
    ] = False,
    no_color: NoColor = False,
) -> None:
    """Answer the questions and see how ready you are.

    The answers are saved after every answer; Ctrl-C stops, and --resume carries on.
    """
    from spreadkit import session
    from spreadkit.render import make_console, summary_renderable, welcome_renderable

    bank = _load_bank(bank_path)
    chosen = _choose_principles(bank, principle)
    targets = _parse_targets(bank, target or [])
    if markdown is not None and markdown.exists() and not force:
        raise RefusedOverwrite(f"{markdown}: already exists; use --force to replace it")
    if require_complete and not no_input:
        raise UsageError("--require-complete goes with --no-input")
    if from_ is not None and output.exists() and not force:
        raise RefusedOverwrite(
            f"{output}: already exists; choose another -o, or use --force to replace it "
            f"with the answers from {from_}"
        )
    seed = _read_one(from_, bank, respondent) if from_ is not None else None
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

    if no_input:
        if seed is None and not output.exists():
            raise UsageError(
                f"--no-input has nothing to score: give --from FILE, or -o an existing answers "
                f"file ({output} does not exist)"
            )
        notices: list[str] = []
        answers = session.score_without_prompts(bank, output, given, seed, targets, notices)
        _tell(notices)
    else:
        from spreadkit import prompts

        prompts.require_terminal(
            f"to score without prompts use: spreadkit assess --no-input --from FILE "
            f"(or spreadkit summary {output})"
        )
        gc.enable()  # a session lasts as long as a person takes
        console = make_console(no_color=no_color)
        resume_command = _resume_command(output, principle)
        console.print(welcome_renderable(bank, chosen, str(output), resume_command))
        try:
            outcome = session.run(
                bank,
                chosen,
                output,
                given,
                resume=resume,
                console=console,
                seed=seed,
                targets=targets,
            )
        except session.Interrupted as stop:
            typer.echo("", err=True)
            if stop.saved is None:
                typer.echo("Stopped before anything was answered; nothing was saved.", err=True)
            else:
                count = sum(1 for a in stop.saved.answers.values() if a.is_settled)
                typer.echo(
                    f"Stopped. {count} answer{'' if count == 1 else 's'} saved in {output}. "
                    f"To carry on: {resume_command}",
                    err=True,
                )
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if outcome.answers is None:
            typer.echo(f"Left {output} as it was.", err=True)
            return
        answers = outcome.answers

    result = _summarise(bank, answers, [p.id for p in chosen])
    console = make_console(no_color=no_color)
    console.print()
    console.print(summary_renderable(bank, result, answers))
    typer.echo(f"Your answers are saved in {output}.", err=True)
    if markdown is not None:
        from spreadkit.files import write_new_file

        write_new_file(markdown, _markdown(bank, answers), force=force)
        typer.echo(f"The markdown report is in {markdown}.", err=True)
    if require_complete:
        missing = session.unanswered(answers, chosen)
        if missing:
            raise InputFileError(
                "\n".join(
                    [f"{len(missing)} question{'s are' if len(missing) > 1 else ' is'} unanswered:"]
                    + [f"  {question_id}" for question_id in missing]
                )
            )


def _parse_targets(bank: "Bank", pairs: list[str]) -> dict[str, float]:
    targets: dict[str, float] = {}
    for pair in pairs:
        principle_id, _, value = pair.partition("=")
        if bank.principle(principle_id.strip()) is None:
            known = ", ".join(p.id for p in bank.principles)
            raise UsageError(f"--target {pair}: unknown principle; choose from: {known}")
        try:
            score = float(value)
        except ValueError:
            raise UsageError(
                f"--target {pair}: give a score from 0 to 100, e.g. benefit=80"
            ) from None
        if not 0 <= score <= 100:
            raise UsageError(f"--target {pair}: a target is a score from 0 to 100")
        targets[principle_id.strip()] = score
    return targets


def _team(
    bank: "Bank",
    files: list[Path],
    *,
    principle_ids: list[str] | None = None,
    keep_notes: bool = False,
    names: bool = False,
    disagree: int = 2,
) -> "TeamResult":
    """Read and tally every file; problems in any of them are reported together."""
    from spreadkit import inputs
    from spreadkit.team import Team

    team = Team(bank, principle_ids, keep_notes=keep_notes, keep_names=names)
    reading = inputs.read_team(team, bank, files)
    for path in reading.skipped:
        typer.echo(f"Skipped {path}: it holds no answers.", err=True)
    if reading.problems:
        raise InputFileError("\n".join(reading.problems))
    notices = reading.notices
    if len(notices) > 3:
        typer.echo(
            f"Note: {len(notices)} files were answered with another version of the bank; "
            "answers were carried over where the bank says so, and the rest kept but not scored.",
            err=True,
        )
    else:
        _tell(notices)
    return team.result(disagree)


@app.command(cls=PlainCommand, name="team")
@friendly_errors
def team_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Answers files, sheets, or folders of them (mixed is fine)."
        ),
    ],
    format: Annotated[
        TeamFormat,
        _format_option(
            "text for the screen, markdown or html for a report, json or csv for scripts "
            "and spreadsheets."
        ),
    ] = TeamFormat.text,
    output: Output = "-",
    disagree: Annotated[
        int,
        typer.Option(
            "--disagree",
            metavar="N",
            help="Flag a question for discussion when ratings are this many points apart.",
        ),
    ] = 2,
    names: Annotated[
        bool, typer.Option("--names", help="Show who said what (anonymous without it).")
    ] = False,
    principle: Principles = None,
    bank_path: BankPath = None,
    force: Force = False,
    no_color: NoColor = False,
) -> None:
    """Combine a team's answers and show where people disagree."""
    if disagree < 1:
        raise UsageError(f"--disagree {disagree}: give 1 or more scale points, e.g. --disagree 2")
    bank = _load_bank(bank_path)
    chosen = [p.id for p in _choose_principles(bank, principle)]
    readable = format in (TeamFormat.text, TeamFormat.markdown, TeamFormat.html)
    result = _team(
        bank,
        files,
        principle_ids=chosen,
        keep_notes=readable,
        names=names and readable,
        disagree=disagree,
    )
    if format is TeamFormat.json:
        from spreadkit.exports import jsondoc

        _emit(jsondoc.team(bank, result), output, force=force)
    elif format is TeamFormat.csv:
        from spreadkit.exports import team_sheet

        _emit(team_sheet.render(bank, result), output, force=force)
    elif format is TeamFormat.markdown:
        from spreadkit.exports import markdown

        _emit(markdown.team_report(bank, result, names=names), output, force=force)
    elif format is TeamFormat.html:
        from spreadkit.exports import html

        _emit(html.render_team(bank, result, names=names), output, force=force)
    else:
        from spreadkit.render import team_renderable

        _show(team_renderable(bank, result, names=names), output, force=force, no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def compare(
    baseline: Annotated[
        Path, typer.Argument(metavar="BASELINE", help="An answers file, a sheet, or a folder.")
    ],
    latest: Annotated[
        Path, typer.Argument(metavar="LATEST", help="An answers file, a sheet, or a folder.")
    ],
    format: Annotated[
        CompareFormat,
        _format_option("text for the screen, markdown or html for a report, json for scripts."),
    ] = CompareFormat.text,
    output: Output = "-",
    bank_path: BankPath = None,
    force: Force = False,
    no_color: NoColor = False,
) -> None:
    """Compare a baseline with a later review."""
    from spreadkit.compare import compare as compare_results

    bank = _load_bank(bank_path)
    result = compare_results(_team(bank, [baseline]), _team(bank, [latest]))
    if format is CompareFormat.json:
        from spreadkit.exports import jsondoc

        _emit(jsondoc.comparison(bank, result), output, force=force)
    elif format is CompareFormat.markdown:
        from spreadkit.exports import markdown

        _emit(markdown.compare_report(bank, result), output, force=force)
    elif format is CompareFormat.html:
        from spreadkit.exports import html

        _emit(html.render_compare(bank, result), output, force=force)
    else:
        from spreadkit.render import compare_renderable

        _show(compare_renderable(bank, result), output, force=force, no_color=no_color)


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
    force: Force = False,
) -> None:
    """Write a copy of the built-in bank to edit."""
    from spreadkit.files import builtin_bank_text, write_new_file

    text, _ = builtin_bank_text()
    write_new_file(path, text, force=force)
    typer.echo(
        f"Written to {path}. Change its id and title, edit the questions, then check it with: "
        f"spreadkit bank validate {path}",
        err=True,
    )


@bank_app.command(cls=PlainCommand, name="schema")
@friendly_errors
def bank_schema(
    answers: Annotated[
        bool, typer.Option("--answers", help="The schema of an answers file instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of a bank or an answers file."""
    from spreadkit.schemas import answers_schema, bank_schema

    _emit(answers_schema() if answers else bank_schema(), "-", force=False)


@bank_app.command(cls=PlainCommand, name="validate")
@friendly_errors
def bank_validate(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The bank file to check.")],
) -> None:
    """List every problem in a bank, with where it is."""
    from spreadkit.files import bank_problems, read_json

    bank, problems = bank_problems(read_json(path, "a question bank"))
    if problems:
        typer.echo(f"{path}: {len(problems)} problem{'' if len(problems) == 1 else 's'}:")
        for problem in problems:
            typer.echo(f"  {problem}")
        raise typer.Exit(ExitCode.INVALID_INPUT)
    assert bank is not None  # no problems means it was built
    questions = sum(len(p.questions) for p in bank.principles)
    targets = sum(1 for p in bank.principles if p.target is not None)
    typer.echo(
        f"{path}: no problems. '{bank.id}' version {bank.version}: "
        f"{len(bank.principles)} principles, {questions} questions, scale "
        f"{bank.scale[0].value} to {bank.max_value}, {len(bank.bands)} bands"
        f"{', weighted' if bank.weighted else ''}"
        f"{f', {targets} target' + ('s' if targets > 1 else '') if targets else ''}."
    )


def main() -> None:
    # Scripts ask for the version often; answer before Typer builds every command.
    if sys.argv[1:] == ["--version"]:
        _print_version()
        return
    # Start-up makes tens of thousands of long-lived objects (pydantic's schemas, Typer's
    # commands) and no garbage cycles, so collecting while it runs is pure cost: about 5% of a
    # command's start-up (benchmarks/startup.py). `assess` turns it back on for its session.
    gc.disable()
    try:
        app()
    finally:
        gc.enable()
