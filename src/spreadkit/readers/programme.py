"""A programme's folder: one folder per site, each holding one folder per round (sorted by name,
so `2026-03 baseline` comes before `2026-09 review`) or, for a single round, its files directly.

A round is read as `team` reads a folder. Where a round holds an agreed file (an answers file made
by `agree`: its respondent is the team, and its details count the people who agreed it), that
file alone stands for the round.

A benchmark card (from `spreadkit card`) is a site's round: beside the site folders it is a site
of its own, named by its file's name; in a site's folder it is one of that site's rounds, in the
order of the names with the round folders.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError
from spreadkit.model.programme import Round, Site, round_from_team
from spreadkit.model.safe import unbroken
from spreadkit.readers.cards import is_card, load_card
from spreadkit.readers.inputs import Notify, load
from spreadkit.readers.teams import read_team

SINGLE_ROUND = "Round 1"


class How(NamedTuple):
    """How every round is read: past files that cannot be read (--skip-invalid), and keeping
    who answered (--names)."""

    skip_invalid: bool = False
    names: bool = False


PLAIN = How()


def _entries(folder: Path) -> tuple[list[str], list[str]]:
    """The folders and the files directly in a folder, each sorted by name; hidden ones and the
    lock files a spreadsheet leaves are passed over."""
    folders: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                if entry.name.startswith((".", "~$")):
                    continue
                (folders if entry.is_dir() else files).append(entry.name)
    except OSError as exc:
        raise InputFileError(f"{folder}: cannot be read ({exc.strerror or exc})") from exc
    return sorted(folders), sorted(files)


def read_programme(bank: Bank, folder: Path, notify: Notify, how: How = PLAIN) -> list[Site]:
    """Every site's rounds, oldest first; every problem is reported together."""
    if not folder.is_dir():
        raise InputFileError(f"{folder}: not a folder; give the folder that holds one per site")
    site_names, loose = _entries(folder)
    cards = [name for name in loose if is_card(folder / name)]
    others = [name for name in loose if name not in cards]
    if others:
        notify(
            f"Note: not read in {folder}: {_listed(others)} (each site is a folder of its own, "
            "or a benchmark card)"
        )
    sites: list[Site] = []
    problems: list[str] = []
    for site, notices, problem in _sites_read(bank, [folder / name for name in site_names], how):
        for notice in notices:
            notify(notice)
        if problem is not None:
            problems.append(problem)
        elif site is not None:
            sites.append(site)
    for name in cards:
        try:
            round_, tags = load_card(bank, folder / name)
        except InputFileError as exc:
            problems.append(exc.message)
            continue
        sites.append(Site(_card_site(name), (round_,), tags))
    if problems:
        raise InputFileError("\n".join(problems))
    if not sites:
        raise InputFileError(
            f"{folder}: no site folder holds any answers; make one folder per site, each "
            "holding its answers files or one folder per round"
        )
    return sites


# What reading one site gives: the site (None when it holds nothing), what to tell the person, and
# the problem that stopped it.
SiteRead = tuple[Site | None, list[str], str | None]
# A site as plain data, to come back from a helper process without its bank: the name, the tags,
# and each round without its bands and principles (which are the bank's), with its principles'
# scores in bank order.
_Plain = tuple[str, dict[str, str], list[tuple[Round, list[float | None]]]]


def _read_site(bank: Bank, folder: Path, how: How) -> SiteRead:
    notices: list[str] = []
    try:
        return _site(bank, folder, notices.append, how), notices, None
    except InputFileError as exc:
        return None, notices, exc.message


def _sites_read(bank: Bank, folders: list[Path], how: How) -> list[SiteRead]:
    """Each site read, in order: by helper processes, side by side, on a large programme (as a
    large team is read), here otherwise."""
    from spreadkit.readers import teams

    helpers = teams._helpers(_count_files(folders))
    if helpers < 2:
        return [_read_site(bank, folder, how) for folder in folders]
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(helpers, initializer=_start_helper, initargs=(bank, how))
    except OSError:  # a system that will not start processes: read them all here
        return [_read_site(bank, folder, how) for folder in folders]
    try:
        size = max(1, len(folders) // (helpers * 4))
        plain = list(pool.map(_read_in_helper, folders, chunksize=size))
    finally:
        pool.shutdown(cancel_futures=True)
    return [
        (_unplain(bank, site) if site else None, said, problem) for site, said, problem in plain
    ]


def _count_files(folders: list[Path]) -> int:
    """About how many files the sites hold: those in each site's folder and its round folders."""
    count = 0
    for folder in folders:
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    if entry.is_dir():
                        with os.scandir(entry.path) as inside:
                            count += sum(1 for _ in inside)
                    else:
                        count += 1
        except OSError:
            continue  # reading the site names the problem
    return count


_helper_bank: Bank | None = None
_helper_how = PLAIN


def _start_helper(bank: Bank, how: How) -> None:
    """In each helper: Ctrl+C is for the reader to answer; a round is read here, not shared out
    again to helpers of its own."""
    import gc
    import signal
    import sys

    from spreadkit.readers import teams

    global _helper_bank, _helper_how
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    teams.HELPERS_FROM = sys.maxsize
    _helper_bank, _helper_how = bank, how


def _read_in_helper(folder: Path) -> tuple[_Plain | None, list[str], str | None]:
    assert _helper_bank is not None
    site, notices, problem = _read_site(_helper_bank, folder, _helper_how)
    return (_plain(site) if site else None), notices, problem


def _plain(site: Site) -> _Plain:
    rounds = [
        (replace(r, principles=(), overall_band=None), [m.score for m in r.principles])
        for r in site.rounds
    ]
    return site.name, site.tags, rounds


def _unplain(bank: Bank, site: _Plain) -> Site:
    from spreadkit.model.programme import Mark

    name, tags, plain_rounds = site
    rounds = tuple(
        replace(
            plain,
            principles=tuple(
                Mark(p, score, bank.band_of(score))
                for p, score in zip(bank.principles, scores, strict=True)
            ),
            overall_band=bank.band_of(plain.overall),
        )
        for plain, scores in plain_rounds
    )
    return Site(name, rounds, tags)


def _listed(names: list[str]) -> str:
    shown = ", ".join(unbroken(name) for name in names[:5])
    return shown + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")


def _card_site(name: str) -> str:
    """A card's site is named by its file: `North Trust.card.json` is North Trust."""
    stem = name[: -len(".json")]
    if stem.lower().endswith(".card"):
        stem = stem[: -len(".card")]
    return unbroken(stem)


def _site(bank: Bank, folder: Path, notify: Notify, how: How) -> Site | None:
    round_names, files = _entries(folder)
    cards = [name for name in files if is_card(folder / name)]
    if not round_names and not cards:
        if not files:
            notify(f"Note: {folder} holds no answers; the site is left out.")
            return None
        return Site(unbroken(folder.name), (read_round(bank, folder, SINGLE_ROUND, notify, how),))
    others = [name for name in files if name not in cards]
    if others:
        notify(f"Note: not read in {folder}: {_listed(others)} (its rounds are its folders)")
    rounds: list[Round] = []
    tags: dict[str, str] = {}
    for name in sorted([*round_names, *cards]):
        if name in round_names:
            rounds.append(read_round(bank, folder / name, unbroken(name), notify, how))
        else:
            round_, tags = load_card(bank, folder / name)
            rounds.append(round_)
    return Site(unbroken(folder.name), tuple(rounds), tags)


def read_round(bank: Bank, folder: Path, name: str, notify: Notify, how: How = PLAIN) -> Round:
    """A round's files (or one file) read as `team` reads them; its agreed file, if it holds one,
    stands for it. An agreed file is one `agree` made: its respondent is the team, and its
    details count the people who agreed it."""
    from spreadkit.model.consensus import AGREED

    candidates: list[Path] = []
    who: list[str] | None = [] if how.names else None
    try:
        result = read_team(
            bank,
            [folder],
            notify,
            named=(AGREED, candidates),
            skip_invalid=how.skip_invalid,
            who=who,
        )
    except InputFileError as exc:
        if f"('{AGREED}')" in exc.message and "\n" not in exc.message:  # two agreed files
            raise InputFileError(
                f"{exc.message.split(': ')[0]}: two agreed files in one round; keep the one "
                "that stands for the round"
            ) from None
        raise
    people = tuple(unbroken(name) for name in who or [])
    for path in candidates:
        agreed = load(path, bank, None).meta.respondents
        if agreed is not None:
            notify(f"Note: {path} is the round's agreed file, so it stands for the round.")
            alone = read_team(bank, [path], notify)
            return round_from_team(name, alone, respondents=agreed, agreed=True)
    return round_from_team(name, result, people=people)
