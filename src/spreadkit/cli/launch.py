"""The `spreadkit` command's entry point. Scripts ask for the version often, so `--version` is
answered here, before Typer, pydantic or the question bank are loaded; everything else goes to
the command line in `cli`.

Ctrl+C at any moment, also while the libraries are still loading, ends the command with one line
and exit code 130, never a traceback; once the command has finished, a late Ctrl+C no longer
changes how it ended.
"""

import os
import sys

INTERRUPTED = 130


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Answered before anything else loads: scripts ask for it often.
        from spreadkit import __version__

        sys.stdout.write(f"spreadkit {__version__}\n")
        sys.stdout.flush()
        return
    try:
        _listen_to_ctrl_c()
        code = _run()
    except KeyboardInterrupt:
        _ignore_ctrl_c()
        _say("Stopped.")
        code = INTERRUPTED
    finally:
        _ignore_ctrl_c()
    if code:
        sys.exit(code)


def _run() -> int:
    from spreadkit.cli.pydantic_plugins import without_pydantic_plugins

    without_pydantic_plugins()
    from spreadkit.cli.commands import main as command_line

    try:
        command_line()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    return 0


def _listen_to_ctrl_c() -> None:
    """A Ctrl+C held back by whatever started spreadkit (a blocked signal is inherited) is acted
    on from here, where it is caught."""
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _ignore_ctrl_c() -> None:
    import signal

    # try/except rather than contextlib.suppress: contextlib costs start-up 5 ms to load.
    try:  # noqa: SIM105
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        pass  # not possible outside the main thread (spreadkit run from another program's)


def _say(line: str) -> None:
    """One line on stderr, whatever state the streams are in."""
    try:  # noqa: SIM105
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:  # noqa: SIM105
        os.write(2, f"{line}\n".encode())
    except OSError:
        pass
