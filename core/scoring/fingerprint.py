"""Fingerprints of plugin inputs: equal inputs give equal hashes, so a re-run can skip them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from peerqa.pluginhost import Plugin
from peerqa.scoring.snapshots import ScoringInput, YearContext


def _plain(value: Any) -> Any:
    if isinstance(value, YearContext):
        # The groups are a function of the figures the digest covers (hand-made inputs
        # without a digest are hashed in full).
        groups = value.comparison_digest or {
            k: [c.title, c.size, dict(c.stats)] for k, c in value.comparisons.items()
        }
        return [value.year, dict(value.values), dict(value.texts), groups]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def of_input(inp: ScoringInput) -> str:
    """The input's fingerprint without settings (they differ per plugin: :func:`for_plugin`)."""
    body = {"school": _plain(inp.school), "years": [_plain(y) for y in inp.years]}
    if inp.review is not None:
        body["review"] = _plain(inp.review)
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=True)
    return hashlib.sha256(text.encode()).hexdigest()


def for_plugin(plugin: Plugin, settings: Mapping[str, Any], input_hash: str) -> str:
    """What one plugin's result depends on: its name, version, settings and the input."""
    head = json.dumps([plugin.name, plugin.version, settings], sort_keys=True, default=str)
    return hashlib.sha256(f"{head}|{input_hash}".encode()).hexdigest()
