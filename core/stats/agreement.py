"""Inter-rater agreement on ordinal grades: weighted kappa and Krippendorff's alpha.

Every reviewer grades each area independently before the team agrees a consensus, so each review
gives agreement data for free. A grade is an int on an ordinal scale (1 = best); a missing grade is
None. The coefficients come from scikit-learn and the ``krippendorff`` package, never hand-written
formulas. This module decides which units count, says why when a coefficient is undefined (rather
than returning NaN), and adds a bootstrap interval over units. Agreement from 15 reviews is much
less certain than agreement from 400, and the result should show that.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import krippendorff
import numpy as np
import numpy.typing as npt
from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "CONFIDENCE",
    "MIN_UNITS_FOR_INTERVAL",
    "RESAMPLES",
    "Agreement",
    "AreaAgreement",
    "GradeRecord",
    "Level",
    "Weights",
    "agreement_by_area",
    "krippendorff_alpha",
    "overall_agreement",
    "pairwise_kappa",
    "weighted_kappa",
]

Weights = Literal["linear", "quadratic"]
Level = Literal["ordinal", "interval", "nominal"]
Grade = int | None
Indices = npt.NDArray[np.intp]

MIN_UNITS_FOR_INTERVAL = 20
"""With fewer units (or groups of units, such as reviews), a percentile bootstrap is too unstable
to report, so there is no interval."""
RESAMPLES = 1000
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Agreement:
    """One agreement coefficient and the data behind it.

    ``units`` is the number of units (areas of reviews, or pairs for a two-rater kappa) with at
    least two grades. ``values`` is the number of grades in those units, which is Krippendorff's
    count of pairable values. ``estimate`` is None when the coefficient is undefined, and
    ``interval`` is None when there are too few units. ``reason`` then says why, in words a
    moderator can read.
    """

    method: str
    estimate: float | None
    units: int
    values: int
    interval: tuple[float, float] | None
    reason: str | None = None


@dataclass(frozen=True)
class GradeRecord:
    """One reviewer's independent grade for one area of one review."""

    review_id: int
    area_key: str
    rater_id: int
    grade: int


@dataclass(frozen=True)
class AreaAgreement:
    """Agreement among review teams on one area (or on every area, for ``overall_agreement``)."""

    area_key: str
    reviews: int
    alpha: Agreement
    kappa: Agreement


def weighted_kappa(
    first: Sequence[Grade],
    second: Sequence[Grade],
    *,
    weights: Weights = "quadratic",
    scale: Sequence[int] | None = None,
    groups: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> Agreement:
    """Cohen's weighted kappa between two raters, over the units both of them graded.

    Weights follow Cohen (1968): a disagreement costs its distance on the scale (``linear``) or
    its square (``quadratic``), so a grade 1 against a 2 costs less than a 1 against a 4.
    Distances are counted in steps of ``scale`` (default: every integer from the lowest to the
    highest grade seen). Pass the framework's scale if a grade inside it might be unused.
    ``groups`` labels each unit (for example with its review), and the bootstrap then resamples
    whole groups, because the areas of one review are not independent of each other.
    """
    if len(first) != len(second):
        raise ValueError(
            f"weighted kappa needs one grade per unit from each rater: got {len(first)} and "
            f"{len(second)} grades"
        )
    if groups is not None and len(groups) != len(first):
        raise ValueError(f"groups has {len(groups)} labels for {len(first)} units")
    pairs: list[tuple[int, int, float]] = []
    owners: list[int] = []
    for index, (a, b) in enumerate(zip(first, second, strict=True)):
        if a is not None and b is not None:
            pairs.append((a, b, 1.0))
            owners.append(groups[index] if groups is not None else index)
    labels = _labels([g for a, b, _ in pairs for g in (a, b)], scale)
    return _kappa_with_interval(
        f"kappa ({weights})",
        _pair_tables(pairs, owners, labels),
        labels,
        weights,
        units=len(pairs),
        values=2 * len(pairs),
        resamples=resamples,
        seed=seed,
    )


def pairwise_kappa(
    units: Sequence[Sequence[Grade]],
    *,
    weights: Weights = "quadratic",
    scale: Sequence[int] | None = None,
    groups: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> Agreement:
    """Weighted kappa pooled over every pair of raters who graded the same unit.

    Teams of two to four reviewers change from review to review, so there is no fixed pair of
    raters to compare. Every pair in a unit is counted in both orders, so the result does not
    depend on which rater is listed first. Each pair is weighted 1/(m - 1), where m is the
    number of grades in the unit, so that every grade counts once, as in Krippendorff's alpha.
    ``units`` is units x raters with None for a missing grade.
    """
    rows = _rows(units)
    owners = _unit_labels(rows, units, groups)
    pairs: list[tuple[int, int, float]] = []
    pair_owners: list[int] = []
    for grades, owner in zip(rows, owners, strict=True):
        for a, b in itertools.permutations(grades, 2):
            pairs.append((a, b, 1 / (len(grades) - 1)))
            pair_owners.append(owner)
    labels = _labels([g for row in rows for g in row], scale)
    return _kappa_with_interval(
        f"pairwise kappa ({weights})",
        _pair_tables(pairs, pair_owners, labels),
        labels,
        weights,
        units=len(rows),
        values=sum(len(row) for row in rows),
        resamples=resamples,
        seed=seed,
    )


def krippendorff_alpha(
    units: Sequence[Sequence[Grade]],
    *,
    level: Level = "ordinal",
    scale: Sequence[int] | None = None,
    groups: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> Agreement:
    """Krippendorff's alpha for units x raters, with None for a missing grade.

    Alpha suits peer review because each review has its own team and most reviewers grade only
    a few reviews: it uses every unit with at least two grades, whoever gave them. At the
    ordinal level (the default) a disagreement counts for more when many grades in the data lie
    between the two values. ``scale`` is the ordered list of possible grades; it matters at the
    interval level, where the distance between two grades is their numerical difference.
    """
    rows = _rows(units)
    domain = _labels([g for row in rows for g in row], scale)
    counts = np.array(
        [[grades.count(value) for value in domain] for grades in rows], dtype=np.int_
    ).reshape(len(rows), len(domain))
    members = _group_indices(_unit_labels(rows, units, groups))
    ungrouped = len(members) == len(rows)  # one unit per group: index the units directly

    def statistic(picked: Indices) -> float | None:
        chosen = counts[picked if ungrouped else np.concatenate([members[i] for i in picked])]
        if np.count_nonzero(chosen.sum(axis=0)) < 2:  # noqa: PLR2004
            return None  # one value only: no disagreement is possible, alpha is 0/0
        # The package's value-count input (units x values) equals its reliability_data input
        # and is cheap to resample.
        return float(
            krippendorff.alpha(value_counts=chosen, value_domain=domain, level_of_measurement=level)
        )

    return _with_interval(
        f"alpha ({level})",
        statistic,
        len(members),
        units=len(rows),
        values=int(counts.sum()),
        resamples=resamples,
        seed=seed,
    )


def agreement_by_area(
    records: Iterable[GradeRecord],
    *,
    level: Level = "ordinal",
    weights: Weights = "quadratic",
    scale: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> dict[str, AreaAgreement]:
    """Alpha and pairwise kappa for each area, from independent judgements.

    Each review is one unit for each area. Areas are returned in order of their keys.
    """
    by_area: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for record in _checked(records):
        by_area[record.area_key][record.review_id].append(record.grade)
    result: dict[str, AreaAgreement] = {}
    for area_key in sorted(by_area):
        reviews = by_area[area_key]
        units = _padded([reviews[r] for r in sorted(reviews)])
        result[area_key] = AreaAgreement(
            area_key=area_key,
            reviews=len(reviews),
            alpha=krippendorff_alpha(
                units, level=level, scale=scale, resamples=resamples, seed=seed
            ),
            kappa=pairwise_kappa(
                units, weights=weights, scale=scale, resamples=resamples, seed=seed
            ),
        )
    return result


def overall_agreement(
    records: Iterable[GradeRecord],
    *,
    level: Level = "ordinal",
    weights: Weights = "quadratic",
    scale: Sequence[int] | None = None,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> AreaAgreement:
    """Alpha and pairwise kappa over every area of every review (area key ``"*"``).

    Each area of a review is one unit. The bootstrap resamples whole reviews, because one team's
    grades for different areas tend to err together.
    """
    by_unit: dict[tuple[int, str], list[int]] = defaultdict(list)
    for record in _checked(records):
        by_unit[(record.review_id, record.area_key)].append(record.grade)
    keys = sorted(by_unit)
    units = _padded([by_unit[k] for k in keys])
    groups = [review_id for review_id, _ in keys]
    return AreaAgreement(
        area_key="*",
        reviews=len(set(groups)),
        alpha=krippendorff_alpha(
            units, level=level, scale=scale, groups=groups, resamples=resamples, seed=seed
        ),
        kappa=pairwise_kappa(
            units, weights=weights, scale=scale, groups=groups, resamples=resamples, seed=seed
        ),
    )


def _checked(records: Iterable[GradeRecord]) -> list[GradeRecord]:
    seen: set[tuple[int, str, int]] = set()
    checked = []
    for record in records:
        key = (record.review_id, record.area_key, record.rater_id)
        if key in seen:
            raise ValueError(
                f"rater {record.rater_id} has two grades for area {record.area_key!r} of review "
                f"{record.review_id}: give each reviewer's independent judgement once"
            )
        seen.add(key)
        checked.append(record)
    return checked


def _padded(units: list[list[int]]) -> list[list[Grade]]:
    """Units of different team sizes as a units x raters matrix, padded with None.

    Neither alpha nor pairwise kappa depends on which rater gave which grade, so each unit's
    grades can fill the first columns.
    """
    width = max((len(u) for u in units), default=0)
    return [[*u, *([None] * (width - len(u)))] for u in units]


def _rows(units: Sequence[Sequence[Grade]]) -> list[list[int]]:
    """The grades of each unit that has at least two (only those can disagree)."""
    widths = {len(row) for row in units}
    if len(widths) > 1:
        raise ValueError(
            f"every unit needs one column per rater (None where a rater gave no grade); "
            f"got rows of lengths {sorted(widths)}"
        )
    raters = widths.pop() if widths else None
    if raters is not None and raters < 2:  # noqa: PLR2004
        raise ValueError(f"agreement needs at least 2 raters; the data has {raters} rater column")
    rows = [[g for g in row if g is not None] for row in units]
    return [row for row in rows if len(row) >= 2]  # noqa: PLR2004


def _unit_labels(
    rows: list[list[int]], units: Sequence[Sequence[Grade]], groups: Sequence[int] | None
) -> list[int]:
    """The bootstrap group of each kept row: its own index, or its label in ``groups``."""
    if groups is None:
        return list(range(len(rows)))
    if len(groups) != len(units):
        raise ValueError(f"groups has {len(groups)} labels for {len(units)} units")
    kept = [sum(g is not None for g in row) >= 2 for row in units]  # noqa: PLR2004
    return [label for label, keep in zip(groups, kept, strict=True) if keep]


def _labels(values: Sequence[int], scale: Sequence[int] | None) -> list[int]:
    if scale is not None:
        labels = list(scale)
        if sorted(set(labels)) != labels:
            raise ValueError(f"scale must list each grade once, in order: got {labels}")
        outside = sorted(set(values) - set(labels))
        if outside:
            raise ValueError(f"grades {outside} are not on the scale {labels}")
        return labels
    if not values:
        return []
    return list(range(min(values), max(values) + 1))


def _group_indices(labels: Sequence[int]) -> list[Indices]:
    positions: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        positions[label].append(index)
    return [np.array(p, dtype=np.intp) for p in positions.values()]


def _pair_tables(
    pairs: Sequence[tuple[int, int, float]], owners: Sequence[int], labels: list[int]
) -> npt.NDArray[np.float64]:
    """Groups x labels x labels: the weight of each (first, second) grade pair in each group.

    Summing the tables of a bootstrap resample gives its whole confusion table at once, so each
    resample costs one small call to scikit-learn, however many grades there are.
    """
    position = {label: i for i, label in enumerate(labels)}
    group_of = {label: i for i, label in enumerate(dict.fromkeys(owners))}
    tables = np.zeros((len(group_of), len(labels), len(labels)))
    for (a, b, weight), owner in zip(pairs, owners, strict=True):
        tables[group_of[owner], position[a], position[b]] += weight
    return tables


def _kappa_with_interval(
    method: str,
    tables: npt.NDArray[np.float64],
    labels: list[int],
    weights: Weights,
    *,
    units: int,
    values: int,
    resamples: int,
    seed: int,
) -> Agreement:
    grid = np.array(labels, dtype=np.int_)
    first = np.repeat(grid, len(grid))
    second = np.tile(grid, len(grid))

    def statistic(picked: Indices) -> float | None:
        table = tables[picked].sum(axis=0)
        used = (table.sum(axis=0) + table.sum(axis=1)) > 0
        if np.count_nonzero(used) < 2:  # noqa: PLR2004
            return None  # every grade is the same value: chance agreement is total, kappa is 0/0
        kappa = cohen_kappa_score(
            first, second, labels=labels, weights=weights, sample_weight=table.ravel()
        )
        return float(kappa)

    def batch(picks: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
        # How often each group was drawn in each resample, times the groups' tables: every
        # resample's confusion table in one matrix product.
        drawn = np.zeros((len(picks), len(tables)))
        np.add.at(drawn, (np.arange(len(picks))[:, np.newaxis], picks), 1.0)
        summed = (drawn @ tables.reshape(len(tables), -1)).reshape(-1, len(labels), len(labels))
        return kappa_from_tables(summed, weights)

    return _with_interval(
        method,
        statistic,
        len(tables),
        units=units,
        values=values,
        resamples=resamples,
        seed=seed,
        batch=batch,
    )


def kappa_from_tables(tables: npt.NDArray[np.float64], weights: Weights) -> npt.NDArray[np.float64]:
    """Weighted kappa of each confusion table in a stack (NaN where it is undefined).

    The point estimate always comes from scikit-learn. Its input checks cost about 5 ms a call,
    which over 500 bootstrap resamples of six areas would keep a web request waiting for
    seconds, so the resamples use this vectorised form of the same formula (Cohen 1968, as
    scikit-learn computes it). ``tests/stats/test_kappa_batch.py`` checks the two agree.
    """
    size = tables.shape[-1]
    steps = np.abs(np.subtract.outer(np.arange(size), np.arange(size))).astype(np.float64)
    cost = steps if weights == "linear" else steps**2
    totals = tables.sum(axis=(1, 2))
    expected = np.einsum("ri,rj->rij", tables.sum(axis=2), tables.sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        expected /= totals[:, np.newaxis, np.newaxis]
        observed_cost = (tables * cost).sum(axis=(1, 2))
        expected_cost = (expected * cost).sum(axis=(1, 2))
        kappa = 1 - observed_cost / expected_cost
    used = ((tables.sum(axis=1) + tables.sum(axis=2)) > 0).sum(axis=1)
    kappa[used < 2] = np.nan  # noqa: PLR2004 - one grade value only: kappa is 0/0
    return np.asarray(kappa, dtype=np.float64)


def _with_interval(
    method: str,
    statistic: Callable[[Indices], float | None],
    groups: int,
    *,
    units: int,
    values: int,
    resamples: int,
    seed: int,
    batch: Callable[[npt.NDArray[np.intp]], npt.NDArray[np.float64]] | None = None,
) -> Agreement:
    """The estimate on all units, plus a percentile bootstrap interval over groups of units.

    ``statistic`` takes the indices of the groups in a sample, with repeats. ``batch``, if
    given, computes the same statistic for many samples at once (one sample per row, NaN where
    undefined); the samples drawn are the same either way.
    """
    if units == 0:
        return Agreement(method, None, 0, 0, None, "no unit has grades from two raters")
    estimate = statistic(np.arange(groups, dtype=np.intp))
    if estimate is None:
        return Agreement(
            method,
            None,
            units,
            values,
            None,
            "every grade is the same, so agreement cannot be told apart from chance",
        )
    if groups < MIN_UNITS_FOR_INTERVAL:
        # Grouped units are resampled whole, so the groups are what the interval rests on.
        counted = f"{units} units" if groups == units else f"{groups} groups (reviews)"
        return Agreement(
            method,
            estimate,
            units,
            values,
            None,
            f"only {counted}: an interval needs at least {MIN_UNITS_FOR_INTERVAL}",
        )
    if resamples < 1:
        return Agreement(method, estimate, units, values, None, "no interval was asked for")
    rng = np.random.default_rng(seed)
    estimates: list[float] = []
    if batch is not None:
        picks = np.stack([rng.integers(0, groups, size=groups) for _ in range(resamples)])
        found = batch(picks)
        estimates = [float(v) for v in found[np.isfinite(found)]]
    else:
        for _ in range(resamples):
            value = statistic(rng.integers(0, groups, size=groups))
            if value is not None and math.isfinite(value):
                estimates.append(value)
    if len(estimates) < resamples / 2:
        return Agreement(
            method,
            estimate,
            units,
            values,
            None,
            "most resamples had a single grade value, so the interval is not meaningful",
        )
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(np.array(estimates), [tail, 1 - tail])
    return Agreement(method, estimate, units, values, (float(low), float(high)))
