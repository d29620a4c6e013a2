"""What each command shows, built from what it was given: the files read, the scores made, and
the view that a format then renders. Nothing here prints; notices go to `notify`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.cli import formats
from spreadkit.model import reports
from spreadkit.model.answers import AnswersFile, report_time
from spreadkit.model.bank import Bank
from spreadkit.readers.banks import load_bank
from spreadkit.readers.inputs import load

if TYPE_CHECKING:
    from spreadkit.model.consensus import Consensus
    from spreadkit.model.plan import Action
    from spreadkit.readers.programme import How

Notify = Callable[[str], None]


def read_one(path: Path, bank: Bank, respondent: str | None, notify: Notify) -> AnswersFile:
    notices: list[str] = []
    answers = load(path, bank, respondent, notices=notices)
    for notice in notices:
        notify(f"Note: {notice}")
    return answers


def person(
    path: Path, bank_path: Path | None, respondent: str | None, notify: Notify
) -> reports.PersonView:
    from spreadkit.model.scoring import summarise

    bank = load_bank(bank_path)
    answers = read_one(path, bank, respondent, notify)
    return reports.PersonView(
        bank, answers, summarise(bank, answers.answers, None, answers.targets)
    )


def report(title: str) -> reports.Report:
    return reports.Report(title=title, made=report_time())


def team(
    bank: Bank,
    files: list[Path],
    fmt: formats.Format,
    notify: Notify,
    *,
    names: bool,
    disagree: int,
    principle_ids: list[str],
    allow_duplicates: bool,
    skip_invalid: bool = False,
) -> reports.TeamView:
    """The team view; notes and names are kept only when the format shows them."""
    from spreadkit.readers.teams import read_team

    result = read_team(
        bank,
        files,
        notify,
        principle_ids=principle_ids,
        keep_notes=fmt.shows_notes,
        keep_names=names and fmt.shows_notes,
        disagree=disagree,
        allow_duplicates=allow_duplicates,
        skip_invalid=skip_invalid,
    )
    return reports.TeamView(bank, result, names)


def comparison(
    bank: Bank,
    baseline: Path,
    latest: Path,
    plan: Path | None,
    notify: Notify,
    skip_invalid: bool = False,
) -> reports.CompareView:
    from spreadkit.model.comparison import compare
    from spreadkit.readers.teams import read_team

    result = compare(
        read_team(bank, [baseline], notify, skip_invalid=skip_invalid),
        read_team(bank, [latest], notify, skip_invalid=skip_invalid),
    )
    actions: tuple[Action, ...] = ()
    if plan is not None:
        from spreadkit.cli.planning import plan_actions

        actions = tuple(plan_actions(bank, plan))
    return reports.CompareView(bank, result, actions=actions)


def trend(
    bank: Bank,
    rounds: list[Path],
    plan: Path | None,
    notify: Notify,
    skip_invalid: bool = False,
) -> reports.TrendView:
    """Three or more rounds, each read as a side of `compare` is, named by its file or folder."""
    from spreadkit.model.safe import unbroken
    from spreadkit.model.trend import trend as follow
    from spreadkit.readers.teams import read_team

    named = [
        (
            unbroken(path.name) or str(path),
            read_team(bank, [path], notify, skip_invalid=skip_invalid),
        )
        for path in rounds
    ]
    actions: tuple[Action, ...] = ()
    if plan is not None:
        from spreadkit.cli.planning import plan_actions

        actions = tuple(plan_actions(bank, plan))
    return reports.TrendView(bank, follow(named), actions=actions)


def agreement(
    bank: Bank,
    files: list[Path],
    output: Path,
    notify: Notify,
    *,
    top: int | None,
    disagree: int,
    only: list[str],
    names: bool,
    title: str,
    resume: bool,
    allow_duplicates: bool,
    skip_invalid: bool = False,
) -> Consensus:
    """The consensus round over the team's answers: every note kept for the room to read."""
    from spreadkit.model.consensus import Consensus
    from spreadkit.readers.teams import read_team

    result = read_team(
        bank,
        files,
        notify,
        principle_ids=[p.id for p in bank.chosen(only)],
        keep_notes=True,
        keep_names=names,
        disagree=disagree,
        allow_duplicates=allow_duplicates,
        skip_invalid=skip_invalid,
    )
    sources = [str(path) for path in files]
    return Consensus(
        bank, result, output, top, title, resume, only, sources, names, allow_duplicates
    )


def programme(
    bank: Bank,
    folder: Path,
    notify: Notify,
    *,
    min_sites: int,
    anonymous: bool,
    tags: list[str] | None = None,
    how: How | None = None,
) -> reports.ProgrammeView:
    """Every site's rounds, read from the programme's folder; with tags, only the sites whose
    cards carry every one."""
    from spreadkit.model.card import parse_tag
    from spreadkit.model.errors import InputFileError
    from spreadkit.model.programme import programme as build
    from spreadkit.model.programme import sharing
    from spreadkit.readers.programme import How, read_programme

    sites = read_programme(bank, folder, notify, how or How())
    wanted = dict(parse_tag(tag) for tag in tags or [])
    if wanted:
        kept = sharing(sites, wanted)
        said = ", ".join(f"{key}={value}" for key, value in wanted.items())
        if not kept:
            raise InputFileError(f"{folder}: no site's card carries {said}")
        notify(f"Note: {len(kept)} of {len(sites)} sites carry {said}; the others are left out.")
        sites = kept
    return reports.ProgrammeView(bank, build(bank, sites, min_sites, anonymous=anonymous))


def card(
    bank: Bank, source: Path, notify: Notify, name: str | None, date: str | None, tags: list[str]
) -> reports.CardView:
    """The card of one round, read as a programme reads a round."""
    from spreadkit.model.card import make_card, parse_tag
    from spreadkit.model.programme import date_of
    from spreadkit.readers.programme import read_round

    round_ = read_round(bank, source, name or "Round", notify)
    shared = dict(parse_tag(tag) for tag in tags)
    when = date or (date_of(name) if name else None)
    return reports.CardView(make_card(bank, round_, name or "Round", when, shared, str(source)))
