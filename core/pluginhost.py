"""Loading plugins: every ``peerqa`` entry point, one at a time, so one broken plugin cannot
stop the others. Built-in plugins register through the same entry points as anyone else's."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pluggy

from peerqa import hookspecs

log = logging.getLogger("peerqa.plugins")
ENTRY_POINT_GROUP = "peerqa"
SCORING_HOOKS = ("peerqa_score", "peerqa_flags", "peerqa_moderation_risk")


@dataclass(frozen=True)
class Plugin:
    """One installed plugin: what it is, where it came from, and the hooks it implements."""

    name: str
    version: str
    source: str
    """The distribution and module it came from, e.g. ``peerqa 0.1.0: peerqa.plugins.context``."""
    hooks: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    error: str = ""
    """Why it failed to load; empty when it loaded."""

    @property
    def scores(self) -> bool:
        return any(h in self.hooks for h in SCORING_HOOKS)


@functools.cache
def manager() -> pluggy.PluginManager:
    """The process's plugin manager, with every installed plugin that loads."""
    pm = pluggy.PluginManager("peerqa")
    pm.add_hookspecs(hookspecs)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            pm.register(entry.load(), name=entry.name)
        except Exception as error:  # listed with its error by `peerqa plugins list`
            log.error("plugin %s failed to load and is skipped: %s", entry.name, error)
    return pm


def reload() -> None:
    """Forget loaded plugins, so newly installed ones are found (tests, ``plugins list``)."""
    manager.cache_clear()
    installed.cache_clear()


@functools.cache
def installed() -> tuple[Plugin, ...]:
    """Every plugin entry point, loaded or not, by name."""
    pm = manager()
    found = []
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        module = pm.get_plugin(entry.name)
        if module is None:
            found.append(
                Plugin(entry.name, _version(entry, None), _source(entry), error=_why(entry))
            )
            continue
        found.append(_plugin(pm, entry.name, module, _version(entry, module), _source(entry)))
    return tuple(found)


def from_module(name: str, module: object, version: str = "") -> Plugin:
    """A Plugin made from a module of ``@hookimpl`` functions, not installed (tests, tools)."""
    pm = pluggy.PluginManager("peerqa")
    pm.add_hookspecs(hookspecs)
    pm.register(module, name=name)
    declared = version or getattr(module, "__version__", "") or "0"
    return _plugin(pm, name, module, str(declared), f"module {getattr(module, '__name__', name)}")


def _plugin(
    pm: pluggy.PluginManager, name: str, module: object, version: str, source: str
) -> Plugin:
    hooks = {
        caller.name: impl.function
        for caller in pm.get_hookcallers(module) or []
        for impl in caller.get_hookimpls()
        if impl.plugin is module
    }
    defaults, error = _defaults(hooks)
    return Plugin(name, version, source, hooks, defaults, error)


def scoring_plugins(disabled: tuple[str, ...] = ()) -> list[Plugin]:
    """The loaded plugins with scoring hooks, less the disabled ones, by name."""
    return [p for p in installed() if p.scores and not p.error and p.name not in disabled]


def settings_for(plugin: Plugin, configured: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The plugin's defaults overlaid with what the operator configured for it."""
    return {**plugin.defaults, **configured.get(plugin.name, {})}


def describe(
    disabled: tuple[str, ...], configured: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Every installed plugin as plain data, for ``peerqa plugins list`` and the admin API."""
    return [
        {
            "name": p.name,
            "version": p.version,
            "source": p.source,
            "hooks": sorted(p.hooks),
            "enabled": not p.error and p.name not in disabled,
            "error": p.error,
            "settings": settings_for(p, configured),
        }
        for p in installed()
    ]


def _version(entry: EntryPoint, module: object) -> str:
    declared = getattr(module, "__version__", None)
    if isinstance(declared, str) and declared:
        return declared
    return entry.dist.version if entry.dist is not None else "unknown"


def _source(entry: EntryPoint) -> str:
    dist = f"{entry.dist.name} {entry.dist.version}" if entry.dist is not None else "unknown"
    return f"{dist}: {entry.value}"


def _why(entry: EntryPoint) -> str:
    try:
        entry.load()
    except Exception as error:  # shown to the admin, who installed it
        return f"failed to load: {type(error).__name__}: {error}"
    return "failed to load"


def _defaults(hooks: Mapping[str, Callable[..., Any]]) -> tuple[dict[str, Any], str]:
    hook = hooks.get("peerqa_settings")
    if hook is None:
        return {}, ""
    try:
        found = hook()
        json.dumps(found)
    except Exception as error:
        return {}, f"peerqa_settings failed: {type(error).__name__}: {error}"
    if not isinstance(found, dict):
        return {}, "peerqa_settings must return a dict"
    return found, ""
