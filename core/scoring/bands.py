"""Position bands: where a school's standing in a group falls between four cut-offs.

Every built-in plugin bands its indicators this way, with the same setting names, so a plugin
author can offer the same settings and get the same bands (``Cuts.from_settings``, ``band_of``),
read a group only when it is big enough (``group_stats``) and say where the school stands in
it the same way (``place_among``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from peerqa.scoring.snapshots import GroupStats, YearContext

CUT_SETTINGS = (
    "well_above_percentile",
    "above_percentile",
    "below_percentile",
    "well_below_percentile",
)


class Cuts(NamedTuple):
    """Percentile cut-offs, highest first, and the smallest group worth reading a band from."""

    well_above: float = 90.0
    above: float = 75.0
    below: float = 25.0
    well_below: float = 10.0
    min_group: int = 0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], defaults: Mapping[str, Any]) -> Cuts:
        """The cut-offs from a plugin's settings (``*_percentile`` and, where the plugin has it,
        ``min_measure_group_size``), each falling back to the plugin's own default."""
        well_above, above, below, well_below = (
            float(settings.get(name, defaults[name])) for name in CUT_SETTINGS
        )
        size = settings.get("min_measure_group_size", defaults.get("min_measure_group_size", 0))
        return cls(well_above, above, below, well_below, int(size))


def band_of(standing: float, cuts: Cuts) -> str:
    """The band for a school whose standing (0-100, the share of its group below it) is
    ``standing``: above the upper cut-offs ``well_above``/``above``, below the lower ones
    ``below``/``well_below``, otherwise ``in_line``."""
    if standing > cuts.well_above:
        return "well_above"
    if standing > cuts.above:
        return "above"
    if standing < cuts.well_below:
        return "well_below"
    if standing < cuts.below:
        return "below"
    return "in_line"


def group_stats(year: YearContext, key: str, measure: str, cuts: Cuts) -> GroupStats | None:
    """Group ``key``'s summary of ``measure`` that year, if ``cuts.min_group`` members have it."""
    group = year.comparisons.get(key)
    stats = group.of(measure) if group is not None else None
    return stats if stats is not None and stats.n >= cuts.min_group else None


def place_among(stats: GroupStats, size: int) -> str:
    """'higher than 18 of the 20' from a percentile (ties count half, as in GroupStats);
    'of the 18 with a published figure' when fewer than the group's ``size`` have one."""
    under = int(stats.percentile * stats.n / 100 + 0.5)
    among = f"{stats.n}" if stats.n == size else f"{stats.n} with a published figure"
    if stats.percentile >= 50:  # noqa: PLR2004 - the middle of the group
        return f"higher than {under} of the {among}"
    return f"lower than {stats.n - under} of the {among}"
