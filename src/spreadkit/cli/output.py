"""Where results go: data to standard output or to a new file, messages to standard error."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from spreadkit.model.safe import visible

if TYPE_CHECKING:
    from spreadkit.cli.formats import Format


def say(message: str) -> None:
    """A message for the person (a notice, what was written), on standard error; whatever it
    quotes from a file or an argument cannot send the terminal a control character."""
    typer.echo(visible(message), err=True)


def tell(line: str) -> None:
    """A line of a result for the person (what `bank validate` found), on standard output, in
    the console's own encoding: what it cannot show becomes "?", never bytes it cannot read."""
    sys.stdout.write(visible(line) + "\n")
    sys.stdout.flush()


def emit(
    fmt: Format,
    rendered: Any,
    output: str,
    *,
    force: bool,
    no_color: bool = False,
    reads: Sequence[Path] = (),
) -> None:
    """A rendered result to the screen or to a new file, as its format needs; a picture's text
    alternative is told after it, to paste as its alt text where it is used. `reads` are the
    answers files and folders the result was made from, which it may never replace."""
    if fmt.described:
        rendered, alt = rendered
        write(rendered, output, force=force, reads=reads)
        say(f"Alt text for the picture: {alt}")
        return
    if fmt.drawn:
        if output == "-":
            show(rendered, no_color=no_color)
            return
        from spreadkit.writers.drawing import render_text

        rendered = render_text(rendered)
    write(rendered, output, force=force, reads=reads)


def show(drawing: Any, *, no_color: bool = False) -> None:
    """A drawing on the screen: in colour in a terminal; into a pipe or a file as plain text at
    the terminal's width (COLUMNS), with no spaces left at the ends of lines."""
    from spreadkit.writers.drawing import make_console, render_text

    console = make_console(no_color=no_color)
    if console.is_terminal:
        console.print(drawing, crop=False)
    else:
        # Straight to the text stream, in its own encoding (what it cannot show becomes "?").
        sys.stdout.write(render_text(drawing, console.width, console.encoding))
        sys.stdout.flush()


def write(data: str | bytes, output: str, *, force: bool, reads: Sequence[Path] = ()) -> None:
    """Data to stdout (as UTF-8 bytes, so no line ending is translated) or to a new file, never
    over the answers in `reads` (files, and the answers files in folders)."""
    if output == "-":
        if isinstance(data, str) and sys.stdout.isatty():
            # Read on a screen, not saved: nothing from a file may reach the terminal as a control.
            data = visible(data.replace("\r\n", "\n"))
        typer.echo(data.encode("utf-8") if isinstance(data, str) else data, nl=False)
        return
    from spreadkit.cli.writing import write_new_file

    _refuse_answers_read(Path(output), reads)
    write_new_file(Path(output), data, force=force)
    say(f"Written to {output}")


def _refuse_answers_read(target: Path, reads: Sequence[Path]) -> None:
    """--force replaces a report, never what it was made from: a plan written over the room's
    agreed answers, or a team's JSON over one person's, would lose them. Files are compared as
    the system knows them, so a link or another name for one is caught; in a folder, a report
    or plan spreadkit made there (which its reading passes over) may be made again."""
    if not target.is_file():
        return
    from spreadkit.model.errors import RefusedOverwrite
    from spreadkit.readers.inputs import answers_inside, made_by_spreadkit

    seen = target.stat()
    for source in reads:
        if source.is_dir():
            inside = (seen.st_dev, seen.st_ino) in answers_inside(source)
            hit = inside and not made_by_spreadkit(target)
        else:
            hit = source.is_file() and target.samefile(source)
        if hit:
            raise RefusedOverwrite(
                f"{target}: holds answers this command reads; it is never replaced by what is "
                "made from them, even with --force: write the result to another file"
            )
