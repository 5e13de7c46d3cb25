"""Storing plugin results: one row per subject and plugin, rewritten only when its input changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from peerqa.scoring.pool import Encoded
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


@dataclass(frozen=True)
class Row:
    subject: str
    subject_id: int
    plugin: str
    version: str
    input_hash: str
    outcome: Encoded


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
    _count, rows = await sql.conn.execute_query(query, params)
    return {(int(r[0]), str(r[1])): str(r[2]) for r in rows}


async def save(rows: Sequence[Row]) -> None:
    """Insert or replace the rows' results, all or nothing."""
    if not rows:
        return
    async with in_transaction() as conn:
        sql = Sql(conn)
        stamp = sql.stamp()
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[3:])
        statement = (
            f"INSERT INTO plugin_result ({', '.join(COLUMNS)}) "  # noqa: S608 - names are constants
            f"VALUES ({sql.marks(len(COLUMNS))}) "
            f"ON CONFLICT (subject, subject_id, plugin) DO UPDATE SET {updates}"
        )
        values = [
            [
                r.subject,
                r.subject_id,
                r.plugin,
                r.version,
                r.input_hash,
                r.outcome.ok,
                r.outcome.error,
                r.outcome.scores,
                r.outcome.flags,
                r.outcome.risks,
                round(r.outcome.seconds * 1000, 3),
                stamp,
            ]
            for r in rows
        ]
        for start in range(0, len(values), BATCH):
            await conn.execute_many(statement, values[start : start + BATCH])
