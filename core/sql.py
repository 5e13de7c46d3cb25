"""Raw SQL for bulk work (imports, scoring) in the connection's placeholder style."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.clock import now


class Sql:
    """Placeholders and timestamps as SQLite (``?``, ISO text) or PostgreSQL (``$n``) want them."""

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.postgres = conn.capabilities.dialect == "postgres"

    def marks(self, count: int, start: int = 1) -> str:
        if self.postgres:
            return ", ".join(f"${i}" for i in range(start, start + count))
        return ", ".join("?" * count)

    def stamp(self) -> Any:
        at = now()
        return at if self.postgres else at.isoformat(sep=" ")
