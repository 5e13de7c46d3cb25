"""The factual-accuracy check: the host points out factual errors in the assured draft.

A window of ``factual_accuracy_days`` opens when the review is assured. Until it closes the
host's leaders raise points (text, optionally an area). The lead accepts each (and corrects the
report) or rejects it, with a reason either way. Publication waits until every point is answered
or the window has closed; points still unanswered then lapse, and stay on the record.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, ReviewRelation, relation_to, require, require_actor
from peerqa.clock import now
from peerqa.errors import IllegalTransition, NotFound, ValidationFailed
from peerqa.lifecycle import FACTUAL_ACCURACY_ANSWERABLE, FACTUAL_ACCURACY_OPEN
from peerqa.models import FactualAccuracyPoint
from peerqa.screening import free_text
from peerqa.services.reviews import announce, area_by_key, lock_review, require_state

TEXT_MAX = 5000
MAX_POINTS = 50


async def raise_point(
    actor: Actor | None,
    review_id: int,
    text: str,
    area_key: str | None = None,
    *,
    confirmed: bool = False,
) -> FactualAccuracyPoint:
    """The host's leaders point out a factual error while the window is open."""
    rel = await relation_to(actor, review_id)
    require(rel.is_host_leader, "Only the host school's leaders raise factual-accuracy points.")
    require_state(rel.review, FACTUAL_ACCURACY_OPEN, "raise a factual-accuracy point")
    area = await area_by_key(rel.review, area_key) if area_key else None
    body = free_text(
        text, "text", confirmed=confirmed, limit=TEXT_MAX, missing="Say what is factually wrong."
    )
    async with in_transaction():
        review = await lock_review(review_id, FACTUAL_ACCURACY_OPEN, "raise a point")
        closes = review.factual_accuracy_closes_at
        if closes is not None and now() >= closes:
            raise IllegalTransition(f"The factual-accuracy window closed on {closes:%d %B %Y}.")
        if await FactualAccuracyPoint.filter(review_id=review_id).count() >= MAX_POINTS:
            raise ValidationFailed(f"A review takes at most {MAX_POINTS} points.", field="text")
        point = await FactualAccuracyPoint.create(
            review_id=review_id,
            area=area,
            text=body,
            raised_by_id=rel.actor.user_id,
            raised_at=now(),
        )
        await audit.record(
            "factual_accuracy.raise",
            actor_id=rel.actor.user_id,
            object_type="factual_accuracy_point",
            object_id=point.id,
            review_id=review_id,
            detail={"area": area.key if area else None},
        )
    await announce(rel, "factual_accuracy.raise", point.id)
    return point


async def answer(
    actor: Actor | None, point_id: int, accept: bool, reason: str, *, confirmed: bool = False
) -> FactualAccuracyPoint:
    """The lead accepts or rejects a point, once, with a reason."""
    actor = require_actor(actor)
    point = await FactualAccuracyPoint.get_or_none(id=point_id)
    if point is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, point.review_id)
    if not may_read(rel):
        raise NotFound("Nothing was found with that identifier.")
    require(rel.is_lead, "Only the lead reviewer answers factual-accuracy points.")
    require_state(rel.review, FACTUAL_ACCURACY_ANSWERABLE, "answer a factual-accuracy point")
    why = free_text(
        reason,
        "reason",
        confirmed=confirmed,
        limit=TEXT_MAX,
        missing="Give the reason for your answer.",
    )
    async with in_transaction():
        await lock_review(
            point.review_id, FACTUAL_ACCURACY_ANSWERABLE, "answer a factual-accuracy point"
        )
        answered = await FactualAccuracyPoint.filter(id=point_id, accepted__isnull=True).update(
            accepted=accept, answer_reason=why, answered_by_id=actor.user_id, answered_at=now()
        )
        if not answered:
            raise IllegalTransition("This point has already been answered.")
        await audit.record(
            "factual_accuracy.accept" if accept else "factual_accuracy.reject",
            actor_id=actor.user_id,
            object_type="factual_accuracy_point",
            object_id=point_id,
            review_id=point.review_id,
        )
    await announce(rel, "factual_accuracy.answer", point_id)
    return await FactualAccuracyPoint.get(id=point_id)


def may_read(rel: ReviewRelation) -> bool:
    """The host's staff, the team and overseers."""
    return rel.is_host_staff or rel.is_team or rel.is_overseer
