"""``peerqa demo``: seed the demo partnership, people and review."""

from __future__ import annotations

import argparse
from typing import Any

from peerqa import db
from peerqa.config import Settings
from peerqa.errors import ConfigurationError
from peerqa.models import Review
from peerqa.scoring.service import score_review, score_schools
from peerqa.services import demo


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "demo",
        help="seed demo schools, users and a review in progress",
        description="Seed fictional demo data into an empty database and print the demo logins. "
        "Run 'peerqa migrate' first.",
    )
    parser.add_argument(
        "--if-empty", action="store_true", help="do nothing (exit 0) if the database has users"
    )
    parser.set_defaults(handler=run)


async def run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.env == "production":
        raise ConfigurationError(
            "The demo's logins and password are published: seed it only with "
            "PEERQA_ENV=development (or test), never into a production database."
        )
    async with db.orm(settings):
        if args.if_empty and not await demo.is_empty():
            print("Demo not seeded: the database already has users.")  # noqa: T201
            return 0
        logins = await demo.seed()
        # The invented figures give every demo school its indicators at once.
        summary = await score_schools(settings)
        review = await Review.filter(host_school_id=990001).first()
        if review is not None:
            await score_review(settings, review.id)
    print(f"Scored the demo schools: {summary.line()}")  # noqa: T201
    print("Demo seeded. Sign in at http://127.0.0.1:8000 with any of these:")  # noqa: T201
    width = max(len(login.email) for login in logins)
    for login in logins:
        print(f"  {login.email:<{width}}  {login.role:<13} {login.name}")  # noqa: T201
    print(f"Password for every demo user: {demo.DEMO_PASSWORD}")  # noqa: T201
    return 0
