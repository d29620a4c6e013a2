"""The radar chart, whatever draws it: one axis per principle, 0 at the centre and 100 at the
rim, rings at the band edges, labels on one line or two, and the chart said in words for a screen
reader. Pure arithmetic and text, so the points can be checked by hand; the HTML template draws
them as SVG and picture.py as a PNG for Word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spreadkit.model.wording import score_text

if TYPE_CHECKING:
    from spreadkit.model.bank import Bank


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def __str__(self) -> str:
        return f"{self.x:.1f},{self.y:.1f}"


@dataclass(frozen=True)
class Radar:
    axes: int
    cx: float = 350
    cy: float = 240
    radius: float = 170

    def angle(self, axis: int) -> float:
        """The first axis points straight up; the rest follow clockwise."""
        return -math.pi / 2 + 2 * math.pi * axis / self.axes

    def point(self, axis: int, score: float) -> Point:
        distance = self.radius * max(0.0, min(score, 100.0)) / 100
        angle = self.angle(axis)
        return Point(self.cx + distance * math.cos(angle), self.cy + distance * math.sin(angle))

    def polygon(self, scores: Sequence[float | None]) -> str:
        """SVG points for a score line; an unscored axis sits at the centre."""
        return " ".join(str(self.point(i, s or 0)) for i, s in enumerate(scores))

    def ring(self, lows: Sequence[float | None], highs: Sequence[float | None]) -> str:
        """An SVG path for the area between two score lines (drawn with fill-rule evenodd)."""
        outer = [self.point(i, s or 0) for i, s in enumerate(highs)]
        inner = [self.point(i, s or 0) for i, s in enumerate(lows)]
        return f"M{' L'.join(map(str, outer))} Z M{' L'.join(map(str, reversed(inner)))} Z"

    def label(self, axis: int, offset: float = 18) -> tuple[Point, str]:
        """Where an axis label goes, just past the rim, and how to anchor its text."""
        angle = self.angle(axis)
        at = Point(
            self.cx + (self.radius + offset) * math.cos(angle),
            self.cy + (self.radius + offset) * math.sin(angle),
        )
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        return at, anchor


def band_edges(bank: Bank) -> list[float]:
    """Where one band meets the next: the chart's dashed rings (the rim, 100, is drawn anyway)."""
    return sorted({band.min for band in bank.bands} - {0, 100})


def label_lines(name: str, width: int) -> list[str]:
    """Long principle names go on two lines, split at the space nearest the middle."""
    if len(name) <= width or " " not in name:
        return [name]
    middle = len(name) // 2
    split = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
    return [name[:split], name[split + 1 :]]


def _scores(names: Sequence[str], scores: Sequence[float | None]) -> str:
    return "; ".join(f"{n} {score_text(s)}" for n, s in zip(names, scores, strict=True))


def described(names: Sequence[str], scores: Sequence[float | None]) -> str:
    """One person's chart in words, for a screen reader."""
    return f"Radar chart of readiness scores out of 100: {_scores(names, scores)}."


def described_team(names: Sequence[str], scores: Sequence[float | None]) -> str:
    return (
        "Radar chart of the team's scores out of 100, with the range from the lowest to the "
        f"highest respondent shaded: {_scores(names, scores)}."
    )


def described_change(
    names: Sequence[str], before: Sequence[float | None], after: Sequence[float | None]
) -> str:
    return (
        f"Radar chart comparing scores out of 100. Baseline: {_scores(names, before)}. "
        f"Latest: {_scores(names, after)}."
    )
