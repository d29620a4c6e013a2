"""Whatever a person points a command at: a JSON answers file, a CSV sheet, or a folder of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.answers import AnswersFile
from spreadkit.bank import Bank
from spreadkit.errors import InputFileError
from spreadkit.limits import MAX_DETAIL
from spreadkit.readers.answers import load_answers
from spreadkit.safe import unbroken

if TYPE_CHECKING:
    from spreadkit.team import TeamResult

Notify = Callable[[str], None]

ANSWER_SUFFIXES = (".json", ".csv", ".xlsx")
# Files people give by mistake, and what they are: a report made from answers is not the answers.
_NOT_ANSWERS = {
    ".md": "a markdown report",
    ".markdown": "a markdown report",
    ".html": "a web page (an HTML report)",
    ".htm": "a web page (an HTML report)",
    ".svg": "a picture",
    ".png": "a picture",
    ".pdf": "a PDF document",
    ".docx": "a Word document",
    ".doc": "a Word document",
    ".txt": "a text file",
    ".xls": "an Excel 97-2003 workbook; save it as an Excel workbook (.xlsx) or CSV UTF-8",
    ".xlsm": "a workbook with macros, which spreadkit does not open; save it as an Excel workbook (.xlsx)",
    ".ods": "an OpenDocument spreadsheet; save it as an Excel workbook (.xlsx) or CSV UTF-8",
}


def is_sheet(path: Path) -> bool:
    return path.name.lower().endswith((".csv", ".xlsx"))


def load(
    path: Path,
    bank: Bank,
    respondent: str | None = None,
    *,
    compatible: bool = False,
    notices: list[str] | None = None,
) -> AnswersFile:
    """One person's answers from a file of either kind; notes on a bank change go to `notices`."""
    other = _NOT_ANSWERS.get(path.suffix.lower())
    if other is not None:
        raise InputFileError(
            f"{path}: is {other}, not answers; give an answers file (.json) or a sheet (.csv "
            "or .xlsx)"
        )
    if is_sheet(path):
        from spreadkit.readers.sheets import read_sheet

        return read_sheet(path, bank, respondent)
    answers = load_answers(path, bank, compatible=compatible, notices=notices)
    if respondent is not None:
        answers = answers.with_meta(respondent=respondent)
    return answers


def load_people(path: Path, bank: Bank, notices: list[str]) -> list[tuple[str, AnswersFile]]:
    """Everyone in a file: one person in an answers file or a sheet, each row of survey
    responses (Microsoft Forms, Google Forms) a person of its own."""
    if is_sheet(path):
        from spreadkit.readers.responses import looks_like_responses, read_responses
        from spreadkit.readers.sheets import is_answer_sheet, sheet_rows

        source, rows, _ = sheet_rows(path)
        if not is_answer_sheet(rows) and looks_like_responses(rows, bank):
            responses = read_responses(source, rows, bank)
            notice = responses.notice(source)
            if notice:
                notices.append(notice)
            return responses.people
    answers = load(path, bank, compatible=True, notices=notices)
    return [(respondent_name(path, answers), answers)]


@dataclass
class Gathered:
    """The files to read, and what the person should hear about the rest."""

    files: list[Path] = field(default_factory=list)
    repeated: list[Path] = field(default_factory=list)
    passed_over: dict[Path, list[str]] = field(default_factory=dict)

    def notices(self) -> list[str]:
        lines = [f"{path} was given more than once; it is counted once." for path in self.repeated]
        for folder, names in self.passed_over.items():
            shown = ", ".join(names[:SHOW_NAMES])
            more = f" and {len(names) - SHOW_NAMES} more" if len(names) > SHOW_NAMES else ""
            lines.append(
                f"not read in {folder}: {shown}{more} (only {_READ} files are read; hidden "
                "files and the lock files a spreadsheet leaves are passed over)"
            )
        return lines


SHOW_NAMES = 5
_READ = ", ".join(ANSWER_SUFFIXES[:-1]) + " and " + ANSWER_SUFFIXES[-1]
_EITHER = ", ".join(ANSWER_SUFFIXES[:-1]) + " or " + ANSWER_SUFFIXES[-1]


def _is_answers(name: str) -> bool:
    return not name.startswith((".", "~$")) and name.lower().endswith(ANSWER_SUFFIXES)


def gather(paths: Iterable[Path]) -> Gathered:
    """Files as given, and for a folder every answers file or sheet directly in it, by name; a
    file reached twice (by name and through its folder, or by a link) is read once."""
    found = Gathered()
    seen: set[str] = set()

    def add(path: Path, linked: bool) -> None:
        key = os.path.realpath(path) if linked else os.path.abspath(path)  # noqa: PTH100
        key = os.path.normcase(key)
        if key in seen:
            found.repeated.append(path)
        else:
            seen.add(key)
            found.files.append(path)

    for path in paths:
        if not path.is_dir():
            add(path, linked=True)
            continue
        # scandir knows each entry's type without another look at the disk.
        with os.scandir(path) as scan:
            entries = sorted((e for e in scan if e.is_file()), key=lambda e: e.name)
        chosen = [e for e in entries if _is_answers(e.name)]
        if not chosen:
            raise InputFileError(f"{path}: the folder holds no answers files ({_EITHER})")
        others = [unbroken(e.name) for e in entries if not _is_answers(e.name)]
        if others:
            found.passed_over[path] = others
        for entry in chosen:
            add(path / entry.name, linked=entry.is_symlink())
    return found


def name_from_file(path: Path) -> str:
    """Who answered, when only the file name says: printable, and no longer than a name may be."""
    return unbroken(path.stem)[:MAX_DETAIL]


def respondent_name(path: Path, answers: AnswersFile) -> str:
    return answers.meta.respondent.strip() or name_from_file(path)


@dataclass
class TeamReading:
    """What reading a team's files found besides the answers, for the person to be told."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def bank_changes(self) -> list[str]:
        """One line per file fitted to another bank version; one line in all when there are many."""
        if len(self.notices) > 3:
            return [
                f"{len(self.notices)} files were answered with another version of the bank; "
                "answers were carried over where the bank says so, and the rest kept but not scored."
            ]
        return self.notices


class _People:
    """Who has been counted: the same name, or the same file name in one folder (ana.csv and
    ana.json), is taken to be the same person twice."""

    def __init__(self, allow: bool) -> None:
        self.allow = allow
        self.names: dict[str, Path] = {}
        self.files: dict[tuple[Path, str], Path] = {}

    def seen(self, path: Path, name: str, *, several: bool = False) -> str | None:
        """A problem to report when this person was counted already, else None. In a file of
        survey responses (`several`) each row is a person, so its file name says nothing."""
        if self.allow:
            return None
        stem = (path.parent, path.stem.casefold())
        first = self.names.get(name.casefold()) or (None if several else self.files.get(stem))
        if first is not None:
            return (
                f"{first} and {path}: the same person twice ('{name}'); remove one of the two, "
                "give each its own name, or use --allow-duplicates to count both"
            )
        self.names[name.casefold()] = path
        if not several:
            self.files[stem] = path
        return None


def read_team(
    bank: Bank,
    paths: Iterable[Path],
    notify: Notify,
    *,
    principle_ids: list[str] | None = None,
    keep_notes: bool = False,
    keep_names: bool = False,
    disagree: int | None = None,
    allow_duplicates: bool = False,
) -> TeamResult:
    """Read each file once into the tally, carrying on past bad files so that every problem is
    reported together; files with no answers at all (unused sheets) are skipped with a word, and
    the same person twice is refused unless `allow_duplicates`."""
    from spreadkit.team import DEFAULT_DISAGREE, TeamTally

    tally = TeamTally(bank, principle_ids, keep_notes=keep_notes, keep_names=keep_names)
    reading = TeamReading()
    people = _People(allow_duplicates)
    gathered = gather(paths)
    for notice in gathered.notices():
        notify(f"Note: {notice}")
    for path in gathered.files:
        try:
            everyone = load_people(path, bank, reading.notices)
        except InputFileError as exc:
            reading.problems.append(exc.message)
            continue
        for name, answers in everyone:
            if answers.is_blank:
                if len(everyone) == 1:
                    reading.skipped.append(path)
                continue
            twice = people.seen(path, name, several=len(everyone) > 1)
            if twice:
                reading.problems.append(twice)
                continue
            tally.add(answers, name)
    for path in reading.skipped:
        notify(f"Skipped {path}: it holds no answers.")
    if reading.problems:
        raise InputFileError("\n".join(reading.problems))
    for notice in reading.bank_changes():
        notify(f"Note: {notice}")
    return tally.result(DEFAULT_DISAGREE if disagree is None else disagree)
