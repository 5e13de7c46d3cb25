"""Fingerprints of plugin inputs: equal inputs give equal hashes, so a re-run can skip them."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from peerqa.pluginhost import Plugin
from peerqa.scoring.encode import dumps
from peerqa.scoring.snapshots import ScoringInput, YearContext


def _year(year: YearContext) -> list[Any]:
    # The groups are a function of the figures the digest covers (hand-made inputs without a
    # digest are hashed in full).
    groups = year.comparison_digest or {
        k: [c.title, c.size, dict(c.stats)] for k, c in year.comparisons.items()
    }
    return [year.year, year.values, year.texts, groups]


def of_input(inp: ScoringInput) -> str:
    """The input's fingerprint without settings (they differ per plugin: :func:`for_plugin`)."""
    body = [inp.school, [_year(y) for y in inp.years], inp.review]
    return hashlib.sha256(dumps(body, sort_keys=True)).hexdigest()


def plugin_key(plugin: Plugin, settings: Mapping[str, Any]) -> bytes:
    """What, besides the input, one plugin's result depends on: name, version and settings."""
    return dumps([plugin.name, plugin.version, settings], sort_keys=True)


def for_plugin(key: bytes, input_hash: str) -> str:
    """One plugin's fingerprint of one input, from :func:`plugin_key` and :func:`of_input`."""
    return hashlib.sha256(key + input_hash.encode()).hexdigest()
