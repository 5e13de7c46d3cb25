"""Frameworks are data: load the definitions shipped in ``peerqa/frameworks`` into the database.

A version that exists is never changed: if a file's content differs from the stored version
with the same key and number, loading stops with an error asking for a new version number.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any, NoReturn

from tortoise.transactions import in_transaction

from peerqa import audit, pluginhost
from peerqa.errors import Conflict, ValidationFailed
from peerqa.models import Area, Framework, Grade, GradeDescriptor
from peerqa.models.enums import AreaKind, FrameworkMode

log = logging.getLogger("peerqa.frameworks")
APPLIES_WHEN = ("", "early_years", "sixth_form")


@dataclass(frozen=True)
class FrameworkDefinition:
    source: str
    data: dict[str, Any]

    @property
    def content_hash(self) -> str:
        canonical = json.dumps(self.data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def bundled_definitions() -> list[FrameworkDefinition]:
    """The framework files shipped with peerqa, in name order."""
    folder = resources.files("peerqa") / "frameworks"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found.append(
                FrameworkDefinition(
                    f"peerqa/frameworks/{entry.name}", json.loads(entry.read_text("utf-8"))
                )
            )
    return found


def validate(defn: FrameworkDefinition) -> None:
    """Check a definition's shape, naming the file and the first problem found."""
    data = defn.data

    def fail(problem: str) -> NoReturn:
        raise ValidationFailed(f"{defn.source}: {problem}")

    for key in ("key", "version", "name", "mode", "grades", "areas"):
        if key not in data:
            fail(f"missing {key!r}")
    if not isinstance(data["version"], int) or data["version"] < 1:
        fail("'version' must be a whole number from 1")
    try:
        mode = FrameworkMode(data["mode"])
    except ValueError:
        fail(f"'mode' must be one of {[m.value for m in FrameworkMode]}")
    grade_keys = [g.get("key") for g in data["grades"]]
    if len(set(grade_keys)) != len(grade_keys):
        fail("grade keys must be unique")
    if mode is not FrameworkMode.ENQUIRY and not grade_keys:
        fail("a graded framework needs grades")
    area_keys = [a.get("key") for a in data["areas"]]
    if not area_keys or len(set(area_keys)) != len(area_keys):
        fail("areas must be present and their keys unique")
    for area in data["areas"]:
        try:
            kind = AreaKind(area.get("kind", "graded"))
        except ValueError:
            fail(f"area {area.get('key')!r}: unknown kind {area.get('kind')!r}")
        if area.get("applies_when", "") not in APPLIES_WHEN:
            fail(f"area {area['key']!r}: 'applies_when' must be one of {APPLIES_WHEN}")
        checklist = area.get("checklist", [])
        if not isinstance(checklist, list) or not all(
            isinstance(i, dict)
            and isinstance(i.get("key"), str)
            and isinstance(i.get("label"), str)
            for i in checklist
        ):
            fail(f"area {area['key']!r}: 'checklist' must be a list of {{key, label}}")
        if kind is AreaKind.GRADED and set(area.get("descriptors", {})) != set(grade_keys):
            fail(f"area {area['key']!r}: needs exactly one descriptor per grade")


async def load(defn: FrameworkDefinition, *, actor_id: int | None = None) -> tuple[Framework, bool]:
    """Store a definition unless that version is already stored; return (framework, created)."""
    validate(defn)
    data = defn.data
    existing = await Framework.get_or_none(key=data["key"], version=data["version"])
    if existing is not None:
        if existing.content_hash != defn.content_hash:
            raise Conflict(
                f"{defn.source}: {data['key']} version {data['version']} is already stored with "
                "different content. A stored version is immutable: raise 'version' in the file."
            )
        return existing, False
    async with in_transaction():
        await Framework.filter(key=data["key"]).update(is_current=False)
        framework = await Framework.create(
            key=data["key"],
            version=data["version"],
            name=data["name"],
            mode=FrameworkMode(data["mode"]),
            description=data.get("description", ""),
            source=defn.source,
            content_hash=defn.content_hash,
            is_current=True,
        )
        grades = {}
        for rank, g in enumerate(data["grades"], start=1):
            grades[g["key"]] = await Grade.create(
                framework=framework, key=g["key"], label=g["label"], rank=rank
            )
        for position, a in enumerate(data["areas"], start=1):
            area = await Area.create(
                framework=framework,
                key=a["key"],
                name=a["name"],
                kind=AreaKind(a.get("kind", "graded")),
                description=a.get("description", ""),
                question=a.get("question", ""),
                position=position,
                applies_when=a.get("applies_when", ""),
                allows_excellence=bool(a.get("allows_excellence", False)),
                checklist=[{"key": i["key"], "label": i["label"]} for i in a.get("checklist", [])],
            )
            await GradeDescriptor.bulk_create(
                [
                    GradeDescriptor(area=area, grade=grades[k], text=t)
                    for k, t in a.get("descriptors", {}).items()
                ]
            )
        await audit.record(
            "framework.load",
            actor_id=actor_id,
            object_type="framework",
            object_id=framework.id,
            detail={"key": framework.key, "version": framework.version, "source": defn.source},
        )
    return framework, True


def plugin_definitions() -> list[FrameworkDefinition]:
    """Frameworks that installed plugins offer through ``peerqa_frameworks``.

    A plugin whose hook raises or returns something other than a list of dicts is skipped with
    an error in the log; its definitions are validated like the bundled ones when loaded.
    """
    found: list[FrameworkDefinition] = []
    for plugin in pluginhost.installed():
        hook = plugin.hooks.get("peerqa_frameworks")
        if hook is None:
            continue
        try:
            offered = hook()
        except Exception:
            log.exception("plugin %s: peerqa_frameworks failed", plugin.name)
            continue
        if not isinstance(offered, list) or not all(isinstance(d, dict) for d in offered):
            log.error("plugin %s: peerqa_frameworks must return a list of dicts", plugin.name)
            continue
        found.extend(
            FrameworkDefinition(f"plugin {plugin.name} {plugin.version}", d) for d in offered
        )
    return found


async def load_bundled() -> list[tuple[Framework, bool]]:
    """The bundled frameworks and those plugins offer, each loaded unless already stored."""
    return [await load(defn) for defn in [*bundled_definitions(), *plugin_definitions()]]
