"""Benchmark cards read from files: small JSON documents, told from answers files by their format."""

from __future__ import annotations

from pathlib import Path

from spreadkit.model.bank import Bank
from spreadkit.model.card import CARD_FORMAT, MAX_CARD_BYTES, read_card
from spreadkit.model.errors import InputFileError
from spreadkit.model.programme import Round
from spreadkit.readers.common import parse_json, read_bytes

_MARK = f'"{CARD_FORMAT}"'.encode()


def is_card(path: Path) -> bool:
    """A .json file that says it is a card; reading it names any problem."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            return _MARK in handle.read(4096)
    except OSError:
        return False


def load_card(bank: Bank, path: Path) -> tuple[Round, dict[str, str]]:
    content = read_bytes(path, "a benchmark card")
    if len(content) > MAX_CARD_BYTES:
        raise InputFileError(
            f"{path}: {len(content):,} bytes is too large for a benchmark card "
            f"(at most {MAX_CARD_BYTES:,}); is it the right file?"
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(f"{path}: not a benchmark card (it is not UTF-8 text)") from None
    return read_card(bank, parse_json(text, str(path)), str(path))
