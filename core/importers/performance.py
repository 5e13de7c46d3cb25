"""Per-school files from the performance tables and Explore Education Statistics (KS4 results and
destinations, pupil premium, school workforce), as measure kinds."""

from __future__ import annotations

from peerqa.importers.base import MeasureKind

PERFORMANCE_KINDS: tuple[MeasureKind, ...] = ()
