"""A programme's folder: one folder per site, each holding one folder per round (sorted by name,
so `2026-03 baseline` comes before `2026-09 review`) or, for a single round, its files directly.

A round is read as `team` reads a folder. Where a round holds an agreed file (an answers file made
by `agree`, whose details count the people who agreed it), that file alone stands for the round.

A benchmark card (from `spreadkit card`) is a site's round: beside the site folders it is a site
of its own, named by its file's name; in a site's folder it is one of that site's rounds, in the
order of the names with the round folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from spreadkit.model.bank import Bank
from spreadkit.model.errors import InputFileError
from spreadkit.model.programme import Round, Site, round_from_team
from spreadkit.model.safe import unbroken
from spreadkit.readers.cards import is_card, load_card
from spreadkit.readers.inputs import Notify, gather, load
from spreadkit.readers.teams import read_team

SINGLE_ROUND = "Round 1"
# Only a file holding this can be an agreed file: the others are not parsed twice.
_AGREED_MARK = b'"respondents"'


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


def read_programme(bank: Bank, folder: Path, notify: Notify) -> list[Site]:
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
    for name in site_names:
        try:
            site = _site(bank, folder / name, notify)
        except InputFileError as exc:
            problems.append(exc.message)
            continue
        if site is not None:
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


def _listed(names: list[str]) -> str:
    shown = ", ".join(unbroken(name) for name in names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _card_site(name: str) -> str:
    """A card's site is named by its file: `North Trust.card.json` is North Trust."""
    stem = name[: -len(".json")]
    if stem.lower().endswith(".card"):
        stem = stem[: -len(".card")]
    return unbroken(stem)


def _site(bank: Bank, folder: Path, notify: Notify) -> Site | None:
    round_names, files = _entries(folder)
    cards = [name for name in files if is_card(folder / name)]
    if not round_names and not cards:
        if not files:
            notify(f"Note: {folder} holds no answers; the site is left out.")
            return None
        return Site(unbroken(folder.name), (read_round(bank, folder, SINGLE_ROUND, notify),))
    others = [name for name in files if name not in cards]
    if others:
        notify(f"Note: not read in {folder}: {_listed(others)} (its rounds are its folders)")
    rounds: list[Round] = []
    tags: dict[str, str] = {}
    for name in sorted([*round_names, *cards]):
        if name in round_names:
            rounds.append(read_round(bank, folder / name, unbroken(name), notify))
        else:
            round_, tags = load_card(bank, folder / name)
            rounds.append(round_)
    return Site(unbroken(folder.name), tuple(rounds), tags)


def read_round(bank: Bank, folder: Path, name: str, notify: Notify) -> Round:
    """A round's files (or one file) read as `team` reads them; its agreed file, if it holds one,
    stands for it."""
    agreed = _agreed_files(bank, folder)
    if len(agreed) > 1:
        both = " and ".join(str(path) for path, _ in agreed[:2])
        raise InputFileError(
            f"{both}: two agreed files in one round; keep the one that stands for the round"
        )
    if agreed:
        path, respondents = agreed[0]
        notify(f"Note: {path} is the round's agreed file, so it stands for {folder}.")
        result = read_team(bank, [path], notify)
        return round_from_team(name, result, respondents=respondents, agreed=True)
    return round_from_team(name, read_team(bank, [folder], notify))


def _agreed_files(bank: Bank, folder: Path) -> list[tuple[Path, int]]:
    """The round's agreed files and how many people agreed each. A file is parsed for this only
    when it could be one, so a round of many people is not read twice."""
    found = []
    for path in gather([folder]).files():
        if path.suffix.lower() != ".json":
            continue
        try:
            with path.open("rb") as handle:
                if _AGREED_MARK not in handle.read():
                    continue
        except OSError:
            continue  # reading the round names the problem
        answers = load(path, bank, None)
        if answers.meta.respondents is not None:
            found.append((path, answers.meta.respondents))
    return found
