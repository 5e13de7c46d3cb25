"""Duty consultations: the lead asks the moderator on duty for a second view during the visit.

When the team's emerging judgement is that a standard is not met (or is exceptional) the lead
asks; a moderator on duty with no conflict of interest responds. They probe the evidence and do
not decide, so neither side carries a grade. The exchange stays on the review for the team and
overseers, and a moderator who answered may not later hear an appeal on the review.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import (
    Actor,
    ReviewRelation,
    relation_to,
    require,
    require_actor,
    require_admin,
    require_overseer,
)
from peerqa.clock import now
from peerqa.conflicts import moderator_conflicts
from peerqa.errors import IllegalTransition, NotFound
from peerqa.lifecycle import CONSULTATION_ANSWERABLE, CONSULTATION_OPEN
from peerqa.models import DutyConsultation, Review, User
from peerqa.models.enums import ConsultationKind
from peerqa.screening import free_text
from peerqa.services.moderation import moderator_user
from peerqa.services.reviews import announce, area_by_key, lock_review, require_state
from peerqa.services.team import ConflictOfInterest

TEXT_MAX = 5000
MAX_OPEN = 20


@dataclass(frozen=True)
class ConsultationRequest:
    review_id: int
    area_key: str
    kind: ConsultationKind
    question: str
    confirm_no_personal_data: bool = False


async def request(actor: Actor | None, data: ConsultationRequest) -> DutyConsultation:
    """The lead asks for a second view of one area, during the visit."""
    rel = await relation_to(actor, data.review_id)
    require(rel.is_lead, "Only the lead reviewer asks the duty moderator.")
    require_state(rel.review, CONSULTATION_OPEN, "ask the duty moderator")
    area = await area_by_key(rel.review, data.area_key)
    question = free_text(
        data.question,
        "question",
        confirmed=data.confirm_no_personal_data,
        limit=TEXT_MAX,
        missing="Write the question.",
    )
    async with in_transaction():
        await lock_review(data.review_id, CONSULTATION_OPEN, "ask the duty moderator")
        waiting = await DutyConsultation.filter(
            review_id=data.review_id, responded_at__isnull=True
        ).count()
        if waiting >= MAX_OPEN:
            raise IllegalTransition(f"{waiting} questions are waiting; wait for answers first.")
        consultation = await DutyConsultation.create(
            review_id=data.review_id,
            area=area,
            kind=data.kind,
            question=question,
            requested_by_id=rel.actor.user_id,
            requested_at=now(),
        )
        await audit.record(
            "consultation.request",
            actor_id=rel.actor.user_id,
            object_type="consultation",
            object_id=consultation.id,
            review_id=data.review_id,
            detail={"area": area.key, "kind": data.kind.value},
        )
    await announce(rel, "consultation.request", consultation.id)
    return consultation


async def respond(
    actor: Actor | None, consultation_id: int, response: str, *, confirmed: bool = False
) -> DutyConsultation:
    """A moderator on duty, with no conflict of interest, answers once."""
    actor = require_actor(actor)
    consultation = await DutyConsultation.get_or_none(id=consultation_id)
    if consultation is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, consultation.review_id)
    if not may_read(rel):
        raise NotFound("Nothing was found with that identifier.")
    user = await User.get(id=actor.user_id)
    require(
        actor.is_moderator and user.on_duty,
        "Only a moderator on duty answers consultations.",
    )
    require_state(rel.review, CONSULTATION_ANSWERABLE, "answer a consultation")
    reasons = await moderator_conflicts(rel.review, user, "duty_moderator")
    if reasons:
        raise ConflictOfInterest(reasons, field="consultationId")
    text = free_text(
        response, "response", confirmed=confirmed, limit=TEXT_MAX, missing="Write the response."
    )
    async with in_transaction():
        await lock_review(consultation.review_id, CONSULTATION_ANSWERABLE, "answer a consultation")
        answered = await DutyConsultation.filter(
            id=consultation_id, responded_at__isnull=True
        ).update(responder_id=user.id, response=text, responded_at=now())
        if not answered:
            raise IllegalTransition("This consultation has already been answered.")
        await audit.record(
            "consultation.respond",
            actor_id=actor.user_id,
            object_type="consultation",
            object_id=consultation_id,
            review_id=consultation.review_id,
        )
    await announce(rel, "consultation.respond", consultation_id)
    return await DutyConsultation.get(id=consultation_id)


async def set_on_duty(actor: Actor | None, user_id: int, on_duty: bool) -> User:
    """An administrator puts a moderator on duty, or takes them off."""
    admin = require_admin(actor)
    user = await moderator_user(user_id, "userId")
    async with in_transaction():
        await User.filter(id=user.id).update(on_duty=on_duty)
        await audit.record(
            "moderator.duty",
            actor_id=admin.user_id,
            object_type="user",
            object_id=user.id,
            detail={"on_duty": on_duty},
        )
    return await User.get(id=user.id)


async def waiting(actor: Actor | None) -> list[DutyConsultation]:
    """Unanswered consultations: for a moderator on duty, and for administrators."""
    actor = require_overseer(actor)
    if not actor.is_admin and not await User.exists(id=actor.user_id, on_duty=True):
        return []
    return list(
        await DutyConsultation.filter(
            responded_at__isnull=True, review__state__in=list(CONSULTATION_ANSWERABLE)
        ).order_by("requested_at", "id")
    )


def may_read(rel: ReviewRelation) -> bool:
    """The team and overseers; not the host."""
    return rel.is_team or rel.is_overseer


async def consulted_moderators(review: Review) -> set[int]:
    """Duty moderators who answered on this review (they may not hear its appeals)."""
    rows = await DutyConsultation.filter(review_id=review.id, responder_id__not_isnull=True).values(
        "responder_id"
    )
    return {int(row["responder_id"]) for row in rows}
