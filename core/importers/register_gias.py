"""``peerqa import gias``: the GIAS establishment extract (edubasealldata), the school register.

Each row upserts a School (and its trust) and stores the school's census figures in the
snapshot of the year the row's ``CensusDate`` falls in, so the file dates itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from peerqa.importers import runner
from peerqa.importers.register_base import (
    RegisterKind,
    RegisterSummary,
    Rows,
    academic_year,
    day,
    each_row,
    urn,
)
from peerqa.importers.register_sql import CHUNK, Table, upsert, write_measures
from peerqa.importers.values import BadValue, Value, parse
from peerqa.models.enums import Phase
from peerqa.models.school import Trust

PHASES = {
    "Nursery": Phase.NURSERY,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.MIDDLE,
    "Middle deemed secondary": Phase.MIDDLE,
    "Secondary": Phase.SECONDARY,
    "All-through": Phase.ALL_THROUGH,
    "16 plus": Phase.SIXTEEN_PLUS,
    "Not applicable": Phase.NOT_APPLICABLE,
}
OPEN = {"Open", "Open, but proposed to close"}
MEASURES = {
    "SchoolCapacity": "school_capacity",
    "NumberOfPupils": "gias_pupils",
    "PercentageFSM": "gias_pct_fsm",
}
COLUMNS = (
    "URN",
    "EstablishmentName",
    "LA (code)",
    "LA (name)",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (name)",
    "Postcode",
    "Trusts (code)",
    "Trusts (name)",
    "CensusDate",
    *MEASURES,
)

SCHOOLS = Table(
    "school",
    key=("urn",),
    compared=(
        "name",
        "phase",
        "type_name",
        "la_code",
        "la_name",
        "postcode",
        "is_open",
        "has_early_years",
        "has_sixth_form",
        "trust_id",
    ),
)
TRUSTS = Table(
    "trust", key=("group_uid",), compared=("name",), stamp=None, on_insert=("created_at",)
)


@dataclass(frozen=True)
class Establishment:
    line: int
    school: dict[str, Any]
    trust: tuple[str, str] | None
    """(group UID, name) of the school's trust, if it is in one."""
    year: int | None
    """Academic year of the row's census figures, or None when it has none."""
    values: dict[str, Value]


def check(line: int, row: dict[str, str]) -> Establishment:
    """One row as a school, or ValueError saying what is wrong with it."""
    cell = {c: row.get(c, "").strip() for c in COLUMNS}
    phase = PHASES.get(cell["PhaseOfEducation (name)"])
    if phase is None:
        raise ValueError(f"PhaseOfEducation (name) {cell['PhaseOfEducation (name)']!r} is unknown")
    if not cell["EstablishmentName"]:
        raise ValueError("EstablishmentName is empty")
    census = day(cell["CensusDate"], "CensusDate")
    values = {}
    for column, measure in MEASURES.items():
        try:
            values[measure] = parse(cell[column])
        except BadValue as error:
            raise ValueError(f"{column}: {error}") from None
    school = {
        "name": cell["EstablishmentName"][:200],
        "phase": phase.value,
        "type_name": cell["TypeOfEstablishment (name)"][:100],
        "la_code": cell["LA (code)"][:3],
        "la_name": cell["LA (name)"][:100],
        "postcode": cell["Postcode"][:10],
        "is_open": cell["EstablishmentStatus (name)"] in OPEN,
        "has_early_years": cell["NurseryProvision (name)"] == "Has Nursery Classes",
        "has_sixth_form": cell["OfficialSixthForm (name)"] == "Has a sixth form",
    }
    trust = (
        (cell["Trusts (code)"][:20], cell["Trusts (name)"][:200]) if cell["Trusts (code)"] else None
    )
    return Establishment(
        line,
        {"urn": urn(cell["URN"]), **school},
        trust,
        academic_year(census) if census else None,
        values if census else {},
    )


async def load(conn: BaseDBAsyncClient, rows: Rows, source: str, summary: RegisterSummary) -> None:
    """Trusts first, then schools (which point at them), then the census figures."""
    found: dict[int, Establishment] = {}
    for line, row in each_row(rows, summary):
        try:
            establishment = check(line, row)
        except ValueError as error:
            summary.rejected.append((line, str(error)))
            continue
        found[establishment.school["urn"]] = establishment  # a later row for a URN wins
    trusts = {e.trust[0]: {"name": e.trust[1]} for e in found.values() if e.trust}
    summary.counts["trusts"] = await upsert(conn, TRUSTS, {(uid,): t for uid, t in trusts.items()})
    trust_ids = await _trust_ids(conn, list(trusts))
    schools = {
        (u,): {**e.school, "trust_id": trust_ids[e.trust[0]] if e.trust else None}
        for u, e in found.items()
    }
    summary.counts["schools"] = await upsert(conn, SCHOOLS, schools)
    dated = [e for e in found.values() if e.year is not None]
    measures = [runner.SchoolRow(e.line, e.school["urn"], e.values) for e in dated]
    years = [e.year for e in dated if e.year is not None]
    summary.counts["measures"] = await write_measures(conn, measures, years, source)


async def _trust_ids(conn: BaseDBAsyncClient, uids: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for start in range(0, len(uids), CHUNK):
        rows = await (
            Trust.filter(group_uid__in=uids[start : start + CHUNK])
            .using_db(conn)
            .values_list("group_uid", "id")
        )
        ids.update({str(uid): int(pk) for uid, pk in rows})
    return ids


GIAS = RegisterKind(
    name="gias",
    title="GIAS establishment extract: the school register (edubasealldata*.csv)",
    published="Get Information about Schools: Downloads, 'Establishment fields'",
    columns=COLUMNS,
    dated="date their census figures (CensusDate)",
    load=load,
)
