"""Optimistic concurrency: write only if nobody else has written since the caller read.

Every editable row has a ``version`` counter. A write names the version it was based on; if the
row has moved on, nothing is written and the caller gets a CONFLICT carrying the current version
so the client can show the newer text next to what the user typed.
"""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.models import Model

from peerqa.errors import Conflict

M = TypeVar("M", bound=Model)


class StaleVersion(Conflict):
    def __init__(self, what: str, current: int) -> None:
        super().__init__(
            f"This {what} was changed by someone else (now version {current}). Reload it, "
            "compare, and save again: your text has not been lost.",
            field="version",
        )
        self.current = current


async def update_versioned(
    model: type[M],
    pk: int,
    expected: int,
    what: str,
    *,
    only_if: dict[str, Any] | None = None,
    **values: Any,
) -> int:
    """Apply ``values`` if the row is still at ``expected`` (and matches ``only_if``).

    Returns the new version; raises StaleVersion with the current one otherwise.
    """
    target = model.filter(pk=pk, version=expected, **(only_if or {}))
    updated = await target.update(version=expected + 1, **values)
    if updated == 0:
        rows = await model.filter(pk=pk).values("version")
        raise StaleVersion(what, int(rows[0]["version"]) if rows else -1)
    return expected + 1
