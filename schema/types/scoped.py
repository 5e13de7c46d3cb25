"""Relay node resolution for objects that live inside a review (evidence, concerns, ...).

An object is returned only if its review is visible to the caller and the caller's relation
to that review allows reading that kind of object; otherwise the node is null, exactly as if it
did not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from peerqa import access, models
from peerqa.access import ReviewRelation
from peerqa.schema.context import Info
from peerqa.schema.relations import relation_for
from peerqa.schema.types.nodes import parse_key


class InReview(Protocol):
    id: int
    review_id: int


M = TypeVar("M", bound=InReview)


async def resolve_in_review(
    info: Info,
    node_ids: Iterable[str],
    model: Any,
    may_read: Callable[[ReviewRelation, Any], bool],
    to_node: Callable[[Any], Any],
) -> list[Any]:
    keys = [parse_key(i) for i in node_ids]
    rows = await model.in_bulk([k for k in keys if k is not None], "id")
    review_ids = {row.review_id for row in rows.values()}
    reviews = {
        r.id: r
        for r in await access.visible_reviews(info.context.actor).filter(id__in=list(review_ids))
    }
    allowed: dict[int, Any] = {}
    for key, row in rows.items():
        review: models.Review | None = reviews.get(row.review_id)
        if review is not None and may_read(await relation_for(info, review), row):
            allowed[key] = row
    return [to_node(allowed[k]) if k is not None and k in allowed else None for k in keys]
