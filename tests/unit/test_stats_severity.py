"""Lead reviewer severity against moderation, and team-versus-moderator agreement."""

from __future__ import annotations

import math
import statistics

import pytest

from peerqa.stats.agreement import weighted_kappa
from peerqa.stats.severity import (
    MIN_REVIEWS_FOR_NAME,
    ModeratedArea,
    lead_severity,
    team_vs_moderator,
)

# Student's t, 97.5th percentile with 4 degrees of freedom (printed tables: 2.776).
T_975_4 = 2.7764451051977987


def review(review_id: int, lead_id: int, *pairs: tuple[int, int]) -> list[ModeratedArea]:
    """A moderated review: (consensus, moderated) per area."""
    return [
        ModeratedArea(review_id, f"area-{i}", lead_id, consensus, moderated)
        for i, (consensus, moderated) in enumerate(pairs)
    ]


def test_harsher_teams_have_positive_severity() -> None:
    # Consensus 3 ("requires improvement") where the moderator settled on 2 ("good"): the team
    # graded worse than moderation, so it was harsher.
    areas = [a for r in range(1, 6) for a in review(r, 7, (3, 2), (2, 2))]
    [severity] = lead_severity(areas)
    assert severity.lead_id == 7
    assert severity.estimate == pytest.approx(0.5)
    assert (severity.reviews, severity.areas) == (5, 10)
    lenient = [a for r in range(1, 6) for a in review(r, 8, (1, 2), (2, 2))]
    assert lead_severity(lenient)[0].estimate == pytest.approx(-0.5)


def test_each_review_counts_once() -> None:
    # One review with six areas all a grade harsher, one review with a single area agreed: the
    # lead's severity is the mean of the two reviews (0.5), not of the seven areas (6/7).
    areas = review(1, 3, *[(3, 2)] * 6) + review(2, 3, (2, 2))
    [severity] = lead_severity(areas)
    assert severity.estimate == pytest.approx(0.5)
    assert (severity.reviews, severity.areas) == (2, 7)


def test_interval_is_a_t_interval_over_reviews() -> None:
    per_review = [1.0, 0.0, 0.5, 0.5, 1.0]
    areas = [
        a
        for r, mean in enumerate(per_review, start=1)
        for a in review(r, 1, (3, 2) if mean == 1 else (2, 2), (3, 2) if mean > 0 else (2, 2))
    ]
    [severity] = lead_severity(areas)
    half = T_975_4 * statistics.stdev(per_review) / math.sqrt(5)
    assert severity.estimate == pytest.approx(0.6)
    assert severity.interval == pytest.approx((0.6 - half, 0.6 + half))


def test_a_single_review_has_no_interval() -> None:
    [severity] = lead_severity(review(1, 1, (3, 2)))
    assert severity.interval is None
    assert severity.enough is False


def test_identical_reviews_give_a_zero_width_interval() -> None:
    areas = [a for r in range(1, 4) for a in review(r, 1, (3, 2))]
    [severity] = lead_severity(areas)
    assert severity.interval == pytest.approx((1.0, 1.0))


def test_names_are_hidden_below_the_minimum() -> None:
    assert MIN_REVIEWS_FOR_NAME == 5
    few = [a for r in range(1, MIN_REVIEWS_FOR_NAME) for a in review(r, 1, (2, 2))]
    enough = [a for r in range(10, 10 + MIN_REVIEWS_FOR_NAME) for a in review(r, 2, (2, 2))]
    by_lead = {s.lead_id: s for s in lead_severity(few + enough)}
    assert by_lead[1].enough is False
    assert by_lead[2].enough is True
    assert lead_severity(few, minimum=3)[0].enough is True


def test_results_come_in_lead_order() -> None:
    areas = review(1, 9, (2, 2)) + review(2, 4, (2, 2)) + review(3, 6, (2, 2))
    assert [s.lead_id for s in lead_severity(areas)] == [4, 6, 9]
    assert lead_severity([]) == []


def test_a_review_with_two_leads_is_an_error() -> None:
    areas = review(1, 1, (2, 2)) + review(1, 2, (2, 2))
    with pytest.raises(ValueError, match=r"review 1 has more than one lead reviewer: \[1, 2\]"):
        lead_severity(areas)


def test_team_vs_moderator() -> None:
    # 10 areas over 5 reviews, 8 confirmed unchanged: Wilson 95% interval (0.490, 0.943).
    pairs = [(2, 2), (3, 3), (1, 1), (2, 2), (4, 3), (2, 2), (3, 3), (2, 1), (1, 1), (3, 3)]
    areas = [a for r in range(5) for a in review(r + 1, 1, *pairs[2 * r : 2 * r + 2])]
    result = team_vs_moderator(areas, resamples=0)
    assert (result.reviews, result.areas, result.confirmed) == (5, 10, 8)
    assert result.confirmed_share == pytest.approx(0.8)
    assert result.confirmed_interval == pytest.approx((0.4902, 0.9433), abs=1e-4)
    expected = weighted_kappa([c for c, _ in pairs], [m for _, m in pairs], resamples=0)
    assert result.kappa.estimate == pytest.approx(expected.estimate)
    assert result.kappa.units == 10


def test_team_vs_moderator_bootstraps_reviews() -> None:
    areas = [
        a
        for r in range(1, 25)
        for a in review(r, r % 3, *[(1 + (r + i) % 4, 1 + (r + i + i % 2) % 4) for i in range(5)])
    ]
    result = team_vs_moderator(areas, resamples=100)
    assert result.kappa.estimate is not None
    assert result.kappa.interval is not None
    low, high = result.kappa.interval
    assert low < result.kappa.estimate < high
    assert result.kappa.units == 120
    few = team_vs_moderator(areas[:50])
    assert few.kappa.interval is None
    assert few.kappa.reason == "only 10 groups (reviews): an interval needs at least 20"


def test_team_vs_moderator_with_nothing_moderated() -> None:
    result = team_vs_moderator([])
    assert (result.areas, result.confirmed_share, result.confirmed_interval) == (0, None, None)
    assert result.kappa.estimate is None
