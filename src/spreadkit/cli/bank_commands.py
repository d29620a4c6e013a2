"""`spreadkit bank`: make, check and describe a team's own question bank."""

import typer

from spreadkit.cli import options as opt
from spreadkit.cli.commandline import PlainCommand, friendly_errors
from spreadkit.cli.invocation import command
from spreadkit.cli.output import say, tell, write
from spreadkit.model.errors import ExitCode

bank_app = typer.Typer(
    help="Make, check and describe your own question bank.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@bank_app.command(cls=PlainCommand, name="init")
@friendly_errors
def bank_init(
    path: opt.NewBankFile,
    force: opt.Force = False,
) -> None:
    """Write a copy of the built-in bank to edit."""
    from spreadkit.cli.writing import write_new_file
    from spreadkit.readers.banks import builtin_bank_text

    text, _ = builtin_bank_text()
    write_new_file(path, text, force=force)
    say(
        f"Written to {path}. Change its id and title, edit the questions, then check it with:\n"
        f"  {command('bank', 'validate', str(path))}"
    )


@bank_app.command(cls=PlainCommand, name="schema")
@friendly_errors
def bank_schema(
    answers: opt.SchemaOfAnswers = False,
) -> None:
    """Print the JSON Schema of a bank or an answers file."""
    from spreadkit.cli import schemas

    write(schemas.answers_schema() if answers else schemas.bank_schema(), "-", force=False)


@bank_app.command(cls=PlainCommand, name="validate")
@friendly_errors
def bank_validate(
    path: opt.BankToCheck,
) -> None:
    """List every problem in a bank, with where it is."""
    from spreadkit.model.wording import describe_bank
    from spreadkit.model.words import plural
    from spreadkit.readers.banks import bank_problems
    from spreadkit.readers.common import read_json

    bank, problems = bank_problems(read_json(path, "a question bank"))
    if problems:
        tell(f"{path}: {plural(len(problems), 'problem')}:")
        for problem in problems:
            tell(f"  {problem}")
        raise typer.Exit(ExitCode.INVALID_INPUT)
    assert bank is not None  # no problems means it was built
    tell(f"{path}: no problems. {describe_bank(bank)}")
