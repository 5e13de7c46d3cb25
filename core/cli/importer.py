"""``peerqa import KIND FILE``: load a published DfE or Ofsted file."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

from peerqa import db
from peerqa.cli.score import print_summary, progress_bar
from peerqa.config import Settings
from peerqa.errors import ValidationFailed
from peerqa.importers.kinds import KINDS
from peerqa.importers.register import REGISTER_KINDS, detect, import_register, read_header
from peerqa.importers.register_base import RegisterSummary
from peerqa.importers.runner import Summary, import_file
from peerqa.scoring.service import score_schools


def register(commands: Any) -> None:
    described = [(k.name, k.title, k.published) for k in KINDS.values()]
    described += [(k.name, k.title, k.published) for k in REGISTER_KINDS.values()]
    width = max(len(name) for name, _, _ in described)
    kinds = "\n".join(
        f"  {name:<{width}}  {title}\n  {'':<{width}}  from: {published}"
        for name, title, published in described
    )
    parser = commands.add_parser(
        "import",
        help="import a published data file",
        description="Import a published file of school figures, or a register (schools, links, "
        "inspections, local authorities). Measure files do not say which year they cover, so "
        "--year names it; register files date themselves, so they take no --year. The whole "
        "file is one transaction: if anything fails, nothing is kept. Re-importing the same file "
        "changes nothing. Rows that cannot be read are listed (line and reason), written to a "
        "rejects file, and do not stop the good rows.\n\nKinds:\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "kind",
        choices=[*KINDS, *REGISTER_KINDS, "auto"],
        help="the file's format, or auto to detect it from the header",
    )
    parser.add_argument("file", type=Path, help="the CSV file, as downloaded")
    parser.add_argument(
        "--year",
        type=int,
        help="academic year the figures describe, by its first calendar year (2018 for 2018/19); "
        "required for the measure files, which do not state it, and refused for register files",
    )
    parser.add_argument(
        "--rejects", type=Path, help="where to write rejected rows (default: FILE.rejects.csv)"
    )
    parser.add_argument(
        "--no-score",
        action="store_true",
        help="do not re-score schools afterwards (when importing several files, score once at "
        "the end with 'peerqa score')",
    )
    parser.set_defaults(handler=run)


def _progress() -> Any:
    started = time.monotonic()
    tty = sys.stderr.isatty()

    def report(rows: int) -> None:
        if tty:
            rate = rows / max(time.monotonic() - started, 1e-6)
            print(f"\r  {rows:>9,} rows  {rate:>9,.0f} rows/s", end="", file=sys.stderr, flush=True)  # noqa: T201

    return report


def check_year(kind: str, year: int | None) -> None:
    """--year names the year of a measure file and is refused for files that state their own."""
    if kind in REGISTER_KINDS and year is not None:
        raise ValidationFailed(
            f"--year does not apply to {kind} files: they {REGISTER_KINDS[kind].dated}. "
            "Leave it out."
        )
    if kind not in REGISTER_KINDS and year is None:
        what = "these files" if kind == "auto" else f"{kind} files"
        raise ValidationFailed(
            f"--year is required for {what}: they do not say which academic year they cover. "
            "Give its first calendar year, e.g. --year 2018 for 2018/19."
        )


async def run(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    if not await asyncio.to_thread(path.is_file):
        raise ValidationFailed(f"There is no file {str(path)!r}.")
    rejects = args.rejects or path.with_name(path.name + ".rejects.csv")
    kind = args.kind
    if kind == "auto":
        found = detect(await asyncio.to_thread(read_header, path))
        kind = found.name if found else "auto"
    check_year(kind, args.year)
    started = time.monotonic()
    summary: Summary | RegisterSummary
    async with db.orm(settings):
        if kind in REGISTER_KINDS:
            summary = await import_register(path, kind_name=kind, rejects_path=rejects)
        else:
            assert args.year is not None  # check_year made sure
            summary = await import_file(
                path,
                kind_name=None if kind == "auto" else kind,
                year=args.year,
                progress=_progress(),
                rejects_path=rejects,
            )
        elapsed = time.monotonic() - started
        report(summary, elapsed, rejects)
        if _changed(summary) and not args.no_score:
            print_summary(await score_schools(settings, progress=progress_bar("scoring")))
    return 0


def report(summary: Summary | RegisterSummary, elapsed: float, rejects: Path) -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)  # noqa: T201 - end the progress line
    rate = summary.rows / max(elapsed, 1e-6)
    print(f"{summary.line()} in {elapsed:.1f} s ({rate:,.0f} rows/s)")  # noqa: T201
    for line, reason in summary.rejected[:10]:
        print(f"  line {line}: {reason}")  # noqa: T201
    if summary.rejected:
        more = len(summary.rejected) - 10
        also = f"and {more} more; " if more > 0 else ""
        print(f"  {also}all rejected rows: {rejects}")  # noqa: T201


def _changed(summary: Summary | RegisterSummary) -> bool:
    """Whether the import changed any school's figures or register entry."""
    return bool(getattr(summary, "inserted", 0) or getattr(summary, "updated", 0))
