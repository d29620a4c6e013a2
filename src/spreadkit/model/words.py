"""Plain words for counts and long text, depending on nothing else, so that the lowest modules
(problems, the bank) can use them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def clip(text: str, length: int) -> str:
    """Text cut to a length for a message, with "…" where it was cut."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def half_up(value: float | Fraction, places: int = 1) -> str:
    """A number to `places` decimals, halves rounded up, as people round by hand: Python's own
    formatting sends 0.25 to 0.2 and 43.75 to 43.7."""
    # Loaded here, not with the module: the lowest modules import this one at start-up.
    from decimal import ROUND_HALF_UP, Decimal

    exact = (
        Decimal(repr(float(value)))
        if isinstance(value, float | int)
        else Decimal(value.numerator) / Decimal(value.denominator)
    )
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
