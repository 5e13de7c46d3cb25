"""Scoring: the plugin contract (snapshots in, explained results out) and the host that runs it.

Plugin authors need only this module and ``peerqa.hookimpl``::

    from peerqa import hookimpl
    from peerqa.scoring import Score, ScoringInput
"""

from __future__ import annotations

from peerqa.scoring.bands import Cuts, band_of, group_stats, place_among
from peerqa.scoring.results import BANDS, SEVERITIES, Flag, ModerationRisk, Score
from peerqa.scoring.snapshots import (
    AreaSnapshot,
    Comparison,
    GradeSnapshot,
    GroupStats,
    JudgementSnapshot,
    PlacementSnapshot,
    ReviewSnapshot,
    SchoolSnapshot,
    ScoringInput,
    YearContext,
)

__all__ = [
    "BANDS",
    "SEVERITIES",
    "AreaSnapshot",
    "Comparison",
    "Cuts",
    "Flag",
    "GradeSnapshot",
    "GroupStats",
    "JudgementSnapshot",
    "ModerationRisk",
    "PlacementSnapshot",
    "ReviewSnapshot",
    "SchoolSnapshot",
    "Score",
    "ScoringInput",
    "YearContext",
    "band_of",
    "group_stats",
    "place_among",
]
