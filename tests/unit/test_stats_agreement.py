"""Agreement statistics: published worked examples, intervals, and inputs they must refuse."""

from __future__ import annotations

import dataclasses
import re

import pytest

from peerqa.stats.agreement import (
    MIN_UNITS_FOR_INTERVAL,
    GradeRecord,
    agreement_by_area,
    krippendorff_alpha,
    overall_agreement,
    pairwise_kappa,
    weighted_kappa,
)

N = None

# Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability", Annenberg School for
# Communication, section C: 4 observers x 12 units with missing values. The paper gives alpha =
# 0.743 (nominal) and 0.849 (interval) from 40 pairable values (unit 12 has one value, so 11
# units count). The ordinal value 0.815 on the same data is the one the krippendorff package's
# own tests and docstring assert.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
UNITS_2011 = [list(unit) for unit in zip(*KRIPPENDORFF_2011, strict=True)]

# The 'anxiety' data of the R package irr (20 subjects rated by 3 raters): raters 2 and 3. irr's
# kappa2(anxiety[, 2:3], "equal") = 0.1459075 and kappa2(anxiety[, 2:3], "squared") = 0.2520325,
# as quoted from R in statsmodels' test suite (statsmodels/stats/tests/test_inter_rater.py).
ANXIETY_2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
ANXIETY_3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]


def from_table(table: list[list[int]]) -> tuple[list[int | None], list[int | None]]:
    """Two raters' grades from a square confusion table (rows: first rater, grades from 1)."""
    first: list[int | None] = []
    second: list[int | None] = []
    for i, row in enumerate(table, start=1):
        for j, count in enumerate(row, start=1):
            first += [i] * count
            second += [j] * count
    return first, second


@pytest.mark.parametrize(
    ("level", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_alpha_reproduces_krippendorff_2011(level: str, published: float) -> None:
    result = krippendorff_alpha(UNITS_2011, level=level)  # type: ignore[arg-type]
    assert result.estimate == pytest.approx(published, abs=0.0005)
    assert (result.units, result.values) == (11, 40)
    assert result.method == f"alpha ({level})"


def test_alpha_reproduces_the_three_coder_example() -> None:
    # The 3 coders x 15 units example in the krippendorff package's docstring: nominal 0.691358,
    # interval 0.810845.
    coders = [
        [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
        [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
        [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
    ]
    units = [list(u) for u in zip(*coders, strict=True)]
    assert krippendorff_alpha(units, level="nominal").estimate == pytest.approx(0.691358, abs=1e-6)
    assert krippendorff_alpha(units, level="interval").estimate == pytest.approx(0.810845, abs=1e-6)


def test_alpha_does_not_depend_on_unused_grades_or_rater_order() -> None:
    plain = krippendorff_alpha(UNITS_2011).estimate
    assert krippendorff_alpha(UNITS_2011, scale=range(1, 8)).estimate == pytest.approx(plain)
    reordered = [list(reversed(unit)) for unit in UNITS_2011]
    assert krippendorff_alpha(reordered).estimate == pytest.approx(plain)


@pytest.mark.parametrize(
    ("weights", "published"), [("linear", 0.1459075), ("quadratic", 0.2520325)]
)
def test_weighted_kappa_reproduces_r_irr(weights: str, published: float) -> None:
    # irr drops a category nobody used (5 here) and spaces the others one step apart, so the
    # scale is the observed grades.
    result = weighted_kappa(
        ANXIETY_2,
        ANXIETY_3,
        weights=weights,  # type: ignore[arg-type]
        scale=[1, 2, 3, 4, 6],
        resamples=0,
    )
    assert result.estimate == pytest.approx(published, abs=1e-7)
    assert (result.units, result.values) == (20, 40)


def test_weighted_kappa_reproduces_sas_example() -> None:
    # SAS PROC FREQ's weighted kappa with Cicchetti-Allison (linear) weights for a 3 x 3 table:
    # 0.4701 (printout quoted in statsmodels' test_inter_rater.py).
    first, second = from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    assert weighted_kappa(first, second, weights="linear").estimate == pytest.approx(
        0.4701, abs=5e-5
    )


def test_kappa_with_two_grades_is_cohens_kappa() -> None:
    # Wikipedia's "Cohen's kappa" worked example: 50 proposals, both say yes to 20, both no to
    # 15, A yes and B no for 5, A no and B yes for 10: kappa = 0.4. With two categories the
    # weights change nothing.
    first, second = from_table([[20, 5], [10, 15]])
    for weights in ("linear", "quadratic"):
        result = weighted_kappa(first, second, weights=weights, resamples=0)
        assert result.estimate == pytest.approx(0.4)


def test_kappa_ignores_units_either_rater_left_blank() -> None:
    full = weighted_kappa(ANXIETY_2, ANXIETY_3, resamples=0)
    gappy = weighted_kappa([*ANXIETY_2, N, 2], [*ANXIETY_3, 3, N], resamples=0)
    assert gappy.estimate == pytest.approx(full.estimate)
    assert gappy.units == 20


def test_kappa_counts_distance_on_the_scale_not_between_grades_used() -> None:
    # Nobody used grade 3: on the 1-4 scale a 2 against a 4 is two steps apart, not one.
    first, second = [1, 2, 4, 1, 2, 4], [2, 4, 4, 1, 2, 2]
    on_scale = weighted_kappa(first, second, weights="linear", scale=[1, 2, 3, 4])
    assert on_scale.estimate == pytest.approx(
        weighted_kappa(first, second, weights="linear").estimate
    )
    squeezed = weighted_kappa(first, second, weights="linear", scale=[1, 2, 4])
    assert squeezed.estimate != pytest.approx(on_scale.estimate)


def test_pairwise_kappa_is_symmetric_and_matches_cohen_when_margins_match() -> None:
    first = [1, 2, 3, 4, 1, 2, 3, 3]
    second = [2, 1, 4, 3, 1, 2, 3, 3]  # the same grades overall, so the margins match
    units = [[a, b] for a, b in zip(first, second, strict=True)]
    pooled = pairwise_kappa(units).estimate
    assert pooled == pytest.approx(weighted_kappa(first, second).estimate)
    assert pairwise_kappa([[b, a] for a, b in units]).estimate == pytest.approx(pooled)


def test_pairwise_kappa_counts_every_grade_once() -> None:
    # A unit of three adds 6 ordered pairs weighted 1/2 each: as much as the 3 grades it holds.
    units: list[list[int | None]] = [[1, 1, 2], [2, 2, N], [3, 3, N], [3, 4, 4], [1, 2, N]]
    result = pairwise_kappa(units)
    assert (result.units, result.values) == (5, 12)
    assert result.estimate is not None
    assert -1 <= result.estimate <= 1


def test_interval_needs_enough_units() -> None:
    small = krippendorff_alpha(UNITS_2011)
    assert small.interval is None
    assert small.reason == f"only 11 units: an interval needs at least {MIN_UNITS_FOR_INTERVAL}"
    enough = krippendorff_alpha(UNITS_2011 * 2, resamples=200)
    assert enough.interval is not None
    low, high = enough.interval
    assert enough.estimate is not None
    assert low <= enough.estimate <= high
    assert enough.reason is None


def test_bootstrap_is_seeded() -> None:
    units = UNITS_2011 * 3
    one = krippendorff_alpha(units, resamples=200, seed=7)
    assert one == krippendorff_alpha(units, resamples=200, seed=7)
    assert one.interval != krippendorff_alpha(units, resamples=200, seed=8).interval
    kappa = weighted_kappa(ANXIETY_2, ANXIETY_3, resamples=100, seed=7)
    assert kappa == weighted_kappa(ANXIETY_2, ANXIETY_3, resamples=100, seed=7)
    assert kappa.interval is not None


def test_grouped_bootstrap_is_wider_when_units_move_together() -> None:
    # Each review repeats one area's grades five times: resampling areas as if independent
    # understates the uncertainty, resampling reviews does not.
    reviews = UNITS_2011 * 2
    units = [unit for unit in reviews for _ in range(5)]
    groups = [i for i in range(len(reviews)) for _ in range(5)]
    loose = krippendorff_alpha(units, resamples=300)
    grouped = krippendorff_alpha(units, groups=groups, resamples=300)
    assert loose.estimate == pytest.approx(grouped.estimate)
    assert loose.interval is not None
    assert grouped.interval is not None
    assert grouped.interval[1] - grouped.interval[0] > loose.interval[1] - loose.interval[0]


def test_interval_needs_enough_groups() -> None:
    units = UNITS_2011 * 5
    groups = [i % 12 for i in range(len(units))]
    result = krippendorff_alpha(units, groups=groups)
    assert result.estimate is not None
    assert result.interval is None
    # Group 11 holds only the unit with a single grade, so 11 groups count.
    assert result.reason == "only 11 groups (reviews): an interval needs at least 20"


def test_no_interval_when_not_asked() -> None:
    result = krippendorff_alpha(UNITS_2011 * 2, resamples=0)
    assert result.estimate is not None
    assert (result.interval, result.reason) == (None, "no interval was asked for")


def test_perfect_agreement_is_one() -> None:
    units = [[g, g, g] for g in (1, 2, 3, 4) * 6]
    assert krippendorff_alpha(units, resamples=50).estimate == pytest.approx(1.0)
    assert pairwise_kappa(units, resamples=50).estimate == pytest.approx(1.0)


def test_a_single_grade_everywhere_is_undefined_not_nan() -> None:
    # Everyone always agrees on grade 2: there is no variation to agree about, so alpha and
    # kappa are 0/0. The result says so, and no library warning escapes (warnings are errors).
    units = [[2, 2, N]] * 30
    for result in (
        krippendorff_alpha(units, scale=[1, 2, 3, 4]),
        krippendorff_alpha(units, level="nominal"),
        pairwise_kappa(units, scale=[1, 2, 3, 4]),
        weighted_kappa([2] * 30, [2] * 30, scale=[1, 2, 3, 4]),
    ):
        assert result.estimate is None
        assert result.interval is None
        assert result.reason is not None
        assert "same" in result.reason
        assert result.units == 30


def test_raters_who_never_overlap_give_no_estimate() -> None:
    result = krippendorff_alpha([[1, N], [N, 2], [3, N]])
    assert (result.estimate, result.units, result.values) == (None, 0, 0)
    assert result.reason == "no unit has grades from two raters"
    assert weighted_kappa([1, N], [N, 2]).estimate is None
    assert krippendorff_alpha([]).estimate is None


def test_fewer_than_two_raters_is_an_error() -> None:
    with pytest.raises(ValueError, match="agreement needs at least 2 raters; the data has 1 rater"):
        krippendorff_alpha([[1], [2], [3]])
    with pytest.raises(ValueError, match="at least 2 raters"):
        pairwise_kappa([[1], [2]])


def test_malformed_inputs_are_errors() -> None:
    with pytest.raises(ValueError, match=re.escape("got rows of lengths [2, 3]")):
        krippendorff_alpha([[1, 2], [1, 2, 3]])
    with pytest.raises(ValueError, match="got 3 and 2 grades"):
        weighted_kappa([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match=re.escape("grades [5] are not on the scale [1, 2, 3, 4]")):
        weighted_kappa([1, 5], [1, 2], scale=[1, 2, 3, 4])
    with pytest.raises(ValueError, match="each grade once, in order"):
        krippendorff_alpha([[1, 2]], scale=[2, 1])
    with pytest.raises(ValueError, match="groups has 1 labels for 2 units"):
        krippendorff_alpha([[1, 2], [2, 2]], groups=[1])


def records_from(units: list[list[int | None]], area_key: str) -> list[GradeRecord]:
    return [
        GradeRecord(review_id=r, area_key=area_key, rater_id=100 + c, grade=grade)
        for r, unit in enumerate(units, start=1)
        for c, grade in enumerate(unit)
        if grade is not None
    ]


def test_agreement_by_area_uses_each_review_as_a_unit() -> None:
    records = records_from(UNITS_2011, "achievement") + records_from(
        [[g, g] for g in (1, 2, 3, 4)], "inclusion"
    )
    result = agreement_by_area(records, resamples=0)
    assert list(result) == ["achievement", "inclusion"]
    achievement = result["achievement"]
    assert achievement.reviews == 12
    assert achievement.alpha.estimate == pytest.approx(0.815, abs=0.0005)
    assert (achievement.alpha.units, achievement.alpha.values) == (11, 40)
    assert achievement.kappa.estimate == pytest.approx(
        pairwise_kappa(UNITS_2011, resamples=0).estimate
    )
    assert result["inclusion"].alpha.estimate == pytest.approx(1.0)


def test_overall_agreement_pools_areas_and_resamples_reviews() -> None:
    records = records_from(UNITS_2011 * 2, "achievement") + records_from(
        UNITS_2011 * 2, "inclusion"
    )
    result = overall_agreement(records, resamples=100)
    assert result.area_key == "*"
    assert result.reviews == 24
    assert (result.alpha.units, result.alpha.values) == (44, 160)
    assert result.alpha.estimate == pytest.approx(
        krippendorff_alpha(UNITS_2011 * 4, resamples=0).estimate
    )
    assert result.alpha.interval is not None


def test_a_rater_graded_twice_is_an_error() -> None:
    record = GradeRecord(review_id=1, area_key="inclusion", rater_id=7, grade=2)
    with pytest.raises(ValueError, match="rater 7 has two grades for area 'inclusion' of review 1"):
        agreement_by_area([record, dataclasses.replace(record, grade=3)])
