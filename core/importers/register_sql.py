"""Upsert rows by a natural key with bulk SQL: fetch what is there, insert the new, update the
changed, and leave the rest alone, so a re-import writes nothing.

The ORM's per-object saves are far too slow for tens of thousands of rows, and a database
``ON CONFLICT`` upsert cannot tell an unchanged row from a changed one, which the summary needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.clock import now
from peerqa.importers import runner
from peerqa.importers.register_base import Counts

CHUNK = 1000
"""Keys per ``IN (...)`` list and rows per ``execute_many``: well inside SQLite's limits."""

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """A table written by key; ``compared`` columns decide whether a row changed."""

    name: str
    key: tuple[str, ...]
    compared: tuple[str, ...]
    extra: tuple[str, ...] = ()
    """Written with the row but not compared (source_row: a reordered file is not a change)."""
    stamp: str | None = "updated_at"
    on_insert: tuple[str, ...] = ()
    """Timestamp columns set once, when the row is created (created_at)."""


class Sql:
    """Placeholders and parameter types in the connection's dialect."""

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.postgres = conn.capabilities.dialect == "postgres"

    def marks(self, count: int, start: int = 1) -> list[str]:
        if self.postgres:
            return [f"${i}" for i in range(start, start + count)]
        return ["?"] * count

    def param(self, value: Any) -> Any:
        """asyncpg wants date objects; SQLite is given ISO text (its date adapter is deprecated)."""
        if isinstance(value, date) and not self.postgres:
            return value.isoformat()
        return value

    def stamp(self) -> Any:
        at = now()
        return at if self.postgres else at.isoformat(sep=" ")


def _same(stored: Any, new: Any) -> bool:
    if isinstance(new, date):
        return str(stored) == new.isoformat()
    if isinstance(new, bool):
        return stored is not None and bool(stored) == new
    return bool(stored == new)


async def upsert(
    conn: BaseDBAsyncClient, table: Table, rows: Mapping[Key, Mapping[str, Any]]
) -> Counts:
    """Write ``rows`` (key -> column values) into ``table``; say how many were new or changed."""
    sql = Sql(conn)
    existing = await _existing(sql, table, list(rows))
    counts = Counts()
    inserts: list[list[Any]] = []
    updates: list[list[Any]] = []
    stamp = sql.stamp()
    written = (*table.compared, *table.extra)
    for key, row in rows.items():
        stored = existing.get(key)
        values = [sql.param(row[c]) for c in written]
        if stored is None:
            counts.inserted += 1
            stamps = [stamp] * (len(table.on_insert) + (table.stamp is not None))
            inserts.append([*(sql.param(k) for k in key), *values, *stamps])
        elif all(_same(stored[c], row[c]) for c in table.compared):
            counts.unchanged += 1
        else:
            counts.updated += 1
            stamps = [stamp] if table.stamp else []
            updates.append([*values, *stamps, *(sql.param(k) for k in key)])
    stamped = (*table.on_insert, *([table.stamp] if table.stamp else []))
    insert_columns = (*table.key, *written, *stamped)
    insert = (
        f"INSERT INTO {table.name} ({', '.join(insert_columns)}) "  # noqa: S608 - names, not data
        f"VALUES ({', '.join(sql.marks(len(insert_columns)))})"
    )
    set_columns = (*written, *([table.stamp] if table.stamp else []))
    marks = sql.marks(len(set_columns) + len(table.key))
    sets = ", ".join(f"{c} = {m}" for c, m in zip(set_columns, marks, strict=False))
    where = " AND ".join(
        f"{c} = {m}" for c, m in zip(table.key, marks[len(set_columns) :], strict=True)
    )
    update = f"UPDATE {table.name} SET {sets} WHERE {where}"  # noqa: S608 - names, not data
    for start in range(0, len(inserts), CHUNK):
        await conn.execute_many(insert, inserts[start : start + CHUNK])
    for start in range(0, len(updates), CHUNK):
        await conn.execute_many(update, updates[start : start + CHUNK])
    return counts


async def _existing(sql: Sql, table: Table, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
    """The stored rows whose first key column is among these keys' (the rest checked here).

    PostgreSQL gets every key in one array and hash-joins it: an ``IN`` list of a thousand
    parameters is compared row by row when the table's statistics are stale (just after a
    first import), which made a re-import of the links file take seconds. SQLite uses its index
    for ``IN`` lists, in chunks below its parameter limit.
    """
    firsts = sorted({sql.param(k[0]) for k in keys}, key=str)
    wanted = {tuple(sql.param(v) for v in k): k for k in keys}
    columns = ", ".join(f"t.{c}" for c in (*table.key, *table.compared))
    rows: list[dict[str, Any]] = []
    if sql.postgres and firsts:
        array = "bigint[]" if isinstance(firsts[0], int) else "text[]"
        rows = await sql.conn.execute_query_dict(
            f"SELECT {columns} FROM {table.name} t "  # noqa: S608 - names, not data
            f"JOIN unnest($1::{array}) AS k(v) ON t.{table.key[0]} = k.v",
            [firsts],
        )
    elif firsts:
        for start in range(0, len(firsts), CHUNK):
            chunk = firsts[start : start + CHUNK]
            rows += await sql.conn.execute_query_dict(
                f"SELECT {columns} FROM {table.name} t "  # noqa: S608 - names, not data
                f"WHERE t.{table.key[0]} IN ({', '.join(sql.marks(len(chunk)))})",
                chunk,
            )
    found: dict[Key, dict[str, Any]] = {}
    for row in rows:
        stored = tuple(sql.param(row[c]) for c in table.key)
        if stored in wanted:
            found[wanted[stored]] = row
    return found


async def write_measures(
    conn: BaseDBAsyncClient, rows: Sequence[runner.SchoolRow], years: Sequence[int], source: str
) -> Counts:
    """Per-school values, each row into the snapshot of its year, by the measure importer's own
    bulk writer (so both kinds of import store and compare values the same way).

    Counts are of schools per year, as that writer counts them.
    """
    by_year: dict[int, list[runner.SchoolRow]] = defaultdict(list)
    for row, year in zip(rows, years, strict=True):
        by_year[year].append(row)
    counts = Counts()
    for year, school_rows in sorted(by_year.items()):
        for start in range(0, len(school_rows), runner.BATCH_ROWS):
            written = runner.Summary(kind="register", year=year)
            batch = list(school_rows[start : start + runner.BATCH_ROWS])
            await runner._write(conn, batch, year, source, written)
            counts.inserted += written.inserted
            counts.updated += written.updated
            counts.unchanged += written.unchanged
    return counts
