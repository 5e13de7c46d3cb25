"""``peerqa audit verify``: check the hash chain of the audit trail."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from peerqa import audit, db
from peerqa.config import Settings
from peerqa.models import AuditEvent


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "audit", help="check the audit trail", description="Work with the append-only audit trail."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="verify the hash chain",
        description="Recompute every event's hash. Exit 1 and name the first event that does not "
        "verify if any row was changed, removed or inserted out of order.",
    )
    verify.set_defaults(handler=run_verify)


async def run_verify(args: argparse.Namespace, settings: Settings) -> int:
    async with db.orm(settings):
        count = await AuditEvent.all().count()
        broken = await audit.verify_chain()
    if broken is not None:
        print(  # noqa: T201
            f"peerqa: the audit trail does not verify at event {broken}: it was altered.",
            file=sys.stderr,
        )
        return 1
    print(f"Audit trail verified: {count} events, chain intact.")  # noqa: T201
    return 0
