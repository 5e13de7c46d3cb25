"""Loading plugins: every ``peerqa`` entry point, one at a time, so one broken plugin cannot
stop the others. Built-in plugins register through the same entry points as anyone else's."""

from __future__ import annotations

import functools
import logging
from importlib.metadata import entry_points

import pluggy

from peerqa import hookspecs

log = logging.getLogger("peerqa.plugins")
ENTRY_POINT_GROUP = "peerqa"


@functools.cache
def manager() -> pluggy.PluginManager:
    """The process's plugin manager, with every installed plugin that loads."""
    pm = pluggy.PluginManager("peerqa")
    pm.add_hookspecs(hookspecs)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            pm.register(entry.load(), name=entry.name)
        except Exception:
            log.exception("plugin %s failed to load and is skipped", entry.name)
    return pm
