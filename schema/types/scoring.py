"""GraphQL types for what scoring plugins said: indicators, flags and moderation risks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from peerqa.models import PluginResult


@strawberry.enum(description="Where an indicator sits against its comparison group.")
class IndicatorBand(Enum):
    WELL_ABOVE = "well_above"
    ABOVE = "above"
    IN_LINE = "in_line"
    BELOW = "below"
    WELL_BELOW = "well_below"


@strawberry.enum(description="How urgently a flag should be looked into.")
class FlagSeverity(Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@strawberry.type(description="One figure an indicator or flag was computed from.")
class NamedValue:
    name: str
    number: float | None = strawberry.field(description="The figure, when it is a number.")
    text: str | None = strawberry.field(description="The figure, when it is not a number.")


def _named(values: dict[str, Any]) -> list[NamedValue]:
    found = []
    for name, value in sorted(values.items()):
        if isinstance(value, bool) or not isinstance(value, int | float):
            found.append(
                NamedValue(name=name, number=None, text=None if value is None else str(value))
            )
        else:
            found.append(NamedValue(name=name, number=float(value), text=None))
    return found


@strawberry.type(
    description="An indicator from a scoring plugin, explained, with the group it was read against."
)
class Indicator:
    plugin: str
    plugin_version: str
    area: str = strawberry.field(description="The framework area it informs, or 'context'.")
    key: str
    label: str
    value: float | None
    unit: str
    band: IndicatorBand | None
    year: int | None = strawberry.field(
        description="Academic year of the figures (2018 = 2018/19)."
    )
    comparison: str = strawberry.field(description="The group it was read against.")
    comparison_value: float | None = strawberry.field(description="The group's median.")
    national_value: float | None = strawberry.field(
        description="The median of schools of the same type nationally."
    )
    explanation: str
    inputs: list[NamedValue] = strawberry.field(description="The figures it used.")


@strawberry.type(
    description="Something a plugin found worth looking into, with the rule that fired."
)
class Flag:
    plugin: str
    plugin_version: str
    key: str
    rule: str
    explanation: str
    severity: FlagSeverity
    area: str
    subject: str = strawberry.field(
        description="What it is about, e.g. a placement reference; empty for the whole school."
    )
    year: int | None
    evidence: list[NamedValue]


@strawberry.type(description="A plugin's reason that a submitted review should be moderated.")
class ModerationRisk:
    plugin: str
    key: str
    reason: str
    area: str


@strawberry.type(description="An installed scoring plugin (admins).")
class PluginInfo:
    name: str
    version: str
    source: str = strawberry.field(description="The distribution and module it came from.")
    hooks: list[str]
    enabled: bool
    error: str = strawberry.field(description="Why it failed to load; empty if it loaded.")
    settings: list[NamedValue] = strawberry.field(description="Its settings in force.")


@strawberry.type(description="A plugin call that failed on one school or review (admins).")
class PluginFailure:
    plugin: str
    plugin_version: str
    subject: str = strawberry.field(description="'school' or 'review'.")
    subject_id: int = strawberry.field(description="The school's URN or the review's id.")
    error: str
    computed_at: datetime


def indicators(rows: Iterable[PluginResult]) -> list[Indicator]:
    return [
        Indicator(
            plugin=row.plugin,
            plugin_version=row.plugin_version,
            area=str(s.get("area", "")),
            key=str(s.get("key", "")),
            label=str(s.get("label", "")),
            value=s.get("value"),
            unit=str(s.get("unit", "")),
            band=IndicatorBand(s["band"]) if s.get("band") else None,
            year=s.get("year"),
            comparison=str(s.get("comparison", "")),
            comparison_value=s.get("comparison_value"),
            national_value=s.get("national_value"),
            explanation=str(s.get("explanation", "")),
            inputs=_named(dict(s.get("inputs") or {})),
        )
        for row in rows
        if row.ok
        for s in row.scores
    ]


def flags(rows: Iterable[PluginResult]) -> list[Flag]:
    return [
        Flag(
            plugin=row.plugin,
            plugin_version=row.plugin_version,
            key=str(f.get("key", "")),
            rule=str(f.get("rule", "")),
            explanation=str(f.get("explanation", "")),
            severity=FlagSeverity(f.get("severity", "medium")),
            area=str(f.get("area", "")),
            subject=str(f.get("subject", "")),
            year=f.get("year"),
            evidence=_named(dict(f.get("evidence") or {})),
        )
        for row in rows
        if row.ok
        for f in row.flags
    ]


def moderation_risks(rows: Iterable[PluginResult]) -> list[ModerationRisk]:
    return [
        ModerationRisk(
            plugin=row.plugin,
            key=str(r.get("key", "")),
            reason=str(r.get("reason", "")),
            area=str(r.get("area", "")),
        )
        for row in rows
        if row.ok
        for r in row.risks
    ]


def plugin_info(found: dict[str, Any]) -> PluginInfo:
    return PluginInfo(
        name=found["name"],
        version=found["version"],
        source=found["source"],
        hooks=list(found["hooks"]),
        enabled=bool(found["enabled"]),
        error=found["error"],
        settings=_named(found["settings"]),
    )


def plugin_failure(row: PluginResult) -> PluginFailure:
    return PluginFailure(
        plugin=row.plugin,
        plugin_version=row.plugin_version,
        subject=row.subject,
        subject_id=row.subject_id,
        error=row.error,
        computed_at=row.computed_at,
    )
