"""Small pieces of wording shared by every output, so the terminal, markdown and HTML agree."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def change(delta: float | None) -> str:
    """A change in words as well as an arrow, so it never depends on colour."""
    if delta is None:
        return "–"
    if delta > 0:
        return f"↑ up {delta:.1f}"
    if delta < 0:
        return f"↓ down {-delta:.1f}"
    return "→ no change"
