"""Run one import: stream the file, check every row, and upsert its values in one transaction.

Values are written with bulk SQL in batches; the whole file is one transaction, so an import
that fails or is interrupted leaves the database exactly as it was. A second import of the same
file finds every value unchanged and writes nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from peerqa.errors import ValidationFailed
from peerqa.importers.base import MeasureKind
from peerqa.importers.kinds import KINDS, detect
from peerqa.importers.reading import open_rows
from peerqa.importers.values import BadValue, Value, parse
from peerqa.sql import Sql

BATCH_ROWS = 2000
URN_MAX = 99_999_999
YEARS = range(1990, 2100)


@dataclass
class Summary:
    kind: str
    year: int
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Total rows (national or local), which are not schools."""
    rejected: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""

    def line(self) -> str:
        return (
            f"{self.kind} {self.year}: {self.rows} rows; {self.inserted} inserted, "
            f"{self.updated} updated, {self.unchanged} unchanged, {len(self.rejected)} rejected, "
            f"{self.skipped} totals skipped ({self.encoding})"
        )


@dataclass(frozen=True)
class SchoolRow:
    line: int
    urn: int
    values: dict[str, Value]


def choose_kind(name: str | None, header: list[str], path: Path) -> MeasureKind:
    """The kind named (checked against the header), or the one the header shows."""
    if not header:
        raise ValidationFailed(f"{path.name} is empty.")
    if name is None:
        kind = detect(header)
        if kind is None:
            raise ValidationFailed(
                f"{path.name}: the header does not match any known format; name the kind "
                f"({', '.join(KINDS)})."
            )
        return kind
    if name not in KINDS:
        raise ValidationFailed(f"Unknown kind {name!r}; choose one of {', '.join(KINDS)}.")
    kind = KINDS[name]
    missing = [c for c in kind.columns if c not in header]
    if missing:
        raise ValidationFailed(
            f"{path.name} is not a {kind.name} file: the header lacks {', '.join(missing[:5])}."
        )
    return kind


def check_row(kind: MeasureKind, line: int, row: dict[str, str]) -> SchoolRow:
    """Turn a row into a school's values, or raise ValueError saying what is wrong with it."""
    if "__width__" in row:
        raise ValueError(f"has {row['__width__']} cells where the header has more or fewer")
    raw_urn = row.get(kind.urn_column, "").strip()
    if not raw_urn.isdigit() or not 0 < int(raw_urn) <= URN_MAX:
        raise ValueError(f"URN {raw_urn[:20]!r} is not a school's reference number")
    values = {
        measure: Value(None, row.get(column, "").strip()[:64], "")
        for column, measure in kind.texts.items()
    }
    for column, measure in kind.measures.items():
        try:
            values[measure] = parse(row.get(column, ""))
        except BadValue as error:
            raise ValueError(f"{column}: {error}") from None
    return SchoolRow(line, int(raw_urn), values)


async def import_file(
    path: Path,
    *,
    kind_name: str | None,
    year: int,
    progress: Callable[[int], None] | None = None,
    rejects_path: Path | None = None,
) -> Summary:
    """Import one file for one year; everything or nothing."""
    if year not in YEARS:
        raise ValidationFailed(f"--year must be an academic year such as 2018, not {year}.")
    with open_rows(path) as (header, rows, encoding):
        kind = choose_kind(kind_name, header, path)
        summary = Summary(kind=kind.name, year=year, encoding=encoding)
        await _import_rows(kind, rows, path.name[:255], summary, progress)
    if rejects_path is not None:
        write_rejects(rejects_path, summary.rejected)
    return summary


async def _import_rows(
    kind: MeasureKind,
    rows: Iterator[tuple[int, dict[str, str]]],
    source: str,
    summary: Summary,
    progress: Callable[[int], None] | None,
) -> None:
    year = summary.year
    batch: list[SchoolRow] = []
    async with in_transaction() as conn:
        for line, row in rows:
            summary.rows += 1
            if kind.is_total(row):
                summary.skipped += 1
                continue
            try:
                batch.append(check_row(kind, line, row))
            except ValueError as error:
                summary.rejected.append((line, str(error)))
            if len(batch) >= BATCH_ROWS:
                await _write(conn, batch, year, source, summary)
                batch = []
                if progress:
                    progress(summary.rows)
        if batch:
            await _write(conn, batch, year, source, summary)
    if progress:
        progress(summary.rows)


def write_rejects(path: Path, rejected: Sequence[tuple[int, str]]) -> None:
    """Write the rejected rows; with none, remove an earlier run's file, which no longer applies."""
    if not rejected:
        path.unlink(missing_ok=True)
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "reason"])
        writer.writerows(rejected)


async def _write(
    conn: BaseDBAsyncClient, batch: list[SchoolRow], year: int, source: str, summary: Summary
) -> None:
    sql = Sql(conn)
    # Later rows for the same URN win, as they would in a spreadsheet.
    by_urn = {row.urn: row for row in batch}
    urns = list(by_urn)
    snapshots = await _snapshot_ids(sql, urns, year)
    missing = [u for u in urns if u not in snapshots]
    if missing:
        stamp = sql.stamp()
        await conn.execute_many(
            f"INSERT INTO context_snapshot (urn, year, updated_at) VALUES ({sql.marks(3)})",
            [[u, year, stamp] for u in missing],
        )
        snapshots.update(await _snapshot_ids(sql, missing, year))
    existing = await _existing_values(sql, list(snapshots.values()))
    inserts: list[list[Any]] = []
    updates: list[list[Any]] = []
    stamp = sql.stamp()
    for urn, row in by_urn.items():
        snapshot = snapshots[urn]
        changed = added = False
        for measure, value in row.values.items():
            current = existing.get((snapshot, measure))
            if current is None:
                inserts.append(
                    [
                        snapshot,
                        measure,
                        value.value,
                        value.raw[:64],
                        value.suppression,
                        source,
                        row.line,
                        stamp,
                    ]
                )
                added = True
            elif current[1] != value.raw[:64] or current[2] != source:
                updates.append(
                    [
                        value.value,
                        value.raw[:64],
                        value.suppression,
                        source,
                        row.line,
                        stamp,
                        current[0],
                    ]
                )
                changed = True
        if added and not changed and all((snapshot, m) not in existing for m in row.values):
            summary.inserted += 1
        elif added or changed:
            summary.updated += 1
        else:
            summary.unchanged += 1
    if inserts:
        await conn.execute_many(
            "INSERT INTO context_value (snapshot_id, measure, value, raw_text, suppression, "
            f"source_file, source_row, updated_at) VALUES ({sql.marks(8)})",
            inserts,
        )
    if updates:
        set_clause = (
            "value = {0}, raw_text = {1}, suppression = {2}, source_file = {3}, "
            "source_row = {4}, updated_at = {5} WHERE id = {6}"
        )
        places = [f"${i}" for i in range(1, 8)] if sql.postgres else ["?"] * 7
        await conn.execute_many("UPDATE context_value SET " + set_clause.format(*places), updates)


async def _snapshot_ids(sql: Sql, urns: list[int], year: int) -> dict[int, int]:
    if not urns:
        return {}
    rows = await sql.conn.execute_query_dict(
        f"SELECT id, urn FROM context_snapshot WHERE year = {sql.marks(1)} "
        f"AND urn IN ({sql.marks(len(urns), 2)})",
        [year, *urns],
    )
    return {int(r["urn"]): int(r["id"]) for r in rows}


async def _existing_values(
    sql: Sql, snapshot_ids: list[int]
) -> dict[tuple[int, str], tuple[int, str, str]]:
    if not snapshot_ids:
        return {}
    rows = await sql.conn.execute_query_dict(
        "SELECT id, snapshot_id, measure, raw_text, source_file FROM context_value "
        f"WHERE snapshot_id IN ({sql.marks(len(snapshot_ids))})",
        snapshot_ids,
    )
    return {
        (int(r["snapshot_id"]), str(r["measure"])): (
            int(r["id"]),
            str(r["raw_text"]),
            str(r["source_file"]),
        )
        for r in rows
    }
