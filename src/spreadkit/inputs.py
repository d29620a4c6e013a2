"""Whatever a person points a command at: a JSON answers file, a CSV sheet, or a folder of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spreadkit.answers import AnswersFile
from spreadkit.bank import Bank
from spreadkit.errors import InputFileError

ANSWER_SUFFIXES = (".json", ".csv")


def is_sheet(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def load(
    path: Path, bank: Bank, respondent: str | None = None, *, compatible: bool = False
) -> AnswersFile:
    """One person's answers from a file of either kind."""
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder; give one answers file or sheet")
    if is_sheet(path):
        from spreadkit.sheets import read_sheet

        if not path.exists():
            raise InputFileError(f"{path}: no such file")
        return read_sheet(path, bank, respondent)
    from spreadkit.files import load_answers

    answers = load_answers(path, bank, compatible=compatible)
    if respondent is not None:
        answers = answers.model_copy(
            update={"meta": answers.meta.model_copy(update={"respondent": respondent})}
        )
    return answers


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and for a folder every .json and .csv file directly in it, by name."""
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in ANSWER_SUFFIXES
                and not p.name.startswith(".")
            )
            if not found:
                raise InputFileError(f"{path}: the folder holds no answers files (.json or .csv)")
            yield from found
        else:
            yield path


def respondent_name(path: Path, answers: AnswersFile) -> str:
    return answers.meta.respondent.strip() or path.stem
