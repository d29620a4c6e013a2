"""Plain words for counts and long text, depending on nothing else, so that the lowest modules
(problems, the bank) can use them."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def clip(text: str, length: int) -> str:
    """Text cut to a length for a message, with "…" where it was cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
