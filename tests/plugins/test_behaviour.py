"""The behaviour plugin: absence on real 2018/19 schools, and the review parts (evidence coverage,
judgement consistency, moderation risks) on hand-made reviews."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from peerqa.plugins import behaviour
from peerqa.scoring import AreaSnapshot, Comparison, GroupStats, JudgementSnapshot, ScoringInput
from peerqa.scoring.snapshots import frozen_map
from peerqa.testing import NATIONAL_AREAS, review_snapshot, run_plugin, school_input

BUCKS_UTC = 139434
"""Buckinghamshire UTC: 14.9% of sessions missed, 51.2% persistently absent."""
BLUECOAT_BEECHDALE = 140369
"""Bluecoat Beechdale Academy, Nottingham: 61.5% FSM-ever, 12.6% persistently absent."""
HAVERSTOCK = 100049
"""Haverstock School, Camden: overall absence at exactly the 90th percentile of its group."""
INDEPENDENT = 100001
"""An independent school: in the census, not in the absence file."""
SIMILAR = "20 state-funded secondary schools with a similar intake"
AREA = "attendance_and_behaviour"


def judgement(kind: str, author: str, grade: str, area: str = AREA) -> JudgementSnapshot:
    return JudgementSnapshot(area=area, kind=kind, author=author, grade=grade)


def independents(*grades: str, area: str = AREA) -> list[JudgementSnapshot]:
    return [judgement("independent", f"reviewer-{i}", g, area) for i, g in enumerate(grades, 1)]


def absence_input(
    percentile: float = 95.0, *, year: int = 2025, n: int = 20, **kwargs: object
) -> ScoringInput:
    """A secondary school whose persistent absence sits at ``percentile`` of its group."""
    similar = Comparison(
        "similar",
        SIMILAR,
        20,
        frozen_map({"pct_persistent_absence": GroupStats(n, 15.0, 12.0, 18.0, percentile)}),
    )
    national = Comparison(
        "national",
        "all 3448 state-funded secondary schools in England",
        3448,
        frozen_map({"pct_persistent_absence": GroupStats(3387, 13.3, 10.0, 17.0, 90.0)}),
    )
    return school_input(
        year=year,
        values={"pct_persistent_absence": 24.0},
        comparisons={"similar": similar, "national": national},
        **kwargs,  # type: ignore[arg-type]
    )


# Published figures, real schools ------------------------------------------------------------


def test_high_persistent_absence_is_well_below_expected(
    real_inputs: dict[int, ScoringInput],
) -> None:
    out = run_plugin(behaviour, real_inputs[BUCKS_UTC])
    assert [s.key for s in out.scores] == ["absence", "persistent_absence"]
    score = out.score("persistent_absence")
    assert score.area == AREA
    assert score.value == 51.2
    assert score.band == "well_below"
    assert score.year == 2018
    assert score.comparison == SIMILAR
    assert score.comparison_value == 22.6
    assert score.national_value == 13.3
    assert dict(score.inputs) == {
        "pct_persistent_absence": 51.2,
        "national_median": 13.3,
        "national_percentile": 99.94,
        "similar_median": 22.6,
        "similar_percentile": 100.0,
    }
    assert score.explanation == (
        "In the figures published for 2018/19, 51.2% of pupils were persistently absent "
        "(missed 10% or more of sessions); the national median is 13.3%, and this school is "
        "higher than 3385 of the 3387 schools of its type. Among 20 state-funded secondary "
        "schools with a similar intake the median is 22.6%, and this school is higher than 19 "
        "of the 19 with a published figure, so well below expected (among the highest in the "
        "group). For absence lower is better, so a band below means worse than expected."
    )
    absence = out.score("absence")
    assert (absence.value, absence.band, absence.comparison_value) == (14.9, "well_below", 6.9)
    assert out.flags == []


def test_low_absence_for_its_intake_is_above_expected(
    real_inputs: dict[int, ScoringInput],
) -> None:
    out = run_plugin(behaviour, real_inputs[BLUECOAT_BEECHDALE])
    persistent = out.score("persistent_absence")
    assert (persistent.value, persistent.band) == (12.6, "well_above")
    assert (persistent.comparison_value, persistent.national_value) == (22.25, 13.3)
    assert "lower than 19 of the 20, so well above expected" in persistent.explanation
    absence = out.score("absence")
    assert (absence.value, absence.band, absence.comparison_value) == (5.5, "above", 7.65)
    # Near the national median, but well below its similar schools' absence.
    assert "higher than 1809 of the 3390 schools of its type" in absence.explanation


def test_band_cut_is_strict_and_a_setting(real_inputs: dict[int, ScoringInput]) -> None:
    inp = real_inputs[HAVERSTOCK]
    absence = run_plugin(behaviour, inp).score("absence")
    assert absence.inputs["similar_percentile"] == 90.0  # better than exactly 10% of the group
    assert absence.band == "below"
    moved = run_plugin(behaviour, inp, {"well_below_percentile": 11}).score("absence")
    assert moved.band == "well_below"


def test_no_absence_figures_gives_nothing(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(behaviour, real_inputs[INDEPENDENT])
    assert (out.scores, out.flags) == ([], [])


# Published figures, hand-made ----------------------------------------------------------------


def test_small_similar_group_gives_no_band() -> None:
    score = run_plugin(behaviour, absence_input(n=9)).score("persistent_absence")
    assert score.band is None
    assert score.comparison == ""
    assert score.comparison_value is None
    assert score.national_value == 13.3
    assert "There is no group of similar schools to compare it with." in score.explanation
    assert run_plugin(behaviour, absence_input(n=9), {"min_measure_group_size": 9}).score(
        "persistent_absence"
    ).band == ("well_below")


def test_suspensions_where_the_data_exist() -> None:
    out = run_plugin(
        behaviour, school_input(values={"pct_suspensions": 7.5, "pct_permanent_exclusions": None})
    )
    assert [s.key for s in out.scores] == ["suspensions"]
    score = out.score("suspensions")
    assert (score.value, score.band, score.national_value) == (7.5, None, None)
    assert score.explanation.startswith(
        "In the figures published for 2018/19, there were 7.5 suspensions per 100 pupils."
    )


def test_suppressed_figure_gives_nothing() -> None:
    out = run_plugin(behaviour, school_input(values={"pct_sessions_missed": float("nan")}))
    assert out.scores == []


# Evidence coverage -------------------------------------------------------------------------


def test_thin_and_narrow_behaviour_evidence_is_flagged() -> None:
    review = review_snapshot(evidence={AREA: {"lesson_visit": 3, "document": 0}})
    out = run_plugin(behaviour, school_input(review=review))
    assert out.flag_keys() == ["behaviour_evidence_thin", "behaviour_evidence_narrow"]
    thin, narrow = out.flags
    assert thin.rule == "Fewer than 6 pieces of evidence for attendance and behaviour"
    assert thin.severity == "medium"
    assert dict(thin.evidence) == {
        "pieces": 3,
        "kinds": ["lesson_visit"],
        "lesson_visit": 3,
        "minimum": 6,
    }
    assert narrow.severity == "low"
    assert "of 1 kind (lesson visit), fewer than 3" in narrow.explanation
    score = out.score("behaviour_evidence")
    assert score.value == 3
    assert score.explanation == (
        "The team recorded 3 pieces of evidence for attendance and behaviour, of 1 kind: "
        "3 lesson visits."
    )


def test_varied_behaviour_evidence_is_not_flagged() -> None:
    evidence = {AREA: {"lesson_visit": 4, "pupil_conversation": 2, "data": 1}}
    out = run_plugin(behaviour, school_input(review=review_snapshot(evidence=evidence)))
    assert out.flags == []
    score = out.score("behaviour_evidence")
    assert score.value == 7
    assert score.explanation == (
        "The team recorded 7 pieces of evidence for attendance and behaviour, of 3 kinds: "
        "1 piece of data, 4 lesson visits, 2 pupil conversations."
    )
    assert dict(score.inputs) == {"lesson_visit": 4, "pupil_conversation": 2, "data": 1}


def test_evidence_thresholds_are_settings() -> None:
    evidence = {AREA: {"lesson_visit": 4, "pupil_conversation": 2, "data": 1}}
    inp = school_input(review=review_snapshot(evidence=evidence))
    out = run_plugin(behaviour, inp, {"evidence_min_pieces": 8, "evidence_min_kinds": 4})
    assert out.flag_keys() == ["behaviour_evidence_thin", "behaviour_evidence_narrow"]


def test_framework_without_the_area_is_skipped() -> None:
    areas = (AreaSnapshot("enquiry", "Enquiry question", "narrative"),)
    review = review_snapshot(areas=areas, judgements=independents("exceptional"))
    out = run_plugin(behaviour, school_input(review=review))
    assert (out.scores, out.flags, out.risks) == ([], [], [])


# Judgement consistency ---------------------------------------------------------------------


def test_spread_of_independent_grades_is_a_moderation_risk() -> None:
    judgements = [
        *independents("strong_standard", "expected_standard", "needs_attention"),
        *independents("exceptional", "expected_standard", area="achievement"),
        *independents("expected_standard", "strong_standard", area="inclusion"),
    ]
    out = run_plugin(behaviour, school_input(review=review_snapshot(judgements=judgements)))
    spread = out.score("independent_spread")
    assert spread.value == 2
    assert spread.explanation == (
        "The 3 reviewers' independent grades for attendance and behaviour are 2 grade steps "
        "apart (from Strong standard to Needs attention). 0 means they all agreed before the "
        "consensus."
    )
    assert dict(spread.inputs) == {
        "reviewer-1": "strong_standard",
        "reviewer-2": "expected_standard",
        "reviewer-3": "needs_attention",
    }
    widest = out.score("independent_spread_all_areas")
    assert widest.value == 2
    assert dict(widest.inputs) == {"inclusion": 1, "achievement": 2, AREA: 2}
    assert "(achievement, attendance and behaviour)" in widest.explanation
    assert [(r.key, r.area) for r in out.risks] == [
        ("independent_spread_achievement", "achievement"),
        ("independent_spread_attendance_and_behaviour", AREA),
    ]
    assert out.risks[1].reason == (
        "Reviewers' independent grades for attendance and behaviour are 2 grade steps apart "
        "(from Strong standard to Needs attention): check how the team reached its consensus."
    )


def test_close_independent_grades_are_no_risk() -> None:
    judgements = independents("strong_standard", "expected_standard")
    out = run_plugin(behaviour, school_input(review=review_snapshot(judgements=judgements)))
    assert out.score("independent_spread").value == 1
    assert out.risks == []
    wider = run_plugin(
        behaviour,
        school_input(review=review_snapshot(judgements=judgements)),
        {"spread_risk_steps": 1},
    )
    assert [r.key for r in wider.risks] == ["independent_spread_attendance_and_behaviour"]


def test_one_independent_grade_has_no_spread() -> None:
    review = review_snapshot(judgements=independents("strong_standard"))
    out = run_plugin(behaviour, school_input(review=review))
    assert [s.key for s in out.scores] == ["behaviour_evidence"]


def test_consensus_against_self_evaluation() -> None:
    judgements = [
        judgement("self_evaluation", "host", "exceptional"),
        judgement("consensus", "lead", "expected_standard"),
    ]
    out = run_plugin(behaviour, school_input(review=review_snapshot(judgements=judgements)))
    score = out.score("consensus_vs_self_evaluation")
    assert score.value == -2
    assert score.explanation == (
        "The team's consensus for attendance and behaviour (Expected standard) is 2 grade steps "
        "less favourable than the school's self-evaluation (Exceptional). A positive number "
        "means the consensus is kinder."
    )
    assert out.risks == []  # a harsher consensus than the school's own view is no risk here


def test_consensus_kinder_than_the_data_is_a_moderation_risk(
    real_inputs: dict[int, ScoringInput],
) -> None:
    review = review_snapshot(
        judgements=[judgement("consensus", "lead", "strong_standard")], as_of=date(2019, 11, 1)
    )
    out = run_plugin(behaviour, replace(real_inputs[BUCKS_UTC], review=review))
    score = out.score("consensus_vs_data")
    assert score.value == 3
    assert score.year == 2018
    assert score.explanation == (
        "The team's consensus for attendance and behaviour (Strong standard) is 3 grade steps "
        "kinder than the published figures suggest (Urgent improvement: overall absence of "
        "14.9% in 2018/19 is well below expected against similar schools). A positive number "
        "means the consensus is kinder."
    )
    assert [r.key for r in out.risks] == ["consensus_kinder_than_data"]
    assert out.risks[0].area == AREA
    assert out.risks[0].reason == (
        "The consensus for attendance and behaviour (Strong standard) is 3 grade steps kinder "
        "than the published figures suggest (Urgent improvement: overall absence of 14.9% in "
        "2018/19 is well below expected against similar schools)."
    )


def test_consensus_in_line_with_the_data_is_no_risk(
    real_inputs: dict[int, ScoringInput],
) -> None:
    review = review_snapshot(
        judgements=[judgement("consensus", "lead", "needs_attention")], as_of=date(2019, 11, 1)
    )
    out = run_plugin(behaviour, replace(real_inputs[BUCKS_UTC], review=review))
    assert out.score("consensus_vs_data").value == 1
    assert out.risks == []


def test_stale_figures_are_not_held_against_the_consensus(
    real_inputs: dict[int, ScoringInput],
) -> None:
    review = review_snapshot(judgements=[judgement("consensus", "lead", "strong_standard")])
    inp = replace(real_inputs[BUCKS_UTC], review=review)  # reviewed in 2026/27, figures 2018/19
    out = run_plugin(behaviour, inp)
    assert "consensus_vs_data" not in [s.key for s in out.scores]
    assert out.risks == []
    kept = run_plugin(behaviour, inp, {"data_max_age_years": 8})
    assert [r.key for r in kept.risks] == ["consensus_kinder_than_data"]


def test_kinder_than_data_threshold_is_a_setting() -> None:
    review = review_snapshot(judgements=[judgement("consensus", "lead", "expected_standard")])
    inp = absence_input(97.0, review=review)  # well below expected: urgent improvement
    assert run_plugin(behaviour, inp).score("consensus_vs_data").value == 2
    assert [r.key for r in run_plugin(behaviour, inp).risks] == ["consensus_kinder_than_data"]
    assert run_plugin(behaviour, inp, {"kinder_than_data_steps": 3}).risks == []


@pytest.mark.parametrize(
    ("percentile", "suggested"),
    [(5.0, "exceptional"), (20.0, "strong_standard"), (50.0, "expected_standard")],
)
def test_data_band_maps_onto_the_grade_scale(percentile: float, suggested: str) -> None:
    review = review_snapshot(judgements=[judgement("consensus", "lead", "expected_standard")])
    score = run_plugin(behaviour, absence_input(percentile, review=review)).score(
        "consensus_vs_data"
    )
    assert score.inputs["compared_with"] == suggested.replace("_", " ").capitalize()


def test_safeguarding_is_not_counted_as_a_graded_spread() -> None:
    met = [
        JudgementSnapshot(area="safeguarding", kind="independent", author="reviewer-1", met=True),
        JudgementSnapshot(area="safeguarding", kind="independent", author="reviewer-2", met=False),
    ]
    out = run_plugin(behaviour, school_input(review=review_snapshot(judgements=met)))
    assert out.risks == []
    assert [a.key for a in NATIONAL_AREAS if a.kind == "met_not_met"] == ["safeguarding"]
