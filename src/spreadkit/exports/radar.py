"""Radar chart geometry: one axis per principle, 0 at the centre and 100 at the rim.

Pure arithmetic, so the points can be checked by hand; the HTML template draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


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
