"""Helpers for testing a scoring plugin in isolation: build snapshots, run one plugin, check it.

Used by the built-in plugins' own tests and by any plugin made with ``peerqa plugins new``::

    from peerqa.testing import run_plugin, school_input
    import my_plugin

    out = run_plugin(my_plugin, school_input(values={"pct_fsm_ever": 40.0}))
    assert out.scores[0].band == "above"

Nothing here touches a database: figures come from keyword arguments or straight from
published CSV files (:func:`inputs_from_files`), read with the importers' own parsers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from peerqa.importers.reading import open_rows
from peerqa.importers.runner import check_row, choose_kind
from peerqa.scoring.inputs import YearData, school_inputs
from peerqa.scoring.results import Flag, ModerationRisk, Score, check
from peerqa.scoring.snapshots import (
    AreaSnapshot,
    Comparison,
    GradeSnapshot,
    JudgementSnapshot,
    PlacementSnapshot,
    ReviewSnapshot,
    SchoolSnapshot,
    ScoringInput,
    YearContext,
    frozen_map,
)

NATIONAL_GRADES = (
    GradeSnapshot("exceptional", "Exceptional", 1),
    GradeSnapshot("strong_standard", "Strong standard", 2),
    GradeSnapshot("expected_standard", "Expected standard", 3),
    GradeSnapshot("needs_attention", "Needs attention", 4),
    GradeSnapshot("urgent_improvement", "Urgent improvement", 5),
)
NATIONAL_AREAS = (
    AreaSnapshot("inclusion", "Inclusion", "graded"),
    AreaSnapshot("curriculum_and_teaching", "Curriculum and teaching", "graded"),
    AreaSnapshot("achievement", "Achievement", "graded"),
    AreaSnapshot("attendance_and_behaviour", "Attendance and behaviour", "graded"),
    AreaSnapshot(
        "personal_development_and_wellbeing", "Personal development and well-being", "graded"
    ),
    AreaSnapshot("leadership_and_governance", "Leadership and governance", "graded"),
    AreaSnapshot("safeguarding", "Safeguarding", "met_not_met"),
)


def shared_data(name: str) -> Path | None:
    """A file from the project's ``../shared/data`` (beside the checkout), or None if absent."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data" / name
        if (parent / "pyproject.toml").exists() and candidate.exists():
            return candidate
    return None


def read_year(files: Iterable[Path | tuple[Path, str]], year: int) -> YearData:
    """One year's figures from published files, parsed exactly as ``peerqa import`` parses them.

    Each file is a path (its kind detected from the header) or ``(path, kind)``. Rows the
    importer would reject are skipped here.
    """
    data = YearData(year)
    for item in files:
        path, kind_name = (item, None) if isinstance(item, Path) else item
        with open_rows(path) as (header, rows, _encoding):
            kind = choose_kind(kind_name, header, path)
            for line, row in rows:
                if kind.is_total(row):
                    continue
                try:
                    school = check_row(kind, line, row)
                except ValueError:
                    continue
                numbers = data.values.setdefault(school.urn, {})
                texts = data.texts.setdefault(school.urn, {})
                for measure, value in school.values.items():
                    if measure in kind.texts.values():
                        texts[measure] = value.raw
                    else:
                        numbers[measure] = value.value
    return data


def inputs_from_files(
    files: Iterable[Path | tuple[Path, str]], year: int
) -> dict[int, ScoringInput]:
    """A ScoringInput for every school in the files, with its comparison groups."""
    return school_inputs({year: read_year(files, year)})


def school_input(
    urn: int = 100000,
    year: int = 2018,
    *,
    values: Mapping[str, float | None] | None = None,
    school_type: str = "State-funded secondary",
    comparisons: Mapping[str, Comparison] | None = None,
    review: ReviewSnapshot | None = None,
    settings: Mapping[str, Any] | None = None,
    name: str = "Test School",
) -> ScoringInput:
    """A hand-made input for one school and one year."""
    context = YearContext(
        year=year,
        values=frozen_map(values),
        texts=frozen_map({"school_type": school_type}),
        comparisons=frozen_map(comparisons),
    )
    return ScoringInput(
        school=SchoolSnapshot(urn=urn, name=name, school_type=school_type),
        years=(context,),
        review=review,
        settings=frozen_map(settings),
    )


def review_snapshot(
    *,
    review_id: int = 1,
    state: str = "submitted",
    evidence: Mapping[str, Mapping[str, int]] | None = None,
    judgements: Iterable[JudgementSnapshot] = (),
    placements: Iterable[PlacementSnapshot] = (),
    as_of: date = date(2026, 11, 1),
    areas: tuple[AreaSnapshot, ...] = NATIONAL_AREAS,
    grades: tuple[GradeSnapshot, ...] = NATIONAL_GRADES,
) -> ReviewSnapshot:
    """A hand-made review on the national framework."""
    return ReviewSnapshot(
        id=review_id,
        state=state,
        framework="national",
        grades=grades,
        areas=areas,
        evidence=frozen_map({k: frozen_map(v) for k, v in (evidence or {}).items()}),
        judgements=tuple(judgements),
        placements=tuple(placements),
        as_of=as_of,
    )


def placement(reference: str = "AP-1", **changes: Any) -> PlacementSnapshot:
    """A well-run placement (registered, planned, reviewed), with ``changes`` applied."""
    base = PlacementSnapshot(
        reference=reference,
        registered_provider=True,
        full_time=False,
        started_on=date(2026, 9, 7),
        planned_end_on=date(2026, 12, 18),
        objectives_set=True,
        success_criteria_set=True,
        exit_plan=True,
        last_reviewed_on=date(2026, 10, 19),
        outcome="ongoing",
    )
    return replace(base, **changes)


@dataclass
class PluginOutput:
    """What one plugin returned for one input, checked as the host checks it."""

    scores: list[Score] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    risks: list[ModerationRisk] = field(default_factory=list)

    def score(self, key: str) -> Score:
        found = [s for s in self.scores if s.key == key]
        if not found:
            raise KeyError(f"no score {key!r}; got {[s.key for s in self.scores]}")
        return found[0]

    def flag_keys(self) -> list[str]:
        return [f.key for f in self.flags]


def defaults(plugin: object) -> dict[str, Any]:
    """The plugin's default settings (its ``peerqa_settings`` hook), or none."""
    hook = getattr(plugin, "peerqa_settings", None)
    found = hook() if callable(hook) else {}
    json.dumps(found)  # settings must be JSON, as the operator writes them
    return dict(found)


def run_plugin(
    plugin: object, inp: ScoringInput, settings: Mapping[str, Any] | None = None
) -> PluginOutput:
    """Call the plugin's scoring hooks on ``inp`` with its settings, as the host would.

    Raises what the plugin raises, and ``BadResult`` for a return value the host would refuse.
    """
    merged = {**defaults(plugin), **(settings or {})}
    inp = replace(inp, settings=frozen_map(merged))
    out = PluginOutput()
    if callable(hook := getattr(plugin, "peerqa_score", None)):
        out.scores = check(Score, hook(inp=inp))
    if callable(hook := getattr(plugin, "peerqa_flags", None)):
        out.flags = check(Flag, hook(inp=inp))
    if inp.review is not None and callable(hook := getattr(plugin, "peerqa_moderation_risk", None)):
        out.risks = check(ModerationRisk, hook(inp=inp))
    return out
