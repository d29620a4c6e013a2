from __future__ import annotations

from spreadkit.model.navigation import Navigation


def visit(walk: Navigation, moves: str) -> list[str | None]:
    seen = [walk.current]
    for move in moves:
        walk.forward() if move == "f" else walk.back()
        seen.append(walk.current)
    return seen


def test_a_fresh_walk_goes_through_every_question() -> None:
    walk = Navigation(["a", "b", "c"], ["a", "b", "c"])
    assert not walk.can_go_back
    assert visit(walk, "fff") == ["a", "b", "c", None]


def test_back_returns_to_the_question_shown_before() -> None:
    walk = Navigation(["a", "b", "c", "d"], ["a", "c", "d"])
    assert visit(walk, "fbff") == ["a", "c", "a", "c", "d"]


def test_a_resumed_walk_starts_at_the_first_unanswered_and_can_step_back_in_order() -> None:
    walk = Navigation(["a", "b", "c", "d"], ["c", "d"])
    assert walk.current == "c"
    assert walk.can_go_back
    assert visit(walk, "bff") == ["c", "b", "c", "d"]


def test_nothing_to_ask() -> None:
    walk = Navigation(["a"], [])
    assert walk.current is None
    walk.forward()
    walk.back()
    assert walk.current is None


def test_following_is_where_forward_leads_without_moving() -> None:
    walk = Navigation(["a", "b", "c", "d"], ["a", "c", "d"])
    seen = []
    while walk.current is not None:
        seen.append((walk.current, walk.following))
        walk.forward()
    assert seen == [("a", "c"), ("c", "d"), ("d", None)]
    assert walk.following is None
