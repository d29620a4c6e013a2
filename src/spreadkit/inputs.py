"""Whatever a person points a command at: a JSON answers file, a CSV sheet, or a folder of them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.answers import AnswersFile
from spreadkit.bank import Bank
from spreadkit.errors import InputFileError
from spreadkit.files import load_answers

if TYPE_CHECKING:
    from spreadkit.team import Team

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
        from spreadkit.sheets import read_sheet

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
    """What reading a team's files found besides the answers, for the caller to report."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def read_team(team: Team, bank: Bank, paths: Iterable[Path]) -> TeamReading:
    """Read each file once into the tally, carrying on past bad files so that every problem can
    be reported together; files with no answers at all (unused sheets) are skipped."""
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
        team.add(answers, respondent_name(path, answers))
    return reading
