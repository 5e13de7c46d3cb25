"""The event hub: in process, and across workers through PostgreSQL LISTEN/NOTIFY."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace

import pytest

from peerqa import events
from tests.conftest import POSTGRES_ENV, admin_url, postgres_url


async def next_event(stream: object) -> events.Event:
    return await asyncio.wait_for(anext(stream), timeout=2)  # type: ignore[call-overload]


async def test_memory_hub_delivers_by_topic() -> None:
    hub = events.MemoryHub()
    async with hub.subscribe("review:1") as one, hub.subscribe("review:2") as two:
        await hub.publish(events.Event(topic="review:1", kind="a", review_id=1))
        await hub.publish(events.Event(topic="review:2", kind="b", review_id=2))
        assert (await next_event(one)).kind == "a"
        assert (await next_event(two)).kind == "b"
    assert hub.subscriber_count("review:1") == 0


async def test_a_slow_subscriber_drops_its_oldest() -> None:
    hub = events.MemoryHub()
    async with hub.subscribe("t") as stream:
        for n in range(events.QUEUE_SIZE + 5):
            await hub.publish(events.Event(topic="t", kind=str(n), review_id=1))
        assert (await next_event(stream)).kind == "5"


async def test_postgres_fans_out_to_every_worker() -> None:
    if postgres_url() is None:
        pytest.skip("PostgreSQL leg: set PEERQA_TEST_POSTGRES_URL to run it (.ci/run does)")
    url = admin_url(os.environ[POSTGRES_ENV])  # LISTEN/NOTIFY work in any database
    worker_a, worker_b = events.MemoryHub(), events.MemoryHub()
    event = events.Event(topic="review:9", kind="evidence.add", review_id=9, object_id=3)
    async with (
        worker_a.listen_postgres(url),
        worker_b.listen_postgres(url),
        worker_a.subscribe("review:9") as in_a,
        worker_b.subscribe("review:9") as in_b,
    ):
        await worker_a.publish(event)
        heard_a, heard_b = await next_event(in_a), await next_event(in_b)
    assert heard_a == heard_b == replace(event, origin=events.WORKER)
