"""A team's files, read into one tally.

The files are read in pieces of a few thousand, each into a tally of its own, and the pieces are
added up in order. On a large folder, helper processes read the pieces side by side (one per
processor, up to four): on a two-processor machine 60,000 files take 5 seconds rather than 8.5
(benchmarks/scale.py). However the pieces were read, people's scores are added one at a time in
the order of the files, so the result is that of reading the files one after another, to the
last digit.

Checks that need every file (the same person twice) are made as the pieces are added, in the
order of the files, so problems are reported as a reading one file at a time would find them.
"""

from __future__ import annotations

import gc
import heapq
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.model.answers import is_blank
from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError, NotAnswers
from spreadkit.model.words import plural
from spreadkit.readers.common import ctrl_c_held_back
from spreadkit.readers.inputs import Gathered, Notify, gather, load_people, stem_key

if TYPE_CHECKING:
    from concurrent.futures import Future

    from spreadkit.model.team import TeamResult, TeamTally

# Files read as one piece, and added to the team's tally as one.
PIECE = 2000
# Helpers start only for a folder this large: each costs a fraction of a second to start (more
# on Windows, where it loads Python afresh), which a few thousand files repay.
HELPERS_FROM = 4 * PIECE
MOST_HELPERS = 4


@dataclass(frozen=True)
class Reading:
    """How every piece is read."""

    principle_ids: list[str] | None
    keep_notes: bool
    keep_names: bool
    # The file names (without their ending) that more than one file shares: see `_People`.
    shared_stems: frozenset[str]


@dataclass
class Piece:
    """What reading a run of files found: their tally, who answered (for the checks across every
    file), and what the person should be told, each by the file's place in the reading."""

    tally: TeamTally
    people: list[tuple[int, str, str]] = field(default_factory=list)  # place, name, shared stem
    problems: list[tuple[int, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # each file passed over, and why


def read_piece(bank: Bank, how: Reading, start: int, files: list[Path]) -> Piece:
    """Read each file into the piece's tally, carrying on past bad files so that every problem is
    reported together; files with no answers at all (unused sheets), and the reports and plans
    spreadkit made, are skipped with a word."""
    from spreadkit.model.team import TeamTally

    tally = TeamTally(bank, how.principle_ids, keep_notes=how.keep_notes, keep_names=how.keep_names)
    piece = Piece(tally)
    for place, path in enumerate(files, start):
        try:
            everyone = load_people(path, bank, piece.notices)
        except NotAnswers as exc:
            piece.skipped.append(exc.message)
            continue
        except InputFileError as exc:
            piece.problems.append((place, exc.message))
            continue
        several = len(everyone) > 1
        for name, answers, comments, answered in everyone:
            if is_blank(answers):
                if not several:
                    piece.skipped.append(f"{path}: it holds no answers")
                continue
            # In a file of survey responses each row is a person, so its name says nothing.
            stem = "" if several or not how.shared_stems else stem_key(path)
            piece.people.append((place, name, stem if stem in how.shared_stems else ""))
            tally.add(answers, name, comments, answered)
    return piece


class _People:
    """Who has been counted: the same name, or the same file name in one folder (ana.csv and
    ana.json), is taken to be the same person twice. Each is remembered by the place of its file
    in the reading (not the file's path), so a team of thousands costs a little here."""

    def __init__(self, allow: bool) -> None:
        self.allow = allow
        self.names: dict[str, int] = {}
        self.files: dict[str, int] = {}

    def seen(self, place: int, name: str, stem: str) -> int | None:
        """The place of the file that counted this person already, else None. `stem` is the
        file's name without its ending when another file shares it, else empty."""
        if self.allow:
            return None
        key = name.casefold()
        first = self.names.get(key)
        if first is None and stem:
            first = self.files.get(stem)
        if first is not None:
            return first
        self.names[key] = place
        if stem:
            self.files[stem] = place
        return None


def _twice(first: Path, path: Path, name: str) -> str:
    return (
        f"{first} and {path}: the same person twice ('{name}'); remove one of the two, "
        "give each its own name, or use --allow-duplicates to count both"
    )


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
    named: tuple[str, list[Path]] | None = None,
    skip_invalid: bool = False,
    who: list[str] | None = None,
) -> TeamResult:
    """Everyone's answers in these files and folders, tallied; every problem is reported
    together, and the same person twice is refused unless `allow_duplicates`. `named` is a
    name and a list, to which the file of each person of that name is added. With
    `skip_invalid`, a file that cannot be read is left out, said with its first problem, and
    counted in the result. `who`, when given, gets every respondent's name, in file order."""
    from spreadkit.model.team import DEFAULT_DISAGREE

    paths = list(paths)
    gathered = gather(paths)
    for notice in gathered.notices():
        notify(f"Note: {notice}")
    how = Reading(principle_ids, keep_notes, keep_names, frozenset(gathered.shared_stems))
    tally: TeamTally | None = None  # the first piece's, to which the others are added
    people = _People(allow_duplicates)
    problems: list[str] = []
    notices: list[str] = []
    skipped: list[str] = []
    left_out = 0
    for piece in _pieces_read(bank, how, gathered):
        if tally is None:
            tally = piece.tally
        else:
            tally.merge(piece.tally)
        twice = [
            (place, _twice(gathered.path_at(first), gathered.path_at(place), name))
            for place, name, stem in piece.people
            if (first := people.seen(place, name, stem)) is not None
        ]
        if skip_invalid:
            left_out += _leave_out(piece, notify)
            piece.problems = []
        problems += [problem for _, problem in heapq.merge(piece.problems, twice)]
        _find_named(named, who, piece, gathered)
        notices += piece.notices
        skipped += piece.skipped
    for line in skipped:
        notify(f"Skipped {line}.")
    if problems:
        raise InputFileError("\n".join(problems))
    if tally is None or tally.respondents == 0:
        raise InputFileError(_nobody(paths))
    _tell(notices, left_out, notify)
    result = tally.result(DEFAULT_DISAGREE if disagree is None else disagree)
    return replace(result, left_out=left_out) if left_out else result


def _find_named(
    named: tuple[str, list[Path]] | None, who: list[str] | None, piece: Piece, gathered: Gathered
) -> None:
    """The file of each person of the name asked for, added to its list; and everyone's name to
    `who`, when it is given."""
    if who is not None:
        who.extend(name for _, name, _ in piece.people)
    if named is not None:
        named[1].extend(
            gathered.path_at(place) for place, name, _ in piece.people if name == named[0]
        )


def _tell(notices: list[str], left_out: int, notify: Notify) -> None:
    for notice in bank_changes(notices):
        notify(f"Note: {notice}")
    if left_out:
        notify(f"Left out {plural(left_out, 'file')} that could not be read; the rest are counted.")


def _nobody(paths: list[Path]) -> str:
    given = ", ".join(str(path) for path in paths[:3]) + (" and more" if len(paths) > 3 else "")
    return (
        f"{given}: nobody has answered yet (every file was blank); fill in a sheet, or "
        "run spreadkit assess, then try again"
    )


def _leave_out(piece: Piece, notify: Notify) -> int:
    """Name each file of the piece that could not be read, with its first problem."""
    for _, problem in piece.problems:
        notify(f"Left out {problem.splitlines()[0]}")
    return len(piece.problems)


def bank_changes(notices: list[str]) -> list[str]:
    """One line per file fitted to another bank version; one line in all when there are many."""
    if len(notices) > 3:
        return [
            f"{len(notices)} files were answered with another version of the bank; "
            "answers were carried over where the bank says so, and the rest kept but not scored."
        ]
    return notices


def _pieces_read(bank: Bank, how: Reading, gathered: Gathered) -> Iterator[Piece]:
    """Each piece read, in order: by helpers on a large folder, here otherwise."""
    files, count = gathered.files(), gathered.count()
    pieces = ((start, list(islice(files, PIECE))) for start in range(0, count, PIECE))
    helpers = _helpers(count)
    if helpers < 2:
        yield from (read_piece(bank, how, start, chunk) for start, chunk in pieces)
        return
    # Loaded only here: starting processes is a tenth of a summary's start-up to load.
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(helpers, initializer=_start_helper, initargs=(bank, how))
    except OSError:  # a system that will not start processes: read them all here
        yield from (read_piece(bank, how, start, chunk) for start, chunk in pieces)
        return
    # A few pieces ahead of the one being added, not all at once: the files of a national
    # programme's folder are never all in memory together.
    ahead: deque[Future[Piece]] = deque()
    try:
        with ctrl_c_held_back():
            for job in islice(pieces, 2 * helpers):  # the first pieces start every helper
                ahead.append(pool.submit(_read_in_helper, job))
        for job in pieces:
            ahead.append(pool.submit(_read_in_helper, job))
            yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def _helpers(files: int) -> int:
    if files < HELPERS_FROM:
        return 0
    if hasattr(os, "sched_getaffinity"):
        processors = len(os.sched_getaffinity(0))  # the ones this process may use
    else:
        processors = os.cpu_count() or 1
    return min(MOST_HELPERS, processors)


_helper_bank: Bank | None = None
_helper_reading: Reading | None = None


def _start_helper(bank: Bank, how: Reading) -> None:
    """In each helper: Ctrl+C is for the reader to answer, not for every helper to report; and,
    as in the reader, no collecting of garbage cycles, which reading files never makes."""
    import signal

    global _helper_bank, _helper_reading
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    _helper_bank, _helper_reading = bank, how


def _read_in_helper(job: tuple[int, list[Path]]) -> Piece:
    assert _helper_bank is not None and _helper_reading is not None
    return read_piece(_helper_bank, _helper_reading, *job)
