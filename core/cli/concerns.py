"""``peerqa concerns escalate``: escalate unacknowledged safeguarding concerns now."""

from __future__ import annotations

import argparse
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import timedelta
from typing import Any

from peerqa import db, events, notify
from peerqa.config import Settings
from peerqa.models import Concern
from peerqa.services import concerns


def _shared(settings: Settings) -> AbstractAsyncContextManager[None]:
    """On PostgreSQL, alerts reach the running servers' subscribers and mailers."""
    if settings.dialect == "postgres":
        return events.hub.listen_postgres(settings.resolved_database_url)
    return nullcontext()


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
    async with db.orm(settings), _shared(settings):
        escalated = await concerns.escalate_overdue(
            timedelta(minutes=settings.concern_escalation_minutes)
        )
        if settings.smtp_url:
            for concern in await Concern.filter(id__in=escalated):
                event = events.Event(
                    topic=events.CONCERNS_TOPIC,
                    kind="concern.escalated",
                    review_id=concern.review_id,
                    object_id=concern.id,
                )
                await notify.notify(settings, event)
    print(f"Escalated {len(escalated)} concern(s).")  # noqa: T201
    return 0
