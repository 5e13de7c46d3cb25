"""Plugins can offer frameworks; they load beside the bundled ones, checked the same way."""

from __future__ import annotations

import copy
import json
import types
from importlib import resources
from typing import Any

import pytest

from peerqa import hookimpl, pluginhost
from peerqa.errors import ValidationFailed
from peerqa.models import Framework
from peerqa.services import frameworks

NATIONAL = json.loads((resources.files("peerqa") / "frameworks" / "national.json").read_text())


def plugin(name: str, offered: Any) -> pluginhost.Plugin:
    module = types.ModuleType(name)

    def peerqa_frameworks() -> Any:
        if isinstance(offered, Exception):
            raise offered
        return offered

    module.peerqa_frameworks = hookimpl(peerqa_frameworks)  # type: ignore[attr-defined]
    return pluginhost.from_module(name, module, version="2.1")


def with_plugins(monkeypatch: pytest.MonkeyPatch, *extra: pluginhost.Plugin) -> None:
    everything = (*pluginhost.installed(), *extra)
    monkeypatch.setattr(pluginhost, "installed", lambda: everything)


async def test_a_plugin_framework_loads_with_its_source(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rubric = copy.deepcopy(NATIONAL) | {"key": "trust_rubric", "name": "Trust rubric"}
    with_plugins(
        monkeypatch,
        plugin("rubrics", [rubric]),
        plugin("raising", RuntimeError("no rubric today")),
        plugin("wrong_type", "not a list"),
    )
    loaded = await frameworks.load_bundled()
    keys = {f.key: created for f, created in loaded}
    assert keys["trust_rubric"] is True
    assert "national" in keys
    stored = await Framework.get(key="trust_rubric")
    assert stored.source == "plugin rubrics 2.1"
    assert stored.name == "Trust rubric"
    assert all(created is False for _f, created in await frameworks.load_bundled())


async def test_a_plugin_framework_is_validated_like_a_file(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = copy.deepcopy(NATIONAL) | {"key": "broken_rubric"}
    del broken["grades"]
    with_plugins(monkeypatch, plugin("rubrics", [broken]))
    with pytest.raises(ValidationFailed, match=r"plugin rubrics 2\.1: missing 'grades'"):
        await frameworks.load_bundled()
