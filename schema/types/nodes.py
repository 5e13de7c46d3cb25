"""Shared helpers for identifiers and Relay ``node`` resolution through the access rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)
MAX_KEY_DIGITS = 11  # larger than any id peerqa issues, small enough for every integer column


def parse_key(raw: str) -> int | None:
    """The integer key inside an identifier, or None if it cannot be one of ours."""
    text = str(raw)
    if not text.isascii() or not text.isdigit() or len(text) > MAX_KEY_DIGITS:
        return None
    return int(text)


async def resolve_visible(
    node_ids: Iterable[str],
    visible: QuerySet[M],
    key: str,
    to_node: Callable[[M], Any],
) -> list[Any]:
    """Nodes for ids, in order; None for an id that is malformed or not the caller's to see."""
    keys = [parse_key(i) for i in node_ids]
    wanted = [k for k in keys if k is not None]
    rows = {getattr(row, key): row for row in await visible.filter(**{f"{key}__in": wanted})}
    return [to_node(rows[k]) if k is not None and k in rows else None for k in keys]
