"""Where results go: data to standard output or to a new file, messages to standard error."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from spreadkit.formats import Format


def say(message: str) -> None:
    """A message for the person (a notice, what was written), on standard error."""
    typer.echo(message, err=True)


def emit(fmt: Format, rendered: Any, output: str, *, force: bool, no_color: bool = False) -> None:
    """A rendered result to the screen or to a new file, as its format needs."""
    if fmt.drawn:
        if output == "-":
            from spreadkit.exports.terminal import make_console

            make_console(no_color=no_color).print(rendered)
            return
        from spreadkit.exports.terminal import to_plain_text

        rendered = to_plain_text(rendered)
    write(rendered, output, force=force)


def write(data: str | bytes, output: str, *, force: bool) -> None:
    """Data to stdout (as UTF-8 bytes, so no line ending is translated) or to a new file."""
    if output == "-":
        typer.echo(data.encode("utf-8") if isinstance(data, str) else data, nl=False)
        return
    from spreadkit.writing import write_new_file

    write_new_file(Path(output), data, force=force)
    say(f"Written to {output}")
