"""Turning survey responses (Microsoft Forms, Google Forms, any survey tool) into one answers file
per respondent, so each person can be summarised, exported or carried into `assess` like anyone
who answered in the terminal.

An import lands whole or not at all:

- every row is read and every file name chosen before anything is written: a problem in any row,
  or a file that is already there (without --force), leaves the folder as it was;
- the files are written into a hidden folder beside the one asked for, then put in place: a new
  folder by one rename; in a folder that already holds files, one by one with Ctrl+C held back
  until they are all in place, each file it replaces set aside first, and all put back if the
  system refuses one;
- a run killed while putting files in place (the power cut, the process ended) leaves its hidden
  folder with what it set aside: the next import into that folder puts the old files back first.

The work grows with the number of people, not its square: nothing looks at the folder again for
each file written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spreadkit.cli.locks import STALE_AFTER_SECONDS, process_alive
from spreadkit.model.answers import AnswersFile
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError, RefusedOverwrite
from spreadkit.model.words import plural
from spreadkit.readers.common import ctrl_c_held_back
from spreadkit.readers.inputs import read_as_answers

# Long enough for a full name or an email address, short enough for any file system.
NAME_LENGTH = 60
# Names Windows keeps for devices, whatever the extension or case; it reads the superscript
# digits ¹ ² ³ as 1 2 3 in COM and LPT names, which NFKC does too.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
# The hidden folder an import is written into, beside the folder asked for.
_STAGING = ".spreadkit-import-"
_NEW = "new"
_SET_ASIDE = "replaced"
_PLAN = "plan.json"


@dataclass
class Imported:
    files: list[tuple[str, Path]] = field(default_factory=list)  # (respondent, file written)
    notices: list[str] = field(default_factory=list)


def is_reserved(stem: str) -> bool:
    """Whether Windows keeps the name for a device (CON, COM¹, lpt2, …)."""
    folded = unicodedata.normalize("NFKC", stem).casefold().rstrip(" .")
    return folded.split(".", 1)[0] in _RESERVED


def file_stem(name: str) -> str:
    """A respondent's name made safe as a file name on any system: letters and digits kept (in any
    alphabet), everything else a single hyphen, no device names, never empty."""
    text = unicodedata.normalize("NFC", name).casefold()
    stem = re.sub(r"[^\w]+|_+", "-", text).strip("-")[:NAME_LENGTH].strip("-")
    if is_reserved(stem):
        stem += "-answers"
    return stem or "respondent"


class _Names:
    """File names unique however the file system treats case (Windows and macOS ignore it), each
    found in one step however many people share a name."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def unique(self, stem: str) -> str:
        candidate, number = stem, self.next.get(stem, 1)
        if number > 1:
            candidate = f"{stem}-{number}"
        while candidate.casefold() in self.taken:
            number += 1
            candidate = f"{stem}-{number}"
        self.next[stem] = number
        self.taken.add(candidate.casefold())
        return candidate


def plan_files(people: list[tuple[str, AnswersFile]], folder: Path) -> list[tuple[str, Path]]:
    names = _Names()
    return [(name, folder / f"{names.unique(file_stem(name))}.json") for name, _ in people]


def import_responses(
    path: Path, bank: Bank, folder: Path, *, force: bool, allow_duplicates: bool = False
) -> Imported:
    from spreadkit.readers.responses import read_responses
    from spreadkit.readers.sheets import is_answer_sheet, sheet_rows

    if not path.name.lower().endswith((".csv", ".xlsx")):
        raise InputFileError(
            f"{path}: survey responses are read from .xlsx or .csv (export them from the form)"
        )
    source, rows, _ = sheet_rows(path)
    if is_answer_sheet(rows):
        raise InputFileError(
            f"{path}: is one person's answer sheet, not survey responses; use it as it is, "
            "for example with spreadkit summary or spreadkit team"
        )
    try:
        responses = read_responses(source, rows, bank, allow_duplicates=allow_duplicates)
    except InputFileError as exc:
        raise InputFileError(
            f"{exc.message}\n{path}: nothing was imported; put these right and import it again"
        ) from None
    if not responses.people:
        raise InputFileError(f"{source}: has a header row but no responses below it")
    try:
        recover(folder)
        files = plan_files(responses.people, folder)
        others = _check_folder(folder, [target for _, target in files], force=force)
        _land(
            folder,
            [(target.name, a.to_json()) for (_, a), (_, target) in _pairs(responses.people, files)],
        )
    except OSError as exc:
        where = exc.filename or folder
        raise InputFileError(f"{where}: cannot be written ({exc.strerror or exc})") from None
    notices = responses.notices(source)
    if others:
        notices.append(
            f"{folder} already held {plural(others, 'other answers file')}, kept as they were: "
            "the team read from the folder counts them too"
        )
    return Imported(files=files, notices=notices)


def _pairs(
    people: list[tuple[str, AnswersFile]], files: list[tuple[str, Path]]
) -> Iterator[tuple[tuple[str, AnswersFile], tuple[str, Path]]]:
    return zip(people, files, strict=True)


def _check_folder(folder: Path, targets: list[Path], *, force: bool) -> int:
    """Whether the files may be written into the folder; how many other answers it holds."""
    if folder.exists() and not folder.is_dir():
        raise InputFileError(f"{folder}: is a file; give the name of a folder to write into")
    # One look at the folder, whatever the number of people.
    present: dict[str, os.DirEntry[str]] = {}
    if folder.is_dir():
        with os.scandir(folder) as scan:
            present = {entry.name: entry for entry in scan}
    there = [t for t in targets if t.name in present]
    # The names come from the responses, so nobody's answers may be written through a link to
    # somewhere else: only a plain file already there is replaced (with --force).
    odd = [t for t in there if present[t.name].is_symlink() or not present[t.name].is_file()]
    if odd:
        raise InputFileError(
            f"{odd[0]}: is a link or not a regular file; nothing was imported. Move it aside and "
            "try again"
        )
    if there and not force:
        shown = ", ".join(t.name for t in there[:5])
        more = f" and {len(there) - 5:,} more" if len(there) > 5 else ""
        raise RefusedOverwrite(
            f"{folder}: already holds {shown}{more}; nothing was imported. Use --force to "
            "replace them, or give another folder"
        )
    names = {t.name for t in targets}
    return sum(1 for name in present if read_as_answers(name) and name not in names)


def _land(folder: Path, files: list[tuple[str, str]]) -> None:
    """Write the files beside the folder, then put them in place: whole or not at all."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f"{_STAGING}{os.getpid()}-"))
    try:
        new = staging / _NEW
        new.mkdir()
        for name, text in files:
            with (new / name).open("x", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            try:
                new.replace(folder)  # a new folder: one rename puts every file in place
                return
            except OSError:
                pass  # made meanwhile: put the files in one by one
        with ctrl_c_held_back():
            _move_in(staging, folder, [name for name, _ in files])
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_in(staging: Path, folder: Path, names: list[str]) -> None:
    """Into a folder that already holds files: each file it replaces is set aside first, and if
    the system refuses one, all is put back as it was."""
    aside = staging / _SET_ASIDE
    aside.mkdir()
    plan = {"folder": os.path.abspath(folder), "names": names}  # noqa: PTH100
    (staging / _PLAN).write_text(json.dumps(plan), encoding="utf-8")
    try:
        for name in names:
            target = folder / name
            with contextlib.suppress(FileNotFoundError):
                target.replace(aside / name)
            (staging / _NEW / name).replace(target)
    except BaseException:
        _undo(folder, staging, names)
        raise
    # Done: without its plan, what is left to clear away is never taken for a run to undo, even
    # if clearing it is cut short.
    (staging / _PLAN).unlink()


def _undo(folder: Path, staging: Path, names: list[str]) -> None:
    """Put the folder back as it was, from what each file's state in `staging` says was done: a
    file set aside goes back; a new person's file that was put in place goes; a file not yet
    reached is left alone."""
    for name in names:
        aside, new, target = staging / _SET_ASIDE / name, staging / _NEW / name, folder / name
        with contextlib.suppress(OSError):
            if aside.exists():
                aside.replace(target)
            elif not new.exists():
                target.unlink()


def recover(folder: Path) -> None:
    """Put back what an import into `folder` that was killed while putting its files in place had
    set aside, and remove what it left behind."""
    parent = folder.parent
    if not parent.is_dir():
        return
    wanted = os.path.abspath(folder)  # noqa: PTH100
    with os.scandir(parent) as scan:
        left = [Path(e.path) for e in scan if e.name.startswith(_STAGING) and e.is_dir()]
    for staging in left:
        pid = staging.name.removeprefix(_STAGING).split("-", 1)[0]
        alive = process_alive(int(pid)) if pid.isdigit() else False
        with contextlib.suppress(OSError):
            stale = time.time() - staging.stat().st_mtime > STALE_AFTER_SECONDS
            if alive is True or (alive is None and not stale):
                continue  # another import, still running
        try:
            plan = json.loads((staging / _PLAN).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = None
        if isinstance(plan, dict) and plan.get("folder") == wanted:
            names = [str(name) for name in plan.get("names", [])]
            _undo(folder, staging, [name for name in names if Path(name).name == name])
        elif isinstance(plan, dict):
            continue  # another folder's: its own next import puts it back
        shutil.rmtree(staging, ignore_errors=True)
