"""The ``peerqa`` command line. ``main(argv)`` returns the exit code, so tests call it directly.

Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from tortoise.exceptions import IntegrityError, OperationalError

from peerqa import __version__
from peerqa.cli import (
    audit,
    concerns,
    demo,
    importer,
    migrate,
    plugins,
    score,
    serve,
    simulate,
    users,
)
from peerqa.config import Settings
from peerqa.errors import ConfigurationError, PeerqaError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerqa",
        description="School-to-school peer review with external moderation. Settings come from "
        "PEERQA_* environment variables (see docs/operations.md).",
    )
    parser.add_argument("--version", action="version", version=f"peerqa {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        serve,
        migrate,
        demo,
        users,
        importer,
        score,
        plugins,
        audit,
        concerns,
        simulate,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigurationError as error:
        return _fail(error.message, 2)
    try:
        result = args.handler(args, settings)
        return int(asyncio.run(result) if asyncio.iscoroutine(result) else result)
    except PeerqaError as error:
        return _fail(error.message)
    except (OperationalError, IntegrityError) as error:
        return _fail(_database_error(str(error).splitlines()[0]))
    except OSError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130


def _database_error(reason: str) -> str:
    if "locked" in reason:
        return "the database is busy (an import or the server is writing); try again."
    return f"database error: {reason}. Has 'peerqa migrate' been run?"


def _fail(message: str, code: int = 1) -> int:
    print(f"peerqa: {message}", file=sys.stderr)  # noqa: T201 - CLI output
    return code
