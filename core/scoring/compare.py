"""Comparison groups, many schools at a time: similar intake, similar disadvantage, national.

Three groups per school and year, all of schools of the same type in the census:

- ``similar``: the 20 schools nearest in FSM-ever %, SEN %, EAL % and size (the similar-schools
  method of ``peerqa.stats.similar``, so a school's page and its indicators name one group);
- ``disadvantage``: the 50 schools nearest in FSM-ever % alone, the group the achievement band
  reads Progress 8 against (see docs/plugins/curriculum.md for why);
- ``national``: every school of the type.

Only the measures in ``COMPARED`` are summarised, to keep inputs small. What finds the groups
(the figures as arrays, a k-d tree per group kind) is built once per year and school type; the
groups are summarised in numpy for all the schools being scored together, when first needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from peerqa.scoring.snapshots import Comparison, GroupStats
from peerqa.stats import similar

DISADVANTAGE_SIZE = 50
COMPARED = (
    "pupils",
    "pct_fsm_ever",
    "pct_sen_ehcp",
    "pct_sen_support",
    "pct_eal",
    "pupil_teacher_ratio",
    "attainment8",
    "progress8",
    "pct_ebacc_entry",
    "ebacc_aps",
    "pct_english_maths_grade4",
    "pct_english_maths_grade5",
    "pct_sessions_missed",
    "pct_persistent_absence",
    "ks4_pct_sustained_destination",
    "ks4_pct_destination_not_sustained",
    "ks4_pct_destination_unknown",
    "ks4_pct_non_mobile",
)

Figures = Mapping[int, Mapping[str, float | None]]
"""One year's numeric figures by URN, then by measure."""


COLUMN = {measure: i for i, measure in enumerate(COMPARED)}


class _Table:
    """One group kind for the schools of one type: numbers in arrays, objects made on demand.

    Building a GroupStats for every school, group and measure is most of the cost of scoring
    every school, and a re-run with unchanged inputs needs none of them, so they are made only
    when a plugin reads them.
    """

    def __init__(
        self, key: str, title: str, size: int, targets: list[int], arrays: _Arrays
    ) -> None:
        self.key, self.title, self.size = key, title, size
        self.rows = {urn: i for i, urn in enumerate(targets)}
        self.arrays = arrays

    def comparison(self, urn: int) -> Comparison | None:
        row = self.rows.get(urn)
        if row is None:
            return None
        return Comparison(self.key, self.title, self.size, self.arrays.stats(row))


class _Arrays:
    """Per school (rows) and measure (columns): group size with values, quartiles, percentile."""

    def __init__(
        self,
        counts: np.ndarray,
        quartiles: tuple[np.ndarray, np.ndarray, np.ndarray],
        below: np.ndarray,
        ties: np.ndarray,
        own: np.ndarray,
    ) -> None:
        with np.errstate(invalid="ignore", divide="ignore"):
            self.percentile = np.round(100.0 * (below + ties / 2) / counts, 2)
        self.counts = np.where(np.isnan(own), 0, counts)  # only measures the school has
        self.lower, self.median, self.upper = (np.round(q, 4) for q in quartiles)

        self._lists: tuple[list[list[Any]], ...] | None = None

    def stats(self, row: int) -> Mapping[str, GroupStats]:
        return _RowStats(self, row)

    def lists(self) -> tuple[list[list[Any]], ...]:
        """Counts, medians, quartiles and percentiles as nested Python lists, converted in one
        go the first time any school's figures are read (far cheaper than row by row)."""
        if self._lists is None:
            arrays = (self.counts, self.median, self.lower, self.upper, self.percentile)
            self._lists = tuple(a.tolist() for a in arrays)
        return self._lists


class _RowStats(Mapping[str, GroupStats]):
    """One school's GroupStats in one group, each made when a plugin first reads it."""

    def __init__(self, arrays: _Arrays, row: int) -> None:
        self._arrays, self._row = arrays, row
        self._made: dict[str, GroupStats] = {}

    def get(self, measure: str, default: Any = None) -> Any:
        """As ``Mapping.get``, without the cost of a KeyError for a measure not compared."""
        found = self._made.get(measure)
        if found is None:
            col = COLUMN.get(measure)
            if col is None:
                return default
            counts, median, lower, upper, percentile = self._arrays.lists()
            row = self._row
            n = counts[row][col]
            if not n:
                return default
            found = self._made[measure] = GroupStats(
                n, median[row][col], lower[row][col], upper[row][col], percentile[row][col]
            )
        return found

    def __getitem__(self, measure: str) -> GroupStats:
        found: GroupStats | None = self.get(measure)
        if found is None:
            raise KeyError(measure)
        return found

    def __contains__(self, measure: object) -> bool:
        return isinstance(measure, str) and self.get(measure) is not None

    def __iter__(self) -> Iterator[str]:
        return (COMPARED[c] for c in np.flatnonzero(self._arrays.counts[self._row]).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self._arrays.counts[self._row]))

    def __repr__(self) -> str:
        return repr(dict(self))


class LazyComparisons(Mapping[str, Comparison]):
    """A school's comparison groups, built the first time a plugin reads them."""

    def __init__(self, urn: int, batch: _Batch | None) -> None:
        self._urn, self._batch = urn, batch
        self._built: dict[str, Comparison] | None = None

    def ready(self) -> None:
        """Summarise the groups now (with the rest of the school's batch)."""
        if self._batch is not None:
            self._batch.tables()

    def _load(self) -> dict[str, Comparison]:
        if self._built is None:
            tables = self._batch.tables() if self._batch is not None else []
            found = (t.comparison(self._urn) for t in tables)
            self._built = {c.key: c for c in found if c is not None}
        return self._built

    def __getitem__(self, key: str) -> Comparison:
        return self._load()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._load().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __repr__(self) -> str:
        return f"LazyComparisons({self._load()!r})"


def ready(comparisons: Iterable[Mapping[str, Comparison]]) -> None:
    """Summarise these schools' groups now: before their plugins run, so that the work is not
    timed against the first plugin to read them."""
    for found in comparisons:
        if isinstance(found, LazyComparisons):
            found.ready()


class _National:
    """Every school of the type as the group: each measure's values sorted once, for all."""

    def __init__(self, values: np.ndarray) -> None:
        self.values = values
        self.ordered = [np.sort(c[~np.isnan(c)]) for c in values.T]
        self.quartiles = [np.percentile(o, (25, 50, 75)) if o.size else None for o in self.ordered]

    def summaries(self, chosen: list[int]) -> _Arrays:
        """As :func:`_group_summaries`, less the school itself, for the schools at rows
        ``chosen``."""
        values = self.values[chosen]
        shape = values.shape
        lower, median, upper = (np.full(shape, np.nan) for _ in range(3))
        below, ties = np.zeros(shape, dtype=int), np.zeros(shape, dtype=int)
        counts = np.zeros(shape, dtype=int)
        for col, (ordered, quartiles) in enumerate(zip(self.ordered, self.quartiles, strict=True)):
            if quartiles is None:
                continue
            column = values[:, col]
            lower[:, col], median[:, col], upper[:, col] = quartiles
            present = ~np.isnan(column)
            counts[:, col] = ordered.size - present
            below[:, col] = np.searchsorted(ordered, column, side="left")
            ties[:, col] = np.searchsorted(ordered, column, side="right") - below[:, col] - present
        return _Arrays(counts, (lower, median, upper), below, ties, values)


def _neighbours(urns: np.ndarray, matrix: np.ndarray) -> similar.Neighbours:
    """The schools with every feature in ``matrix`` (rows in the order of ``urns``)."""
    keep = ~np.isnan(matrix).any(axis=1)
    return similar.Neighbours(urns[keep], matrix[keep])


class _TypeGroups:
    """One year's schools of one type: their figures in one array, and the k-d trees that find
    each school's groups, built once. The groups' summaries come later (:meth:`tables`), for the
    schools being scored together, so that a large run computes them in its worker processes."""

    def __init__(self, school_type: str, urns: list[int], figures: Figures) -> None:
        # None (a missing figure) becomes NaN in a float array.
        self.values = np.array([[figures[u].get(m) for m in COMPARED] for u in urns], dtype=float)
        self.index = np.array(urns, dtype=np.int64)
        self.rows = {urn: i for i, urn in enumerate(urns)}
        self.digest = hashlib.sha256(
            # The group sizes too: changing how groups are built must re-score their schools.
            f"{school_type}|{COMPARED}|{similar.GROUP_SIZE}|{DISADVANTAGE_SIZE}|".encode()
            + self.index.tobytes()
            + self.values.tobytes()
        ).hexdigest()
        self.plural = school_type.lower()
        intake = similar.feature_matrix(self.values[:, [COLUMN[m] for m in similar.NEEDED[1:]]])
        self.finders = (
            (
                "similar",
                _neighbours(self.index, intake),
                similar.GROUP_SIZE,
                "with a similar intake",
            ),
            (
                "disadvantage",
                _neighbours(self.index, self.values[:, [COLUMN["pct_fsm_ever"]]]),
                DISADVANTAGE_SIZE,
                "with the most similar share of disadvantaged pupils (FSM-ever)",
            ),
        )
        self.national = _National(self.values)

    def tables(self, targets: list[int]) -> list[_Table]:
        """The groups of ``targets`` (ascending URNs of this type), summarised."""
        tables: list[_Table] = []
        for key, finder, size, describe in self.finders:
            found, members, _distances = finder.table(size, targets)
            if members.shape[1] == 0:
                continue
            arrays = _group_summaries(
                self.values[np.searchsorted(self.index, members)],
                self.values[np.searchsorted(self.index, found)],
            )
            title = f"{members.shape[1]} {self.plural} schools {describe}"
            tables.append(_Table(key, title, members.shape[1], found.tolist(), arrays))
        rows = [self.rows[urn] for urn in targets]
        title = f"all {self.index.size} {self.plural} schools in England"
        national = self.national.summaries(rows)
        tables.append(_Table("national", title, self.index.size, targets, national))
        return tables


class _Batch:
    """Schools of one type whose groups are summarised together, the first time one is read."""

    def __init__(self, groups: _TypeGroups, urns: list[int]) -> None:
        self.groups, self.urns = groups, urns
        self._tables: list[_Table] | None = None

    def tables(self) -> list[_Table]:
        if self._tables is None:
            self._tables = self.groups.tables(self.urns)
        return self._tables


@dataclass
class YearComparisons:
    """Every school's comparison groups for one year, and a digest of what they rest on."""

    types: dict[str, _TypeGroups] = field(default_factory=dict)
    type_of: dict[int, str] = field(default_factory=dict)
    """The type of each school that has groups."""

    def for_schools(self, urns: Iterable[int]) -> dict[int, Mapping[str, Comparison]]:
        """The groups of many schools, each school's type summarised in one go when first read
        (far cheaper than school by school)."""
        by_type: dict[str, list[int]] = {}
        found: dict[int, Mapping[str, Comparison]] = {}
        for urn in sorted(set(urns)):
            school_type = self.type_of.get(urn)
            if school_type is None:
                found[urn] = LazyComparisons(urn, None)
            else:
                by_type.setdefault(school_type, []).append(urn)
        for school_type, members in by_type.items():
            batch = _Batch(self.types[school_type], members)
            found.update((urn, LazyComparisons(urn, batch)) for urn in members)
        return found

    def digest(self, urn: int) -> str:
        """Changes whenever any figure the school's groups were computed from changes."""
        school_type = self.type_of.get(urn)
        return self.types[school_type].digest if school_type is not None else ""


def comparisons(
    figures: Figures, types: Mapping[int, str], targets: Iterable[int] | None = None
) -> YearComparisons:
    """Every school's (or the ``targets``') comparison groups for one year. What finds the
    groups is built here; each school's groups are summarised when first read."""
    wanted = None if targets is None else set(targets)
    by_type: dict[str, list[int]] = {}
    for urn, school_type in types.items():
        if urn in figures and school_type:
            by_type.setdefault(school_type, []).append(urn)
    result = YearComparisons()
    for school_type, urns in sorted(by_type.items()):
        chosen = urns if wanted is None else wanted.intersection(urns)
        if chosen:
            result.types[school_type] = _TypeGroups(school_type, sorted(urns), figures)
            result.type_of.update(dict.fromkeys(chosen, school_type))
    return result


def _quantile(ordered: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """Linear-interpolated quantile along axis 1 of NaN-last sorted data with ``counts`` values."""
    position = q * np.maximum(counts - 1, 0)
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, np.maximum(counts - 1, 0))
    below = np.take_along_axis(ordered, low[:, None, :], axis=1)[:, 0, :]
    above = np.take_along_axis(ordered, high[:, None, :], axis=1)[:, 0, :]
    result: np.ndarray = below + (above - below) * (position - low)
    return result


def _group_summaries(members: np.ndarray, own: np.ndarray) -> _Arrays:
    """Per school (axis 0) and measure: its group's quartiles and the school's percentile.

    ``members`` is schools x group members x measures with NaN where a figure is missing;
    ``own`` is schools x measures.
    """
    ordered = np.sort(members, axis=1)  # NaN sorts last
    counts = (~np.isnan(ordered)).sum(axis=1)
    lower, median, upper = (_quantile(ordered, counts, q) for q in (0.25, 0.5, 0.75))
    with np.errstate(invalid="ignore"):
        below = (ordered < own[:, None, :]).sum(axis=1)
        ties = (ordered == own[:, None, :]).sum(axis=1)
    return _Arrays(counts, (lower, median, upper), below, ties, own)
