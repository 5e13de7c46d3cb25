"""The sampling rules as pure functions: each threshold, the indicator rule both ways, the draw."""

from __future__ import annotations

from datetime import date

import pytest

from peerqa.moderation.rules import (
    AreaGap,
    AreaSignal,
    Facts,
    Policy,
    academic_year,
    decide,
    draw,
)

POLICY = Policy(rate=0.0, min_history=0, lead_minimum=0)


def codes(facts: Facts, policy: Policy = POLICY) -> list[str]:
    return [r.code for r in decide(facts, policy).reasons]


def test_the_draw_is_a_fixed_number_in_the_unit_interval() -> None:
    values = [draw("seed", review, 1) for review in range(1, 500)]
    assert all(0 <= v < 1 for v in values)
    assert values == [draw("seed", review, 1) for review in range(1, 500)]
    assert 0.4 < sum(values) / len(values) < 0.6
    assert draw("seed", 1, 1) != draw("other", 1, 1)


def test_self_evaluation_thresholds() -> None:
    one_step = (AreaGap("A", 2, 3), AreaGap("B", 2, 3))
    assert codes(Facts(1, 1, gaps=one_step)) == ["not_selected"]
    assert codes(Facts(1, 1, gaps=(*one_step, AreaGap("C", 1, 2)))) == ["self_evaluation_spread"]
    assert codes(Facts(1, 1, gaps=(AreaGap("A", 1, 3),))) == ["self_evaluation_gap"]
    met = AreaGap("Safeguarding", self_met=True, consensus_met=False)
    assert codes(Facts(1, 1, gaps=(met,))) == ["self_evaluation_gap"]


@pytest.mark.parametrize(
    ("bands", "rank", "fires"),
    [
        (("well_above", "above"), 4, True),  # indicators high, grade below the middle
        (("well_above", "above"), 3, False),  # grade at the middle
        (("below", "well_below"), 1, True),  # indicators low, grade above the middle
        (("below", "above"), 1, False),  # indicators mixed
        (("well_below",), 1, False),  # too few indicators
    ],
)
def test_the_indicator_rule(bands: tuple[str, ...], rank: int, fires: bool) -> None:
    facts = Facts(1, 1, signals=(AreaSignal("Achievement", bands, rank, 5),))
    assert ("indicator_gap" in codes(facts)) is fires


def test_history_and_the_lead_minimum() -> None:
    policy = Policy(rate=0.0, min_history=3, lead_minimum=1)
    facts = Facts(1, 1, lead_name="Ann", lead_moderated=3, team_size=3, team_new=1)
    assert codes(facts, policy) == ["lead_minimum"]
    selected_once = Facts(
        1, 1, lead_name="Ann", lead_moderated=3, team_size=3, team_new=2, lead_selected_in_period=1
    )
    assert codes(selected_once, policy) == ["new_team"]


def test_random_selection_says_which_way_it_went() -> None:
    value = draw("peerqa", 7, 1)
    chosen = decide(Facts(7, 1), Policy(rate=1.0, min_history=0, lead_minimum=0))
    assert chosen.required
    assert chosen.reasons[0].detail == f"selected at random: draw {value:.2f} < rate 1.00"
    skipped = decide(Facts(7, 1), POLICY)
    assert not skipped.required
    assert skipped.reasons[0].detail == f"not selected: draw {value:.2f} ≥ rate 0.00"


def test_the_academic_year_starts_in_september() -> None:
    assert academic_year(date(2026, 8, 31)) == (date(2025, 9, 1), "2025/26")
    assert academic_year(date(2026, 9, 1)) == (date(2026, 9, 1), "2026/27")
