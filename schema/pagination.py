"""Cursor connections over scoped querysets, with ``first`` bounded to 1..100."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry
from tortoise.models import Model
from tortoise.queryset import QuerySet

from peerqa.errors import ValidationFailed
from peerqa.schema.limits import DEFAULT_PAGE, MAX_PAGE

NodeT = TypeVar("NodeT")
MAX_OFFSET = 1_000_000
M = TypeVar("M", bound=Model)


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items in the whole list, not just this page.")

    @strawberry.field(description="The nodes of this page, without cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"cursor:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.b64decode(cursor, validate=True).decode().partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
        kind = ""
    if kind != "cursor" or not 0 <= offset <= MAX_OFFSET:
        raise ValidationFailed("'after' is not a cursor from this list.", field="after")
    return offset


async def paginate(
    queryset: QuerySet[M],
    first: int | None,
    after: str | None,
    to_node: Callable[[M], Any],
) -> Any:
    """One page of an already access-scoped, ordered queryset."""
    size = DEFAULT_PAGE if first is None else first
    if not 1 <= size <= MAX_PAGE:
        raise ValidationFailed(f"'first' must be between 1 and {MAX_PAGE}.", field="first")
    start = 0 if after is None else decode_cursor(after) + 1
    rows = await queryset.offset(start).limit(size + 1)
    total = await queryset.count()
    page = rows[:size]
    edges = [Edge(cursor=encode_cursor(start + i), node=to_node(row)) for i, row in enumerate(page)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
