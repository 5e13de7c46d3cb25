"""``peerqa migrate`` and ``peerqa makemigrations``."""

from __future__ import annotations

import argparse
from typing import Any

from peerqa import db
from peerqa.config import Settings
from peerqa.services import frameworks


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "migrate",
        help="apply database migrations",
        description="Create or upgrade the database schema and load the bundled frameworks. "
        "Safe to run repeatedly.",
    )
    parser.set_defaults(handler=migrate)
    parser = commands.add_parser(
        "makemigrations",
        help="write a migration for model changes (developers)",
        description="Compare the models with the migrations in core/migrations and write a new "
        "migration file for any difference.",
    )
    parser.add_argument("--name", help="a short name for the migration, e.g. add_concerns")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a migration is needed"
    )
    parser.set_defaults(handler=makemigrations)


async def migrate(args: argparse.Namespace, settings: Settings) -> int:
    await db.migrate(settings, progress=lambda line: print(f"  {line}"))  # noqa: T201
    async with db.orm(settings):
        for framework, created in await frameworks.load_bundled():
            if created:
                print(f"  loaded framework {framework.key} v{framework.version}")  # noqa: T201
    print(f"Database is up to date ({settings.dialect}).")  # noqa: T201
    return 0


async def makemigrations(args: argparse.Namespace, settings: Settings) -> int:
    if args.check:
        pending = await db.pending_model_changes(settings)
        for name in pending:
            print(f"needed: {name}")  # noqa: T201
        return 1 if pending else 0
    paths = await db.make_migrations(settings, args.name)
    for path in paths:
        print(f"wrote {path}")  # noqa: T201
    if not paths:
        print("No changes detected.")  # noqa: T201
    return 0
