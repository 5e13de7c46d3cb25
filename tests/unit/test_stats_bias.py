"""Context-bias audit and moderation outcomes over time."""

from __future__ import annotations

import math
from datetime import date

import pytest
from scipy import stats

from peerqa.stats.bias import (
    GradedHost,
    context_audit,
    fsm_quintile_cuts,
    grade_fsm_correlation,
    outcomes_by_period,
    share_gap,
)
from peerqa.stats.simulation import SimulationParameters, simulate, synthetic_schools


@pytest.mark.parametrize(
    ("counts", "published"),
    [
        # Newcombe, R. G. (1998) "Interval estimation for the difference between independent
        # proportions: comparison of eleven methods", Statistics in Medicine 17: 873-890,
        # Table II, method 10 (score interval combining Wilson intervals).
        ((56, 70, 48, 80), (0.0524, 0.3339)),
        ((9, 10, 3, 10), (0.1705, 0.8090)),
        ((6, 7, 2, 7), (0.0582, 0.8062)),
        ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ],
)
def test_gap_interval_reproduces_newcombe_1998(
    counts: tuple[int, int, int, int], published: tuple[float, float]
) -> None:
    gap = share_gap(*counts)
    assert gap.estimate == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3])
    assert gap.interval == pytest.approx(published, abs=5e-5)
    assert (gap.most_disadvantaged, gap.least_disadvantaged) == (counts[1], counts[3])


def test_gap_needs_both_quintiles() -> None:
    gap = share_gap(3, 10, 0, 0)
    assert (gap.estimate, gap.interval) == (None, None)
    assert gap.reason == "a quintile has no grades, so there is no gap"


def hosts(*rows: tuple[float, int]) -> list[GradedHost]:
    return [
        GradedHost(urn=100_000 + i, fsm_ever_pct=fsm, grade=g) for i, (fsm, g) in enumerate(rows)
    ]


def test_quintile_cuts_are_the_20_40_60_80_percentiles() -> None:
    assert fsm_quintile_cuts(range(0, 101)) == (20.0, 40.0, 60.0, 80.0)
    with pytest.raises(ValueError, match="at least one school"):
        fsm_quintile_cuts([])


def test_audit_shares_by_quintile() -> None:
    # Cuts 10/20/30/40: a school on a cut belongs to the quintile below it.
    records = hosts(
        (5.0, 1), (10.0, 2),  # quintile 1
        (15.0, 2), (20.0, 3),  # quintile 2
        (25.0, 2),  # quintile 3
        (35.0, 3),  # quintile 4
        (45.0, 3), (50.0, 4), (60.0, 2), (70.0, 4),  # quintile 5
    )  # fmt: skip
    audit = context_audit(records, threshold=3, cuts=[10, 20, 30, 40], scale=[1, 2, 3, 4])
    assert [q.grades for q in audit.quintiles] == [2, 2, 1, 1, 4]
    q1, q5 = audit.quintiles[0], audit.quintiles[4]
    assert (q1.fsm_above, q1.fsm_up_to, q5.fsm_above, q5.fsm_up_to) == (None, 10.0, 40.0, None)
    assert q1.counts == {1: 1, 2: 1, 3: 0, 4: 0}
    assert q5.shares == {1: 0.0, 2: 0.25, 3: 0.25, 4: 0.5}
    assert (q1.at_or_below, q1.threshold_share) == (0, 0.0)
    assert (q5.at_or_below, q5.threshold_share) == (3, 0.75)
    assert audit.gap.estimate == pytest.approx(0.75)
    assert audit.gap == share_gap(3, 4, 0, 2)
    assert audit.correlation.n == 10


def test_audit_cuts_come_from_schools_not_grades() -> None:
    # School 1 has many grades; each school counts once when the cuts are set.
    records = [GradedHost(1, 50.0, 2)] * 20 + [GradedHost(u, float(u), 3) for u in range(2, 6)]
    audit = context_audit(records, threshold=3)
    assert audit.cuts == fsm_quintile_cuts([50.0, 2.0, 3.0, 4.0, 5.0])
    assert audit.quintiles[4].schools == 1


def test_empty_quintile_has_no_shares() -> None:
    audit = context_audit(hosts((5.0, 1), (50.0, 3)), threshold=3, cuts=[10, 20, 30, 40])
    assert audit.quintiles[2].grades == 0
    assert audit.quintiles[2].shares is None
    assert audit.quintiles[2].threshold_share is None


def test_cuts_and_grades_are_checked() -> None:
    with pytest.raises(ValueError, match="4 cut points in increasing order"):
        context_audit(hosts((5.0, 1)), threshold=3, cuts=[10, 30, 20, 40])
    with pytest.raises(ValueError, match="4 cut points"):
        context_audit(hosts((5.0, 1)), threshold=3, cuts=[10, 20])
    with pytest.raises(ValueError, match=r"grades \[5\] are not on the scale \[1, 2, 3, 4\]"):
        context_audit(hosts((5.0, 5)), threshold=3, cuts=[10, 20, 30, 40], scale=[1, 2, 3, 4])


def test_spearman_with_fisher_z_interval() -> None:
    records = hosts(
        *[(float(fsm), g) for fsm, g in zip(range(0, 60, 3), [1, 2, 2, 1, 3] * 4, strict=True)]
    )
    result = grade_fsm_correlation(records)
    rho = stats.spearmanr([r.fsm_ever_pct for r in records], [r.grade for r in records]).statistic
    assert result.rho == pytest.approx(rho)
    half = 1.959963984540054 * math.sqrt(1.06 / (20 - 3))
    assert result.interval == pytest.approx(
        (math.tanh(math.atanh(rho) - half), math.tanh(math.atanh(rho) + half))
    )
    assert result.n == 20


def test_correlation_sign_means_worse_grades_with_more_disadvantage() -> None:
    result = grade_fsm_correlation(hosts((5, 1), (10, 1), (20, 2), (30, 3), (40, 3), (50, 4)))
    assert result.rho is not None
    assert result.rho > 0.9
    assert result.interval is not None
    perfect = grade_fsm_correlation(hosts((5, 1), (10, 2), (20, 3), (30, 4), (40, 4)))
    assert perfect.rho is not None
    assert perfect.rho < 1
    strict = grade_fsm_correlation(hosts((5, 1), (10, 2), (20, 3), (30, 4)))
    assert strict.rho == pytest.approx(1.0)
    assert strict.interval is None  # a perfect rank order has no finite Fisher z
    assert strict.reason == "too few grades or a perfect rank order: no interval"


def test_correlation_degenerate_inputs_say_why() -> None:
    assert grade_fsm_correlation(hosts((5, 1), (10, 2))).reason == (
        "only 2 grades: a correlation needs at least 3"
    )
    same_grade = grade_fsm_correlation(hosts((5, 2), (10, 2), (20, 2), (30, 2)))
    assert same_grade.rho is None
    assert same_grade.reason == "every school has the same FSM-ever or the same grade"


def test_simulated_context_bias_is_detected() -> None:
    # Reviewers grade a school 0.5 of a grade worse per sd of FSM-ever; true quality does not
    # depend on intake. One area per review, so each record is a different review.
    schools = synthetic_schools(500, seed=1)
    biased = simulate(schools, SimulationParameters(context_bias=0.5), seed=2)
    fair = simulate(schools, SimulationParameters(), seed=2)
    for cohort, detected in ((biased, True), (fair, False)):
        records = [
            h
            for h, m in zip(cohort.hosts, cohort.moderated, strict=True)
            if m.area_key == "achievement"
        ]
        audit = context_audit(records, threshold=3)
        assert audit.gap.interval is not None
        assert audit.correlation.interval is not None
        assert (audit.gap.interval[0] > 0) is detected
        assert (audit.correlation.interval[0] > 0) is detected


def test_outcomes_by_month_fill_empty_months() -> None:
    result = outcomes_by_period(
        [
            (date(2025, 11, 3), "confirm"),
            (date(2025, 11, 28), "adjust"),
            (date(2025, 11, 30), "confirm"),
            (date(2026, 1, 15), "return"),
        ]
    )
    assert [p.period for p in result] == ["2025-11", "2025-12", "2026-01"]
    november, december, january = result
    assert (november.confirmed, november.adjusted, november.returned) == (2, 1, 0)
    assert november.total == 3
    assert november.confirm_rate == pytest.approx(2 / 3)
    assert november.adjust_rate == pytest.approx(1 / 3)
    assert november.return_rate == 0
    assert december.total == 0
    assert december.confirm_rate is None
    assert january.start == date(2026, 1, 1)
    assert january.return_rate == 1


def test_outcomes_by_term() -> None:
    result = outcomes_by_period(
        [
            (date(2025, 10, 1), "confirm"),
            (date(2026, 2, 1), "adjust"),
            (date(2026, 9, 20), "adjust"),
        ],
        period="term",
    )
    assert [(p.period, p.start, p.total) for p in result] == [
        ("2025/26 autumn", date(2025, 9, 1), 1),
        ("2025/26 spring", date(2026, 1, 1), 1),
        ("2025/26 summer", date(2026, 4, 1), 0),
        ("2026/27 autumn", date(2026, 9, 1), 1),
    ]


def test_outcomes_edge_cases() -> None:
    assert outcomes_by_period([]) == []
    with pytest.raises(ValueError, match="unknown moderation outcome 'assure'"):
        outcomes_by_period([(date(2026, 1, 1), "assure")])  # type: ignore[list-item]
