"""Drawing on a terminal with Rich, shared by the terminal writer and every screen: what a
drawing may use where it is shown (its width, and the characters the console can show), a
drawing laid out once those are known, text from files made safe, commands to type, and the
drawing as plain text for a file or a pipe.

Everything that came from a file or an argument goes in as plain `Text` (so Rich never reads it
as markup) with its control characters made visible, and a console that is not UTF-8 gets plain
ASCII lines and bars.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.text import Text

from spreadkit.model.safe import visible
from spreadkit.model.wording import change, score_text

BAR_WIDTH = 12
SHOW_AT_MOST = 5
# Below this width the bars give way, so that every number stays whole.
ROOM_FOR_BARS = 78
# The compare table has the bands beside the scores from this width, below them under it.
ROOM_FOR_BANDS = 72
_BAND_STYLES = ("red", "yellow", "green", "bright_green")


@dataclass(frozen=True)
class Look:
    """What a drawing may use where it is shown: the width, and characters the console can show."""

    width: int
    full: str = "█"
    empty: str = "░"
    none: str = "·"
    inside: str = "━"
    mark: str = "●"
    dash: str = "—"
    bullet: str = "•"
    quotes: tuple[str, str] = ("“", "”")
    arrows: tuple[str, str, str] = ("↑", "↓", "→")
    ellipsis: str = "…"
    to: str = "–"
    times: str = "×"
    between: str = "·"

    @property
    def roomy(self) -> bool:
        return self.width >= ROOM_FOR_BARS

    @classmethod
    def plain(cls, width: int) -> Look:
        return cls(
            width,
            "#",
            "-",
            ".",
            "=",
            "o",
            "-",
            "*",
            ('"', '"'),
            ("^", "v", ">"),
            "...",
            "-",
            "x",
            "|",
        )

    @classmethod
    def of(cls, options: ConsoleOptions) -> Look:
        return cls.plain(options.max_width) if options.ascii_only else cls(options.max_width)

    def change(self, delta: float | None) -> str:
        up, down, same = self.arrows
        words = change(delta)
        return words.replace("↑", up).replace("↓", down).replace("→", same)


class Drawing:
    """A drawing laid out when it is drawn, once its width and console are known."""

    def __init__(self, build: Callable[[Look], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(Look.of(options))


def data(text: str, style: str = "") -> Text:
    """Text from a file or an argument: never read as markup, its control characters visible."""
    return Text(visible(text), style=style)


def typed(command: str, style: str = "bold") -> Text:
    """A command for the person to type, on a line of its own and never broken: on a screen too
    narrow for it the terminal wraps it, and a copy of the wrapped line is still one command."""
    return Text(visible(f"  {command}"), style=style, no_wrap=True, overflow="ignore")


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    # Rich honours NO_COLOR by itself; --no-color is the same wish said on the command line.
    return Console(no_color=no_color or None, stderr=stderr, highlight=False)


class _Page(io.StringIO):
    """Somewhere to draw plain text, for a destination with this encoding."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def render_text(renderable: RenderableType, width: int = 100, encoding: str = "utf-8") -> str:
    """The drawing as plain text, for a file or a pipe: no colour, no spaces at line ends, and
    only characters the destination's encoding can hold in its lines and bars."""
    page = _Page(encoding)
    # Not cropped: a command to type runs past the width rather than being cut (see `typed`).
    Console(file=page, width=width, no_color=True, highlight=False).print(renderable, crop=False)
    return "".join(line.rstrip() + "\n" for line in page.getvalue().splitlines())


def _score(score: float | None, look: Look | None = None) -> str:
    return score_text(score, look.dash if look else "—")


def bar(score: float | None, width: int = BAR_WIDTH, look: Look | None = None) -> str:
    look = look or Look(width)
    if score is None:
        return look.none * width
    filled = round(score / 100 * width)
    return look.full * filled + look.empty * (width - filled)
