"""A benchmark card: what a site can share when it cannot share its answers.

A card holds the bank's id, version and hash, the round's name and date, how many people
answered (at least 3), each principle's score and band, optional context tags, and a check over
all of these; nothing else: no names, notes, question ratings or file names. A card is checked
like any input when it is read, and refused with every reason at once.

The check is a SHA-256 over the card's content: it finds a card edited by hand after it was made.
It is not a signature: someone who recomputes it can make a card that passes, which is why every
figure is also checked against the bank (scores in range, each band the one its score falls in,
every principle once).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any, Final

from spreadkit.model.errors import InputFileError
from spreadkit.model.limits import MAX_DETAIL
from spreadkit.model.programme import Mark, Round, date_of
from spreadkit.model.scoring import as_shown, weighted_mean

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank

CARD_FORMAT: Final = "spreadkit-card"
CARD_VERSION: Final = 1
# Fewer people than this and one person's answers could be worked out from the card.
MIN_RESPONDENTS: Final = 3
MAX_RESPONDENTS: Final = 1_000_000
MAX_TAGS: Final = 20
MAX_TAG_VALUE: Final = 100
# A card is a few hundred bytes; anything this large is not one.
MAX_CARD_BYTES: Final = 64 * 1024
_KEYS: Final = (
    "format",
    "format_version",
    "bank",
    "round",
    "respondents",
    "principles",
    "tags",
    "check",
)
_TAG_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


def parse_tag(text: str) -> tuple[str, str]:
    """KEY=VALUE as typed after --tag; a ValueError says what is wrong."""
    key, equals, value = text.partition("=")
    key, value = key.strip().lower(), value.strip()
    if not equals or not key or not value:
        raise ValueError(f"'{text}': give KEY=VALUE, e.g. --tag setting=community")
    if not _TAG_KEY.match(key):
        raise ValueError(
            f"'{key}': a tag's key is up to 40 lower-case letters, digits, '-', '_' or '.'"
        )
    if len(value) > MAX_TAG_VALUE or not value.isprintable():
        raise ValueError(
            f"'{key}': a tag's value is one line of at most {MAX_TAG_VALUE} characters"
        )
    return key, value


def check_date(text: str) -> bool:
    return bool(_DATE.match(text))


def _check(content: dict[str, Any]) -> str:
    body = {key: value for key, value in content.items() if key != "check"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def make_card(
    bank: Bank, round_: Round, name: str, date: str | None, tags: dict[str, str], source: str
) -> dict[str, Any]:
    """The card of a round, refused below MIN_RESPONDENTS people."""
    if round_.respondents < MIN_RESPONDENTS:
        raise InputFileError(
            f"{source}: a card needs at least {MIN_RESPONDENTS} respondents, so that no one's "
            f"answers can be worked out from it; this round has {round_.respondents}"
        )
    content: dict[str, Any] = {
        "format": CARD_FORMAT,
        "format_version": CARD_VERSION,
        "bank": {"id": bank.id, "version": bank.version, "hash": bank.content_hash},
        "round": {"name": name, "date": date},
        "respondents": round_.respondents,
        "principles": [
            {"id": m.principle.id, "score": m.score, "band": m.band.label if m.band else None}
            for m in round_.principles
        ],
        "tags": dict(sorted(tags.items())),
    }
    content["check"] = _check(content)
    return content


def card_text(card: dict[str, Any]) -> str:
    return json.dumps(card, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_card(bank: Bank, data: Any, source: str) -> tuple[Round, dict[str, str]]:
    """The round a card stands for, and its tags; every reason to refuse it, at once."""
    if not isinstance(data, dict) or data.get("format") != CARD_FORMAT:
        raise InputFileError(f"{source}: not a benchmark card (one made by spreadkit card)")
    reasons: list[str] = []
    if data.get("format_version") != CARD_VERSION:
        reasons.append(f"its format_version is not {CARD_VERSION}")
    extra = [key for key in data if key not in _KEYS]
    if extra:
        reasons.append(f"it holds {', '.join(map(repr, extra[:5]))}, which a card never carries")
    if data.get("check") != _check(data):
        reasons.append("it was changed after it was made (its check does not match its content)")
    reasons += _bank_reasons(bank, data.get("bank"))
    name, date = _round_reasons(data.get("round"), reasons)
    respondents = data.get("respondents")
    if not isinstance(respondents, int) or isinstance(respondents, bool):
        reasons.append("respondents is not a whole number")
    elif not MIN_RESPONDENTS <= respondents <= MAX_RESPONDENTS:
        reasons.append(
            f"respondents is {respondents}; a card needs {MIN_RESPONDENTS} to {MAX_RESPONDENTS:,}"
        )
    marks = _principle_reasons(bank, data.get("principles"), reasons)
    tags = _tag_reasons(data.get("tags"), reasons)
    if reasons:
        raise InputFileError(f"{source}: refused as a benchmark card: {'; '.join(reasons)}")
    assert isinstance(respondents, int)
    exact = [(m.score, m.principle.weight) for m in marks if m.score is not None]
    overall, band = as_shown(bank, weighted_mean(exact))
    round_ = Round(name, date, respondents, False, overall, band, tuple(marks), card=True)
    return round_, tags


def _bank_reasons(bank: Bank, given: Any) -> list[str]:
    if not isinstance(given, dict):
        return ["it names no question bank"]
    if (given.get("id"), given.get("version")) != (bank.id, bank.version):
        return [
            f"it was made with the bank {given.get('id')!r} {given.get('version')!r}, "
            f"not {bank.id} {bank.version}"
        ]
    if given.get("hash") != bank.content_hash:
        return [f"its bank hash does not match {bank.id} {bank.version} as this spreadkit has it"]
    return []


def _round_reasons(given: Any, reasons: list[str]) -> tuple[str, str | None]:
    if not isinstance(given, dict) or set(given) != {"name", "date"}:
        reasons.append("its round is not {name, date}")
        return "", None
    name, date = given["name"], given["date"]
    if not isinstance(name, str) or not 0 < len(name) <= MAX_DETAIL or not name.isprintable():
        reasons.append(f"its round's name is not one line of 1 to {MAX_DETAIL} characters")
        name = ""
    if date is not None and (not isinstance(date, str) or not check_date(date)):
        reasons.append("its round's date is not YYYY-MM or YYYY-MM-DD")
        date = None
    return name, date if date is not None else date_of(name)


def _principle_reasons(bank: Bank, given: Any, reasons: list[str]) -> list[Mark]:
    if not isinstance(given, list):
        reasons.append("its principles are not a list")
        return []
    marks: dict[str, Mark] = {}
    for place, entry in enumerate(given):
        where = f"principles[{place}]"
        if not isinstance(entry, dict) or set(entry) != {"id", "score", "band"}:
            reasons.append(f"{where} is not {{id, score, band}}")
            continue
        principle = bank.principle(entry["id"]) if isinstance(entry["id"], str) else None
        if principle is None:
            reasons.append(f"{where}: {entry['id']!r} is not a principle of {bank.id}")
            continue
        if principle.id in marks:
            reasons.append(f"{where}: {principle.id} appears twice")
            continue
        score = entry["score"]
        if score is not None and (not is_number(score) or not 0 <= score <= 100):
            reasons.append(f"{where}: the score {score!r} is not a number from 0 to 100")
            continue
        shown, band = as_shown(bank, score)
        if shown != score:
            reasons.append(f"{where}: the score {score!r} has more than one decimal place")
            continue
        if entry["band"] != (band.label if band else None):
            reasons.append(
                f"{where}: the band {entry['band']!r} is not the one a score of {score} falls in"
            )
            continue
        marks[principle.id] = Mark(principle, shown, band)
    missing = [p.id for p in bank.principles if p.id not in marks]
    if missing and len(marks) == len(given):  # no entry was refused above
        reasons.append(f"it has no score for {', '.join(missing)}")
    return [marks[p.id] for p in bank.principles if p.id in marks]


def _tag_reasons(given: Any, reasons: list[str]) -> dict[str, str]:
    if not isinstance(given, dict):
        reasons.append("its tags are not KEY: VALUE pairs")
        return {}
    if len(given) > MAX_TAGS:
        reasons.append(f"it has {len(given)} tags; a card has at most {MAX_TAGS}")
        return {}
    tags: dict[str, str] = {}
    for key, value in given.items():
        if not isinstance(value, str):
            reasons.append(f"the tag {key!r} has no text value")
            continue
        try:
            parsed_key, parsed_value = parse_tag(f"{key}={value}")
        except ValueError as exc:
            reasons.append(f"tag {exc}")
            continue
        if (parsed_key, parsed_value) != (key, value):
            reasons.append(f"the tag {key!r} is not written as spreadkit card writes it")
            continue
        tags[key] = value
    return tags
