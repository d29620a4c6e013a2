from __future__ import annotations

import sys

import pytest

from spreadkit.model.answers import Answer
from spreadkit.model.bank import Bank
from spreadkit.model.scoring import summarise


def test_principle_score_is_mean_rating_over_max(bank: Bank) -> None:
    answers = {
        "benefit.why-worth-it": Answer(rating=4),
        "benefit.communicate-why": Answer(rating=2),
        "benefit.strategic-need": Answer(rating=1),
        "benefit.measure": Answer(rating="n/a"),
    }
    summary = summarise(bank, answers)
    benefit = next(p for p in summary.principles if p.principle.id == "benefit")
    # mean(4, 2, 1) = 7/3; 100 * (7/3) / 4 = 58.33..., between 50 and 75
    assert benefit.score == 58.3
    assert benefit.band is not None and benefit.band.label == "Building"
    assert (benefit.rated, benefit.not_applicable, benefit.unanswered, benefit.total) == (
        3,
        1,
        7,
        11,
    )


def test_not_applicable_and_skipped_do_not_drag_the_score_down(bank: Bank) -> None:
    answers = {
        "learning.built-in": Answer(rating=3),
        "learning.reflect": Answer(rating="n/a"),
        "learning.share": Answer(rating=None, note="come back to this"),
    }
    learning = next(p for p in summarise(bank, answers).principles if p.principle.id == "learning")
    assert learning.score == 75.0
    assert learning.band is not None and learning.band.label == "Established"


def test_a_principle_with_nothing_rated_is_not_scored_and_left_out_of_overall(bank: Bank) -> None:
    answers = {
        "complexity.system-changes": Answer(rating=1),  # 25
        "leadership.shared-purpose": Answer(rating=4),  # 100
        "networks.pull": Answer(rating="n/a"),  # nothing rated: no score
    }
    summary = summarise(bank, answers)
    networks = next(p for p in summary.principles if p.principle.id == "networks")
    assert networks.score is None and networks.band is None
    # Overall = mean(25, 100) = 62.5, not dragged down by five unscored principles.
    assert summary.overall == 62.5
    assert summary.overall_band is not None and summary.overall_band.label == "Building"
    # The average hides Complexity at 25: it is the weakest.
    assert summary.weakest is not None and summary.weakest.principle.id == "complexity"


def test_overall_uses_unrounded_principle_scores(bank: Bank) -> None:
    answers = {
        "benefit.why-worth-it": Answer(rating=1),
        "benefit.communicate-why": Answer(rating=1),
        "benefit.strategic-need": Answer(rating=2),  # 100 * (4/3) / 4 = 33.333...
        "learning.built-in": Answer(rating=0),
        "learning.reflect": Answer(rating=0),
        "learning.share": Answer(rating=1),  # 100 * (1/3) / 4 = 8.333...
    }
    # (33.333... + 8.333...) / 2 = 20.8333... -> 20.8
    assert summarise(bank, answers).overall == 20.8


def test_nothing_answered_means_no_overall_score(bank: Bank) -> None:
    summary = summarise(bank, {})
    assert summary.overall is None and summary.overall_band is None
    assert summary.answered == 0 and summary.total == 51
    assert summary.weakest is None


def test_priorities_lowest_first_then_bank_order_and_strengths(bank: Bank) -> None:
    answers = {
        "complexity.system-changes": Answer(rating=1),
        "leadership.enabling-style": Answer(rating=0),
        "benefit.why-worth-it": Answer(rating=1),
        "benefit.measure": Answer(rating=0),
        "learning.share": Answer(rating=2),
        "networks.pull": Answer(rating=4),
        "complexity.relationships": Answer(rating=4),
    }
    summary = summarise(bank, answers)
    assert [r.question.id for r in summary.priorities] == [
        "leadership.enabling-style",
        "benefit.measure",
        "complexity.system-changes",
        "benefit.why-worth-it",
    ]
    assert [r.question.id for r in summary.strengths] == [
        "complexity.relationships",
        "networks.pull",
    ]


def test_limiting_to_some_principles(bank: Bank) -> None:
    answers = {"benefit.why-worth-it": Answer(rating=4), "learning.share": Answer(rating=0)}
    summary = summarise(bank, answers, ["benefit"])
    assert [p.principle.id for p in summary.principles] == ["benefit"]
    assert summary.overall == 100.0
    assert summary.priorities == []


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "Early groundwork"),
        (49.9, "Early groundwork"),
        (50.0, "Building"),
        (74.9, "Building"),
        (75.0, "Established"),
        (100, "Established"),
    ],
)
def test_band_edges(bank: Bank, score: float, band: str) -> None:
    assert bank.band_for(score).label == band


def test_the_weakest_is_the_first_lowest_in_bank_order(bank: Bank) -> None:
    answers = {
        "leadership.enabling-style": Answer(rating=1),  # 25
        "networks.pull": Answer(rating=1),  # 25, later in the bank
        "benefit.measure": Answer(rating=3),  # 75
    }
    weakest = summarise(bank, answers).weakest
    assert weakest is not None and weakest.principle.id == "leadership" and weakest.score == 25.0


def test_scores_round_half_up_as_people_do(bank: Bank) -> None:
    answers = {
        "learning.built-in": Answer(rating=2),
        "learning.seek-knowledge": Answer(rating=3),
        "learning.speak-up": Answer(rating=2),
        "learning.reflect": Answer(rating=2),
    }
    # 100 * (9/4) / 4 = 56.25 -> 56.3 (Python's round() would give 56.2)
    learning = next(p for p in summarise(bank, answers).principles if p.principle.id == "learning")
    assert learning.score == 56.3


def test_shares_shown_add_up_to_the_score_shown() -> None:
    """Nine shares of 50.0 that round to 8.3 + 5.6 + 2.8 + 2.8 + 8.3 + 11.1 + 5.6 + 0 + 5.6 = 50.1
    are shown so that they add up to 50.0: the unit goes to the part that lost most in rounding."""
    from spreadkit.model.scoring import apportioned

    parts = [100 * r / 36 for r in (3, 2, 1, 1, 3, 4, 2, 0, 2)]
    shown = apportioned(parts)
    assert round(sum(shown), 1) == 50.0
    assert all(abs(a - b) < 0.1 for a, b in zip(shown, parts, strict=True))
    assert apportioned([12.25, 12.25, 12.25, 12.25]) == [12.3, 12.3, 12.2, 12.2]


def test_figures_round_half_up_as_people_round() -> None:
    from spreadkit.model.wording import change, score_text

    assert score_text(43.75) == "43.8" and score_text(0.25) == "0.3"
    assert change(0.25) == "↑ up 0.3" and change(-0.75) == "↓ down 0.8"
    assert change(0.125, 2) == "↑ up 0.13"


@pytest.mark.skipif(sys.platform == "win32", reason="TZ names a zone on POSIX only")
def test_times_are_local_with_their_zone_named_and_dates_as_people_in_the_uk_write_them() -> None:
    import subprocess
    import sys

    script = (
        "from datetime import UTC, datetime; from spreadkit.model.wording import when, day; "
        "print(when(datetime(2026, 7, 2, 9, 30, tzinfo=UTC))); "
        "print(day(datetime(2026, 12, 2).date()))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env={**__import__("os").environ, "TZ": "Europe/London"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert shown == ["2 July 2026, 10:30 BST", "2 December 2026"]
