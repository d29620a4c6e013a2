"""Wording shown to people, in one place, so the terminal, markdown, HTML and Word agree: scores,
plurals, changes, rating labels and the shade that stands for a band."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spreadkit.model.safe import isolated
from spreadkit.model.words import half_up, plural

if TYPE_CHECKING:
    from datetime import date, datetime

    from spreadkit.model.bank import Band, Bank, Principle
    from spreadkit.model.team import QuestionTally


def score_text(score: float | None, missing: str = "not scored") -> str:
    """A score as people read it: one decimal place, always."""
    return missing if score is None else half_up(score)


def change(delta: float | None, places: int = 1) -> str:
    """A change in words as well as an arrow, so it never depends on colour; `places` as the
    values it is the change between are shown."""
    if delta is None:
        return "–"
    if delta > 0:
        return f"↑ up {half_up(delta, places)}"
    if delta < 0:
        return f"↓ down {half_up(-delta, places)}"
    return "→ no change"


def ratings_up_to(top: int) -> str:
    """ "0 or 1" for a cut-off of 1: the ratings that make a question a priority."""
    values = [str(v) for v in range(top + 1)]
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def level_label(bank: Bank, value: int) -> str:
    level = bank.level(value)
    return level.label if level else ""


def rating_label(bank: Bank, rating: int | str | None) -> str:
    """ "3 Mostly in place", "not applicable" or "not answered"."""
    if isinstance(rating, int):
        return f"{rating} {level_label(bank, rating)}".rstrip()
    return "not applicable" if rating is not None else "not answered"


def band_label(band: Band | None) -> str:
    return band.label if band else "not scored"


def shade(bank: Bank, band: Band | None, palette: Sequence[str], unscored: str) -> str:
    """The palette entry, worst to best, that stands for this band, however many bands the bank
    defines; `unscored` for a principle with no score."""
    return unscored if band is None else palette[bank.shade_index(band, len(palette))]


def band_change(before: Band | None, after: Band | None) -> str:
    """ "Building" when it stayed, "Building → Established" when it moved."""
    if before == after:
        return f"{band_label(after)} (no change)"
    return f"{band_label(before)} → {band_label(after)}"


def plan_rating(bank: Bank, rating: float | None, spread: int | None) -> str:
    """How a question stood when it was planned: a person's rating or a team's mean."""
    if rating is None:
        return "no rating"
    if spread is not None:
        return f"team mean {rating:.1f}, spread {spread}"
    if float(rating).is_integer():
        return f"rated {rating_label(bank, int(rating))}"
    return f"rated {rating:g} when planned"


def action_line(status: str, owner: str, due: str) -> str:
    """ "status open · owner Jo · due 2026-12-31", leaving out what is not set."""
    parts = [f"status {status}"]
    if owner:
        parts.append(f"owner {isolated(owner)}")
    if due:
        parts.append(f"due {due}")
    return " · ".join(parts)


def weakest_words(name: str, score: float | None) -> str:
    """Beside the overall result, because an average can hide a principle that lags."""
    return f"weakest principle: {name} ({score_text(score)})"


def band_range(band: Band) -> str:
    upper = "100" if band.max == 100 else f"under {band.max:g}"
    return f"{band.min:g} to {upper}"


def describe_bank(bank: Bank) -> str:
    """One line on what a bank holds, for `bank validate`."""
    questions = sum(len(p.questions) for p in bank.principles)
    targets = sum(1 for p in bank.principles if p.target is not None)
    return (
        f"'{bank.id}' version {bank.version}: {plural(len(bank.principles), 'principle')}, "
        f"{plural(questions, 'question')}, scale {bank.scale[0].value} to {bank.max_value}, "
        f"{plural(len(bank.bands), 'band')}{', weighted' if bank.weighted else ''}"
        f"{', ' + plural(targets, 'target') if targets else ''}."
    )


def distribution(tally: QuestionTally, names: bool, times: str = "×", between: str = "·") -> str:
    """How a question was rated, on one line: "0 ×2 · 4 ×2", or with names "0: Ana, Dan · 4: Ben"."""
    who = tally.who_rated()
    pieces = []
    keyed: list[tuple[int | str, int]] = [*enumerate(tally.counts), ("n/a", tally.not_applicable)]
    for key, count in keyed:
        if not count:
            continue
        if names:
            people = ", ".join(isolated(name) for name in who.get(key, []))
            hidden = count - len(who.get(key, []))
            pieces.append(f"{key}: {people}" + (f" and {hidden:,} more" if hidden > 0 else ""))
        else:
            pieces.append(f"{key} {times}{count}")
    return f" {between} ".join(pieces) if pieces else "none"


COMPARE_TITLE = "Readiness compared: baseline and latest"
NOTHING_TO_WORK_ON = "Nothing to work on: every rated question is at the top of the scale."


def none_to_discuss(disagree: int) -> str:
    return f"None: no question's ratings are {disagree} or more points apart."


def comment_title(principle: Principle) -> str:
    """The title of a survey's comment question on a principle, by which `import` finds it."""
    return f"Comments on {principle.name}"


def choice_labels(bank: Bank) -> list[str]:
    """The ratings as a drop-down or a survey form offers them ("3 Mostly in place", … "n/a");
    a sheet or survey export reads each of them back."""
    return [f"{level.value} {level.label}" for level in bank.scale] + ["n/a"]


def when(moment: datetime | None) -> str:
    """A time as reports and screens show it: in this computer's time zone, named, with the date
    as people in the UK write it ("2 December 2026, 14:05 GMT"); nothing for no time. Files keep
    ISO 8601."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{day(local.date())}, {local:%H:%M} {local.tzname() or ''}".rstrip()


def answered_between(span: tuple[datetime, datetime] | None) -> str:
    """When a round was answered, as days in this computer's time zone: "20 November 2026",
    or "3 to 20 November 2026" over several days; nothing where its files do not say."""
    if span is None:
        return ""
    first, last = (moment.astimezone().date() for moment in span)
    if first == last:
        return day(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {day(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def day(value: date) -> str:
    """A date as people in the UK write it: "2 December 2026"."""
    return f"{value.day} {value:%B %Y}"
