"""Reading what plugins are given from the database: figures by year, the register, reviews."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.connection import get_connection

from peerqa.models import School
from peerqa.scoring.compare import COMPARED
from peerqa.scoring.inputs import SCHOOL_TYPE, YearData
from peerqa.scoring.snapshots import SchoolSnapshot
from peerqa.sql import Sql
from peerqa.stats.similar import NEEDED

_SELECT = (
    "SELECT s.urn AS urn, s.year AS year, v.measure AS measure, v.value AS value, "
    "v.raw_text AS raw, v.suppression AS suppression "
    "FROM context_value v JOIN context_snapshot s ON s.id = v.snapshot_id"
)
# Every figure of every school is most of a scoring run's reading: about 800,000 rows for one
# year of England. Reading them without the join, and the numbers without their text columns,
# halves the time; the few text values (school type, suppressed figures) come separately.
_SNAPSHOTS = "SELECT id, urn, year FROM context_snapshot"
_NUMBERS = "SELECT snapshot_id, measure, value FROM context_value WHERE value IS NOT NULL"
_OTHERS = (
    "SELECT snapshot_id, measure, value, raw_text, suppression FROM context_value "
    "WHERE value IS NULL"
)


async def years(urns: Iterable[int] | None = None) -> dict[int, YearData]:
    """Every figure of every school (or of ``urns``), by year; one query."""
    sql = Sql(get_connection("default"))
    wanted = sorted(set(urns)) if urns is not None else None
    if wanted is None:
        return await _everything(sql)
    if not wanted:
        return {}
    else:
        rows = await sql.rows(f"{_SELECT} WHERE s.urn IN ({sql.marks(len(wanted))})", wanted)
    return _collect(rows)


async def _everything(sql: Sql) -> dict[int, YearData]:
    snapshots = await sql.rows(_SNAPSHOTS)
    where = {int(r[0]): (int(r[1]), int(r[2])) for r in snapshots}
    by_year: dict[int, YearData] = {}
    for _urn, year in where.values():
        if year not in by_year:
            by_year[year] = YearData(year)
    values = {sid: by_year[year].values.setdefault(urn, {}) for sid, (urn, year) in where.items()}
    numbers = await sql.rows(_NUMBERS)
    for snapshot, measure, value in numbers:
        values[snapshot][measure] = float(value)
    others = await sql.rows(_OTHERS)
    for snapshot, measure, _value, raw, suppression in others:
        urn, year = where[snapshot]
        if not suppression and raw:
            by_year[year].texts.setdefault(urn, {})[measure] = raw
        else:
            values[snapshot][measure] = None
    for data in by_year.values():  # schools with only text figures have no values entry
        for urn in [u for u, found in data.values.items() if not found]:
            del data.values[urn]
    return by_year


async def compared(year_list: Iterable[int]) -> dict[int, YearData]:
    """For the given years, every school's figures the comparison groups need, and no more."""
    sql = Sql(get_connection("default"))
    found = sorted(set(year_list))
    if not found:
        return {}
    measures = sorted({*COMPARED, *NEEDED, SCHOOL_TYPE})
    rows = await sql.rows(
        f"{_SELECT} WHERE s.year IN ({sql.marks(len(found))}) "
        f"AND v.measure IN ({sql.marks(len(measures), len(found) + 1)})",
        [*found, *measures],
    )
    return _collect(rows)


def _collect(rows: Iterable[Any]) -> dict[int, YearData]:
    by_year: dict[int, YearData] = {}
    for row in rows:
        urn, year, measure, value, raw, suppression = tuple(row)
        data = by_year.get(year)
        if data is None:
            data = by_year[year] = YearData(int(year))
        if value is None and not suppression and raw:
            data.texts.setdefault(urn, {})[measure] = raw
        else:
            data.values.setdefault(urn, {})[measure] = None if value is None else float(value)
    return by_year


async def register(urns: Iterable[int] | None = None) -> dict[int, SchoolSnapshot]:
    """Register facts (name, phase, local authority) of the schools peerqa holds."""
    query = School.all() if urns is None else School.filter(urn__in=list(urns))
    rows = await query.values_list("urn", "name", "phase", "la_code", "la_name")
    return {
        int(urn): SchoolSnapshot(
            urn=int(urn), name=name, phase=str(phase), la_code=la_code, la_name=la_name
        )
        for urn, name, phase, la_code, la_name in rows
    }
