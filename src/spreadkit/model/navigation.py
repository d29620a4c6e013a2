"""Which question comes next: forward to the next one still to ask, Back to the one asked before.

Kept apart from the prompts so the order can be tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable


class Navigation:
    def __init__(self, order: list[str], to_ask: Iterable[str]) -> None:
        self.order = order
        self._to_ask = set(to_ask)
        self._history: list[int] = []
        self.position: int | None = self._next_from(-1)

    def _next_from(self, index: int) -> int | None:
        for i in range(index + 1, len(self.order)):
            if self.order[i] in self._to_ask:
                return i
        return None

    @property
    def current(self) -> str | None:
        return None if self.position is None else self.order[self.position]

    @property
    def following(self) -> str | None:
        """The question `forward` would lead to."""
        if self.position is None:
            return None
        after = self._next_from(self.position)
        return None if after is None else self.order[after]

    @property
    def can_go_back(self) -> bool:
        return bool(self._history) or (self.position is not None and self.position > 0)

    def forward(self) -> None:
        if self.position is None:
            return
        self._history.append(self.position)
        self.position = self._next_from(self.position)

    def back(self) -> None:
        """Return to the question shown before this one; on a resumed walk, the one before in order."""
        if self._history:
            self.position = self._history.pop()
        elif self.position is not None and self.position > 0:
            self.position -= 1
