"""Turning one year's (or several years') figures into a ScoringInput per school.

Pure: the figures come from the database (``peerqa.scoring.load``) or straight from published
files (``peerqa.testing``), and both paths build inputs here, so the plugins see the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from peerqa.scoring.compare import comparisons
from peerqa.scoring.snapshots import SchoolSnapshot, ScoringInput, YearContext, frozen_map

SCHOOL_TYPE = "school_type"


@dataclass
class YearData:
    """One academic year's figures for many schools."""

    year: int
    values: dict[int, dict[str, float | None]] = field(default_factory=dict)
    texts: dict[int, dict[str, str]] = field(default_factory=dict)

    def school_types(self) -> dict[int, str]:
        return {urn: t[SCHOOL_TYPE] for urn, t in self.texts.items() if t.get(SCHOOL_TYPE)}


def school_inputs(
    years: Mapping[int, YearData],
    schools: Mapping[int, SchoolSnapshot] | None = None,
    targets: Iterable[int] | None = None,
) -> dict[int, ScoringInput]:
    """A ScoringInput (without settings) for every school with figures in any year, or for
    the ``targets`` only (the other schools' figures then serve only for comparison)."""
    schools = schools or {}
    wanted = None if targets is None else set(targets)
    contexts: dict[int, list[YearContext]] = {}
    for year in sorted(years):
        data = years[year]
        groups = comparisons(data.values, data.school_types(), wanted)
        for urn in sorted(set(data.values) | set(data.texts)):
            if wanted is not None and urn not in wanted:
                continue
            contexts.setdefault(urn, []).append(
                YearContext(
                    year=year,
                    values=frozen_map(data.values.get(urn)),
                    texts=frozen_map(data.texts.get(urn)),
                    comparisons=groups.of(urn),
                    comparison_digest=groups.digest(urn),
                )
            )
    inputs = {}
    for urn, found in contexts.items():
        school = schools.get(urn) or SchoolSnapshot(urn=urn)
        if not school.school_type:
            types = [y.texts[SCHOOL_TYPE] for y in found if y.texts.get(SCHOOL_TYPE)]
            school = replace(school, school_type=types[-1] if types else "")
        inputs[urn] = ScoringInput(school=school, years=tuple(found))
    return inputs
