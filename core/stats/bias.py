"""Context-bias audit: do grades follow the intake? And moderation outcomes over time.

Inspection grades in England track disadvantage: schools with more pupils eligible for free school
meals (FSM) get worse grades more often (see docs/guide/statistics.md). A moderator should be able
to see whether peer-review grades do the same. This module uses the published measures:

- the share of each grade by FSM-ever quintile of the host school;
- the gap, in percentage points, between the most and least disadvantaged quintiles in the share
  graded at or below a threshold, with a Newcombe interval;
- Spearman's rank correlation between grade and FSM-ever, with a Fisher-z interval.

Grades run from 1 (best) to 4 (worst), so "at or below the threshold" means a grade number of at
least ``threshold``. A positive gap or correlation means that schools with more disadvantaged
intakes get worse grades. That is a prompt to look closer, not proof of bias, because intake and
quality can genuinely go together.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
from scipy import stats  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "CONFIDENCE",
    "ContextAudit",
    "Correlation",
    "Gap",
    "GradedHost",
    "Outcome",
    "Period",
    "PeriodOutcomes",
    "QuintileGrades",
    "context_audit",
    "fsm_quintile_cuts",
    "grade_fsm_correlation",
    "outcomes_by_period",
    "share_gap",
]

CONFIDENCE = 0.95
Outcome = Literal["confirm", "adjust", "return"]
Period = Literal["month", "term"]
OUTCOMES: tuple[Outcome, ...] = ("confirm", "adjust", "return")
# Fieller, Hartley & Pearson (1957): the variance of Fisher's z for Spearman's rho is about
# 1.06 / (n - 3), slightly more than the 1 / (n - 3) of Pearson's r.
_SPEARMAN_Z_VARIANCE = 1.06
_MIN_FOR_RHO = 3
_MIN_FOR_RHO_INTERVAL = 4
_MONTHS_PER_YEAR = 12
_AUTUMN_FROM, _SUMMER_FROM = 9, 4


@dataclass(frozen=True)
class GradedHost:
    """One grade given to a host school (for example one area's consensus grade)."""

    urn: int
    fsm_ever_pct: float
    grade: int


@dataclass(frozen=True)
class QuintileGrades:
    """Grades in one FSM-ever quintile. Quintile 1 has the fewest FSM-ever pupils.

    The quintile holds schools with ``fsm_above < FSM-ever <= fsm_up_to``, where None means no
    bound. ``shares`` and ``threshold_share`` are None when the quintile has no grades.
    """

    quintile: int
    fsm_above: float | None
    fsm_up_to: float | None
    grades: int
    schools: int
    counts: dict[int, int]
    shares: dict[int, float] | None
    at_or_below: int
    threshold_share: float | None


@dataclass(frozen=True)
class Gap:
    """Share at or below the threshold in the most minus the least disadvantaged quintile."""

    estimate: float | None
    interval: tuple[float, float] | None
    most_disadvantaged: int  # grades behind the quintile-5 share
    least_disadvantaged: int  # grades behind the quintile-1 share
    reason: str | None = None


@dataclass(frozen=True)
class Correlation:
    """Spearman's rho between FSM-ever and grade. Positive: more disadvantage, worse grades."""

    rho: float | None
    interval: tuple[float, float] | None
    n: int
    reason: str | None = None


@dataclass(frozen=True)
class ContextAudit:
    cuts: tuple[float, ...]
    threshold: int
    quintiles: tuple[QuintileGrades, ...]
    gap: Gap
    correlation: Correlation


@dataclass(frozen=True)
class PeriodOutcomes:
    """Moderation outcomes in one month ("2025-09") or term ("2025/26 autumn")."""

    period: str
    start: date
    confirmed: int
    adjusted: int
    returned: int

    @property
    def total(self) -> int:
        return self.confirmed + self.adjusted + self.returned

    @property
    def confirm_rate(self) -> float | None:
        return self.confirmed / self.total if self.total else None

    @property
    def adjust_rate(self) -> float | None:
        return self.adjusted / self.total if self.total else None

    @property
    def return_rate(self) -> float | None:
        return self.returned / self.total if self.total else None


def fsm_quintile_cuts(fsm_ever_pct: Iterable[float]) -> tuple[float, float, float, float]:
    """The 20th, 40th, 60th and 80th percentiles of FSM-ever, one value per school.

    Cuts taken from all schools of a phase nationally (for example from the census) compare a
    partnership with England. Cuts taken from the reviewed schools only split them into five
    equal groups.
    """
    values = np.array(list(fsm_ever_pct), dtype=np.float64)
    if values.size == 0:
        raise ValueError("FSM-ever quintiles need at least one school")
    cuts = np.quantile(values, [0.2, 0.4, 0.6, 0.8])
    return (float(cuts[0]), float(cuts[1]), float(cuts[2]), float(cuts[3]))


def context_audit(
    records: Iterable[GradedHost],
    *,
    threshold: int,
    cuts: Sequence[float] | None = None,
    scale: Sequence[int] | None = None,
) -> ContextAudit:
    """Grades by FSM-ever quintile, the quintile 5 - quintile 1 gap, and Spearman's rho.

    ``threshold`` is the first grade that counts as "at or below". On a four-point scale where 3
    is "requires improvement", threshold 3 counts "requires improvement or worse". Without
    ``cuts``, quintiles come from the host schools in ``records``, one FSM-ever value per school.
    """
    rows = list(records)
    if cuts is None:
        cuts = fsm_quintile_cuts({(r.urn, r.fsm_ever_pct): r.fsm_ever_pct for r in rows}.values())
    cuts = tuple(float(c) for c in cuts)
    if len(cuts) != 4 or list(cuts) != sorted(cuts):  # noqa: PLR2004
        raise ValueError(f"quintiles need 4 cut points in increasing order: got {list(cuts)}")
    grades = sorted(scale) if scale is not None else sorted({r.grade for r in rows})
    outside = sorted({r.grade for r in rows} - set(grades))
    if outside:
        raise ValueError(f"grades {outside} are not on the scale {grades}")
    bounds: list[float | None] = [None, *cuts, None]
    quintiles = []
    for q in range(1, 6):
        members = [r for r in rows if bisect.bisect_left(cuts, r.fsm_ever_pct) + 1 == q]
        counts = Counter(r.grade for r in members)
        at_or_below = sum(n for grade, n in counts.items() if grade >= threshold)
        quintiles.append(
            QuintileGrades(
                quintile=q,
                fsm_above=bounds[q - 1],
                fsm_up_to=bounds[q],
                grades=len(members),
                schools=len({r.urn for r in members}),
                counts={g: counts[g] for g in grades},
                shares={g: counts[g] / len(members) for g in grades} if members else None,
                at_or_below=at_or_below,
                threshold_share=at_or_below / len(members) if members else None,
            )
        )
    most, least = quintiles[-1], quintiles[0]
    return ContextAudit(
        cuts=cuts,
        threshold=threshold,
        quintiles=tuple(quintiles),
        gap=share_gap(most.at_or_below, most.grades, least.at_or_below, least.grades),
        correlation=grade_fsm_correlation(rows),
    )


def share_gap(most_hits: int, most_n: int, least_hits: int, least_n: int) -> Gap:
    """Difference of two independent proportions with Newcombe's hybrid score interval.

    Newcombe (1998, method 10) combines the Wilson interval of each share. Unlike the textbook
    Wald interval, it stays inside [-1, 1] and behaves sensibly when a share is 0 or 1, which
    happens often with a few dozen grades per quintile.
    """
    if most_n == 0 or least_n == 0:
        return Gap(None, None, most_n, least_n, "a quintile has no grades, so there is no gap")
    p1, p2 = most_hits / most_n, least_hits / least_n
    l1, u1 = _wilson(most_hits, most_n)
    l2, u2 = _wilson(least_hits, least_n)
    low = (p1 - p2) - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = (p1 - p2) + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Gap(p1 - p2, (low, high), most_n, least_n)


def grade_fsm_correlation(records: Iterable[GradedHost]) -> Correlation:
    """Spearman's rho between FSM-ever and grade, with a Fisher-z interval.

    Rank correlation suits an ordinal grade and a skewed percentage. Grades have many ties, and
    Spearman's rho handles them with average ranks.
    """
    rows = list(records)
    n = len(rows)
    if n < _MIN_FOR_RHO:
        return Correlation(None, None, n, f"only {n} grades: a correlation needs at least 3")
    fsm = [r.fsm_ever_pct for r in rows]
    grades = [r.grade for r in rows]
    if len(set(fsm)) < 2 or len(set(grades)) < 2:  # noqa: PLR2004
        return Correlation(None, None, n, "every school has the same FSM-ever or the same grade")
    rho = float(stats.spearmanr(fsm, grades).statistic)
    if n < _MIN_FOR_RHO_INTERVAL or abs(rho) >= 1:
        return Correlation(rho, None, n, "too few grades or a perfect rank order: no interval")
    z = math.atanh(rho)
    half = stats.norm.ppf((1 + CONFIDENCE) / 2) * math.sqrt(_SPEARMAN_Z_VARIANCE / (n - 3))
    return Correlation(rho, (math.tanh(z - half), math.tanh(z + half)), n)


def outcomes_by_period(
    outcomes: Iterable[tuple[date, Outcome]], *, period: Period = "month"
) -> list[PeriodOutcomes]:
    """Counts and rates of confirm / adjust / return per month or per term, oldest first.

    Periods with no outcomes between the first and last are included, with zero counts, so that
    a gap in moderation shows in a chart. Terms are approximated by months: autumn is September
    to December, spring is January to March, and summer is April to August (Easter moves).
    """
    tallies: dict[date, Counter[str]] = {}
    for day, outcome in outcomes:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown moderation outcome {outcome!r}: use one of {OUTCOMES}")
        tallies.setdefault(_period_start(day, period), Counter())[outcome] += 1
    if not tallies:
        return []
    result = []
    start, last = min(tallies), max(tallies)
    while start <= last:
        tally = tallies.get(start, Counter())
        result.append(
            PeriodOutcomes(
                period=_period_label(start, period),
                start=start,
                confirmed=tally["confirm"],
                adjusted=tally["adjust"],
                returned=tally["return"],
            )
        )
        start = _next_period(start, period)
    return result


def _wilson(hits: int, n: int) -> tuple[float, float]:
    ci = stats.binomtest(hits, n).proportion_ci(CONFIDENCE, method="wilson")
    return float(ci.low), float(ci.high)


def _period_start(day: date, period: Period) -> date:
    if period == "month":
        return date(day.year, day.month, 1)
    if day.month >= _AUTUMN_FROM:
        return date(day.year, _AUTUMN_FROM, 1)
    if day.month >= _SUMMER_FROM:
        return date(day.year, _SUMMER_FROM, 1)
    return date(day.year, 1, 1)


def _next_period(start: date, period: Period) -> date:
    if period == "month":
        year, month = divmod(start.year * _MONTHS_PER_YEAR + start.month, _MONTHS_PER_YEAR)
        return date(year, month + 1, 1)
    following = {1: (0, _SUMMER_FROM), _SUMMER_FROM: (0, _AUTUMN_FROM), _AUTUMN_FROM: (1, 1)}
    years, month = following[start.month]
    return date(start.year + years, month, 1)


def _period_label(start: date, period: Period) -> str:
    if period == "month":
        return f"{start.year}-{start.month:02d}"
    first_year = start.year if start.month >= _AUTUMN_FROM else start.year - 1
    name = {1: "spring", _SUMMER_FROM: "summer", _AUTUMN_FROM: "autumn"}[start.month]
    return f"{first_year}/{(first_year + 1) % 100:02d} {name}"
