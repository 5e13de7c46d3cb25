"""The published file formats peerqa reads, by name (the KIND of ``peerqa import KIND FILE``).

Each format maps its columns to measures stored per school per year. Files from the DfE
performance tables do not say which year they cover, so ``--year`` names it; the year is the
academic year the figures describe, by its starting calendar year (2018 for 2018/19).
"""

from __future__ import annotations

from peerqa.importers.base import MeasureKind
from peerqa.importers.performance import PERFORMANCE_KINDS

CENSUS = MeasureKind(
    name="census",
    title="School census pupil characteristics (performance tables, england_census.csv)",
    published="Compare school performance: download data, 'Absence and pupil population'",
    urn_column="URN",
    measures={
        "NOR": "pupils",
        "PNORG": "pct_girls",
        "TSENELSE": "sen_ehcp_count",
        "PSENELSE": "pct_sen_ehcp",
        "TSENELK": "sen_support_count",
        "PSENELK": "pct_sen_support",
        "NUMEAL": "eal_count",
        "PNUMEAL": "pct_eal",
        "NUMFSM": "fsm_count",
        "NUMFSMEVER": "fsm_ever_count",
        "PNUMFSMEVER": "pct_fsm_ever",
    },
    is_total=lambda row: row.get("URN", "").strip().upper() == "NAT",
    texts={"SCHOOLTYPE": "school_type"},
)

ABSENCE = MeasureKind(
    name="absence",
    title="Pupil absence by school (performance tables, england_abs.csv)",
    published="Compare school performance: download data, 'Absence and pupil population'",
    urn_column="URN",
    measures={"PERCTOT": "pct_sessions_missed", "PPERSABS10": "pct_persistent_absence"},
    is_total=lambda row: row.get("LA", "").strip().upper() == "NAT",
)

KINDS: dict[str, MeasureKind] = {kind.name: kind for kind in (CENSUS, ABSENCE, *PERFORMANCE_KINDS)}


def detect(header: list[str]) -> MeasureKind | None:
    """The one kind whose columns the header has, or None (none, or more than one)."""
    found = [kind for kind in KINDS.values() if kind.matches(header)]
    return found[0] if len(found) == 1 else None
