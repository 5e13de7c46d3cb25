"""Benchmark: do the reliability statistics recover what a simulated cohort put in?

    .venv/bin/python benchmarks/reliability.py --reviews 200 --seed 1

It simulates a cohort with peerqa.stats.simulation (real host schools from the 2018/19 census
when ../shared/data has it, otherwise invented ones) and prints:

- the Spearman correlation between each lead reviewer's estimated severity and the true one
  (target: at least 0.8 at 200 reviews, with 20 leads who lead about 10 reviews each);
- the estimated ordinal alpha over every area against the known alpha for the parameters
  (target: within 0.05), with its bootstrap interval;
- alpha and pairwise weighted kappa for each area, team-versus-moderator agreement, the
  context-bias audit and moderation outcomes by term, each with the number of reviews behind it.

It takes a few seconds, mostly the bootstrap (1,000 resamples per interval; --resamples
changes that). --sweep N checks only the two targets for seeds 0 to N - 1.
``benchmarks/reliability_db.py`` (``make reliability``) checks the same targets through the
database, the way the API computes them.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import time
from pathlib import Path

from scipy import stats

from peerqa.stats.agreement import (
    Agreement,
    AreaAgreement,
    agreement_by_area,
    overall_agreement,
)
from peerqa.stats.bias import context_audit, fsm_quintile_cuts, outcomes_by_period
from peerqa.stats.severity import lead_severity, team_vs_moderator
from peerqa.stats.simulation import (
    GRADES,
    Cohort,
    SimulationParameters,
    simulate,
    synthetic_schools,
)

CENSUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "2018-2019_england_census.csv"
PHASES = {"State-funded primary", "State-funded secondary"}
TARGET_RHO = 0.8
TARGET_ALPHA_GAP = 0.05
NAN = float("nan")


def census_schools() -> list[tuple[int, float]] | None:
    """(URN, % FSM-ever) of every state-funded primary and secondary school, or None."""
    if not CENSUS.exists():
        return None
    schools = []
    with CENSUS.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            # Skips the national total row and suppressed or missing figures.
            if row["SCHOOLTYPE"] in PHASES and row["URN"].isdigit():
                try:
                    schools.append((int(row["URN"]), float(row["PNUMFSMEVER"])))
                except ValueError:
                    continue
    return schools


def show(agreement: Agreement) -> str:
    if agreement.estimate is None:
        return f"{'-':>6} {'':15}"
    interval = agreement.interval
    span = f"[{interval[0]:.2f}, {interval[1]:.2f}]" if interval else "(no interval)"
    return f"{agreement.estimate:6.3f} {span:15}"


def recovery(cohort: Cohort, overall: AreaAgreement) -> tuple[float, float]:
    """Spearman's rho of estimated against true lead severities, and estimated - known alpha."""
    severities = lead_severity(cohort.moderated)
    rho = stats.spearmanr(
        [s.estimate for s in severities], [cohort.severities[s.lead_id] for s in severities]
    ).statistic
    alpha = overall.alpha.estimate
    if alpha is None:
        raise SystemExit(f"alpha is undefined: {overall.alpha.reason}")
    return float(rho), alpha - cohort.known_alpha


def print_checks(cohort: Cohort, overall: AreaAgreement, rho: float, gap: float) -> None:
    alpha = cohort.known_alpha + gap
    print(f"{'check':34} {'value':>8} {'target':>14} {'met':>4}")
    print(
        f"{'lead severity, Spearman rho':34} {rho:8.3f} {'>= 0.8':>14} "
        f"{'yes' if rho >= TARGET_RHO else 'NO':>4}"
    )
    print(
        f"{'alpha (ordinal), all areas':34} {alpha:8.3f} {f'{cohort.known_alpha:.3f} +- 0.05':>14} "
        f"{'yes' if abs(gap) <= TARGET_ALPHA_GAP else 'NO':>4}"
    )
    low, high = overall.alpha.interval or (NAN, NAN)
    print(
        f"  {overall.reviews} reviews, {overall.alpha.units} areas, {overall.alpha.values} "
        f"grades; 95% interval [{low:.3f}, {high:.3f}]; estimate - known = {gap:+.3f}"
    )


def print_agreement(cohort: Cohort, overall: AreaAgreement, resamples: int, seed: int) -> None:
    by_area = agreement_by_area(cohort.judgements, scale=GRADES, resamples=resamples, seed=seed)
    print(f"{'area':28} {'reviews':>7} {'alpha (ordinal)':>22} {'kappa (quadratic)':>22}")
    for area in [*by_area.values(), overall]:
        name = "all areas" if area is overall else area.area_key
        print(f"{name:28} {area.reviews:7} {show(area.alpha)} {show(area.kappa)}".rstrip())


def print_severities(cohort: Cohort) -> None:
    print(f"{'lead':>4} {'true':>6} {'estimate':>8} {'95% interval':>17} {'reviews':>7}")
    for s in sorted(lead_severity(cohort.moderated), key=lambda s: cohort.severities[s.lead_id]):
        low, high = s.interval or (NAN, NAN)
        print(
            f"{s.lead_id:4} {cohort.severities[s.lead_id]:+6.2f} {s.estimate:+8.2f} "
            f"[{low:+6.2f}, {high:+6.2f}] {s.reviews:7}"
        )


def print_moderation(cohort: Cohort, resamples: int, seed: int) -> None:
    team = team_vs_moderator(cohort.moderated, scale=GRADES, resamples=resamples, seed=seed)
    low, high = team.confirmed_interval or (NAN, NAN)
    print(
        f"team vs moderator, {team.reviews} reviews: {team.confirmed} of {team.areas} areas "
        f"confirmed unchanged ({team.confirmed_share or 0:.1%}, 95% [{low:.1%}, {high:.1%}]); "
        f"weighted kappa {show(team.kappa).strip()}"
    )
    for period in outcomes_by_period(cohort.outcomes, period="term"):
        print(
            f"  {period.period}: {period.total:3} reviews, confirm {period.confirm_rate or 0:.0%}, "
            f"adjust {period.adjust_rate or 0:.0%}, return {period.return_rate or 0:.0%}"
        )


def print_context(cohort: Cohort, area_key: str, schools: list[tuple[int, float]]) -> None:
    # One grade per review: the areas of one review are not independent of each other.
    hosts = [
        h for h, m in zip(cohort.hosts, cohort.moderated, strict=True) if m.area_key == area_key
    ]
    cuts = fsm_quintile_cuts(pct for _, pct in schools)
    audit = context_audit(hosts, threshold=3, cuts=cuts, scale=GRADES)
    print(
        f"context audit of {area_key} consensus grades, quintiles of all {len(schools):,} "
        f"schools (cuts {', '.join(f'{c:.1f}%' for c in cuts)}); true quality does not depend "
        f"on FSM here, context bias {cohort.parameters.context_bias}"
    )
    for q in audit.quintiles:
        share = f"{q.threshold_share:.1%}" if q.threshold_share is not None else "-"
        print(f"  FSM-ever quintile {q.quintile}: {q.grades:4} reviews, {share:>6} graded 3 or 4")
    gap, rho = audit.gap, audit.correlation
    if gap.estimate is not None and gap.interval:
        print(
            f"  gap Q5 - Q1: {gap.estimate:+.1%} (95% [{gap.interval[0]:+.1%}, "
            f"{gap.interval[1]:+.1%}]); Spearman rho {rho.rho or 0:+.3f}, n = {rho.n}"
        )


def sweep(schools: list[tuple[int, float]], parameters: SimulationParameters, seeds: int) -> int:
    """Only the two recovery checks, for seeds 0 to ``seeds`` - 1 (no bootstrap)."""
    failed = []
    for seed in range(seeds):
        cohort = simulate(schools, parameters, seed=seed)
        rho, gap = recovery(cohort, overall_agreement(cohort.judgements, resamples=0))
        if rho < TARGET_RHO or abs(gap) > TARGET_ALPHA_GAP:
            failed.append(f"{seed} (rho {rho:.3f}, alpha gap {gap:+.3f})")
    print(f"{seeds - len(failed)} of {seeds} seeds met both targets; missed: {failed or 'none'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--sweep", type=int, metavar="N", help="check seeds 0 to N - 1 only")
    args = parser.parse_args()

    started = time.perf_counter()
    schools = census_schools()
    source = f"{len(schools):,} census schools" if schools else "2,000 invented schools"
    if schools is None:
        schools = synthetic_schools(2000, seed=args.seed)
    parameters = dataclasses.replace(SimulationParameters(), reviews=args.reviews)
    print(
        f"{parameters.reviews} reviews, {parameters.leads} leads, "
        f"{parameters.leads + parameters.other_reviewers} reviewers, {len(parameters.areas)} "
        f"areas, hosts from {source}"
    )
    if args.sweep:
        return sweep(schools, parameters, args.sweep)
    print(f"seed {args.seed}, {args.resamples} bootstrap resamples\n")
    cohort = simulate(schools, parameters, seed=args.seed)
    overall = overall_agreement(
        cohort.judgements, scale=GRADES, resamples=args.resamples, seed=args.seed
    )
    rho, gap = recovery(cohort, overall)
    print_checks(cohort, overall, rho, gap)
    print()
    print_agreement(cohort, overall, args.resamples, args.seed)
    print()
    print_severities(cohort)
    print()
    print_moderation(cohort, args.resamples, args.seed)
    print()
    print_context(cohort, "achievement", schools)
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0 if rho >= TARGET_RHO and abs(gap) <= TARGET_ALPHA_GAP else 1


if __name__ == "__main__":
    raise SystemExit(main())
