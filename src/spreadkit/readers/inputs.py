"""Whatever a person points a command at: a JSON answers file, a CSV sheet, or a folder of them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.answers import AnswersFile
from spreadkit.bank import Bank
from spreadkit.errors import InputFileError
from spreadkit.readers.answers import load_answers

if TYPE_CHECKING:
    from spreadkit.team import TeamResult

Notify = Callable[[str], None]

ANSWER_SUFFIXES = (".json", ".csv")


def is_sheet(path: Path) -> bool:
    return path.name.lower().endswith(".csv")


def load(
    path: Path,
    bank: Bank,
    respondent: str | None = None,
    *,
    compatible: bool = False,
    notices: list[str] | None = None,
) -> AnswersFile:
    """One person's answers from a file of either kind; notes on a bank change go to `notices`."""
    if is_sheet(path):
        from spreadkit.readers.sheets import read_sheet

        return read_sheet(path, bank, respondent)
    answers = load_answers(path, bank, compatible=compatible, notices=notices)
    if respondent is not None:
        answers = answers.with_meta(respondent=respondent)
    return answers


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and for a folder every .json and .csv file directly in it, by name."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        # scandir knows each entry's type without another look at the disk.
        with os.scandir(path) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.is_file()
                and not entry.name.startswith(".")
                and entry.name.lower().endswith(ANSWER_SUFFIXES)
            )
        if not names:
            raise InputFileError(f"{path}: the folder holds no answers files (.json or .csv)")
        for name in names:
            yield path / name


def respondent_name(path: Path, answers: AnswersFile) -> str:
    return answers.meta.respondent.strip() or path.stem


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


def read_team(
    bank: Bank,
    paths: Iterable[Path],
    notify: Notify,
    *,
    principle_ids: list[str] | None = None,
    keep_notes: bool = False,
    keep_names: bool = False,
    disagree: int | None = None,
) -> TeamResult:
    """Read each file once into the tally, carrying on past bad files so that every problem is
    reported together; files with no answers at all (unused sheets) are skipped with a word."""
    from spreadkit.team import DEFAULT_DISAGREE, TeamTally

    tally = TeamTally(bank, principle_ids, keep_notes=keep_notes, keep_names=keep_names)
    reading = TeamReading()
    for path in expand(paths):
        try:
            answers = load(path, bank, compatible=True, notices=reading.notices)
        except InputFileError as exc:
            reading.problems.append(exc.message)
            continue
        if answers.is_blank:
            reading.skipped.append(path)
            continue
        tally.add(answers, respondent_name(path, answers))
    for path in reading.skipped:
        notify(f"Skipped {path}: it holds no answers.")
    if reading.problems:
        raise InputFileError("\n".join(reading.problems))
    for notice in reading.bank_changes():
        notify(f"Note: {notice}")
    return tally.result(DEFAULT_DISAGREE if disagree is None else disagree)
