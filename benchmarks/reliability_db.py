"""Benchmark: do the statistics recover a simulated cohort when it goes through the database?

    .venv/bin/python benchmarks/reliability_db.py --reviews 200 --seed 1
    .venv/bin/python benchmarks/reliability_db.py --database-url postgres://postgres@127.0.0.1/x

``benchmarks/reliability.py`` checks the pure statistics on a simulated cohort. This script
checks the path the API takes: it writes the cohort with ``peerqa.stats.synthetic`` (what
``peerqa simulate`` runs) into a database, reads it back with ``peerqa.stats.reviews.load`` and
computes the figures with ``peerqa.stats.report.compute`` at the API's bootstrap settings, then
prints:

- the Spearman correlation between each named lead reviewer's estimated severity and the true
  one (target: at least 0.8 at 200 reviews);
- the estimated ordinal alpha over every area against the known alpha (target: within 0.05);
- how many queries the load took and how long the load and the computation took (a web request
  pays both).

By default the database is a new SQLite file in a temporary directory, with the GIAS sample and
the 2018/19 census imported from ../shared/data (invented schools when that is absent). With
--database-url it uses that database (migrated first), imports the schools only if it has no
school with an FSM-ever figure, and replaces an earlier simulation with the same seed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path

from scipy import stats

from peerqa import db
from peerqa.config import Settings
from peerqa.importers.register import import_register
from peerqa.importers.runner import import_file
from peerqa.models import ContextSnapshot, ContextValue, School
from peerqa.stats import report, synthetic
from peerqa.stats.reviews import FSM_EVER, Scope, load
from peerqa.stats.simulation import synthetic_schools

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GIAS = DATA / "edubasealldata20181029_first20rows.csv"
CENSUS = DATA / "2018-2019_england_census.csv"
TARGET_RHO = 0.8
TARGET_ALPHA_GAP = 0.05


class Queries(logging.Handler):
    """Counts the SQL statements Tortoise sends (it logs each one at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().lstrip().upper().startswith("SELECT"):
            self.count += 1


async def ensure_schools() -> str:
    """Real schools from ../shared/data, or invented ones; a line saying which."""
    if await synthetic.host_schools():
        return "schools already in the database"
    if GIAS.exists() and CENSUS.exists():
        await import_register(GIAS, kind_name="gias")
        await import_file(CENSUS, kind_name="census", year=2018)
        return "the GIAS sample and 2018/19 census from ../shared/data"
    for urn, pct in synthetic_schools(200, seed=0):
        await School.create(urn=urn, name=f"Invented school {urn}")
        snapshot = await ContextSnapshot.create(urn=urn, year=2018)
        await ContextValue.create(
            snapshot=snapshot,
            measure=FSM_EVER,
            value=pct,
            raw_text=str(pct),
            source_file="invented",
            source_row=0,
        )
    return "200 invented schools (../shared/data is absent)"


async def run(settings: Settings, reviews: int, seed: int, resamples: int) -> int:
    await db.migrate(settings)
    async with db.orm(settings):
        source = await ensure_schools()
        started = time.perf_counter()
        written = await synthetic.write_cohort(reviews=reviews, seed=seed, replace=True)
        wrote = time.perf_counter() - started
        logger = logging.getLogger("tortoise.db_client")
        counter = Queries()
        logger.setLevel(logging.DEBUG)
        logger.addHandler(counter)
        started = time.perf_counter()
        records = await load(Scope(partnership_id=written.partnership_id))
        loaded = time.perf_counter() - started
        logger.removeHandler(counter)
    started = time.perf_counter()
    figures = report.compute(records, resamples=resamples, seed=0)
    computed = time.perf_counter() - started

    cohort = written.cohort
    rater_of = {user: rater for rater, user in written.user_ids.items()}
    (framework,) = figures.frameworks
    named = [lead for lead in framework.leads if lead.user_id is not None]
    truth = [cohort.severities[rater_of[lead.user_id]] for lead in named if lead.user_id]
    rho = float(stats.spearmanr([lead.severity.estimate for lead in named], truth).statistic)
    alpha = framework.overall.alpha
    assert alpha.estimate is not None, alpha.reason
    gap = alpha.estimate - cohort.known_alpha
    low, high = alpha.interval or (float("nan"), float("nan"))

    print(f"database: {settings.dialect}; hosts from {source}")
    print(
        f"wrote {written.reviews} reviews of {written.hosts} schools, {written.judgements:,} "
        f"judgements, seed {seed}, in {wrote:.1f} s\n"
    )
    print(f"{'check (from the database)':34} {'value':>8} {'target':>14} {'met':>4}")
    print(
        f"{'lead severity, Spearman rho':34} {rho:8.3f} {'>= 0.8':>14} "
        f"{'yes' if rho >= TARGET_RHO else 'NO':>4}"
    )
    print(
        f"{'alpha (ordinal), all areas':34} {alpha.estimate:8.3f} "
        f"{f'{cohort.known_alpha:.3f} +- 0.05':>14} "
        f"{'yes' if abs(gap) <= TARGET_ALPHA_GAP else 'NO':>4}"
    )
    print(
        f"  {framework.overall.reviews} reviews, {alpha.units} areas, {alpha.values} grades; "
        f"95% interval [{low:.3f}, {high:.3f}]; estimate - known = {gap:+.3f}"
    )
    print(
        f"  {len(named)} of {len(framework.leads)} leads named (at least "
        f"{figures.min_reviews_for_name} moderated reviews)\n"
    )
    print(f"{'lead':28} {'true':>6} {'estimate':>8} {'reviews':>7}")
    for lead, true in sorted(zip(named, truth, strict=True), key=lambda pair: pair[1]):
        print(
            f"{lead.label:28} {true:+6.2f} {lead.severity.estimate:+8.2f} {lead.severity.reviews:7}"
        )
    print(
        f"\nload: {counter.count} queries in {loaded:.2f} s; compute ({resamples} resamples per "
        f"interval): {computed:.2f} s"
    )
    return 0 if rho >= TARGET_RHO and abs(gap) <= TARGET_ALPHA_GAP else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--resamples", type=int, default=report.API_RESAMPLES, help="bootstrap resamples"
    )
    parser.add_argument("--database-url", help="use this database instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(env="development", data_dir=Path(scratch))
        if args.database_url:
            settings = Settings(env="development", database_url=args.database_url)
        return asyncio.run(run(settings, args.reviews, args.seed, args.resamples))


if __name__ == "__main__":
    raise SystemExit(main())
