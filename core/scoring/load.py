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


async def years(urns: Iterable[int] | None = None) -> dict[int, YearData]:
    """Every figure of every school (or of ``urns``), by year; one query."""
    sql = Sql(get_connection("default"))
    wanted = sorted(set(urns)) if urns is not None else None
    if wanted is None:
        rows = await sql.conn.execute_query(_SELECT)
    elif not wanted:
        return {}
    else:
        rows = await sql.conn.execute_query(
            f"{_SELECT} WHERE s.urn IN ({sql.marks(len(wanted))})",
            wanted,
        )
    return _collect(rows[1])


async def compared(year_list: Iterable[int]) -> dict[int, YearData]:
    """For the given years, every school's figures the comparison groups need, and no more."""
    sql = Sql(get_connection("default"))
    found = sorted(set(year_list))
    if not found:
        return {}
    measures = sorted({*COMPARED, *NEEDED, SCHOOL_TYPE})
    rows = await sql.conn.execute_query(
        f"{_SELECT} WHERE s.year IN ({sql.marks(len(found))}) "
        f"AND v.measure IN ({sql.marks(len(measures), len(found) + 1)})",
        [*found, *measures],
    )
    return _collect(rows[1])


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
