"""Position bands: where a school's standing in a group falls between four cut-offs.

Every built-in plugin bands its indicators this way, with the same setting names, so a plugin
author can offer the same settings and get the same bands (``Cuts.from_settings``, ``band_of``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

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
