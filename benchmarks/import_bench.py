"""Benchmark: import the 2018/19 census (and a 5k-row slice of it) on SQLite and PostgreSQL.

Prints, per database: seconds, rows per second, and the peak memory the import allocated
(tracemalloc), so memory growth between the 5k-row and the full file can be read off one run.

    .venv/bin/python benchmarks/import_bench.py [--postgres postgresql://postgres@127.0.0.1/postgres]

Needs ../shared/data (the real DfE file). Uses temporary databases and removes them.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from peerqa import db
from peerqa.config import Settings
from peerqa.importers.runner import import_file

CENSUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "2018-2019_england_census.csv"


def slice_of(rows: int, folder: Path) -> Path:
    lines = CENSUS.read_text("utf-8-sig").splitlines()
    target = folder / f"census-{rows}.csv"
    target.write_text("\n".join(lines[: rows + 1]) + "\n", encoding="utf-8")
    return target


async def measure(settings: Settings, path: Path) -> tuple[int, float, float]:
    """Time one import into an empty database, then trace its memory in a second import of the
    same file into another empty year (tracing slows Python several times, so never both)."""
    await db.migrate(settings)
    async with db.orm(settings):
        started = time.perf_counter()
        summary = await import_file(path, kind_name="census", year=2018)
        elapsed = time.perf_counter() - started
        tracemalloc.start()
        await import_file(path, kind_name="census", year=2019)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return summary.rows, elapsed, peak / 2**20


async def on_postgres(admin_url: str, path: Path) -> tuple[int, float, float]:
    import asyncpg

    name = "peerqa_bench"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {name}")
        parts = urlsplit(admin_url)
        url = urlunsplit(("postgres", parts.netloc, f"/{name}", "", ""))
        return await measure(Settings(database_url=url), path)
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", help="an admin URL, e.g. postgresql://postgres@127.0.0.1/postgres"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = {"5k": slice_of(5000, Path(folder)), "full": CENSUS}
        for label, path in files.items():
            with tempfile.TemporaryDirectory() as data_dir:
                rows, elapsed, peak = await measure(Settings(data_dir=Path(data_dir)), path)
            print(
                f"sqlite    census {label:>4}: {rows:>6} rows {elapsed:6.2f} s {rows / elapsed:8.0f} rows/s peak {peak:6.1f} MiB"
            )
            if args.postgres:
                rows, elapsed, peak = await on_postgres(args.postgres, path)
                print(
                    f"postgres  census {label:>4}: {rows:>6} rows {elapsed:6.2f} s {rows / elapsed:8.0f} rows/s peak {peak:6.1f} MiB"
                )


if __name__ == "__main__":
    asyncio.run(main())
