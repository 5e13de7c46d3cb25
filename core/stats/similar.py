"""Similar schools: each school's comparison group, and medians to read its figures against.

Method (documented in docs/guide/admin-data.md): for one academic year, candidates are schools of
the same type in the census (``school_type``, e.g. "State-funded primary") with every feature
known. Features are % FSM-ever, % SEN (EHC plan + SEN support), % EAL and log(pupils); each is
standardised to z-scores across the other candidates, and the group is the ``GROUP_SIZE``
schools at the smallest Euclidean distance. Computed from the stored context values when asked,
so it always reflects the latest import. A school with a feature missing has no group.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from tortoise.connection import get_connection

GROUP_SIZE = 20
FEATURES = ("pct_fsm_ever", "pct_sen", "pct_eal", "log_pupils")
NEEDED = ("school_type", "pct_fsm_ever", "pct_sen_ehcp", "pct_sen_support", "pct_eal", "pupils")


@dataclass(frozen=True)
class Neighbour:
    urn: int
    distance: float


@dataclass(frozen=True)
class Group:
    urn: int
    year: int
    school_type: str
    members: list[Neighbour]
    candidates: int
    """How many schools of the type, with every feature, the group was chosen from."""


async def _profiles(year: int) -> dict[int, dict[str, object]]:
    """Every school's raw inputs for the year, by URN (one query)."""
    conn = get_connection("default")
    mark = "$1" if conn.capabilities.dialect == "postgres" else "?"
    names = ", ".join(f"'{m}'" for m in NEEDED)  # constants, not input
    rows = await conn.execute_query_dict(
        "SELECT s.urn AS urn, v.measure AS measure, v.value AS value, v.raw_text AS raw "  # noqa: S608
        "FROM context_value v JOIN context_snapshot s ON s.id = v.snapshot_id "
        f"WHERE s.year = {mark} AND v.measure IN ({names})",
        [year],
    )
    profiles: dict[int, dict[str, object]] = {}
    for row in rows:
        profile = profiles.setdefault(int(row["urn"]), {})
        profile[str(row["measure"])] = (
            row["raw"] if row["measure"] == "school_type" else row["value"]
        )
    return profiles


def _features(profile: dict[str, object]) -> tuple[float, ...] | None:
    values = {k: profile.get(k) for k in NEEDED[1:]}
    if any(not isinstance(v, int | float) for v in values.values()):
        return None
    pupils = float(values["pupils"])  # type: ignore[arg-type]
    if pupils <= 0:
        return None
    return (
        float(values["pct_fsm_ever"]),  # type: ignore[arg-type]
        float(values["pct_sen_ehcp"]) + float(values["pct_sen_support"]),  # type: ignore[arg-type]
        float(values["pct_eal"]),  # type: ignore[arg-type]
        math.log(pupils),
    )


def nearest(
    target: tuple[float, ...], others: dict[int, tuple[float, ...]], size: int
) -> list[Neighbour]:
    """The ``size`` nearest by Euclidean distance after z-scoring each feature over ``others``."""
    columns = list(zip(*others.values(), strict=True)) if others else []
    spreads = [statistics.pstdev(c) or 1.0 for c in columns]
    means = [statistics.fmean(c) for c in columns]

    def z(point: tuple[float, ...]) -> list[float]:
        return [(x - m) / s for x, m, s in zip(point, means, spreads, strict=True)]

    origin = z(target)
    scored = [
        Neighbour(urn, round(math.dist(origin, z(point)), 6)) for urn, point in others.items()
    ]
    return sorted(scored, key=lambda n: (n.distance, n.urn))[:size]


async def comparison_group(urn: int, year: int, size: int = GROUP_SIZE) -> Group | None:
    """The school's similar schools for the year, or None if it lacks a figure the method needs."""
    profiles = await _profiles(year)
    own = profiles.get(urn)
    if own is None or not isinstance(own.get("school_type"), str):
        return None
    school_type = str(own["school_type"])
    target = _features(own)
    if target is None:
        return None
    candidates = {
        other: features
        for other, profile in profiles.items()
        if profile.get("school_type") == school_type and (features := _features(profile))
    }
    others = {u: f for u, f in candidates.items() if u != urn}
    return Group(urn, year, school_type, nearest(target, others, size), len(candidates))


async def medians(
    year: int, measure: str, urns: list[int] | None = None
) -> tuple[float | None, int]:
    """The median of a measure for a year over all schools (or ``urns``), and how many had it."""
    conn = get_connection("default")
    postgres = conn.capabilities.dialect == "postgres"
    marks = ("$1", "$2") if postgres else ("?", "?")
    rows = await conn.execute_query_dict(
        "SELECT s.urn AS urn, v.value AS value FROM context_value v "  # noqa: S608
        "JOIN context_snapshot s ON s.id = v.snapshot_id "
        f"WHERE s.year = {marks[0]} AND v.measure = {marks[1]} AND v.value IS NOT NULL",
        [year, measure],
    )
    wanted = set(urns) if urns is not None else None
    values = [float(r["value"]) for r in rows if wanted is None or int(r["urn"]) in wanted]
    return (statistics.median(values) if values else None), len(values)
