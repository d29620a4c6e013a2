"""The commands spreadkit prints for a person to type (to carry on, to make a report) in the form
that started this run, so they work when pasted into the same shell: `spreadkit` when that is on
the PATH, otherwise the path that was typed (`.venv/bin/spreadkit`) or `python -m spreadkit`."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

_PLAIN_WORD = re.compile(r"[\w\-./\\:=@,+]+")


class _Given:
    """A question bank named with --bank on this run: every printed command must name it too, or
    the answers it was used for would be read against the built-in bank and refused. A bank
    from SPREADKIT_BANK needs no word: the same shell still has it."""

    bank: Path | None = None


def given_bank(path: Path | None) -> Path | None:
    """Remember the --bank of this run (called as the option is read); the path is returned."""
    from_environment = os.environ.get("SPREADKIT_BANK")
    _Given.bank = path if path is not None and str(path) != from_environment else None
    return path


def program() -> list[str]:
    """The words that started spreadkit this time."""
    original = list(getattr(sys, "orig_argv", []))
    if "-m" in original[1:3] and original[original.index("-m") + 1 : original.index("-m") + 2] == [
        "spreadkit"
    ]:
        return [original[0], "-m", "spreadkit"]
    script = sys.argv[0] if sys.argv else ""
    if Path(script).stem.lower() != "spreadkit":
        return ["spreadkit"]  # run from elsewhere (a test, another program): the usual name
    found = shutil.which("spreadkit")
    if found and _same_file(found, script):
        return ["spreadkit"]
    return [script]


def _same_file(one: str, other: str) -> bool:
    try:
        return Path(one).samefile(other)
    except OSError:
        return False


def command(*words: str, shared: bool = False) -> str:
    """A whole command line, quoted for the shell people use here, naming this run's --bank. In a
    report that is `shared` it starts with plain `spreadkit`: the path to this computer's copy
    means nothing to whoever reads it, and says more about this computer than it should."""
    bank = ["--bank", str(_Given.bank)] if _Given.bank is not None else []
    return join([*(["spreadkit"] if shared else program()), *words, *bank])


def join(words: list[str]) -> str:
    """Quoted for a POSIX shell, or on Windows for PowerShell (single quotes, and the call
    operator `&` in front of a quoted program)."""
    if os.name != "nt":
        return shlex.join(words)
    quoted = [w if _PLAIN_WORD.fullmatch(w) else "'" + w.replace("'", "''") + "'" for w in words]
    line = " ".join(quoted)
    return f"& {line}" if quoted and quoted[0] != words[0] else line
