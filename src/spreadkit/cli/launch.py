"""The `spreadkit` command's entry point. Scripts ask for the version often, so `--version` is
answered here, before Typer, pydantic or the question bank are loaded; everything else goes to
the command line in `cli`."""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from spreadkit import __version__

        sys.stdout.write(f"spreadkit {__version__}\n")
        sys.stdout.flush()
        return
    from spreadkit.cli.pydantic_plugins import without_pydantic_plugins

    without_pydantic_plugins()
    from spreadkit.cli.commands import main as command_line

    command_line()
