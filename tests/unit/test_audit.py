from __future__ import annotations

from typing import Any

from peerqa import audit
from peerqa.models import AuditEvent


async def test_chain_verifies_and_detects_tampering(db: Any) -> None:
    for n in range(5):
        await audit.record(
            "test.event", actor_id=None, object_type="thing", object_id=n, detail={"n": n}
        )
    assert await audit.verify_chain() is None
    third = await AuditEvent.all().order_by("id").offset(2).first()
    assert third is not None
    await AuditEvent.filter(id=third.id).update(detail={"n": 99})
    assert await audit.verify_chain() == third.id


async def test_first_event_chains_from_genesis(db: Any) -> None:
    event = await audit.record("test.event", actor_id=None, object_type="thing", object_id=1)
    assert event.prev_hash == audit.GENESIS
