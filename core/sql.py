"""Raw SQL for bulk work (imports, scoring) in the connection's placeholder style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

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

    async def rows(self, query: str, params: Sequence[Any] = ()) -> Sequence[Sequence[Any]]:
        """A query's rows for bulk reading. On SQLite they come as plain tuples: Tortoise asks
        for ``sqlite3.Row`` objects, which cost more than the query itself when there are
        hundreds of thousands of rows."""
        if self.postgres:
            _count, found = await self.conn.execute_query(query, list(params))
            return cast(Sequence[Sequence[Any]], found)  # asyncpg Records, typed as dicts
        async with self.conn.acquire_connection() as connection:
            cursor = await connection.execute(query, params)
            try:
                cursor.row_factory = None
                return list(await cursor.fetchall())
            finally:
                await cursor.close()
