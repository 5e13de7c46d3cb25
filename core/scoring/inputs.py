"""Turning one year's (or several years') figures into a ScoringInput per school.

Pure: the figures come from the database (``peerqa.scoring.load``) or straight from published
files (``peerqa.testing``), and both paths build inputs here, so the plugins see the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from peerqa.scoring.compare import YearComparisons, comparisons
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


@dataclass
class Prepared:
    """Figures by year with what finds every year's comparison groups: any school's input can
    then be built on its own, so a large run builds them (and summarises their groups) in its
    worker processes, share by share, rather than all at once in one."""

    years: Mapping[int, YearData]
    groups: dict[int, YearComparisons]
    schools: Mapping[int, SchoolSnapshot]

    def urns(self) -> list[int]:
        """Every school with a figure in any year, in order."""
        found: set[int] = set()
        for data in self.years.values():
            found.update(data.values)
            found.update(data.texts)
        return sorted(found)

    def inputs(self, urns: Iterable[int]) -> dict[int, ScoringInput]:
        """A ScoringInput (without settings) for each of ``urns`` that has figures."""
        built = {}
        chosen = list(urns)
        # Each year's groups for these schools come as one batch per school type.
        groups = {year: self.groups[year].for_schools(chosen) for year in self.years}
        for urn in chosen:
            found = [
                YearContext(
                    year=year,
                    values=frozen_map(data.values.get(urn)),
                    texts=frozen_map(data.texts.get(urn)),
                    comparisons=groups[year][urn],
                    comparison_digest=self.groups[year].digest(urn),
                )
                for year, data in sorted(self.years.items())
                if urn in data.values or urn in data.texts
            ]
            if not found:
                continue
            school = self.schools.get(urn) or SchoolSnapshot(urn=urn)
            if not school.school_type:
                types = [y.texts[SCHOOL_TYPE] for y in found if y.texts.get(SCHOOL_TYPE)]
                school = replace(school, school_type=types[-1] if types else "")
            built[urn] = ScoringInput(school=school, years=tuple(found))
        return built


def prepare(
    years: Mapping[int, YearData],
    schools: Mapping[int, SchoolSnapshot] | None = None,
    targets: Iterable[int] | None = None,
) -> Prepared:
    """Compute each year's comparison groups (for every school, or for the ``targets`` only:
    the other schools' figures then serve only for comparison)."""
    wanted = None if targets is None else set(targets)
    groups = {
        year: comparisons(data.values, data.school_types(), wanted) for year, data in years.items()
    }
    return Prepared(years, groups, schools or {})


def school_inputs(
    years: Mapping[int, YearData],
    schools: Mapping[int, SchoolSnapshot] | None = None,
    targets: Iterable[int] | None = None,
) -> dict[int, ScoringInput]:
    """A ScoringInput (without settings) for every school with figures in any year, or for
    the ``targets`` only."""
    prepared = prepare(years, schools, targets)
    return prepared.inputs(prepared.urns() if targets is None else sorted(set(targets)))
