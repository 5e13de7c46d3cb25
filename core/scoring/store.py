"""Storing plugin results: one row per subject and plugin, rewritten only when its input changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from peerqa.pluginhost import Plugin
from peerqa.scoring.pool import Result
from peerqa.sql import Sql

COLUMNS = (
    "subject",
    "subject_id",
    "plugin",
    "plugin_version",
    "input_hash",
    "ok",
    "error",
    "scores",
    "flags",
    "risks",
    "duration_ms",
    "computed_at",
)
BATCH = 2000


async def hashes(subject: str, ids: Iterable[int] | None = None) -> dict[tuple[int, str], str]:
    """The stored input hash of every result for ``subject`` (or for ``ids`` of it)."""
    sql = Sql(get_connection("default"))
    where = f"ok AND subject = {sql.marks(1)}"
    query = f"SELECT subject_id, plugin, input_hash FROM plugin_result WHERE {where}"  # noqa: S608
    params: list[Any] = [subject]
    if ids is not None:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        query += f" AND subject_id IN ({sql.marks(len(wanted), 2)})"
        params.extend(wanted)
    rows = await sql.rows(query, params)
    return {(int(r[0]), str(r[1])): str(r[2]) for r in rows}


async def save(subject: str, plugins: Sequence[Plugin], results: Sequence[Result]) -> None:
    """Insert or replace the results (``Result.plugin`` indexes ``plugins``), all or nothing."""
    if not results:
        return
    names = [(p.name, p.version) for p in plugins]
    async with in_transaction() as conn:
        sql = Sql(conn)
        stamp = sql.stamp()
        values = [
            [
                subject,
                r.subject_id,
                *names[r.plugin],
                r.input_hash,
                r.ok,
                r.error,
                r.scores,
                r.flags,
                r.risks,
                round(r.seconds * 1000, 3),
                stamp,
            ]
            for r in results
        ]
        if sql.postgres:
            await _replace_on_postgres(conn, subject, values)
            return
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[3:])
        statement = (
            f"INSERT INTO plugin_result ({', '.join(COLUMNS)}) "  # noqa: S608 - names are constants
            f"VALUES ({sql.marks(len(COLUMNS))}) "
            f"ON CONFLICT (subject, subject_id, plugin) DO UPDATE SET {updates}"
        )
        for start in range(0, len(values), BATCH):
            await conn.execute_many(statement, values[start : start + BATCH])


async def _replace_on_postgres(
    conn: BaseDBAsyncClient, subject: str, values: list[list[Any]]
) -> None:
    """Delete the results being replaced, then COPY the new ones in: on PostgreSQL that costs
    the server about half what an upsert per row does (about 100,000 rows in a full run).

    Unlike an upsert, delete-then-insert would fail if another save of the same result ran at
    the same time, so saves take turns: the lock below is held to the end of the transaction and
    lets readers through."""
    async with conn.acquire_connection() as raw:
        await raw.execute("LOCK TABLE plugin_result IN SHARE ROW EXCLUSIVE MODE")
        await raw.execute(
            "DELETE FROM plugin_result r USING unnest($2::int[], $3::varchar[]) AS t(id, plugin) "
            "WHERE r.subject = $1 AND r.subject_id = t.id AND r.plugin = t.plugin",
            subject,
            [v[1] for v in values],
            [v[2] for v in values],
        )
        await raw.copy_records_to_table("plugin_result", records=values, columns=COLUMNS)
