"""What a scoring plugin is given: frozen, typed snapshots of one school (and one review).

Plugins never see ORM objects, the database or the network: the host reads everything a plugin
may use into these snapshots first. That keeps plugins pure, so a result can be reproduced from
its input alone, and lets the host hash the input to skip work that would change nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, NoReturn


class FrozenMap(dict[str, Any]):
    """A dict that refuses changes. Read-only like ``types.MappingProxyType``, but a dict, so
    the JSON encoder writes it natively: a full scoring run encodes about a million of them."""

    __slots__ = ()

    def _refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenMap], tuple[dict[str, Any]]]:
        return FrozenMap, (dict(self),)


def frozen_map(items: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """A read-only mapping, so a plugin cannot change what other plugins see."""
    return FrozenMap(items or ())


@dataclass(frozen=True)
class SchoolSnapshot:
    """The school, as the register and the census describe it."""

    urn: int
    name: str = ""
    phase: str = ""
    """Phase from the register (``primary``, ``secondary`` ...); empty when not in the register."""
    school_type: str = ""
    """Type as the census names it, e.g. ``State-funded secondary``."""
    la_code: str = ""
    la_name: str = ""


class GroupStats(NamedTuple):
    """One measure across a comparison group, and where this school stands in it.

    (A named tuple rather than a dataclass: there are hundreds of thousands per scoring run.)
    """

    n: int
    """Members of the group with a value for the measure (the school itself excluded)."""
    median: float
    lower_quartile: float
    upper_quartile: float
    percentile: float
    """Share of members (0-100) below the school's value, ties counting half. A group only
    summarises measures the school itself has a value for."""


@dataclass(frozen=True)
class Comparison:
    """A comparison group for one year: who is in it, and each compared measure across it."""

    key: str
    """``similar`` (similar intake), ``disadvantage`` (similar FSM-ever %) or ``national``."""
    title: str
    """How to name the group in an explanation, e.g. ``20 schools with a similar intake``."""
    size: int
    stats: Mapping[str, GroupStats] = field(default_factory=frozen_map)

    def of(self, measure: str) -> GroupStats | None:
        return self.stats.get(measure)


@dataclass(frozen=True)
class YearContext:
    """A school's published figures for one academic year (2018 means 2018/19)."""

    year: int
    values: Mapping[str, float | None] = field(default_factory=frozen_map)
    """Numeric measures by key; None where the figure was suppressed or not published."""
    texts: Mapping[str, str] = field(default_factory=frozen_map)
    """Text measures, e.g. ``school_type``."""
    comparisons: Mapping[str, Comparison] = field(default_factory=frozen_map)
    comparison_digest: str = ""
    """A fingerprint of every figure the comparison groups were computed from (the host uses
    it to tell whether an input changed without building the groups)."""

    def value(self, measure: str) -> float | None:
        found = self.values.get(measure)
        return None if found is None or math.isnan(found) else float(found)


@dataclass(frozen=True)
class AreaSnapshot:
    """One area of the review's framework that applies to the host school."""

    key: str
    name: str
    kind: str
    """``graded``, ``met_not_met`` or ``narrative``."""


@dataclass(frozen=True)
class GradeSnapshot:
    key: str
    label: str
    rank: int
    """1 is the best grade on the scale."""


@dataclass(frozen=True)
class JudgementSnapshot:
    """One judgement of one area, with its author reduced to an anonymous label."""

    area: str
    kind: str
    """``self_evaluation``, ``independent`` or ``consensus``."""
    author: str
    """``host``, ``lead``, ``reviewer-1``, ``reviewer-2`` ... never a name."""
    grade: str | None = None
    met: bool | None = None
    evidence_count: int = 0
    """Pieces of evidence the judgement's rationale links to."""


@dataclass(frozen=True)
class PlacementSnapshot:
    """One alternative-provision placement, identified only by the school's anonymous code."""

    reference: str
    registered_provider: bool
    full_time: bool
    started_on: date
    planned_end_on: date | None
    objectives_set: bool
    success_criteria_set: bool
    exit_plan: bool
    last_reviewed_on: date | None
    outcome: str


@dataclass(frozen=True)
class ReviewSnapshot:
    """A review as the team has recorded it so far (only submitted judgements)."""

    id: int
    state: str
    framework: str
    grades: tuple[GradeSnapshot, ...]
    areas: tuple[AreaSnapshot, ...]
    evidence: Mapping[str, Mapping[str, int]]
    """Evidence counts by area key, then by kind (``lesson_visit``, ``document`` ...)."""
    judgements: tuple[JudgementSnapshot, ...]
    placements: tuple[PlacementSnapshot, ...]
    as_of: date
    """The date the review is scored as at: rules such as 'reviewed in the last half term'
    use it instead of the clock, so a result can be reproduced."""

    def grade_rank(self, key: str | None) -> int | None:
        for grade in self.grades:
            if grade.key == key:
                return grade.rank
        return None

    def judgements_of(self, kind: str, area: str | None = None) -> tuple[JudgementSnapshot, ...]:
        return tuple(
            j for j in self.judgements if j.kind == kind and (area is None or j.area == area)
        )

    def evidence_in(self, area: str) -> int:
        return sum(self.evidence.get(area, {}).values())


@dataclass(frozen=True)
class ScoringInput:
    """Everything one plugin call may use: one school, its years, maybe a review, settings."""

    school: SchoolSnapshot
    years: tuple[YearContext, ...] = ()
    """Ascending by year."""
    review: ReviewSnapshot | None = None
    settings: Mapping[str, Any] = field(default_factory=frozen_map)
    """This plugin's settings: its defaults overlaid with ``PEERQA_PLUGIN_SETTINGS``."""

    def year(self, year: int) -> YearContext | None:
        for found in self.years:
            if found.year == year:
                return found
        return None

    def latest(self, measure: str) -> tuple[YearContext, float] | None:
        """The most recent year with a value for ``measure``, and that value."""
        for found in reversed(self.years):
            value = found.value(measure)
            if value is not None:
                return found, value
        return None

    def setting(self, key: str, default: Any) -> Any:
        return self.settings.get(key, default)
