"""The `spreadkit` command: declares the commands and their options, and hands the work over.

Data goes to standard output, messages to standard error. Exit codes: 0 done, 1 invalid input,
2 usage, 130 interrupted.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from spreadkit.cli import formats
from spreadkit.cli import options as opt
from spreadkit.cli.bank_commands import bank_app
from spreadkit.cli.commandline import PlainCommand, Run, friendly_errors, run
from spreadkit.cli.invocation import command
from spreadkit.cli.output import emit, say, show
from spreadkit.model import reports
from spreadkit.model.errors import UsageError
from spreadkit.model.words import clip, plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank

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

# The people an import names one by one: a survey of thousands would fill the screen.
IMPORT_LISTED = 20


@app.callback()
def _main(
    version: opt.Version = False, debug: opt.Debug = False, no_color: opt.NoColor = False
) -> None:
    """Check how ready you are to spread and adopt an innovation in health and care."""
    Run.debug = debug
    if no_color:
        # Before the command's name it means the same as after it: Rich honours NO_COLOR.
        os.environ["NO_COLOR"] = "1"


def _load_bank(path: Path | None) -> "Bank":
    from spreadkit.readers.banks import load_bank

    return load_bank(path)


@app.command(cls=PlainCommand)
@friendly_errors
def principles(bank_path: opt.BankPath = None, no_color: opt.NoColor = False) -> None:
    """List the principles and how many questions each has."""
    from spreadkit.cli.screens import principles_table

    show(principles_table(_load_bank(bank_path)), no_color=no_color)


@app.command(cls=PlainCommand)
@friendly_errors
def questions(
    principle: opt.PrincipleArg = None,
    bank_path: opt.BankPath = None,
    no_color: opt.NoColor = False,
) -> None:
    """Show the questions, for one principle or for all."""
    from spreadkit.cli.screens import questions_renderable

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

    CSV and Excel (xlsx) open in a spreadsheet; JSON is a blank answers file; forms lists the
    questions to paste into a survey form (then bring the responses in with spreadkit import).
    """
    fmt = formats.choose("template", format, output)
    bank = _load_bank(bank_path)
    emit(fmt, fmt.render(reports.BlankView(bank, bank.chosen(principle))), output, force=force)


@app.command(cls=PlainCommand)
@friendly_errors
def summary(
    answers: opt.SummaryAnswers,
    format: opt.SummaryFormat = None,
    output: opt.Output = "-",
    respondent: opt.Respondent = None,
    show_all: opt.ShowAll = False,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Show the readiness summary of an answers file or sheet."""
    from spreadkit.cli import views

    fmt = formats.choose("summary", format, output)
    more = command("summary", str(answers), "--all", shared=output != "-")
    view = views.person(answers, bank_path, respondent, say)._replace(show_all=show_all, more=more)
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color, reads=[answers])


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
    from spreadkit.cli import views
    from spreadkit.cli.screens import explanation
    from spreadkit.model.scoring import summarise

    bank = _load_bank(bank_path)
    chosen = [p.id for p in bank.chosen(principle)]
    loaded = views.read_one(answers, bank, respondent, say)
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
    from spreadkit.cli import views

    fmt = formats.choose("report", format, output)
    view = views.person(answers, bank_path, respondent, say)
    emit(fmt, fmt.render(view), output, force=force, reads=[answers])
    if fmt.name in ("csv", "xlsx") and view.answers.comments:
        # A sheet has a row for each question and none for a principle as a whole.
        say(
            f"Note: the {plural(len(view.answers.comments), 'comment')} on principles as a whole "
            "are not in the sheet; they stay in the answers file, and show in every report"
        )


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
    from spreadkit.cli.assessment import Assessment, parse_targets

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
    from spreadkit.cli import assess_screen

    answers = session.score(say) if no_input else assess_screen.ask(session, no_color)
    if answers is None:
        say(f"Left {output} as it was.")
        return
    assess_screen.finish(session, answers, no_color, prompted=not no_input)


@app.command(cls=PlainCommand, name="team")
@friendly_errors
def team_command(
    files: opt.TeamFiles,
    format: opt.TeamFormat = None,
    output: opt.Output = "-",
    disagree: opt.Disagree = 2,
    top: opt.Top = 10,
    every: opt.Every = False,
    names: opt.Names = False,
    title: opt.ReportTitle = "",
    principle: opt.Principles = None,
    allow_duplicates: opt.AllowDuplicates = False,
    skip_invalid: opt.SkipInvalid = False,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Combine a team's answers and show where people disagree."""
    from spreadkit.cli import views

    fmt = formats.choose("team", format, output)
    bank = _load_bank(bank_path)
    chosen = [p.id for p in bank.chosen(principle)]
    view = views.team(
        bank,
        files,
        fmt,
        say,
        names=names,
        disagree=disagree,
        principle_ids=chosen,
        allow_duplicates=allow_duplicates,
        skip_invalid=skip_invalid,
    )
    more = command("team", *map(str, files), "--all", shared=output != "-")
    view = view._replace(top=None if every else top, more=more, report=views.report(title))
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color, reads=files)


@app.command(cls=PlainCommand, name="compare")
@friendly_errors
def compare_command(
    baseline: opt.Baseline,
    latest: opt.Latest,
    later: opt.Later = None,
    format: opt.CompareFormat = None,
    output: opt.Output = "-",
    title: opt.ReportTitle = "",
    plan: opt.ComparePlan = None,
    skip_invalid: opt.SkipInvalid = False,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """Compare a baseline with a later review, or follow three or more rounds.

    With three or more rounds (oldest first): every principle's score and band in each round,
    the change since the first and since the last round, and the questions that moved most.
    """
    from spreadkit.cli import views

    rounds = [baseline, latest, *(later or [])]
    reads = [*rounds, *([plan] if plan else [])]  # a plan given beside the rounds is kept too
    if len({os.path.realpath(r) for r in rounds}) < len(rounds):
        say("Note: the same answers are given as two rounds; nothing between them can have moved.")
    if later:
        fmt = formats.choose("trend", format, output)
        trend = views.trend(_load_bank(bank_path), rounds, plan, say, skip_invalid)
        trend = trend._replace(report=views.report(title))
        emit(fmt, fmt.render(trend), output, force=force, no_color=no_color, reads=reads)
        return
    fmt = formats.choose("compare", format, output)
    bank = _load_bank(bank_path)
    view = views.comparison(bank, baseline, latest, plan, say, skip_invalid)
    view = view._replace(report=views.report(title))
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color, reads=reads)


@app.command(cls=PlainCommand, name="programme")
@friendly_errors
def programme_command(
    folder: opt.ProgrammeFolder,
    format: opt.ProgrammeFormat = None,
    output: opt.Output = "-",
    min_sites: opt.MinSites = 5,
    anonymous: opt.Anonymous = False,
    names: opt.ProgrammeNames = False,
    skip_invalid: opt.SkipInvalid = False,
    tag: opt.ShareTags = None,
    title: opt.ReportTitle = "",
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
    no_color: opt.NoColor = False,
) -> None:
    """See a spread programme's sites side by side, round by round.

    Each site's latest round by principle, its overall score in every round, how it moved, and
    the programme's spread by principle. No person's name or note appears in any output unless
    --names.
    """
    from spreadkit.cli import views
    from spreadkit.readers.programme import How

    if names and anonymous:
        raise typer.BadParameter(
            "--names shows who answered at each site, --anonymous hides which site is which: "
            "choose one",
            param_hint="--names",
        )
    fmt = formats.choose("programme", format, output)
    view = views.programme(
        _load_bank(bank_path),
        folder,
        say,
        min_sites=min_sites,
        anonymous=anonymous,
        tags=tag or [],
        how=How(skip_invalid=skip_invalid, names=names),
    )
    view = view._replace(report=views.report(title))
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color, reads=[folder])


@app.command(cls=PlainCommand)
@friendly_errors
def card(
    source: opt.CardInput,
    output: opt.CardOutput = "-",
    round_name: opt.RoundName = None,
    date: opt.RoundDate = None,
    tag: opt.Tags = None,
    bank_path: opt.BankPath = None,
    force: opt.Force = False,
) -> None:
    """Make a benchmark card of a round, to share where the answers cannot go.

    The card holds the bank, the round's name and date, how many answered (at least 3), each
    principle's score and band, and any tags: no names, notes, ratings or file names.
    """
    from spreadkit.cli import views

    fmt = formats.choose("card", None, output)
    view = views.card(_load_bank(bank_path), source, say, round_name, date, tag or [])
    emit(fmt, fmt.render(view), output, force=force, reads=[source])


@app.command(cls=PlainCommand)
@friendly_errors
def agree(
    files: opt.AgreeFiles,
    output: opt.AgreedOutput = Path("team-agreed.json"),
    top: opt.AgreeTop = 10,
    every: opt.Every = False,
    disagree: opt.Disagree = 2,
    principle: opt.Principles = None,
    names: opt.Names = False,
    title: opt.AgreedTitle = "",
    resume: opt.Resume = False,
    allow_duplicates: opt.AllowDuplicates = False,
    skip_invalid: opt.SkipInvalid = False,
    bank_path: opt.BankPath = None,
    no_color: opt.NoColor = False,
) -> None:
    """Agree the team's answers together, question by question: a consensus round.

    Walks the questions the team disagrees on, widest spread first, showing how people rated
    each and their notes, and records the rating and note the room agrees. Questions not
    discussed take the rating nearest the team's mean. The result is an ordinary answers file.
    """
    from spreadkit.cli import agree_screen, views

    if str(output) == "-":
        raise UsageError("-o -: the agreed answers need a file, e.g. -o team-agreed.json")
    round_ = views.agreement(
        _load_bank(bank_path),
        files,
        output,
        say,
        top=None if every else top,
        disagree=disagree,
        only=principle or [],
        names=names,
        title=title,
        resume=resume,
        allow_duplicates=allow_duplicates,
        skip_invalid=skip_invalid,
    )
    answers = agree_screen.agree(round_, no_color=no_color)
    if answers is None:
        say(f"Left {output} as it was.")
        return
    agree_screen.finish(round_, answers, no_color)


@app.command(cls=PlainCommand, name="plan")
@friendly_errors
def plan_command(
    files: opt.PlanFiles = None,
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

    Keep it as a plan file (-o plan.json, or plan.csv or plan.xlsx to edit in a spreadsheet) and
    read it back with --from.
    """
    from spreadkit.cli.planning import make_plan

    fmt = formats.choose("plan", format, output)
    bank = _load_bank(bank_path)
    chosen = [p.id for p in bank.chosen(principle)] if principle else None
    plan, source = make_plan(
        bank, files or [], from_, say, top=None if every else top, principle_ids=chosen, title=title
    )
    narrowed = [word for p in principle or [] for word in ("-p", p)]
    words = ["plan", *map(str, files or []), *narrowed, "--all"]
    more = command(*words, shared=output != "-") if files else None
    view = reports.PlanView(plan, more=more, source=source)
    emit(fmt, fmt.render(view), output, force=force, no_color=no_color, reads=files or [])


@app.command(cls=PlainCommand, name="import")
@friendly_errors
def import_command(
    responses: opt.ResponsesFile,
    output: opt.ImportFolder,
    bank_path: opt.BankPath = None,
    force: opt.ForceImport = False,
    allow_duplicates: opt.KeepEveryResponse = False,
) -> None:
    """Turn a survey's responses (Microsoft Forms, Google Forms) into an answers file per person.

    A column belongs to a question when its header holds the question's id or its whole text; see
    spreadkit template -f forms for the questions to paste into the form.
    """
    from spreadkit.cli.importing import import_responses

    done = import_responses(
        responses, _load_bank(bank_path), output, force=force, allow_duplicates=allow_duplicates
    )
    for notice in done.notices:
        say(f"Note: {notice}")
    say(f"Imported {plural(len(done.files), 'person', 'people')} into {output}:")
    for name, path in done.files[:IMPORT_LISTED]:
        say(f"  {path.name}  ({clip(' '.join(name.split()), 60)})")  # on one line, not too long
    if len(done.files) > IMPORT_LISTED:
        say(f"  and {len(done.files) - IMPORT_LISTED:,} more, each in a file of their own there.")
    say("To see the team together, type:")
    say(f"  {command('team', str(output))}")


app.add_typer(bank_app, name="bank")


def main() -> None:
    sys.exit(run(app))
