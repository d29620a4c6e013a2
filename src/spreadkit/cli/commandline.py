"""How the command line reads and fails: help in plain words, and one handler that turns every
failure into one line per problem and its exit code, never a traceback."""

from __future__ import annotations

import functools
import gc
import io
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperCommand

from spreadkit.model.errors import ExitCode, SpreadkitError
from spreadkit.model.safe import visible

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter

F = TypeVar("F", bound=Callable[..., Any])


class PlainCommand(TyperCommand):
    """Help in plain words: an argument is shown by its name alone (FILE, FILE...), without the
    Python type and the braces Typer adds, since the people reading it are not programmers."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
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


def system_problem(exc: OSError) -> str:
    """What the operating system refused, in plain words, naming the file when it is known."""
    if isinstance(exc, BrokenPipeError):
        # Nothing more can be written there; let the interpreter's last flush go nowhere.
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
        return "the output was closed before everything was written"
    reason = exc.strerror or str(exc)
    where = exc.filename if exc.filename is not None else ""
    return f"{where}: {reason[:1].lower()}{reason[1:]}" if where else reason


class _VisibleStderr(io.StringIO):
    """Collects a message that quotes what was typed, to show it with its controls visible."""


def show_error(exc: typer.TyperException) -> None:
    """Typer's own errors (a wrong option, a missing argument), as Typer words them, with
    whatever they quote from the command line unable to reach the terminal as control bytes."""
    page = _VisibleStderr()
    show = getattr(exc, "show", None)
    moved = _option_before_command(exc)
    if moved:
        page.write(f"Error: {moved}\n")
    elif callable(show):
        show(file=page)
    else:
        page.write(f"Error: {exc.format_message()}\n")
    sys.stderr.write(visible(page.getvalue()))


def _option_before_command(exc: typer.TyperException) -> str:
    """ "-o goes after the command: …" when an option of a command was typed before it, as in
    `spreadkit -o x.html export sam.json`, with the command written out the right way round."""
    context = getattr(exc, "ctx", None)
    option = getattr(exc, "option_name", None)
    # Typer's own copy of click raises it: told by its name, since click is not importable.
    if type(exc).__name__ != "NoSuchOption" or context is None or context.parent is not None:
        return ""
    commands = getattr(context.command, "commands", {})
    words = sys.argv[1:]
    place = next((n for n, word in enumerate(words) if word in commands), None)
    if place is None or option not in words[:place]:
        return ""
    from spreadkit.cli.invocation import command

    rewritten = command(words[place], *words[place + 1 :], *words[:place])
    return f"{option} goes after the command's name; type: {rewritten}"


class Run:
    """What the top-level options asked for, set afresh by the callback on every run."""

    debug = False
    # Whether a command has said why it stopped with exit code 130 (Ctrl+C); Typer stops
    # silently on a Ctrl+C while it reads the options.
    stop_told = False


def debugging() -> bool:
    return Run.debug or os.environ.get("SPREADKIT_DEBUG", "") not in ("", "0")


def report_fault(exc: BaseException) -> None:
    typer.echo(
        f"Error: spreadkit went wrong inside ({type(exc).__name__}). This is a fault in "
        "spreadkit, not in what you did. Please report it, with the command you ran and "
        "what it prints when run again as spreadkit --debug ...",
        err=True,
    )


def friendly_errors(func: F) -> F:
    """Turn a foreseen failure into one line per problem on stderr and its exit code; an
    unforeseen one into a short apology and a way to report it (the traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                if not debugging():
                    warnings.simplefilter("ignore")  # see run()
                return func(*args, **kwargs)
        except SpreadkitError as exc:
            for line in exc.message.splitlines():
                typer.echo(f"Error: {visible(line)}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except typer.Exit as exc:
            if exc.exit_code == ExitCode.INTERRUPTED:
                Run.stop_told = True  # the command said how it stopped
            raise
        except (typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            typer.echo("Stopped.", err=True)
            Run.stop_told = True
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except OSError as exc:
            # The machine said no (a full disk, a name too long, output closed early): not a fault.
            typer.echo(f"Error: {visible(system_problem(exc))}", err=True)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None
        except Exception as exc:
            if debugging():
                raise
            report_fault(exc)
            raise typer.Exit(ExitCode.INVALID_INPUT) from None

    return wrapper  # type: ignore[return-value]


def print_version() -> None:
    from spreadkit import __version__

    typer.echo(f"spreadkit {__version__}")


def run(app: typer.Typer) -> int:
    """Run the command line and give its exit code, with nothing unforeseen reaching the person
    as a traceback, also while the options are read (outside any command)."""
    # A console that is not UTF-8 (a Windows pipe, PYTHONIOENCODING=cp1252) shows what it cannot
    # encode as "?" rather than stopping the command; data written as bytes stays UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    # Start-up makes tens of thousands of long-lived objects (pydantic's schemas, Typer's
    # commands) and no garbage cycles, so collecting while it runs is pure cost: about 5% of a
    # command's start-up (benchmarks/startup.py). `assess` turns it back on for its session.
    gc.disable()
    Run.stop_told = False
    try:
        with warnings.catch_warnings():
            # A library's warning (about a workbook's parts, a style, a deprecation) says nothing
            # a person can act on, and can quote a file's control characters or this computer's
            # paths: none is printed, unless debugging.
            if os.environ.get("SPREADKIT_DEBUG", "") in ("", "0"):
                warnings.simplefilter("ignore")
            code = app(standalone_mode=False)
        if code == ExitCode.INTERRUPTED and not Run.stop_told:
            typer.echo("Stopped.", err=True)
    except typer.TyperException as exc:
        # A usage error quotes what was typed: shown with its control characters made visible.
        show_error(exc)
        code = exc.exit_code
    except typer.Abort:
        typer.echo("Stopped.", err=True)
        code = ExitCode.INTERRUPTED
    except Exception as exc:
        if debugging():
            raise
        report_fault(exc)
        code = ExitCode.INVALID_INPUT
    finally:
        gc.enable()
    return code if isinstance(code, int) else 0
