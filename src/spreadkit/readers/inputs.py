"""Whatever a person points a command at: an answers file, a sheet (CSV or a workbook), survey
responses, or a folder of them."""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from spreadkit.model.answers import AnswersFile, as_data
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError, NotAnswers
from spreadkit.model.safe import unbroken
from spreadkit.readers.answers import Person, answers_from, load_answers, plain_answers
from spreadkit.readers.common import name_from_file, read_bytes

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
    ".xls": "an Excel 97-2003 workbook",
    ".xlsm": "an Excel workbook with macros, which spreadkit does not open",
    ".ods": "an OpenDocument spreadsheet",
}
# For a spreadsheet in another format the answers are there, only saved the wrong way.
_SAVE_AGAIN = {".xls", ".xlsm", ".ods"}


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
    if is_sheet(path):
        from spreadkit.readers.sheets import read_sheet

        return read_sheet(path, bank, respondent)
    _refuse_other_kinds(path)
    answers = load_answers(path, bank, compatible=compatible, notices=notices)
    if respondent is not None:
        answers = answers.with_meta(respondent=respondent)
    return answers


def _refuse_other_kinds(path: Path) -> None:
    suffix = path.suffix.lower()
    other = _NOT_ANSWERS.get(suffix)
    if other is not None and suffix in _SAVE_AGAIN:
        raise InputFileError(
            f"{path}: is {other}; save it again as an Excel workbook (.xlsx) or as CSV UTF-8"
        )
    if other is not None:
        raise InputFileError(
            f"{path}: is {other}, not answers; give an answers file (.json) or a sheet (.csv "
            "or .xlsx)"
        )


def load_people(path: Path, bank: Bank, notices: list[str]) -> list[Person]:
    """Everyone in a file, with their answers as plain data: one person in an answers file or a
    sheet, each row of survey responses (Microsoft Forms, Google Forms) a person of its own."""
    if is_sheet(path):
        from spreadkit.readers.responses import looks_like_responses, read_responses
        from spreadkit.readers.sheets import answers_from_rows, is_answer_sheet, sheet_rows

        # Read once: a workbook takes longer to open than all the rest of its reading.
        source, rows, marked = sheet_rows(path)
        if not is_answer_sheet(rows) and looks_like_responses(rows, bank):
            responses = read_responses(source, rows, bank)
            notices.extend(responses.notices(source))
            return [
                Person(
                    name, as_data(answers.answers), answers.comments, responses.answered.get(name)
                )
                for name, answers in responses.people
            ]
        answers = answers_from_rows(source, rows, bank, name_from_file(path), marked=marked)
        # A sheet does not say when it was filled in.
        return [
            Person(respondent_name(path, answers), as_data(answers.answers), answers.comments, None)
        ]
    else:
        _refuse_other_kinds(path)
        content = read_bytes(path, "an answers file")
        quick = plain_answers(content, bank)
        if quick is not None:
            return [quick._replace(name=quick.name.strip() or name_from_file(path))]
        answers = answers_from(path, content, bank, True, notices)
    named = respondent_name(path, answers)
    return [Person(named, as_data(answers.answers), answers.comments, answers.answered())]


@dataclass
class Gathered:
    """The files to read, and what the person should hear about the rest.

    A folder is kept as the names read in it, not as a path per file: a national programme's
    folder of 100,000 files then costs a short string each.
    """

    sources: list[Path | tuple[Path, list[str]]] = field(default_factory=list)
    # Folder and name without its ending (casefolded) of files that share them, as ana.csv and
    # ana.json do: the only files whose names can make the same person twice.
    shared_stems: set[str] = field(default_factory=set)
    repeated: list[Path] = field(default_factory=list)
    passed_over: dict[Path, list[str]] = field(default_factory=dict)
    # Where each source's files start in the reading, made when first needed (`path_at`).
    _starts: list[int] = field(default_factory=list, init=False, repr=False)

    def files(self) -> Iterator[Path]:
        """Every file to read, in order: as given, and each folder's by name."""
        for source in self.sources:
            if isinstance(source, Path):
                yield source
            else:
                folder, names = source
                for name in names:
                    yield folder / name

    def count(self) -> int:
        return sum(1 if isinstance(source, Path) else len(source[1]) for source in self.sources)

    def path_at(self, place: int) -> Path:
        """The file at this place in the reading, found without walking the files before it:
        forty thousand files given one by one, all the same person, are told of at once."""
        if len(self._starts) != len(self.sources):
            sizes = (1 if isinstance(source, Path) else len(source[1]) for source in self.sources)
            self._starts = [0, *accumulate(sizes)][:-1]
        index = bisect_right(self._starts, place) - 1
        source = self.sources[index]
        if isinstance(source, Path):
            return source
        folder, names = source
        return folder / names[place - self._starts[index]]

    def notices(self) -> list[str]:
        lines = [f"{path} was given more than once; it is counted once." for path in self.repeated]
        for folder, names in self.passed_over.items():
            shown = ", ".join(names[:SHOW_NAMES])
            more = f" and {len(names) - SHOW_NAMES:,} more" if len(names) > SHOW_NAMES else ""
            lines.append(
                f"not read in {folder}: {shown}{more} (only {_READ} files are read; hidden "
                "files and the lock files a spreadsheet leaves are passed over)"
            )
        return lines


SHOW_NAMES = 5
_READ = ", ".join(ANSWER_SUFFIXES[:-1]) + " and " + ANSWER_SUFFIXES[-1]
_EITHER = ", ".join(ANSWER_SUFFIXES[:-1]) + " or " + ANSWER_SUFFIXES[-1]


def read_as_answers(name: str) -> bool:
    """Whether a file of this name in a folder is read as someone's answers."""
    return not name.startswith((".", "~$")) and name.lower().endswith(ANSWER_SUFFIXES)


def made_by_spreadkit(path: Path) -> bool:
    """Whether a file is one spreadkit made that holds nobody's answers (a report, a plan, a
    card): a folder's reading passes it over, so a newer one may take its place."""
    import json  # only when a file is about to be written over

    from spreadkit.readers.answers import made_kind
    from spreadkit.readers.sheets import made_here, sheet_rows

    try:
        if is_sheet(path):
            _, rows, _ = sheet_rows(path)
            return bool(rows) and bool(made_here([cell.strip().lower() for cell in rows[0]]))
        return bool(made_kind(json.loads(read_bytes(path, "a file").decode("utf-8-sig"))))
    except NotAnswers:
        return True
    except (InputFileError, ValueError):
        return False


def answers_inside(folder: Path) -> set[tuple[int, int]]:
    """Every file under the folder, at any depth, that could be read as someone's answers,
    known by the file itself (device and number) so that no link, second name or change of
    letter case can pass for another file."""
    found: set[tuple[int, int]] = set()
    walked: set[tuple[int, int]] = set()
    for root, folders, names in os.walk(folder, followlinks=True):
        here = Path(root).stat()
        if (here.st_dev, here.st_ino) in walked:
            folders.clear()  # a link back to a folder already walked
            continue
        walked.add((here.st_dev, here.st_ino))
        for name in names:
            if read_as_answers(name):
                try:
                    seen = (Path(root) / name).stat()
                except OSError:
                    continue  # a link to nothing: it points at no one's answers
                found.add((seen.st_dev, seen.st_ino))
    return found


def gather(paths: Iterable[Path]) -> Gathered:
    """Files as given, and for a folder every answers file or sheet directly in it, by name; a
    file reached twice (by name and through its folder, or by a link) is read once. Where a file
    can be reached only once (one folder, no links in it) nothing is kept to tell."""
    found = Gathered()
    given = list(paths)
    seen: set[str] = set()

    def first_time(path: Path, key: str) -> bool:
        key = os.path.normcase(key)
        if key in seen:
            found.repeated.append(path)
            return False
        seen.add(key)
        return True

    for path in given:
        if not path.is_dir():
            if first_time(path, os.path.realpath(path)):
                found.sources.append(path)
            continue
        names, links = _folder(path)
        chosen = [name for name in names if read_as_answers(name)]
        if not chosen:
            raise InputFileError(f"{path}: the folder holds no answers files ({_EITHER})")
        others = [unbroken(name) for name in names if not read_as_answers(name)]
        if others:
            found.passed_over[path] = others
        if len(given) > 1 or links:
            folder = os.path.abspath(path)  # noqa: PTH100
            chosen = [
                name
                for name in chosen
                if first_time(path / name, _key(folder, name, linked=name in links))
            ]
        found.sources.append((path, chosen))
    counts: dict[str, int] = {}
    for path in found.files():
        stem = stem_key(path)
        counts[stem] = counts.get(stem, 0) + 1
    found.shared_stems = {stem for stem, count in counts.items() if count > 1}
    return found


def stem_key(path: Path) -> str:
    return os.path.splitext(path)[0].casefold()  # noqa: PTH122


def _folder(path: Path) -> tuple[list[str], set[str]]:
    """The names of the files directly in a folder, sorted, and which of them are links. scandir
    knows each entry's type without another look at the disk."""
    names: list[str] = []
    links: set[str] = set()
    with os.scandir(path) as scan:
        for entry in scan:
            if entry.is_file():
                names.append(entry.name)
                if entry.is_symlink():
                    links.add(entry.name)
    names.sort()
    return names, links


def _key(folder: str, name: str, *, linked: bool) -> str:
    within = os.path.join(folder, name)  # noqa: PTH118
    return os.path.realpath(within) if linked else within


def respondent_name(path: Path, answers: AnswersFile) -> str:
    return answers.meta.respondent.strip() or name_from_file(path)
