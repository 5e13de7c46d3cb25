"""Append to the audit trail, hash-chained so tampering is detectable.

Call :func:`record` inside the same transaction as the change it describes, so the change and
its audit row commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tortoise.connection import get_connection

from peerqa.clock import now
from peerqa.models import AuditEvent

GENESIS = "0" * 64


def _row_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


async def record(
    action: str,
    *,
    actor_id: int | None,
    object_type: str,
    object_id: object,
    review_id: int | None = None,
    detail: dict[str, Any] | None = None,
    client: str = "",
) -> AuditEvent:
    """Append one event. ``detail`` must never hold passwords, tokens or concern narrative."""
    conn = get_connection("default")
    if conn.capabilities.dialect == "postgres":
        # Serialise appenders so two transactions cannot chain onto the same previous row.
        await conn.execute_query("SELECT pg_advisory_xact_lock(7205837291)")
    last = await AuditEvent.all().order_by("-id").first().values_list("hash", flat=True)
    prev_hash = str(last) if last else GENESIS
    at = now()
    fields = {
        "at": at.isoformat(),
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "review_id": review_id,
        "detail": detail or {},
    }
    return await AuditEvent.create(
        at=at,
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        review_id=review_id,
        detail=detail or {},
        client=client[:64],
        prev_hash=prev_hash,
        hash=_row_digest(prev_hash, fields),
    )


async def verify_chain() -> int | None:
    """Return the id of the first event whose hash does not verify, or None if all do."""
    prev_hash = GENESIS
    for event in await AuditEvent.all().order_by("id"):
        fields = {
            "at": event.at.isoformat(),
            "actor_id": event.actor_id,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "review_id": event.review_id,
            "detail": event.detail,
        }
        if event.prev_hash != prev_hash or event.hash != _row_digest(prev_hash, fields):
            return event.id
        prev_hash = event.hash
    return None
