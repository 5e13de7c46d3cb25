"""What a scoring plugin returns: indicators, flags and moderation risks, each explained.

The host checks every returned object before storing it (:func:`check`), so a plugin returning
the wrong type is recorded as failed rather than storing something the UI cannot show.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from peerqa.scoring.snapshots import frozen_map

BANDS = ("well_above", "above", "in_line", "below", "well_below")
"""Bands for indicators read against a comparison group. ``below``/``well_below`` mean worse
than expected for a measure where higher is better, and the reverse where lower is better."""
SEVERITIES = ("high", "medium", "low")
KEY_MAX = 64
LABEL_MAX = 200
TEXT_MAX = 2000


@dataclass(frozen=True)
class Score:
    """One indicator, in plain English, with what it was compared against."""

    area: str
    """The framework area it informs, e.g. ``achievement`` or ``attendance_and_behaviour``;
    ``context`` for context that is not a judgement of the school."""
    key: str
    """Stable identifier, unique within the plugin, e.g. ``progress8``."""
    label: str
    value: float | None
    explanation: str
    """One or two sentences a headteacher would recognise."""
    unit: str = ""
    band: str | None = None
    """One of BANDS, or None when the indicator is not read against a group."""
    year: int | None = None
    comparison: str = ""
    """The group it was read against, e.g. ``20 schools with a similar intake``."""
    comparison_value: float | None = None
    """The group's median."""
    national_value: float | None = None
    """The median of schools of the same type nationally."""
    inputs: Mapping[str, Any] = field(default_factory=frozen_map)
    """The figures used, by measure key, so the indicator can be checked by hand."""


@dataclass(frozen=True)
class Flag:
    """Something a reviewer or moderator should look into, with the rule that fired."""

    key: str
    rule: str
    """The rule in plain English, e.g. ``Placement has no planned end date``."""
    explanation: str
    severity: str = "medium"
    """``high``, ``medium`` or ``low``."""
    area: str = ""
    subject: str = ""
    """What it is about, e.g. a placement reference; empty for the whole school."""
    year: int | None = None
    evidence: Mapping[str, Any] = field(default_factory=frozen_map)


@dataclass(frozen=True)
class ModerationRisk:
    """A reason a submitted review should be moderated."""

    key: str
    reason: str
    area: str = ""


class BadResult(TypeError):
    """A plugin returned something other than what its hook promises."""


def _text(value: object, name: str, *, required: bool = True, limit: int = TEXT_MAX) -> None:
    if not isinstance(value, str):
        raise BadResult(f"{name} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise BadResult(f"{name} must not be empty")
    if len(value) > limit:
        raise BadResult(f"{name} is longer than {limit} characters")


def _number(value: object, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadResult(f"{name} must be a finite number or None, not {value!r}")


def _finite(value: object) -> bool:
    kind = type(value)
    return value is None or ((kind is float or kind is int) and math.isfinite(value))  # type: ignore[arg-type]


def _fine(value: object, limit: int) -> bool:
    """A quick test for sound text; the slow path (:func:`_text`) says what is wrong."""
    return type(value) is str and 0 < len(value) <= limit and not value.isspace()


def check(kind: type[Any], returned: object) -> list[Any]:
    """The plugin's return value if it is a list of ``kind`` with sound fields, else BadResult.

    Runs for every result of every plugin call, so the common case is a few cheap tests.
    """
    if returned is None:
        return []
    if not isinstance(returned, list | tuple):
        raise BadResult(f"expected a list of {kind.__name__}, got {type(returned).__name__}")
    seen: set[tuple[str, str]] = set()
    for item in returned:
        if type(item) is not kind and not isinstance(item, kind):
            raise BadResult(f"expected {kind.__name__}, got {type(item).__name__}")
        if not _fine(item.key, KEY_MAX):
            _text(item.key, "key", limit=KEY_MAX)
        ident = (item.key, getattr(item, "subject", ""))
        if ident in seen:
            raise BadResult(f"{kind.__name__} key {item.key!r} returned twice")
        seen.add(ident)
        if kind is Score:
            _check_score(item)
        elif kind is Flag:
            if not (_fine(item.rule, TEXT_MAX) and _fine(item.explanation, TEXT_MAX)):
                _text(item.rule, "rule")
                _text(item.explanation, "explanation")
            if item.severity not in SEVERITIES:
                raise BadResult(f"severity must be one of {', '.join(SEVERITIES)}")
        elif not _fine(item.reason, TEXT_MAX):
            _text(item.reason, "reason")
    return list(returned)


def _check_score(item: Score) -> None:
    if not (_fine(item.label, LABEL_MAX) and _fine(item.explanation, TEXT_MAX)):
        _text(item.label, "label", limit=LABEL_MAX)
        _text(item.explanation, "explanation")
    if not (
        _finite(item.value) and _finite(item.comparison_value) and _finite(item.national_value)
    ):
        for name in ("value", "comparison_value", "national_value"):
            _number(getattr(item, name), name)
    if item.band is not None and item.band not in BANDS:
        raise BadResult(f"band must be one of {', '.join(BANDS)}, not {item.band!r}")
