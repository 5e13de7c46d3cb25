"""The ``peerqa`` command line. ``main(argv)`` returns the exit code, so tests call it directly.

Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage or settings.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from peerqa import __version__
from peerqa.cli import demo, migrate, serve, users
from peerqa.config import Settings
from peerqa.errors import ConfigurationError, PeerqaError

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int] | int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerqa",
        description="School-to-school peer review with external moderation. Settings come from "
        "PEERQA_* environment variables (see docs/operations.md).",
    )
    parser.add_argument("--version", action="version", version=f"peerqa {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (serve, migrate, demo, users):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigurationError as error:
        print(f"peerqa: {error.message}", file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    handler: Handler = args.handler
    try:
        result = handler(args, settings)
        if asyncio.iscoroutine(result):
            return int(asyncio.run(result))
        return int(result)
    except PeerqaError as error:
        print(f"peerqa: {error.message}", file=sys.stderr)  # noqa: T201
        return 1
    except OSError as error:
        print(f"peerqa: {error}", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        return 130
