"""``peerqa concerns escalate``: escalate unacknowledged safeguarding concerns now."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from peerqa import db
from peerqa.config import Settings
from peerqa.services import concerns


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "concerns", help="safeguarding concerns", description="Work with safeguarding concerns."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    escalate = actions.add_parser(
        "escalate",
        help="escalate concerns nobody has acknowledged",
        description="Escalate every concern not acknowledged within "
        "PEERQA_CONCERN_ESCALATION_MINUTES. The server also does this every minute.",
    )
    escalate.set_defaults(handler=run_escalate)


async def run_escalate(args: argparse.Namespace, settings: Settings) -> int:
    async with db.orm(settings):
        escalated = await concerns.escalate_overdue(
            timedelta(minutes=settings.concern_escalation_minutes)
        )
    print(f"Escalated {len(escalated)} concern(s).")  # noqa: T201
    return 0
