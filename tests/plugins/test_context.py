"""The context plugin: real 2018/19 schools, and hand-made inputs for the edge cases."""

from __future__ import annotations

import pytest

from peerqa.plugins import context
from peerqa.scoring import BANDS, Comparison, GroupStats, ScoringInput
from peerqa.scoring.snapshots import frozen_map
from peerqa.testing import run_plugin, school_input

UCL_ACADEMY = 137181
PRIMARY = 100000
"""A Camden primary school (City of London LA 201 in the census)."""
INDEPENDENT = 100001
"""An independent school: the census publishes no FSM or EAL figures for it."""


def national(measure: str, percentile: float, median: float = 20.0) -> Comparison:
    stats = GroupStats(3000, median, median - 5, median + 5, percentile)
    return Comparison(
        "national",
        "all 3001 state-funded secondary schools in England",
        3001,
        frozen_map({measure: stats}),
    )


def test_ucl_academy_poverty_and_need(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(context, real_inputs[UCL_ACADEMY])

    fsm = out.score("fsm_ever")
    assert fsm.area == "context"
    assert fsm.value == 61.8
    assert fsm.band == "well_above"
    assert fsm.year == 2018
    assert fsm.national_value == 26.1
    assert fsm.comparison == "20 state-funded secondary schools with a similar intake"
    assert fsm.comparison_value == 60.0
    assert fsm.inputs["pct_fsm_ever"] == 61.8
    assert fsm.inputs["national_percentile"] == pytest.approx(97.3)
    assert fsm.explanation.startswith(
        "61.8% of pupils have been eligible for free school meals at some point in the last six "
        "years (FSM-ever), well above the national median of 26.1% for state-funded secondary "
        "schools (higher than 97% of them)."
    )
    assert "similar intake is 60.0%; this school is above 14 of them." in fsm.explanation

    assert (out.score("sen_ehcp").value, out.score("sen_ehcp").band) == (4.0, "well_above")
    assert (out.score("sen_support").value, out.score("sen_support").band) == (8.9, "in_line")
    assert (out.score("eal").value, out.score("eal").band) == (49.7, "well_above")
    assert out.score("eal").national_value == 7.8


def test_ucl_academy_size_and_budget(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(context, real_inputs[UCL_ACADEMY])

    pupils = out.score("pupils")
    assert (pupils.value, pupils.band, pupils.national_value) == (1133.0, "in_line", 958.0)
    assert pupils.explanation.startswith("1,133 pupils are on roll, close to the national median")

    ratio = out.score("pupil_teacher_ratio")
    assert (ratio.value, ratio.band, ratio.national_value) == (13.1, "well_below", 15.9)

    premium = out.score("pupil_premium")
    assert premium.value == 576
    assert premium.band is None
    assert premium.inputs["pp_pupils_eligible"] == 536
    assert premium.inputs["pp_pct_eligible"] == 61.6
    assert "£501,160, £576 for each of the 870 pupils" in premium.explanation
    assert "536 of them (61.6%) are eligible" in premium.explanation


def test_ucl_academy_summary(real_inputs: dict[int, ScoringInput]) -> None:
    summary = run_plugin(context, real_inputs[UCL_ACADEMY]).score("context_summary")

    assert summary.explanation.startswith(
        "An average-sized secondary school (1,133 pupils) where 62% of pupils have been eligible "
        "for free school meals in the last six years, well above the national median of 26%. "
        "4.0% of pupils have an EHC plan, well above the national median of 1.5%; "
        "8.9% receive SEN support, close to the national median of 11%; "
        "50% speak English as an additional language, well above the national median of 7.8%. "
        "The pupil premium brings £576 a pupil and there are 13.1 pupils for every teacher "
        "(national median 15.9)."
    )
    assert summary.comparison == "20 state-funded secondary schools with a similar intake"
    assert summary.value is None
    assert summary.band is None
    assert summary.inputs["fsm_ever"] == 61.8


def test_primary_school(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(context, real_inputs[PRIMARY])

    assert out.score("fsm_ever").value == 16.2
    assert out.score("fsm_ever").band == "in_line"
    assert "for state-funded primary schools" in out.score("fsm_ever").explanation
    assert out.score("context_summary").explanation.startswith(
        "An average-sized primary school (285 pupils) where 16% of pupils"
    )


def test_independent_school_without_fsm_figures(real_inputs: dict[int, ScoringInput]) -> None:
    out = run_plugin(context, real_inputs[INDEPENDENT])

    keys = {s.key for s in out.scores}
    assert "fsm_ever" not in keys
    assert "eal" not in keys
    assert "pupil_premium" not in keys
    assert out.score("pupils").value == 752
    assert out.score("context_summary").explanation.startswith(
        "A very large independent school (752 pupils); its free school meals figure is not "
        "published."
    )


def test_every_real_school_gives_valid_results(real_inputs: dict[int, ScoringInput]) -> None:
    for urn in sorted(real_inputs)[::25]:
        out = run_plugin(context, real_inputs[urn])
        for score in out.scores:
            assert score.area == "context"
            assert score.band is None or score.band in BANDS
        assert out.flags == []


def test_missing_data_gives_nothing() -> None:
    assert run_plugin(context, school_input(values={})).scores == []
    assert run_plugin(context, school_input(values={"pct_fsm_ever": None})).scores == []


def test_figure_without_comparison_groups() -> None:
    out = run_plugin(context, school_input(values={"pct_fsm_ever": 40.0}))

    fsm = out.score("fsm_ever")
    assert fsm.band is None
    assert fsm.national_value is None
    assert fsm.comparison == ""
    assert fsm.explanation.endswith("there is no national figure to compare it with.")
    assert out.score("context_summary").explanation == (
        "A secondary school where 40% of pupils have been eligible for free school meals in the "
        "last six years."
    )


def test_pupil_premium_needs_pupils_on_roll() -> None:
    values = {"pp_allocation_gbp": 1000.0, "pp_pupils_on_roll": 0.0, "pp_pupils_eligible": 1.0}
    assert run_plugin(context, school_input(values=values)).scores == []


def test_settings_move_the_band_cut_offs() -> None:
    inp = school_input(
        values={"pct_eal": 30.0}, comparisons={"national": national("pct_eal", 80.0)}
    )

    assert run_plugin(context, inp).score("eal").band == "above"
    moved = run_plugin(context, inp, settings={"above_percentile": 85})
    assert moved.score("eal").band == "in_line"
    assert "close to the national median of 20.0%" in moved.score("eal").explanation


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
def test_bands_by_national_percentile(percentile: float, expected: str) -> None:
    inp = school_input(
        values={"pupils": 900.0}, comparisons={"national": national("pupils", percentile, 950.0)}
    )
    assert run_plugin(context, inp).score("pupils").band == expected


def test_settings_are_json_defaults() -> None:
    assert context.peerqa_settings() == {
        "well_above_percentile": 90,
        "above_percentile": 75,
        "below_percentile": 25,
        "well_below_percentile": 10,
    }
    assert context.__version__ == "1.0.0"
