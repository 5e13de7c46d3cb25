"""Domain events and the hub that carries them to subscribers (GraphQL subscriptions).

Services publish after their transaction commits, so no subscriber sees uncommitted data.
Events carry identifiers only; subscribers re-read what they may see through the access rules.

One worker (SQLite) delivers in process. Several workers sharing PostgreSQL fan events out with
``LISTEN``/``NOTIFY``: each worker publishes with ``pg_notify`` and delivers what it hears on
its own dedicated connection, so a mutation in one worker reaches subscribers in every worker.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any

QUEUE_SIZE = 100


@dataclass(frozen=True)
class Event:
    topic: str
    """``review:<id>`` for changes to one review, ``concerns`` for newly raised concerns."""
    kind: str
    """What happened, e.g. ``evidence.add`` or ``state.visit``."""
    review_id: int
    object_id: int | None = None
    actor_id: int | None = None
    origin: str = ""
    """The worker that raised it (set by the hub), so one-off side effects run only there."""


def review_topic(review_id: int) -> str:
    return f"review:{review_id}"


CONCERNS_TOPIC = "concerns"


CHANNEL = "peerqa_events"
WORKER = secrets.token_hex(8)
"""This process's identity on the shared channel."""
log = logging.getLogger("peerqa.events")


class MemoryHub:
    """Fan events out to subscribers; a slow subscriber drops its oldest event.

    With ``listen_postgres`` active, publishing goes through PostgreSQL so that every worker
    (this one included) hears it; otherwise events are delivered in this process.
    """

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[Event]]] = defaultdict(set)
        self._listener: Any = None
        self._sending = asyncio.Lock()  # one asyncpg connection runs one query at a time

    async def publish(self, event: Event) -> None:
        event = replace(event, origin=WORKER)
        if self._listener is not None:
            try:
                payload = json.dumps(asdict(event), separators=(",", ":"))
                async with self._sending:
                    await self._listener.execute("SELECT pg_notify($1, $2)", CHANNEL, payload)
                return
            except Exception:  # fall back to this worker rather than lose the event
                log.exception("pg_notify failed; delivering in this worker only")
        self.deliver(event)

    def deliver(self, event: Event) -> None:
        for queue in list(self._queues.get(event.topic, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    @asynccontextmanager
    async def subscribe(self, topic: str) -> AsyncIterator[AsyncIterator[Event]]:
        queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_SIZE)
        self._queues[topic].add(queue)

        async def events() -> AsyncIterator[Event]:
            while True:
                yield await queue.get()

        try:
            yield events()
        finally:
            self._queues[topic].discard(queue)
            if not self._queues[topic]:
                del self._queues[topic]

    def subscriber_count(self, topic: str) -> int:
        return len(self._queues.get(topic, ()))

    @asynccontextmanager
    async def listen_postgres(self, dsn: str) -> AsyncIterator[None]:
        """Share events with every worker through PostgreSQL for as long as this is open."""
        import asyncpg

        # Tortoise pool options (min_size, max_size, ...) are not server settings: drop them.
        base = dsn.split("?", 1)[0].replace("postgres://", "postgresql://", 1)
        connection = await asyncpg.connect(base)

        def heard(_conn: Any, _pid: int, _channel: str, payload: str) -> None:
            try:
                self.deliver(Event(**json.loads(payload)))
            except (TypeError, ValueError):
                log.error("ignored a malformed event on %s", CHANNEL)

        await connection.add_listener(CHANNEL, heard)
        self._listener = connection
        try:
            yield
        finally:
            self._listener = None
            await connection.close()


hub = MemoryHub()
"""The process's hub. Tests and the app use this one instance."""


async def publish(event: Event) -> None:
    await hub.publish(event)
