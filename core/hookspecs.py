"""The plugin hooks peerqa calls. Each hook's docstring is its documentation.

Plugins implement them with ``@peerqa.hookimpl`` and register under the ``peerqa`` entry-point
group. Hooks are synchronous and pure: they receive frozen snapshots, never ORM objects, the
database or the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import pluggy

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
