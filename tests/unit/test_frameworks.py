from __future__ import annotations

import copy
from typing import Any

import pytest

from peerqa.errors import Conflict, ValidationFailed
from peerqa.models import Area, Framework, GradeDescriptor
from peerqa.services import frameworks


async def test_bundled_frameworks_load_once(db: Any) -> None:
    first = await frameworks.load_bundled()
    assert all(created for _, created in first)
    again = await frameworks.load_bundled()
    assert not any(created for _, created in again)
    assert await Framework.all().count() == 3
    national = await Framework.get(key="national")
    graded = await Area.filter(framework=national, kind="graded").count()
    assert await GradeDescriptor.filter(area__framework=national).count() == graded * 5


async def test_a_stored_version_is_immutable(db: Any) -> None:
    await frameworks.load_bundled()
    original = next(d for d in frameworks.bundled_definitions() if d.data["key"] == "national")
    changed = copy.deepcopy(original.data)
    changed["name"] = "Edited without a new version"
    with pytest.raises(Conflict, match="raise 'version'"):
        await frameworks.load(frameworks.FrameworkDefinition("edited.json", changed))
    changed["version"] = 2
    framework, created = await frameworks.load(
        frameworks.FrameworkDefinition("edited.json", changed)
    )
    assert created
    assert framework.is_current
    old = await Framework.get(key="national", version=1)
    assert not old.is_current


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("areas"), "missing 'areas'"),
        (lambda d: d.update(mode="stars"), "'mode' must be one of"),
        (lambda d: d["areas"][0]["descriptors"].pop("exceptional"), "one descriptor per grade"),
        (lambda d: d["areas"][0].update(applies_when="nursery"), "'applies_when'"),
        (lambda d: d.update(version=0), "'version'"),
    ],
)
def test_malformed_definitions_are_rejected(mutate: Any, message: str) -> None:
    original = next(d for d in frameworks.bundled_definitions() if d.data["key"] == "national")
    data = copy.deepcopy(original.data)
    mutate(data)
    with pytest.raises(ValidationFailed, match=message):
        frameworks.validate(frameworks.FrameworkDefinition("bad.json", data))
