"""Benchmark: score every school in the real 2018/19 data with the installed plugins.

Imports the six 2018/19 school-level files (census, absence, KS4 results, KS4 destinations,
pupil premium, workforce) into a temporary SQLite database, then runs ``score_schools`` twice:
the first run computes and writes everything; the second has unchanged inputs and must write
nothing. Prints schools per second for each run and the ratio between them (both measured in
this one run, so the ratio is meaningful on a noisy machine where absolute times are not).

    .venv/bin/python benchmarks/score_bench.py [--postgres postgresql://postgres@127.0.0.1/postgres]

Needs ../shared/data. Exit code 1 if the first run takes 10 s or more, or the re-run writes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from peerqa import db
from peerqa.config import Settings
from peerqa.importers.runner import import_file
from peerqa.scoring.service import score_schools
from peerqa.testing import shared_data

FILES = (
    "2018-2019_england_census.csv",
    "2018-2019_england_abs.csv",
    "2018-2019_england_ks4provisional_subset.csv",
    "2018-2019_england_ks4-pupdest.csv",
    "pupil-premium-2019-2020_allocations.csv",
    "england_swf_partial.csv",
)
LIMIT_SECONDS = 10.0


def _cpu() -> float:
    """CPU time used so far by this process and its finished workers (the machine is shared:
    wall time depends on what else runs, CPU time much less)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


async def measure(settings: Settings) -> bool:
    paths = [shared_data(name) for name in FILES]
    await db.migrate(settings)
    async with db.orm(settings):
        started = time.perf_counter()
        for path in paths:
            assert path is not None
            await import_file(path, kind_name=None, year=2018)
        print(f"  imported {len(paths)} files in {time.perf_counter() - started:.1f} s")
        cpu = _cpu()
        first = await score_schools(settings)
        print(f"  first run: {first.line()}")
        print(f"             {_cpu() - cpu:.1f} CPU-seconds (this process and its workers)")
        again = await score_schools(settings)
        print(f"  re-run:    {again.line()}")
    ratio = first.seconds / again.seconds if again.seconds else float("inf")
    print(f"  re-run is {ratio:.1f}x faster than the first run")
    ok = first.seconds < LIMIT_SECONDS and again.written == 0 and first.failed == 0
    print(
        f"  {'PASS' if ok else 'FAIL'}: first run under {LIMIT_SECONDS:.0f} s, re-run writes nothing"
    )
    return ok


async def on_postgres(admin_url: str) -> bool:
    import asyncpg

    name = "peerqa_score_bench"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {name}")
        parts = urlsplit(admin_url)
        url = urlunsplit(("postgres", parts.netloc, f"/{name}", "", ""))
        return await measure(Settings(database_url=url))
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="an admin URL to also run on PostgreSQL")
    args = parser.parse_args()
    missing = [name for name in FILES if shared_data(name) is None]
    if missing:
        print(f"../shared/data lacks {', '.join(missing)}: the real DfE files are needed")
        return 2
    ok = True
    print(f"{len(os.sched_getaffinity(0))} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        ok &= asyncio.run(measure(Settings(data_dir=Path(folder))))
    if args.postgres:
        print("PostgreSQL")
        ok &= asyncio.run(on_postgres(args.postgres))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
