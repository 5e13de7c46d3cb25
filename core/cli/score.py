"""``peerqa score``: score every school (and every open review) with the installed plugins."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from peerqa import db
from peerqa.config import Settings
from peerqa.lifecycle import OPEN_STATES
from peerqa.models import Review
from peerqa.scoring.service import Progress, RunSummary, score_review, score_schools


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "score",
        help="score every school and open review with the installed plugins",
        description="Run every enabled scoring plugin on every school with published figures, "
        "then on every open review. A result whose input (figures, comparison groups, the "
        "plugin's version and settings) has not changed is not recomputed or rewritten, so a "
        "second run is quick and writes nothing. A plugin that fails is recorded as failed for "
        "that school and the others go on; 'peerqa plugins failures' lists the failures. "
        "Scoring also runs after 'peerqa import' and when a review is submitted.",
    )
    parser.add_argument(
        "--schools-only", action="store_true", help="score schools and leave reviews alone"
    )
    parser.set_defaults(handler=run)


def progress_bar(label: str) -> Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""
    started = time.monotonic()
    tty = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if not tty or total == 0:
            return
        filled = int(30 * done / total)
        rate = done / max(time.monotonic() - started, 1e-6)
        bar = "#" * filled + "-" * (30 - filled)
        end = "\n" if done >= total else ""
        print(  # noqa: T201 - CLI output
            f"\r  {label} [{bar}] {done:>7,}/{total:,}  {rate:>8,.0f}/s",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return report


def print_summary(summary: RunSummary) -> None:
    print(summary.line())  # noqa: T201 - CLI output
    for plugin, subject_id, error in summary.failures[:5]:
        print(f"  failed: {plugin} on {summary.subject} {subject_id}: {error}")  # noqa: T201
    if summary.failed:
        print("  see all failures with: peerqa plugins failures")  # noqa: T201


async def run(args: argparse.Namespace, settings: Settings) -> int:
    async with db.orm(settings):
        summary = await score_schools(settings, progress=progress_bar("schools"))
        print_summary(summary)
        if not args.schools_only:
            ids = await Review.filter(state__in=list(OPEN_STATES)).values_list("id", flat=True)
            total = RunSummary("review", plugins=summary.plugins)
            started = time.monotonic()
            for review_id in ids:
                one = await score_review(settings, int(review_id))  # type: ignore[call-overload]
                total.subjects += 1
                total.written += one.written
                total.unchanged += one.unchanged
                total.failed += one.failed
                total.failures.extend(one.failures[: 20 - len(total.failures)])
            total.seconds = time.monotonic() - started
            print_summary(total)
    return 0
