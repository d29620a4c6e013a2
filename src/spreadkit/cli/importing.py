"""Turning survey responses (Microsoft Forms, Google Forms, any survey tool) into one answers file
per respondent, so each person can be summarised, exported or carried into `assess` like anyone
who answered in the terminal.

Every row is read and every file name chosen before anything is written: a problem in any row, or
a file that is already there (without --force), leaves the folder as it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from spreadkit.cli.writing import atomic_write
from spreadkit.model.answers import AnswersFile
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError, RefusedOverwrite

# Long enough for a full name or an email address, short enough for any file system.
NAME_LENGTH = 60
# Names Windows keeps for devices, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


@dataclass
class Imported:
    files: list[tuple[str, Path]] = field(default_factory=list)  # (respondent, file written)
    notices: list[str] = field(default_factory=list)


def file_stem(name: str) -> str:
    """A respondent's name made safe as a file name on any system: letters and digits kept (in any
    alphabet), everything else a single hyphen, no device names, never empty."""
    text = unicodedata.normalize("NFC", name).casefold()
    stem = re.sub(r"[^\w]+|_+", "-", text).strip("-")[:NAME_LENGTH].strip("-")
    if stem in _RESERVED:
        stem += "-answers"
    return stem or "respondent"


def _unique(stem: str, taken: set[str]) -> str:
    """Unique however the file system treats case (Windows and macOS ignore it)."""
    candidate, number = stem, 2
    while candidate.casefold() in taken:
        candidate, number = f"{stem}-{number}", number + 1
    taken.add(candidate.casefold())
    return candidate


def plan_files(people: list[tuple[str, AnswersFile]], folder: Path) -> list[tuple[str, Path]]:
    taken: set[str] = set()
    return [(name, folder / f"{_unique(file_stem(name), taken)}.json") for name, _ in people]


def import_responses(path: Path, bank: Bank, folder: Path, *, force: bool) -> Imported:
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
    responses = read_responses(source, rows, bank)
    if not responses.people:
        raise InputFileError(f"{source}: has a header row but no responses below it")
    files = plan_files(responses.people, folder)
    _check_folder(folder, [target for _, target in files], force=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for (_, answers), (_, target) in zip(responses.people, files, strict=True):
            atomic_write(target, answers.to_json())
    except OSError as exc:
        raise InputFileError(f"{folder}: cannot be written ({exc.strerror})") from None
    notice = responses.notice(source)
    return Imported(files=files, notices=[notice] if notice else [])


def _check_folder(folder: Path, targets: list[Path], *, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise InputFileError(f"{folder}: is a file; give the name of a folder to write into")
    present = [t for t in targets if t.exists() or t.is_symlink()]
    # The names come from the responses, so nobody's answers may be written through a link to
    # somewhere else: only a plain file already there is replaced (with --force).
    odd = [t for t in present if t.is_symlink() or not t.is_file()]
    if odd:
        raise InputFileError(
            f"{odd[0]}: is a link or not a regular file; nothing was imported. Move it aside and "
            "try again"
        )
    if present and not force:
        shown = ", ".join(t.name for t in present[:5])
        more = f" and {len(present) - 5} more" if len(present) > 5 else ""
        raise RefusedOverwrite(
            f"{folder}: already holds {shown}{more}; nothing was imported. Use --force to "
            "replace them, or give another folder"
        )
