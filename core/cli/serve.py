"""``peerqa serve``: run the web server (the only core module that touches the web layer)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from peerqa import db
from peerqa.config import Settings

MAX_PORT = 65535


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port (1-{MAX_PORT})")
    return value


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the API and web UI",
        description="Serve /graphql, /healthz and the web UI. Checks the database first.",
    )
    parser.add_argument("--host", help="address to bind (default PEERQA_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=port_number, help="port (default PEERQA_PORT or 8000)")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes (PostgreSQL only for more than 1)"
    )
    parser.add_argument(
        "--proxy-headers",
        action="store_true",
        help="trust X-Forwarded-For/Proto from --forwarded-allow-ips (behind a reverse proxy)",
    )
    parser.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    parser.set_defaults(handler=run)


async def _check_database(settings: Settings) -> bool:
    async with db.orm(settings):
        return await db.ping()


def run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    if args.workers > 1 and settings.dialect == "sqlite":
        print("peerqa: several workers need PostgreSQL; SQLite serves one.", file=sys.stderr)  # noqa: T201
        return 2
    if (problem := settings.secret_seed_problem()) is not None:
        print(  # noqa: T201
            f"peerqa: {problem}; in production it must be a secret, or anyone could work out "
            "which reviews the random draw moderates. Set one, e.g. PEERQA_MODERATION_SEED="
            "$(python3 -c 'import secrets; print(secrets.token_hex(16))')",
            file=sys.stderr,
        )
        return 2
    if not asyncio.run(_check_database(settings)):
        print(  # noqa: T201
            f"peerqa: cannot reach the database ({settings.dialect}); check PEERQA_DATABASE_URL.",
            file=sys.stderr,
        )
        return 1
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"peerqa: serving on http://{host}:{port}", file=sys.stderr)  # noqa: T201
    uvicorn.run(
        "peerqa.schema.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level="info",
        ws_max_size=settings.max_body_bytes,
    )
    return 0
