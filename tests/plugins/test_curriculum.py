"""The curriculum plugin: KS4 measures and the achievement band on real 2018/19 schools, and the
review parts (evidence coverage, moderation risk) on hand-made inputs."""

from __future__ import annotations

import pytest

from peerqa.plugins import curriculum
from peerqa.scoring import (
    AreaSnapshot,
    Comparison,
    GradeSnapshot,
    GroupStats,
    JudgementSnapshot,
    ScoringInput,
)
from peerqa.scoring.snapshots import frozen_map
from peerqa.testing import NATIONAL_AREAS, review_snapshot, run_plugin, school_input

UCL_ACADEMY = 137181
HARROP_FOLD = 133351
"""Harrop Fold School, Salford: 66% FSM-ever, Progress 8 -1.37."""
UNITY_CITY = 133768
"""Unity City Academy, Middlesbrough: 77% FSM-ever, low Attainment 8, typical Progress 8."""
ALCESTER_GRAMMAR = 136622
"""Alcester Grammar School: Progress 8 above the national median, low among its neighbours."""
ATRIUM_STUDIO = 142124
"""Atrium Studio School: 30 pupils at KS4, so a wide confidence interval."""
PRIMARY = 100000
DISADVANTAGE_TITLE = (
    "50 state-funded secondary schools with the most similar share of disadvantaged pupils "
    "(FSM-ever)"
)


def band_input(
    percentile: float,
    *,
    progress8: float = -0.6,
    ci: tuple[float, float] | None = (-0.8, -0.4),
    median: float = -0.1,
    n: int = 50,
    **kwargs: object,
) -> ScoringInput:
    """A secondary school with Progress 8 at ``percentile`` of its disadvantage group."""
    values: dict[str, float | None] = {"progress8": progress8}
    if ci is not None:
        values["progress8_lower_ci"], values["progress8_upper_ci"] = ci
    group = Comparison(
        "disadvantage",
        DISADVANTAGE_TITLE,
        50,
        frozen_map({"progress8": GroupStats(n, median, median - 0.3, median + 0.3, percentile)}),
    )
    return school_input(values=values, comparisons={"disadvantage": group}, **kwargs)  # type: ignore[arg-type]


def consensus(grade: str, area: str = "achievement") -> JudgementSnapshot:
    return JudgementSnapshot(area=area, kind="consensus", author="lead", grade=grade)


# --- published measures and the achievement band on real schools --------------------------


def test_ucl_academy_measures(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(curriculum, real_inputs[UCL_ACADEMY])

    a8 = out.score("attainment8")
    assert (a8.area, a8.value, a8.band, a8.year) == ("achievement", 50.0, "above", 2018)
    assert (a8.national_value, a8.comparison_value) == (46.1, 44.85)
    assert a8.comparison == "20 state-funded secondary schools with a similar intake"
    assert a8.explanation == (
        "Attainment 8 was 50.0 in 2018/19; the national median is 46.1. Among the state-funded "
        "secondary schools with a similar intake the median is 44.9, and this school is higher "
        "than 18 of the 20: above similar schools."
    )

    p8 = out.score("progress8")
    assert (p8.value, p8.band, p8.national_value) == (0.09, "in_line", -0.02)
    assert "Progress 8 was +0.09 in 2018/19 (95% confidence interval -0.10 to +0.29)" in (
        p8.explanation
    )
    assert p8.inputs["progress8_lower_ci"] == -0.1

    ebacc = out.score("ebacc_entry")
    assert (ebacc.area, ebacc.value, ebacc.national_value) == (
        "curriculum_and_teaching",
        67.3,
        35.9,
    )
    assert out.score("ebacc_aps").value == 4.6
    assert out.score("english_maths_grade4").value == 70.8
    assert out.score("english_maths_grade5").value == 46.8
    assert out.flags == []


def test_ucl_academy_achievement_band(real_inputs: dict[int, ScoringInput]) -> None:
    band = run_plugin(curriculum, real_inputs[UCL_ACADEMY]).score("achievement_band")

    assert band.area == "achievement"
    assert band.band == "above"
    assert band.value == 0.09
    assert band.comparison_value == -0.32
    assert band.national_value == -0.02
    assert band.comparison == DISADVANTAGE_TITLE
    assert band.inputs["group_percentile"] == 81.25
    assert band.inputs["group_schools_with_progress8"] == 48
    assert band.explanation == (
        "Progress 8 of +0.09 in 2018/19 is higher than 39 of the 48 state-funded secondary "
        "schools with the most similar share of disadvantaged pupils (FSM-ever) that have a "
        "published figure, whose median is -0.32 (national median -0.02). Its 95% confidence "
        "interval is -0.10 to +0.29, wholly above the group's median. Achievement is above what "
        "schools with a similar share of disadvantaged pupils achieve."
    )


def test_well_below_expected(real_inputs: dict[int, ScoringInput]) -> None:
    band = run_plugin(curriculum, real_inputs[HARROP_FOLD]).score("achievement_band")

    assert band.band == "well_below"
    assert band.value == -1.37
    assert band.inputs["group_percentile"] < 10
    assert "Its 95% confidence interval is -1.56 to -1.18, wholly below the group's median" in (
        band.explanation
    )
    assert band.explanation.endswith(
        "Achievement is well below what schools with a similar share of disadvantaged pupils "
        "achieve."
    )


def test_low_attainment_is_not_read_as_low_achievement(
    real_inputs: dict[int, ScoringInput],
) -> None:
    inp = real_inputs[UNITY_CITY]
    out = run_plugin(curriculum, inp)

    a8 = out.score("attainment8")
    assert a8.value == 34.9
    # Raw attainment puts it in the lowest 30% nationally (the rule the fairness benchmark uses)
    year = inp.year(2018)
    assert year is not None
    assert year.comparisons["national"].of("attainment8").percentile < 30  # type: ignore[union-attr]
    # ...but its pupils made progress typical of schools serving as many disadvantaged pupils.
    assert out.score("achievement_band").band == "in_line"
    assert "which includes the group's median" in out.score("achievement_band").explanation


def test_context_aware_expectation_can_be_higher(real_inputs: dict[int, ScoringInput]) -> None:
    band = run_plugin(curriculum, real_inputs[ALCESTER_GRAMMAR]).score("achievement_band")

    assert band.value == 0.27
    assert band.national_value is not None
    assert band.value > band.national_value
    assert band.band == "well_below"
    assert band.explanation.endswith(
        "Its Progress 8 is at or above the national median: the expectation here is set by "
        "schools with a similar intake, whose results are higher."
    )


def test_interval_reaching_the_median_keeps_a_school_out_of_well_below(
    real_inputs: dict[int, ScoringInput],
) -> None:
    inp = real_inputs[ATRIUM_STUDIO]
    band = run_plugin(curriculum, inp).score("achievement_band")

    assert band.inputs["group_percentile"] < 10
    assert band.band == "below"
    assert "-0.94 to +0.03, which includes the group's median" in band.explanation
    assert "rather than well below" in band.explanation

    without = run_plugin(curriculum, inp, settings={"confidence_interval_must_clear_median": False})
    assert without.score("achievement_band").band == "well_below"


def test_small_similar_group_gives_no_band(real_inputs: dict[int, ScoringInput]) -> None:
    a8 = run_plugin(curriculum, real_inputs[ATRIUM_STUDIO]).score("attainment8")

    assert a8.band is None
    assert a8.comparison_value == 37.95
    assert a8.explanation.endswith(
        "higher than 8 of the 8, too few (under 10) to place it in a band."
    )


def test_primary_school_has_no_ks2_indicators(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(curriculum, real_inputs[PRIMARY])
    assert out.scores == []
    assert out.flags == []


# --- the band on hand-made inputs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("percentile", "expected"),
    [
        (95.0, "well_above"),
        (80.0, "above"),
        (50.0, "in_line"),
        (20.0, "below"),
        (5.0, "well_below"),
    ],
)
def test_band_cut_offs(percentile: float, expected: str) -> None:
    high = percentile > 50
    inp = band_input(
        percentile,
        progress8=0.5 if high else -0.6,
        ci=(0.2, 0.8) if high else (-0.8, -0.4),
    )
    assert run_plugin(curriculum, inp).score("achievement_band").band == expected


def test_settings_change_the_cut_off() -> None:
    inp = band_input(12.0)
    assert run_plugin(curriculum, inp).score("achievement_band").band == "below"
    moved = run_plugin(curriculum, inp, settings={"well_below_percentile": 15})
    assert moved.score("achievement_band").band == "well_below"


def test_no_interval_published_is_not_well_below() -> None:
    band = run_plugin(curriculum, band_input(5.0, ci=None)).score("achievement_band")
    assert band.band == "below"
    assert "No confidence interval was published." in band.explanation


def test_group_too_small_gives_no_band() -> None:
    inp = band_input(5.0, n=12)
    assert "achievement_band" not in {s.key for s in run_plugin(curriculum, inp).scores}
    smaller = run_plugin(curriculum, inp, settings={"min_group_size": 10})
    assert smaller.score("achievement_band").band == "well_below"


def test_missing_data_gives_nothing() -> None:
    assert run_plugin(curriculum, school_input(values={})).scores == []
    assert run_plugin(curriculum, school_input(values={"progress8": None})).scores == []


def test_measure_without_groups() -> None:
    out = run_plugin(curriculum, school_input(values={"progress8": -0.2}))

    p8 = out.score("progress8")
    assert (p8.band, p8.comparison, p8.national_value) == (None, "", None)
    assert p8.explanation == (
        "Progress 8 was -0.20 in 2018/19. There is no group of similar schools to compare it with."
    )
    assert "achievement_band" not in {s.key for s in out.scores}


# --- reviews: evidence coverage -----------------------------------------------------------------


def test_evidence_counts_and_a_flag_for_thin_evidence() -> None:
    review = review_snapshot(
        evidence={
            "curriculum_and_teaching": {"lesson_visit": 3, "work_scrutiny": 1, "document": 1},
            "achievement": {"document": 1, "data": 1},
        }
    )
    out = run_plugin(curriculum, school_input(values={}, review=review))

    teaching = out.score("evidence_curriculum_and_teaching")
    assert (teaching.area, teaching.value, teaching.band) == ("curriculum_and_teaching", 5.0, None)
    assert teaching.explanation == (
        "The team recorded 5 pieces of evidence for curriculum and teaching: 3 lesson visits, "
        "1 work scrutiny and 1 document."
    )
    assert dict(teaching.inputs) == {"lesson_visit": 3, "work_scrutiny": 1, "document": 1}
    assert out.score("evidence_achievement").value == 2.0

    assert out.flag_keys() == ["little_evidence_achievement"]
    flag = out.flags[0]
    assert flag.rule == "Fewer than 3 pieces of evidence for an area"
    assert flag.severity == "medium"
    assert flag.area == "achievement"
    assert flag.evidence["first_hand"] == 0
    assert flag.explanation.startswith(
        "The judgement on achievement rests on 2 pieces of evidence (1 document and 1 piece of "
        "data). None of it is first hand (lesson visits or work scrutinies)."
    )


def test_no_evidence_is_a_high_severity_flag() -> None:
    out = run_plugin(curriculum, school_input(values={}, review=review_snapshot()))

    assert out.score("evidence_achievement").explanation == (
        "The team recorded no evidence for achievement."
    )
    assert out.flag_keys() == [
        "little_evidence_curriculum_and_teaching",
        "little_evidence_achievement",
    ]
    assert {f.severity for f in out.flags} == {"high"}
    assert {f.rule for f in out.flags} == {"No evidence recorded for an area"}


def test_plenty_of_evidence_none_first_hand() -> None:
    review = review_snapshot(evidence={"curriculum_and_teaching": {"document": 4, "data": 2}})
    out = run_plugin(curriculum, school_input(values={}, review=review))

    teaching = [f for f in out.flags if f.area == "curriculum_and_teaching"]
    assert [f.rule for f in teaching] == ["No lesson visits or work scrutinies for an area"]


def test_evidence_settings() -> None:
    review = review_snapshot(
        evidence={
            "curriculum_and_teaching": {"lesson_visit": 4},
            "achievement": {"work_scrutiny": 3},
        }
    )
    inp = school_input(values={}, review=review)
    assert run_plugin(curriculum, inp).flags == []

    stricter = run_plugin(curriculum, inp, settings={"min_evidence": 4})
    assert stricter.flag_keys() == ["little_evidence_achievement"]
    lessons_only = run_plugin(curriculum, inp, settings={"first_hand_kinds": ["lesson_visit"]})
    assert lessons_only.flag_keys() == ["little_evidence_achievement"]
    assert lessons_only.flags[0].rule == "No lesson visits for an area"


def test_framework_without_these_areas_is_skipped() -> None:
    areas = (AreaSnapshot("leadership", "Leadership", "graded"),)
    out = run_plugin(curriculum, school_input(values={}, review=review_snapshot(areas=areas)))
    assert (out.scores, out.flags, out.risks) == ([], [], [])


def test_no_flags_without_a_review() -> None:
    assert run_plugin(curriculum, band_input(5.0)).flags == []


# --- reviews: moderation risk -----------------------------------------------------------------


def test_consensus_far_from_the_band_is_a_moderation_risk() -> None:
    review = review_snapshot(judgements=[consensus("exceptional")])
    out = run_plugin(curriculum, band_input(5.0, review=review))

    assert out.score("achievement_band").band == "well_below"
    assert len(out.risks) == 1
    risk = out.risks[0]
    assert (risk.key, risk.area) == ("achievement_far_from_data", "achievement")
    assert risk.reason == (
        "The consensus grade for achievement is Exceptional, 4 grade steps from Urgent "
        "improvement, which the achievement band suggests: Progress 8 of -0.60 is lower than 47 "
        "of the 50 state-funded secondary schools with the most similar share of disadvantaged "
        "pupils (FSM-ever), well below what they achieve. Check the evidence behind the grade."
    )


@pytest.mark.parametrize(
    ("grade", "risky"),
    [
        ("exceptional", True),
        ("strong_standard", True),
        ("expected_standard", True),
        ("needs_attention", False),
        ("urgent_improvement", False),
    ],
)
def test_two_grade_steps_is_far(grade: str, risky: bool) -> None:
    review = review_snapshot(judgements=[consensus(grade)])
    assert bool(run_plugin(curriculum, band_input(5.0, review=review)).risks) is risky


def test_grade_steps_setting() -> None:
    review = review_snapshot(judgements=[consensus("expected_standard")])
    inp = band_input(5.0, review=review)
    assert run_plugin(curriculum, inp, settings={"moderation_grade_steps": 3}).risks == []


def test_in_line_band_against_either_end_of_the_scale() -> None:
    for grade in ("exceptional", "urgent_improvement"):
        review = review_snapshot(judgements=[consensus(grade)])
        inp = band_input(50.0, progress8=-0.1, ci=(-0.3, 0.1), review=review)
        assert [r.key for r in run_plugin(curriculum, inp).risks] == ["achievement_far_from_data"]


def test_four_point_scale() -> None:
    grades = (
        GradeSnapshot("leading", "Leading", 1),
        GradeSnapshot("effective", "Effective", 2),
        GradeSnapshot("working_towards_effective", "Working towards effective", 3),
        GradeSnapshot("ineffective", "Ineffective", 4),
    )
    areas = (AreaSnapshot("achievement", "Achievement", "graded"),)
    review = review_snapshot(grades=grades, areas=areas, judgements=[consensus("leading")])
    risks = run_plugin(curriculum, band_input(5.0, review=review)).risks
    assert len(risks) == 1
    assert "Leading, 3 grade steps from Ineffective" in risks[0].reason


def test_no_risk_without_a_consensus_or_a_band() -> None:
    independent = JudgementSnapshot("achievement", "independent", "reviewer-1", "exceptional")
    review = review_snapshot(judgements=[independent])
    assert run_plugin(curriculum, band_input(5.0, review=review)).risks == []

    review = review_snapshot(judgements=[consensus("exceptional")])
    assert run_plugin(curriculum, school_input(values={}, review=review)).risks == []


def test_narrative_achievement_area_is_not_compared() -> None:
    areas = (*NATIONAL_AREAS[:2], AreaSnapshot("achievement", "Achievement", "narrative"))
    review = review_snapshot(areas=areas, judgements=[consensus("exceptional")])
    assert run_plugin(curriculum, band_input(5.0, review=review)).risks == []


def test_settings_are_json_defaults() -> None:
    defaults = curriculum.peerqa_settings()
    assert defaults["well_below_percentile"] == 10
    assert defaults["band_group"] == "disadvantage"
    assert defaults["moderation_grade_steps"] == 2
    defaults["first_hand_kinds"].append("document")
    assert curriculum.peerqa_settings()["first_hand_kinds"] == ["lesson_visit", "work_scrutiny"]
    assert curriculum.__version__ == "1.0.0"
