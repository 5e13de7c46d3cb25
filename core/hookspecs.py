"""The plugin hooks peerqa calls. Each hook's docstring is its documentation.

Plugins implement them with ``@peerqa.hookimpl`` and register under the ``peerqa`` entry-point
group. Hooks are synchronous and pure: they receive frozen snapshots, never ORM objects, the
database or the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pluggy

from peerqa.scoring.results import Flag, ModerationRisk, Score
from peerqa.scoring.snapshots import ScoringInput

hookspec = pluggy.HookspecMarker("peerqa")
hookimpl = pluggy.HookimplMarker("peerqa")


@dataclass(frozen=True)
class ConflictCheck:
    """Who is being considered for which review, with the facts the built-in rules use."""

    review_id: int
    host_urn: int
    host_trust_id: int | None
    host_phase: str
    partnership_id: int
    candidate_user_id: int
    candidate_school_urns: tuple[int, ...]
    """Schools where the candidate is headteacher or a senior leader."""
    candidate_trust_ids: tuple[int, ...]
    role: str
    """``lead`` or ``reviewer`` (or ``moderator`` when moderators are assigned)."""


@hookspec
def peerqa_conflicts(check: ConflictCheck) -> list[str]:  # type: ignore[empty-body]
    """Extra conflict-of-interest rules for a review team.

    Return one plain-English reason for each conflict found (empty when there is none), e.g.
    ``["They are a governor of the host school."]``. Any reason refuses the invitation and is
    shown to the host. Called once per candidate; must be quick and must not raise.
    """


@hookspec
def peerqa_score(inp: ScoringInput) -> list[Score]:  # type: ignore[empty-body]
    """Indicators for one school, and for one review when ``inp.review`` is set.

    Called once per school by ``peerqa score`` (and after each data import), and once per
    review when the review is submitted. ``inp`` holds the school, its published figures by
    year with comparison groups (``similar``, ``disadvantage``, ``national``), the review's
    snapshot if any, and this plugin's settings. Return a list of :class:`Score`, each with a
    plain-English ``explanation`` and the ``inputs`` it used; return an empty list when the
    data it needs is missing (never a guess). Must be pure: no clock, no database, no network,
    no randomness. The same input must give the same result, because results are stored by a
    hash of the input and reused.
    """


@hookspec
def peerqa_flags(inp: ScoringInput) -> list[Flag]:  # type: ignore[empty-body]
    """Things reviewers and moderators should look into, e.g. off-rolling risk or an
    open-ended alternative-provision placement.

    Same input and rules as ``peerqa_score``. Each :class:`Flag` names the ``rule`` that fired
    in plain English and carries the ``evidence`` behind it (the figures or the placement
    facts), so nobody has to trust a flag they cannot check. A flag is a prompt for a
    conversation, not a judgement.
    """


@hookspec
def peerqa_moderation_risk(inp: ScoringInput) -> list[ModerationRisk]:  # type: ignore[empty-body]
    """Reasons a submitted review should be moderated, e.g. a consensus far from the data.

    Called only with ``inp.review`` set, when the review is submitted. Each
    :class:`ModerationRisk` is shown to moderators as a reason the review was sampled. Return
    an empty list when nothing stands out.
    """


@hookspec
def peerqa_frameworks() -> list[dict[str, Any]]:  # type: ignore[empty-body]
    """Extra review frameworks (rubrics), each a dict in the same shape as the bundled
    ``peerqa/frameworks/*.json`` files: ``key``, ``version``, ``name``, ``mode``, ``grades``,
    ``areas``. They are validated and loaded with the bundled ones by ``peerqa migrate``; a
    changed definition needs a new ``version``.
    """


@hookspec
def peerqa_settings() -> dict[str, Any]:  # type: ignore[empty-body]
    """This plugin's default settings (thresholds, weights), as JSON-compatible values.

    An operator overrides them per plugin with ``PEERQA_PLUGIN_SETTINGS``; the merged settings
    reach the plugin as ``inp.settings`` and are part of the input hash, so changing a
    threshold re-scores. ``peerqa plugins list`` shows them.
    """
