"""What each subscriber to a review hears of a change to it.

Services announce every change to a review with its kind (``evidence.add``,
``consultation.request`` ...) to everyone following the review, and the subscription re-reads
the review itself through the access rules. The kind names what happened, so it passes the same
rules as the thing it is about: a subscriber who may not read that part of the review hears only
that the review changed (``review.updated``), which is enough to refresh what they can see.
"""

from __future__ import annotations

from collections.abc import Callable

from peerqa.access import ReviewRelation
from peerqa.events import Event
from peerqa.models import Concern
from peerqa.services import (
    appeals,
    concerns,
    consultations,
    evidence,
    factual_accuracy,
    judgements,
    moderation,
    placements,
    report,
)

UPDATED = "review.updated"
"""The kind a subscriber hears of a change to a part of the review they may not read."""


def _anyone(_rel: ReviewRelation) -> bool:
    return True


def _works_on_it(rel: ReviewRelation) -> bool:
    """Those who see every invitation and answer (the host's staff, the team, invitees and
    overseers), as ``Review.team`` does."""
    return rel.is_host_staff or rel.is_team or rel.invited or rel.is_overseer


READERS: dict[str, Callable[[ReviewRelation], bool]] = {
    "state": _anyone,
    "visit_details": _anyone,
    "team": _works_on_it,
    "judgement.self_evaluation": judgements.may_read_self_evaluation,
    "judgement.independent": lambda rel: rel.is_team or rel.is_overseer,
    "judgement.consensus": judgements.may_read_consensus,
    "evidence": evidence.may_read_evidence,
    "placement": placements.may_read_placements,
    "consultation": consultations.may_read,
    "factual_accuracy": factual_accuracy.may_read,
    "appeal": appeals.may_read,
    "moderation.assign": moderation.may_read_sampling,
    "moderation.decided": moderation.may_read_outcomes,
    "report": report.may_read_report,
}
"""Who may hear each kind of change, by the kind or its first part(s): ``evidence`` covers
``evidence.add`` and ``evidence.edit``. A kind not listed here is heard as ``review.updated``.
Concerns are checked one by one (``concern.*``)."""


async def kind_heard_by(rel: ReviewRelation, event: Event) -> str:
    """The event's kind if ``rel`` may read what changed, else :data:`UPDATED`."""
    if event.kind.startswith("concern."):
        concern = await Concern.get_or_none(id=event.object_id) if event.object_id else None
        allowed = concern is not None and concerns.may_read(rel, concern)
        return event.kind if allowed else UPDATED
    parts = event.kind.split(".")
    for end in range(len(parts), 0, -1):
        rule = READERS.get(".".join(parts[:end]))
        if rule is not None:
            return event.kind if rule(rel) else UPDATED
    return UPDATED
