"""``peerqa simulate``: write a synthetic cohort of moderated reviews on the real schools."""

from __future__ import annotations

import argparse
import time
from typing import Any

from peerqa import db
from peerqa.cli.score import progress_bar
from peerqa.config import Settings
from peerqa.errors import ConfigurationError


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "simulate",
        help="write a synthetic cohort of moderated reviews, to show and check the statistics",
        description="Write a synthetic cohort of finished, moderated reviews into the database so "
        "that the reliability and bias statistics have something to show. Reviewers have known "
        "severities and noise (peerqa.stats.simulation); the host schools are real: those in the "
        "register with an FSM-ever figure from the census, so import both first (see "
        "'peerqa import --help'). Everything is written in one transaction to one new "
        "partnership, with lead reviewers, reviewers and moderators named 'Simulated ...' at "
        "example.invalid addresses. They are inactive and have no password, so nobody can sign "
        "in as them and they are never sent mail or work. The same --reviews and --seed always "
        "write the same cohort. Refused in production.",
        epilog="Example: peerqa simulate --reviews 200 --seed 1, then ask the API for "
        "statistics(partnershipId: ...) or run 'make reliability'.",
    )
    parser.add_argument(
        "--reviews", type=int, default=200, help="number of reviews to simulate (default 200)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--partnership",
        metavar="NAME",
        help="name of the partnership to write (default 'Simulated partnership (seed N)')",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="delete an earlier simulation with the same partnership name first (refused when "
        "that partnership has real people's reviews)",
    )
    parser.set_defaults(handler=run)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: it brings scikit-learn and SciPy, which no other command needs at start.
    from peerqa.stats import synthetic

    if settings.env == "production":
        raise ConfigurationError(
            "peerqa simulate writes invented reviews: run it only with PEERQA_ENV=development "
            "(or test), never into a production database."
        )
    started = time.monotonic()
    async with db.orm(settings):
        written = await synthetic.write_cohort(
            reviews=args.reviews,
            seed=args.seed,
            name=args.partnership,
            replace=args.replace,
            progress=progress_bar("judgements"),
        )
    cohort = written.cohort
    lines = [
        f"Wrote partnership {written.partnership_name!r} (id {written.partnership_id}): "
        f"{written.reviews} published reviews of {written.hosts} real schools, "
        f"{written.judgements:,} judgements, {written.reviews} moderation decisions "
        f"in {time.monotonic() - started:.1f} s.",
        f"  {cohort.parameters.leads} lead reviewers, {len(written.user_ids)} reviewers in all, "
        f"{synthetic.MODERATORS} moderators; known alpha (ordinal) {cohort.known_alpha:.3f}.",
    ]
    if written.replaced:
        lines.append(f"  Replaced an earlier simulation of {written.replaced} reviews.")
    print("\n".join(lines))  # noqa: T201 - CLI output
    return 0
