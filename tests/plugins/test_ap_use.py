"""The AP-use plugin: off-rolling risk from real 2018/19 KS4 destinations, and every AP register
rule on hand-made placements (each broken alone), with the summary and moderation risks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from peerqa.plugins import ap_use
from peerqa.scoring import Comparison, GroupStats, PlacementSnapshot, ScoringInput
from peerqa.scoring.snapshots import frozen_map
from peerqa.testing import placement, review_snapshot, run_plugin, school_input

BLUECOAT_BEECHDALE = 140369
"""Bluecoat Beechdale Academy, Nottingham: 75% of 84 KS4 leavers in a sustained destination,
23% not sustained, 2% unknown."""
HAVERSTOCK = 100049
"""Haverstock School, Camden: 90% sustained, 9% not sustained, 1% unknown (199 leavers)."""
FINCH_WOODS = 141033
"""Finch Woods Academy, a special school: 8 of its 9 leavers' destinations not sustained."""
BUCKS_UTC = 139434
"""Buckinghamshire UTC: destinations, but too few similar schools with them to compare."""
PRIMARY = 100000
SIMILAR = "20 state-funded secondary schools with a similar intake"
AS_OF = date(2026, 11, 1)


def flags_for(*placements: PlacementSnapshot, **settings: Any) -> list[tuple[str, str]]:
    review = review_snapshot(placements=placements)
    out = run_plugin(ap_use, school_input(review=review), settings)
    return [(f.key, f.subject) for f in out.flags]


def destinations_input(
    *, percentile: float = 5.0, cohort: float | None = 120.0, non_mobile: float | None = None
) -> ScoringInput:
    """A secondary school whose sustained share sits at ``percentile`` of its similar group."""
    values: dict[str, float | None] = {
        "ks4_pct_sustained_destination": 80.0,
        "ks4_pct_destination_not_sustained": 15.0,
        "ks4_pct_destination_unknown": 5.0,
        "ks4_destinations_cohort": cohort,
    }
    stats = {"ks4_pct_sustained_destination": GroupStats(20, 94.0, 91.0, 96.0, percentile)}
    if non_mobile is not None:
        values["ks4_pct_non_mobile"] = non_mobile
        values["ks4_pupils"] = 130.0
        stats["ks4_pct_non_mobile"] = GroupStats(20, 92.0, 89.0, 95.0, 4.0)
    similar = Comparison("similar", SIMILAR, 20, frozen_map(stats))
    return school_input(year=2023, values=values, comparisons={"similar": similar})


# Off-rolling risk from real destinations ------------------------------------------------------


def test_high_share_without_a_sustained_destination_is_flagged(
    real_inputs: dict[int, ScoringInput],
) -> None:
    out = run_plugin(ap_use, real_inputs[BLUECOAT_BEECHDALE])
    assert [s.key for s in out.scores] == [
        "destinations_not_sustained_or_unknown",
        "destinations_not_sustained",
        "destinations_unknown",
    ]
    leaving = out.score("destinations_not_sustained_or_unknown")
    assert leaving.area == "inclusion"
    assert (leaving.value, leaving.band, leaving.year) == (25.0, "well_below", 2018)
    assert (leaving.comparison, leaving.comparison_value, leaving.national_value) == (
        SIMILAR,
        10.0,
        5.0,
    )
    assert dict(leaving.inputs) == {
        "ks4_pct_sustained_destination": 75.0,
        "ks4_destinations_cohort": 84.0,
        "national_median": 5.0,
        "national_percentile": 99.84,
        "similar_median": 10.0,
        "similar_percentile": 100.0,
    }
    assert leaving.explanation.startswith(
        "In the figures published for 2018/19, 25% of the 84 pupils who finished Year 11 were "
        "not recorded in a sustained education, apprenticeship or employment destination (not "
        "sustained or unknown); the national median is 5%, and this school is higher than 2879 "
        "of the 2884 schools of its type. Among 20 state-funded secondary schools with a "
        "similar intake the median is 10%, and this school is higher than 19 of the 19 with a "
        "published figure, so well below expected (among the highest in the group)."
    )
    unknown = out.score("destinations_unknown")
    assert (unknown.value, unknown.band, unknown.comparison_value) == (2.0, "in_line", 1.0)

    assert out.flag_keys() == ["off_rolling_risk"]
    flag = out.flags[0]
    assert flag.rule == (
        "Share of KS4 leavers without a sustained destination in the top 10% of similar schools"
    )
    assert (flag.severity, flag.area, flag.subject, flag.year) == ("medium", "inclusion", "", 2018)
    assert dict(flag.evidence) == {
        "year": 2018,
        "pct_without_sustained_destination": 25.0,
        "ks4_pct_sustained_destination": 75.0,
        "ks4_pct_destination_not_sustained": 23.0,
        "ks4_pct_destination_unknown": 2.0,
        "ks4_destinations_cohort": 84.0,
        "similar_group": SIMILAR,
        "similar_median": 10.0,
        "similar_percentile": 100.0,
        "similar_n": 19,
        "percentile_threshold": 90.0,
        "minimum_cohort": 20,
        "national_median": 5.0,
        "national_percentile": 99.84,
    }
    assert flag.explanation.startswith(
        "In the destination figures published for 2018/19, 25% of the 84 pupils who finished "
        "Year 11 had no sustained education, apprenticeship or employment destination (23% not "
        "sustained, 2% unknown)."
    )
    assert "This is a risk indicator to explore, not evidence of off-rolling" in flag.explanation
    assert "pupils who finished Year 11 in 2017" in flag.explanation


def test_typical_destinations_are_not_flagged(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(ap_use, real_inputs[HAVERSTOCK])
    leaving = out.score("destinations_not_sustained_or_unknown")
    assert (leaving.value, leaving.band, leaving.comparison_value) == (10.0, "in_line", 8.0)
    assert leaving.inputs["similar_percentile"] == 71.88
    assert out.score("destinations_not_sustained").band == "below"
    assert out.flags == []


def test_off_rolling_percentile_is_a_setting(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(ap_use, real_inputs[HAVERSTOCK], {"off_rolling_percentile": 70})
    assert out.flag_keys() == ["off_rolling_risk"]
    assert out.flags[0].rule.endswith("in the top 30% of similar schools")


def test_small_cohort_is_not_flagged_unless_the_setting_allows(
    real_inputs: dict[int, ScoringInput],
) -> None:
    inp = real_inputs[FINCH_WOODS]
    out = run_plugin(ap_use, inp)
    assert out.score("destinations_not_sustained_or_unknown").value == 89.0
    assert out.flags == []  # 9 leavers: one pupil is 11 percentage points
    allowed = run_plugin(ap_use, inp, {"off_rolling_min_cohort": 5})
    assert allowed.flag_keys() == ["off_rolling_risk"]
    assert allowed.flags[0].evidence["ks4_destinations_cohort"] == 9.0


def test_no_similar_group_gives_no_band_and_no_flag(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(ap_use, real_inputs[BUCKS_UTC])
    leaving = out.score("destinations_not_sustained_or_unknown")
    assert (leaving.value, leaving.band, leaving.comparison) == (8.0, None, "")
    assert leaving.national_value == 5.0
    assert "There is no group of similar schools to compare it with." in leaving.explanation
    assert out.flags == []


def test_no_destinations_gives_nothing(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(ap_use, real_inputs[PRIMARY])
    assert (out.scores, out.flags) == ([], [])
    # The 2018/19 files have no pupil-movement figure, so no school gets that indicator.
    assert "pupil_movement" not in [
        s.key for s in run_plugin(ap_use, real_inputs[BLUECOAT_BEECHDALE]).scores
    ]


def test_pupil_movement_is_context_beside_the_flag() -> None:
    out = run_plugin(ap_use, destinations_input(percentile=5.0, non_mobile=70.0))
    movement = out.score("pupil_movement")
    assert (movement.value, movement.band, movement.comparison_value) == (70.0, "well_below", 92.0)
    assert movement.inputs["ks4_pupils"] == 130.0
    assert "more pupil movement" in movement.explanation
    assert "it does not count pupils who left" in movement.explanation
    flag = out.flags[0]
    assert flag.evidence["ks4_pct_non_mobile"] == 70.0
    assert flag.evidence["movement_similar_median"] == 92.0
    assert flag.explanation.endswith(
        "Pupil movement (2023/24): 70% of the Year 11 group had joined before Year 10, against "
        "a similar-schools median of 92%. Many late joiners can also explain unknown "
        "destinations."
    )


def test_pupil_movement_alone_never_fires_the_flag() -> None:
    out = run_plugin(ap_use, destinations_input(percentile=60.0, non_mobile=70.0))
    assert out.score("pupil_movement").band == "well_below"
    assert out.flags == []


def test_missing_cohort_gives_no_flag() -> None:
    out = run_plugin(ap_use, destinations_input(cohort=None))
    assert out.score("destinations_not_sustained_or_unknown").band == "well_below"
    assert out.flags == []


# The AP register: one rule at a time ---------------------------------------------------------


def test_a_well_run_placement_fires_nothing() -> None:
    assert flags_for(placement()) == []


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"objectives_set": False}, "ap_no_objectives"),
        ({"success_criteria_set": False}, "ap_no_success_criteria"),
        ({"exit_plan": False}, "ap_no_exit_plan"),
        ({"last_reviewed_on": date(2026, 9, 10)}, "ap_not_reviewed"),
        ({"last_reviewed_on": None}, "ap_not_reviewed"),
        ({"planned_end_on": None}, "ap_open_ended"),
        ({"planned_end_on": date(2026, 10, 30)}, "ap_past_planned_end"),
        ({"planned_end_on": date(2027, 7, 20)}, "ap_long"),
        ({"registered_provider": False}, "ap_unregistered"),
        ({"full_time": True, "planned_end_on": date(2026, 11, 27)}, "ap_full_time_off_site"),
        ({"outcome": "left_education", "planned_end_on": date(2026, 10, 30)}, "ap_left_education"),
    ],
)
def test_each_rule_fires_alone(changes: dict[str, Any], key: str) -> None:
    assert flags_for(placement("AP-7", **changes)) == [(key, "AP-7")]


def test_flag_carries_the_placement_facts() -> None:
    review = review_snapshot(placements=[placement("AP-3", last_reviewed_on=date(2026, 9, 10))])
    flag = run_plugin(ap_use, school_input(review=review)).flags[0]
    assert flag.rule == "Placement not reviewed in the last half term"
    assert (flag.severity, flag.area, flag.subject) == ("medium", "inclusion", "AP-3")
    assert dict(flag.evidence) == {
        "reference": "AP-3",
        "last_reviewed_on": "2026-09-10",
        "started_on": "2026-09-07",
        "as_of": "2026-11-01",
        "days_since_review": 52,
        "limit_days": 49,
    }
    assert flag.explanation == (
        "Placement AP-3 was last reviewed on 10 September 2026, 52 days before 1 November 2026: "
        "more than 49 days (about a half term). Placements should be reviewed against their "
        "objectives at least half-termly."
    )


def test_review_interval_is_a_setting() -> None:
    late = placement(last_reviewed_on=date(2026, 9, 10))
    assert flags_for(late, review_max_days=60) == []


def test_a_new_placement_is_not_yet_due_a_review() -> None:
    new = placement(started_on=date(2026, 10, 20), last_reviewed_on=None)
    assert flags_for(new) == []


def test_never_reviewed_says_so() -> None:
    review = review_snapshot(placements=[placement(last_reviewed_on=None)])
    flag = run_plugin(ap_use, school_input(review=review)).flags[0]
    assert flag.evidence["last_reviewed_on"] is None
    assert flag.explanation.startswith(
        "Placement AP-1 has not been reviewed since it started on 7 September 2026, 55 days"
    )


def test_full_time_placements_have_a_shorter_limit() -> None:
    # 102 days: fine part time, too long full time.
    assert flags_for(placement(full_time=True)) == [
        ("ap_long", "AP-1"),
        ("ap_full_time_off_site", "AP-1"),
    ]
    review = review_snapshot(placements=[placement(full_time=True)])
    long = run_plugin(ap_use, school_input(review=review)).flags[0]
    assert long.rule == "Placement lasts longer than 84 days"
    assert dict(long.evidence) == {
        "reference": "AP-1",
        "started_on": "2026-09-07",
        "planned_end_on": "2026-12-18",
        "as_of": "2026-11-01",
        "full_time": True,
        "length_days": 102,
        "limit_days": 84,
    }
    assert flags_for(placement(full_time=True), long_full_time_days=110) == [
        ("ap_full_time_off_site", "AP-1")
    ]


def test_open_ended_placement_that_has_run_long_breaks_both_rules() -> None:
    old = placement(started_on=date(2025, 9, 8), planned_end_on=None)
    assert flags_for(old) == [("ap_open_ended", "AP-1"), ("ap_long", "AP-1")]


def test_unregistered_full_time_provision_is_high_severity() -> None:
    risky = placement("AP-9", registered_provider=False, full_time=True, planned_end_on=None)
    review = review_snapshot(placements=[risky], as_of=date(2026, 10, 1))
    out = run_plugin(ap_use, school_input(review=review))
    assert out.flag_keys() == ["ap_open_ended", "ap_unregistered", "ap_full_time_off_site"]
    unregistered = out.flags[1]
    assert unregistered.severity == "high"
    assert unregistered.rule == "Full-time placement with an unregistered provider"
    assert "may be an illegal school" in unregistered.explanation
    assert dict(unregistered.evidence) == {
        "reference": "AP-9",
        "registered_provider": False,
        "full_time": True,
    }
    assert [(r.key, r.area) for r in out.risks] == [("ap_high_severity_placements", "inclusion")]
    assert out.risks[0].reason == (
        "The AP register has 1 serious concern (AP-9: full-time placement with an unregistered "
        "provider)."
    )


def test_part_time_unregistered_provision_is_explained_differently() -> None:
    review = review_snapshot(placements=[placement(registered_provider=False)])
    flag = run_plugin(ap_use, school_input(review=review)).flags[0]
    assert flag.rule == "Placement with an unregistered provider"
    assert "no inspectorate inspects" in flag.explanation


def test_ended_placements_are_not_held_to_review_dates() -> None:
    ended = placement(
        outcome="reintegrated", planned_end_on=date(2026, 10, 2), last_reviewed_on=None
    )
    assert flags_for(ended) == []


def test_medium_flags_alone_are_no_moderation_risk() -> None:
    review = review_snapshot(placements=[placement(exit_plan=False, planned_end_on=None)])
    out = run_plugin(ap_use, school_input(review=review))
    assert out.flag_keys() == ["ap_no_exit_plan", "ap_open_ended"]
    assert out.risks == []


def test_off_rolling_flag_is_a_moderation_risk(real_inputs: dict[int, ScoringInput]) -> None:
    inp = replace(real_inputs[BLUECOAT_BEECHDALE], review=review_snapshot())
    out = run_plugin(ap_use, inp)
    assert [r.key for r in out.risks] == ["off_rolling_risk"]
    assert out.risks[0].reason == (
        "The school is flagged for off-rolling risk: share of KS4 leavers without a sustained "
        "destination in the top 10% of similar schools (25% against a similar-schools median "
        "of 10%). Check how the review explored where pupils went."
    )


# Summary -------------------------------------------------------------------------------------


def test_summary_counts_placements_and_problems() -> None:
    placements = [
        placement("AP-1"),
        placement("AP-2", exit_plan=False, planned_end_on=None),
        placement("AP-3", exit_plan=False, full_time=True, planned_end_on=date(2026, 11, 27)),
        placement("AP-4", outcome="reintegrated", registered_provider=False),
    ]
    out = run_plugin(ap_use, school_input(review=review_snapshot(placements=placements)))
    count = out.score("ap_placements")
    assert count.value == 4
    assert count.explanation == (
        "The review's AP register lists 4 placements (3 ongoing, 1 full time, 1 with an "
        "unregistered provider)."
    )
    share = out.score("ap_placements_with_concerns")
    assert share.value == 75.0
    assert dict(share.inputs) == {
        "placements": 4,
        "with_concerns": 3,
        "ap_full_time_off_site": 1,
        "ap_no_exit_plan": 2,
        "ap_open_ended": 1,
        "ap_unregistered": 1,
    }
    assert share.explanation == (
        "3 of the 4 placements (75%) break at least one rule: pupil is full time in off-site "
        "provision: 1 (25%); placement has no reintegration or exit plan: 2 (50%); placement "
        "has no planned end date: 1 (25%); placement with an unregistered provider: 1 (25%)."
    )


def test_empty_register() -> None:
    out = run_plugin(ap_use, school_input(review=review_snapshot()))
    assert [s.key for s in out.scores] == ["ap_placements"]
    assert out.score("ap_placements").value == 0
    assert (out.flags, out.risks) == ([], [])


def test_as_of_not_the_clock_decides() -> None:
    late = placement(last_reviewed_on=date(2026, 9, 10))
    early = review_snapshot(placements=[late], as_of=date(2026, 10, 1))
    assert run_plugin(ap_use, school_input(review=early)).flags == []
    later = review_snapshot(placements=[late], as_of=AS_OF)
    assert [f.key for f in run_plugin(ap_use, school_input(review=later)).flags] == [
        "ap_not_reviewed"
    ]
