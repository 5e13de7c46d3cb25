"""Similar schools: each school's comparison group, and medians to read its figures against.

Method (documented in docs/guide/admin-data.md): for one academic year, candidates are schools of
the same type in the census (``school_type``, e.g. "State-funded primary") with every feature
known. Features are % FSM-ever, % SEN (EHC plan + SEN support), % EAL and log(pupils); each is
standardised to z-scores across the candidates, and the group is the ``GROUP_SIZE``
schools at the smallest Euclidean distance. Computed from the stored context values when asked,
so it always reflects the latest import. A school with a feature missing has no group.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree
from tortoise.connection import get_connection

GROUP_SIZE = 20
FEATURES = ("pct_fsm_ever", "pct_sen", "pct_eal", "log_pupils")
TIE_MARGIN = 5
TARGET = -1
"""A key no school has, for the point being matched in :func:`nearest`."""
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


def features(profile: Mapping[str, object]) -> tuple[float, ...] | None:
    """The similar-schools features of one school's figures, or None if one is missing."""
    values = {k: profile.get(k) for k in NEEDED[1:]}
    if any(not isinstance(v, int | float) or math.isnan(v) for v in values.values()):
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


def feature_matrix(needed: np.ndarray) -> np.ndarray:
    """:func:`features` for many schools at once: ``needed`` has the NEEDED figures (after
    ``school_type``) as columns; rows with a missing figure or no pupils come out NaN."""
    fsm, ehcp, support, eal, pupils = (needed[:, i] for i in range(5))
    with np.errstate(invalid="ignore", divide="ignore"):
        size = np.where(pupils > 0, np.log(np.where(pupils > 0, pupils, 1.0)), np.nan)
    return np.column_stack([fsm, ehcp + support, eal, size])


def groups(
    points: Mapping[int, tuple[float, ...]], size: int, targets: Iterable[int] | None = None
) -> dict[int, list[Neighbour]]:
    """Each target's ``size`` nearest other points (see :func:`neighbour_table`)."""
    urns, members, distances = neighbour_table(points, size, targets)
    result: dict[int, list[Neighbour]] = {}
    for row, urn in enumerate(urns.tolist()):
        result[urn] = [
            Neighbour(m, d)
            for m, d in zip(members[row].tolist(), distances[row].tolist(), strict=True)
            if m >= 0
        ]
    return result


def neighbour_table(
    points: Mapping[int, tuple[float, ...]], size: int, targets: Iterable[int] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Targets' URNs, their nearest members' URNs (-1 pads a short row) and the distances
    (see :class:`Neighbours`)."""
    urns = np.array(sorted(points), dtype=np.int64)
    matrix = np.array([points[int(u)] for u in urns], dtype=float)
    return Neighbours(urns, matrix).table(size, targets)


class Neighbours:
    """Finding schools' nearest others among one set of schools, built once for many queries.

    Distances are Euclidean after z-scoring every feature over all the points, so no feature
    dominates by its scale. Ties are broken by distance rounded to 6 places, then URN, so the
    result is stable. One k-d tree serves one school or every school alike, and a query for some
    schools gives each the same group as a query for all, which keeps a school's group on its
    page and in its indicators the same.
    """

    def __init__(self, urns: np.ndarray, matrix: np.ndarray) -> None:
        """``urns`` ascending, and ``matrix`` with their features as rows (no missing values)."""
        self.urns = urns
        if urns.size < 2:  # noqa: PLR2004 - a group needs someone else
            self.scaled, self.tree = matrix, None
            return
        spread = matrix.std(axis=0)
        spread[spread == 0] = 1.0
        self.scaled = (matrix - matrix.mean(axis=0)) / spread
        self.tree = cKDTree(self.scaled)

    def table(
        self, size: int, targets: Iterable[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Targets' URNs (those among the points, ascending), their ``size`` nearest others'
        URNs (-1 pads a short row) and the distances."""
        urns = self.urns
        wanted = (
            urns if targets is None else np.intersect1d(urns, np.fromiter(targets, dtype=np.int64))
        )
        empty = np.empty((wanted.size, 0))
        if self.tree is None or wanted.size == 0:
            return wanted, empty.astype(np.int64), empty
        # A few more than needed, so ties at the edge are settled by URN rather than by the tree.
        # One thread: a large scoring run already keeps every core busy with worker processes.
        k = min(size + 1 + TIE_MARGIN, urns.size)
        found, indices = self.tree.query(self.scaled[np.searchsorted(urns, wanted)], k=k, workers=1)
        found, indices = found.reshape(wanted.size, k), indices.reshape(wanted.size, k)
        member_urns = urns[indices]
        rounded = np.round(found, 6)
        rounded[member_urns == wanted[:, None]] = np.inf  # never one's own neighbour
        order = np.lexsort((member_urns, rounded), axis=1)[:, : min(size, urns.size - 1)]
        members = np.take_along_axis(member_urns, order, axis=1)
        distances = np.take_along_axis(rounded, order, axis=1)
        return wanted, members, distances


def nearest(
    target: tuple[float, ...], others: dict[int, tuple[float, ...]], size: int
) -> list[Neighbour]:
    """The ``size`` of ``others`` nearest to ``target`` (see :func:`groups`)."""
    points = {**others, TARGET: target}
    return groups(points, size, [TARGET])[TARGET]


async def comparison_group(urn: int, year: int, size: int = GROUP_SIZE) -> Group | None:
    """The school's similar schools for the year, or None if it lacks a figure the method needs."""
    profiles = await _profiles(year)
    own = profiles.get(urn)
    if own is None or not isinstance(own.get("school_type"), str):
        return None
    school_type = str(own["school_type"])
    if features(own) is None:
        return None
    candidates = {
        other: point
        for other, profile in profiles.items()
        if profile.get("school_type") == school_type and (point := features(profile))
    }
    return Group(urn, year, school_type, groups(candidates, size, [urn])[urn], len(candidates))


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
