"""The synthetic cohort, and whether the statistics recover the truth put into it."""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from scipy import stats

from peerqa.stats.agreement import overall_agreement
from peerqa.stats.severity import lead_severity
from peerqa.stats.simulation import (
    GRADES,
    SimulationParameters,
    known_alpha,
    simulate,
    synthetic_schools,
)

CENSUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "2018-2019_england_census.csv"
SCHOOLS = synthetic_schools(2000, seed=3)


def severity_recovery(seed: int) -> tuple[float, float]:
    """Spearman's rho of estimated against true lead severity; estimated minus known alpha."""
    cohort = simulate(SCHOOLS, seed=seed)
    severities = lead_severity(cohort.moderated)
    rho = stats.spearmanr(
        [s.estimate for s in severities], [cohort.severities[s.lead_id] for s in severities]
    ).statistic
    alpha = overall_agreement(cohort.judgements, scale=GRADES, resamples=0).alpha.estimate
    assert alpha is not None
    return float(rho), alpha - cohort.known_alpha


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_200_reviews_recover_severities_and_alpha(seed: int) -> None:
    # Over seeds 0-199 these targets held for 195 seeds (see SimulationParameters); 0-4 are
    # simply the first five, not picked.
    rho, alpha_gap = severity_recovery(seed)
    assert rho >= 0.8
    assert abs(alpha_gap) <= 0.05


def test_known_alpha_lies_in_the_bootstrap_interval() -> None:
    cohort = simulate(SCHOOLS, seed=1)
    overall = overall_agreement(cohort.judgements, scale=GRADES, resamples=300, seed=1)
    assert overall.alpha.interval is not None
    low, high = overall.alpha.interval
    assert low <= cohort.known_alpha <= high
    assert (overall.reviews, overall.alpha.units) == (200, 1200)


def test_cohort_shape() -> None:
    cohort = simulate(SCHOOLS, seed=5)
    p = cohort.parameters
    assert len(cohort.moderated) == p.reviews * len(p.areas)
    assert len(cohort.hosts) == len(cohort.moderated)
    assert len(cohort.outcomes) == p.reviews
    teams = Counter((r.review_id, r.area_key) for r in cohort.judgements)
    assert set(teams.values()) == set(p.team_sizes)
    assert {r.grade for r in cohort.judgements} == set(GRADES)
    assert {m.moderated for m in cohort.moderated} <= set(GRADES)
    led = Counter(m.lead_id for m in cohort.moderated if m.area_key == p.areas[0])
    assert sorted(led) == list(cohort.leads)
    assert set(led.values()) == {p.reviews // p.leads}
    assert len(cohort.severities) == p.leads + p.other_reviewers
    assert stats.tstd(list(cohort.severities.values())) == pytest.approx(p.severity_sd, abs=0.1)
    urns = {urn for urn, _ in SCHOOLS}
    assert {h.urn for h in cohort.hosts} <= urns
    assert {outcome for _, outcome in cohort.outcomes} == {"confirm", "adjust", "return"}
    assert all(p.first_day <= day for day, _ in cohort.outcomes)


def test_the_lead_is_one_of_the_team() -> None:
    cohort = simulate(SCHOOLS, seed=6)
    raters: dict[int, set[int]] = {}
    for record in cohort.judgements:
        raters.setdefault(record.review_id, set()).add(record.rater_id)
    assert all(m.lead_id in raters[m.review_id] for m in cohort.moderated)


def test_same_seed_same_cohort() -> None:
    assert simulate(SCHOOLS, seed=3) == simulate(SCHOOLS, seed=3)
    assert simulate(SCHOOLS, seed=3).judgements != simulate(SCHOOLS, seed=4).judgements


def test_known_alpha_is_a_constant_of_the_parameters() -> None:
    parameters = SimulationParameters()
    assert known_alpha(parameters) == known_alpha(parameters)
    assert 0.55 < known_alpha(parameters) < 0.75
    noisier = dataclasses.replace(parameters, judgement_sd=0.8)
    assert known_alpha(noisier, units=3000) < known_alpha(parameters)


def test_without_noise_or_severity_alpha_is_one() -> None:
    exact = SimulationParameters(severity_sd=0.0, judgement_sd=0.0)
    assert known_alpha(exact, units=1200) == pytest.approx(1.0)


def test_invalid_parameters_and_schools() -> None:
    with pytest.raises(ValueError, match="teams need at least 2 reviewers"):
        SimulationParameters(team_sizes=(1, 2))
    with pytest.raises(ValueError, match="at least one review"):
        SimulationParameters(reviews=0)
    with pytest.raises(ValueError, match="larger than the pool"):
        SimulationParameters(leads=2, other_reviewers=1, team_sizes=(4,))
    with pytest.raises(ValueError, match="at least one host school"):
        simulate([])
    with pytest.raises(ValueError, match="FSM-ever must be a percentage"):
        simulate([(100_000, 130.0)])


def census_schools() -> list[tuple[int, float]]:
    if not CENSUS.exists():
        pytest.skip(f"the 2018/19 census is not at {CENSUS}: real host schools not tested")
    schools = []
    with CENSUS.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["SCHOOLTYPE"] == "State-funded primary" and row["URN"].isdigit():
                try:
                    schools.append((int(row["URN"]), float(row["PNUMFSMEVER"])))
                except ValueError:
                    continue  # suppressed or missing FSM-ever
    return schools


def test_real_schools_from_the_census() -> None:
    schools = census_schools()
    assert len(schools) > 10_000
    cohort = simulate(schools, seed=1)
    fsm = dict(schools)
    assert all(fsm[h.urn] == h.fsm_ever_pct for h in cohort.hosts)
    severities = lead_severity(cohort.moderated)
    rho = stats.spearmanr(
        [s.estimate for s in severities], [cohort.severities[s.lead_id] for s in severities]
    ).statistic
    assert rho >= 0.8
