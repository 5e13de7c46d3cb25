"""Domain events and the hub that carries them to subscribers (GraphQL subscriptions).

Services publish after their transaction commits, so no subscriber sees uncommitted data.
Events carry identifiers only; subscribers re-read what they may see through the access rules.
The in-process hub serves one worker; several workers need a shared hub (see operations docs).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

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


def review_topic(review_id: int) -> str:
    return f"review:{review_id}"


CONCERNS_TOPIC = "concerns"


class MemoryHub:
    """Fan events out to subscribers in this process; a slow subscriber drops its oldest."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[Event]]] = defaultdict(set)

    async def publish(self, event: Event) -> None:
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


hub = MemoryHub()
"""The process's hub. Tests and the app use this one instance."""


async def publish(event: Event) -> None:
    await hub.publish(event)
