"""The command line's options, each declared once with its help, for the commands to share."""

from pathlib import Path
from typing import Annotated, Any

import typer

from spreadkit.cli import formats
from spreadkit.cli.invocation import given_bank
from spreadkit.model.limits import MAX_DETAIL
from spreadkit.model.safe import unbroken


def _detail(value: str | None) -> str | None:
    """A title, name, team or setting typed on the command line: one line of sensible length."""
    if value is None:
        return None
    value = unbroken(value)
    if len(value) > MAX_DETAIL:
        raise typer.BadParameter(f"at most {MAX_DETAIL} characters (this has {len(value):,})")
    return value


def _version(value: bool) -> None:
    if value:
        from spreadkit.cli.commandline import print_version

        print_version()
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
]
Debug = Annotated[
    bool,
    typer.Option(
        "--debug", help="Show the full details of an unexpected error (or SPREADKIT_DEBUG=1)."
    ),
]
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
    typer.Option(
        metavar="NAME",
        help="Who answered; for a sheet it is otherwise the file name.",
        callback=_detail,
    ),
]
BankPath = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        metavar="FILE",
        envvar="SPREADKIT_BANK",
        show_envvar=True,
        help="A question bank to use instead of the built-in one.",
        callback=given_bank,
    ),
]
AnswersPath = Annotated[
    Path, typer.Argument(metavar="FILE", help="An answers file (.json) or a sheet (.csv or .xlsx).")
]


def _at_least_one(hint: str) -> Any:
    def check(value: int) -> int:
        if value < 1:
            raise typer.BadParameter(f"give 1 or more, {hint}")
        return value

    return check


Disagree = Annotated[
    int,
    typer.Option(
        "--disagree",
        metavar="N",
        help="Flag a question for discussion when ratings are this many points apart.",
        callback=_at_least_one("e.g. --disagree 2"),
    ),
]
Top = Annotated[
    int,
    typer.Option(
        "--top",
        metavar="N",
        help="How many questions to discuss a report shows (JSON and CSV keep them all).",
        callback=_at_least_one("or --all for every question"),
    ),
]
AgreeTop = Annotated[
    int,
    typer.Option(
        "--top",
        metavar="N",
        help="How many of the questions to discuss the room goes through.",
        callback=_at_least_one("or --all for every question"),
    ),
]
AgreedTitle = Annotated[
    str,
    typer.Option(
        "--title", metavar="TEXT", help="What was assessed, for the agreed file.", callback=_detail
    ),
]
Every = Annotated[bool, typer.Option("--all", help="Every question to discuss, not only the top.")]
ReportTitle = Annotated[
    str, typer.Option("--title", metavar="TEXT", help="A title for the report.", callback=_detail)
]
AllowDuplicates = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates",
        help="Count files that seem to be the same person twice (same name) as two people.",
    ),
]
SkipInvalid = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Read every file that can be read, list each one left out with its first problem, "
        "and say on the report how many were left out (without it, one bad file stops the "
        "command).",
    ),
]
PlanFrom = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="PLAN",
        help="A plan file (.json, .csv or .xlsx) to read back; with answers, its actions carry over.",
    ),
]
PlanTop = Annotated[
    int,
    typer.Option(
        "--top",
        metavar="N",
        help="How many questions the plan takes.",
        callback=_at_least_one("or --all for every question"),
    ),
]
EveryQuestion = Annotated[
    bool, typer.Option("--all", help="Every question below the top of the scale, not only the top.")
]
ComparePlan = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        metavar="PLAN",
        help="A plan file: each action's status beside how its question's rating moved.",
    ),
]
ShowAll = Annotated[
    bool, typer.Option("--all", help="Every priority and strength, not only the first five.")
]
Names = Annotated[bool, typer.Option("--names", help="Show who said what (anonymous without it).")]


def format_option(kind: str) -> Any:
    """-f/--format, its choices and help taken from the table of formats."""
    choices = formats.names(kind)

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        named = formats.ALIASES.get(value.lower(), value.lower())  # HTML, Word, md: as meant
        if named not in choices:
            raise typer.BadParameter(
                f"'{value}' is not one of: {', '.join(choices)}{formats.elsewhere(kind, value)}"
            )
        return named

    return typer.Option(
        "-f", "--format", metavar="FORMAT", help=formats.help_text(kind), callback=check
    )


SummaryFormat = Annotated[str | None, format_option("summary")]
ReportFormat = Annotated[str | None, format_option("report")]
TeamFormat = Annotated[str | None, format_option("team")]
CompareFormat = Annotated[str | None, format_option("compare")]
TemplateFormat = Annotated[str | None, format_option("template")]
PlanFormat = Annotated[str | None, format_option("plan")]

# assess
Title = Annotated[
    str | None,
    typer.Option(
        metavar="TEXT",
        help="What you are assessing, e.g. the innovation's name.",
        callback=_detail,
    ),
]
RespondentAsked = Annotated[
    str | None, typer.Option(metavar="NAME", help="Who is answering.", callback=_detail)
]
Team = Annotated[
    str | None, typer.Option(metavar="NAME", help="The team answering, if any.", callback=_detail)
]
Setting = Annotated[
    str | None,
    typer.Option(metavar="TEXT", help="Where, e.g. a ward, practice or system.", callback=_detail),
]
AnswersOutput = Annotated[
    Path,
    typer.Option(
        "-o", "--output", metavar="FILE", help="The answers file, saved after every answer."
    ),
]
Resume = Annotated[
    bool, typer.Option("--resume", help="Carry on with the answers file without asking.")
]
From = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help="Start from the answers in this file or sheet; ask only what is left.",
    ),
]
NoInput = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: score the answers as they are.")
]
RequireComplete = Annotated[
    bool,
    typer.Option("--require-complete", help="With --no-input: exit 1, listing what is unanswered."),
]
Targets = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        metavar="PRINCIPLE=SCORE",
        help="A target score for a principle in this assessment, e.g. benefit=80 (repeat).",
    ),
]
MarkdownReport = Annotated[
    Path | None,
    typer.Option(
        "--markdown", metavar="FILE", help="Also write the markdown report here at the end."
    ),
]
Revisit = Annotated[
    bool,
    typer.Option(
        "--revisit",
        help="Ask every question again, answered or not (with -p, those principles' questions), "
        "each starting from its saved rating and note.",
    ),
]
Questions = Annotated[
    list[str] | None,
    typer.Option(
        "--question",
        "-q",
        metavar="ID",
        help="Ask only this question again, e.g. benefit.measure (repeat for more).",
    ),
]
AgreedOutput = Annotated[
    Path,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="The agreed answers file, saved after every answer.",
    ),
]
ForceAssess = Annotated[
    bool,
    typer.Option("--force", help="Let -o (with --from) and --markdown replace existing files."),
]


# Arguments
PrincipleArg = Annotated[
    str | None,
    typer.Argument(help="A principle id, e.g. benefit. All principles when left out."),
]
SummaryAnswers = Annotated[
    Path,
    typer.Argument(metavar="ANSWERS", help="An answers file (.json) or a sheet (.csv or .xlsx)."),
]
TeamFiles = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE...",
        help="Answers files, sheets, survey responses, or folders of them (mixed is fine).",
    ),
]
Baseline = Annotated[
    Path, typer.Argument(metavar="BASELINE", help="Answers, a sheet, survey responses or a folder.")
]
Latest = Annotated[
    Path, typer.Argument(metavar="LATEST", help="Answers, a sheet, survey responses or a folder.")
]
Later = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="LATER",
        help="Later rounds, oldest first: with three or more rounds, the trend over them.",
        show_default=False,
    ),
]
AgreeFiles = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE...", help="The team's answers files and sheets, or a folder of them."
    ),
]
PlanFiles = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILE...",
        help="One person's answers (a file), or a team's (a folder, or several files).",
    ),
]
NewBankFile = Annotated[
    Path, typer.Argument(metavar="FILE", help="Where to write the copy, e.g. our-bank.json.")
]
SchemaOfAnswers = Annotated[
    bool, typer.Option("--answers", help="The schema of an answers file instead.")
]
ResponsesFile = Annotated[
    Path,
    typer.Argument(
        metavar="RESPONSES",
        help="A survey's responses (.xlsx or .csv): a row for each person, a column per question.",
    ),
]
ImportFolder = Annotated[
    Path,
    typer.Option(
        "-o",
        "--output",
        metavar="DIR",
        show_default=False,
        help="The folder to write the answers files into (made if missing).",
    ),
]
KeepEveryResponse = Annotated[
    bool,
    typer.Option(
        "--allow-duplicates",
        help="Keep every response from someone who answered more than once (the same email, "
        "or else the same name); otherwise their latest counts.",
    ),
]
ForceImport = Annotated[
    bool, typer.Option("--force", help="Replace answers files already in the folder.")
]
BankToCheck = Annotated[Path, typer.Argument(metavar="FILE", help="The bank file to check.")]

# programme
ProgrammeFolder = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        help=(
            "The programme's folder: one folder per site, each holding one folder per round "
            "(sorted by name) or, for a single round, its files directly."
        ),
    ),
]
ProgrammeFormat = Annotated[str | None, format_option("programme")]


def _min_sites(value: int) -> int:
    from spreadkit.model.programme import LEAST_MIN_SITES

    if value < LEAST_MIN_SITES:
        raise typer.BadParameter(
            f"give {LEAST_MIN_SITES} or more: in a smaller group a site could be picked out"
        )
    return value


MinSites = Annotated[
    int,
    typer.Option(
        "--min-sites",
        metavar="N",
        help="Show the spread by principle only where at least N sites have a round (3 or more).",
        callback=_min_sites,
    ),
]
ProgrammeNames = Annotated[
    bool,
    typer.Option(
        "--names",
        help="List who answered each site's latest round (no person is named without it).",
    ),
]
Anonymous = Annotated[
    bool,
    typer.Option(
        "--anonymous",
        help="Show sites as Site A, Site B… (in the order of their names), for sharing widely.",
    ),
]


def _tags(values: list[str] | None) -> list[str] | None:
    from spreadkit.model.card import parse_tag

    for value in values or []:
        try:
            parse_tag(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return values


Tags = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        metavar="KEY=VALUE",
        help="Context to share with the card, e.g. --tag setting=community (repeat for more).",
        callback=_tags,
    ),
]
ShareTags = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        metavar="KEY=VALUE",
        help=(
            "Compare only the sites whose cards carry this tag, e.g. --tag setting=community "
            "(repeat: every tag must match)."
        ),
        callback=_tags,
    ),
]

# card
CardInput = Annotated[
    Path,
    typer.Argument(
        metavar="FILE|FOLDER",
        help="A round's answers: a folder as team reads it, an agreed file, or one file.",
    ),
]
CardOutput = Annotated[
    str,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        show_default=False,
        help="Where to write the card, e.g. -o card.json; - (the default) is the screen.",
    ),
]


def _round_name(value: str | None) -> str | None:
    value = _detail(value)
    if value is not None and not value.strip():
        raise typer.BadParameter("give the round a name, e.g. --round '2026-09 review'")
    return value


RoundName = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar="NAME",
        help="The round's name on the card, e.g. '2026-09 review' (otherwise 'Round').",
        callback=_round_name,
    ),
]


def _date(value: str | None) -> str | None:
    from spreadkit.model.card import check_date

    if value is not None and not check_date(value):
        raise typer.BadParameter(f"'{value}': give the date as YYYY-MM or YYYY-MM-DD")
    return value


RoundDate = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM[-DD]",
        help="The round's date (otherwise the date its name starts with, if any).",
        callback=_date,
    ),
]
