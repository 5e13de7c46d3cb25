"""Appeals: the host headteacher challenges a moderated judgement during the factual-accuracy
check; a moderator with no part in the review hears it; the report stays unpublished meanwhile.

The hearing moderator may not be one who moderated the review (any round), nor a duty
moderator consulted on it, nor anyone with a conflict of interest. Their outcome (upheld, partly
upheld, not upheld) carries reasons; a changed grade updates the moderated judgement and is
audited with its before and after. The review then returns to the factual-accuracy check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import (
    Actor,
    ReviewRelation,
    relation_to,
    require,
    require_actor,
    require_overseer,
)
from peerqa.clock import now
from peerqa.conflicts import moderator_conflicts
from peerqa.errors import IllegalTransition, NotFound, ValidationFailed
from peerqa.lifecycle import APPEAL_HEARING, APPEAL_OPEN, Transition
from peerqa.models import Appeal, AuditEvent, Grade, Judgement, Moderation
from peerqa.models.enums import AppealOutcome, AreaKind, JudgementKind
from peerqa.screening import free_text
from peerqa.services.consultations import consulted_moderators
from peerqa.services.moderation import chosen_moderator, moderator_user
from peerqa.services.reviews import announce, area_by_key, lock_review, move, require_state
from peerqa.services.team import ConflictOfInterest
from peerqa.versioning import update_versioned

TEXT_MAX = 5000


@dataclass(frozen=True)
class AppealInput:
    review_id: int
    version: int
    area_key: str
    grounds: str
    confirm_no_personal_data: bool = False


async def lodge(actor: Actor | None, data: AppealInput) -> Appeal:
    """The host headteacher appeals one moderated judgement; the review moves to ``appeal``."""
    rel = await relation_to(actor, data.review_id)
    require(rel.is_host_head, "Only the host headteacher can appeal.")
    require_state(rel.review, APPEAL_OPEN, "appeal")
    area = await area_by_key(rel.review, data.area_key)
    grounds = free_text(
        data.grounds,
        "grounds",
        confirmed=data.confirm_no_personal_data,
        limit=TEXT_MAX,
        missing="Give your grounds.",
    )
    moderated = await Judgement.get_or_none(
        review_id=data.review_id, area_id=area.id, kind=JudgementKind.MODERATED
    )
    if moderated is None:
        raise IllegalTransition(
            f"{area.name} has no moderated judgement; only a moderated judgement can be "
            "appealed. Raise a factual-accuracy point instead."
        )
    if await Appeal.exists(review_id=data.review_id, area_id=area.id):
        raise IllegalTransition(f"{area.name} has already been appealed.")
    async with in_transaction():
        review = await lock_review(data.review_id, APPEAL_OPEN, "appeal")
        appeal = await Appeal.create(
            review_id=data.review_id,
            area=area,
            grounds=grounds,
            lodged_by_id=rel.actor.user_id,
            lodged_at=now(),
            grade_before_id=moderated.grade_id,
        )
        await move(review, Transition.APPEAL, rel.actor.user_id, version=data.version)
        await audit.record(
            "appeal.lodge",
            actor_id=rel.actor.user_id,
            object_type="appeal",
            object_id=appeal.id,
            review_id=data.review_id,
            detail={"area": area.key},
        )
    await announce(rel, "appeal.lodge", appeal.id)
    await announce(rel, "state.appeal")
    return appeal


async def _appeal_and_relation(
    actor: Actor | None, appeal_id: int
) -> tuple[Appeal, ReviewRelation]:
    actor = require_actor(actor)
    appeal = await Appeal.get_or_none(id=appeal_id)
    if appeal is None:
        raise NotFound("Nothing was found with that identifier.")
    rel = await relation_to(actor, appeal.review_id)
    if not may_read(rel):
        raise NotFound("Nothing was found with that identifier.")
    return appeal, rel


async def involvement(appeal: Appeal) -> dict[int, str]:
    """Moderators who had a part in the review, with the part: they may not hear its appeal.

    That includes anyone ever assigned one of its moderation rounds, though reassigned since
    (the audit log keeps every assignment)."""
    parts: dict[int, str] = {}
    for row in await Moderation.filter(
        review_id=appeal.review_id, moderator_id__not_isnull=True
    ).values("moderator_id"):
        parts[int(row["moderator_id"])] = "They moderated this review."
    for row in await AuditEvent.filter(
        review_id=appeal.review_id, action="moderation.assign"
    ).values("detail"):
        detail = row["detail"]
        assigned = detail.get("moderator_id") if isinstance(detail, dict) else None
        if isinstance(assigned, int):
            parts.setdefault(assigned, "They were assigned to moderate this review.")
    review = await appeal.review
    for responder in await consulted_moderators(review):
        parts.setdefault(responder, "They were consulted on this review as duty moderator.")
    return parts


async def assign(actor: Actor | None, appeal_id: int, moderator_id: int | None) -> Appeal:
    """Assign a moderator with no part in the review and no conflict to hear the appeal."""
    appeal, rel = await _appeal_and_relation(actor, appeal_id)
    require(rel.is_overseer, "Only an administrator or a moderator can assign an appeal.")
    require_state(rel.review, APPEAL_HEARING, "assign an appeal")
    if appeal.decided_at is not None:
        raise IllegalTransition("This appeal has been decided.")
    user_id = chosen_moderator(rel.actor, appeal.moderator_id, moderator_id)
    user = await moderator_user(user_id, "moderatorId")
    reasons = []
    part = (await involvement(appeal)).get(user.id)
    if part:
        reasons.append(part)
    reasons += await moderator_conflicts(rel.review, user, "appeal_moderator")
    if reasons:
        raise ConflictOfInterest(reasons, field="moderatorId")
    async with in_transaction():
        await lock_review(appeal.review_id, APPEAL_HEARING, "assign an appeal")
        updated = await Appeal.filter(id=appeal_id, decided_at__isnull=True).update(
            moderator_id=user.id, assigned_at=now()
        )
        if not updated:
            raise IllegalTransition("This appeal has been decided.")
        await audit.record(
            "appeal.assign",
            actor_id=rel.actor.user_id,
            object_type="appeal",
            object_id=appeal_id,
            review_id=appeal.review_id,
            detail={"moderator_id": user.id, "before": appeal.moderator_id},
        )
    await announce(rel, "appeal.assign", appeal_id)
    return await Appeal.get(id=appeal_id)


@dataclass(frozen=True)
class AppealDecision:
    appeal_id: int
    outcome: AppealOutcome
    reasons: str
    grade_key: str | None = None
    """A new moderated grade, for an appeal upheld or partly upheld on a graded area."""
    met: bool | None = None
    confirm_no_personal_data: bool = False


async def decide(actor: Actor | None, data: AppealDecision) -> Appeal:
    """The hearing moderator records the outcome; the review returns to factual accuracy."""
    appeal, rel = await _appeal_and_relation(actor, data.appeal_id)
    require(
        rel.is_overseer and appeal.moderator_id == rel.actor.user_id,
        "Only the moderator assigned to hear this appeal can decide it.",
    )
    require_state(rel.review, APPEAL_HEARING, "decide an appeal")
    reasons = free_text(
        data.reasons,
        "reasons",
        confirmed=data.confirm_no_personal_data,
        limit=TEXT_MAX,
        missing="Give your reasons.",
    )
    area = await appeal.area
    moderated = await Judgement.get(
        review_id=appeal.review_id, area_id=appeal.area_id, kind=JudgementKind.MODERATED
    )
    changes = await _change(data, area.kind, area.framework_id, moderated)
    async with in_transaction():
        review = await lock_review(appeal.review_id, APPEAL_HEARING, "decide an appeal")
        updated = await Appeal.filter(
            id=appeal.id, decided_at__isnull=True, moderator_id=rel.actor.user_id
        ).update(
            outcome=data.outcome,
            outcome_reasons=reasons,
            grade_after_id=changes.get("grade_id", moderated.grade_id),
            decided_at=now(),
        )
        if not updated:
            raise IllegalTransition("This appeal has been decided or reassigned; reload it.")
        if changes:
            # A judgement changed meanwhile raises CONFLICT, rolling the decision back with it.
            await update_versioned(
                Judgement,
                moderated.id,
                moderated.version,
                "judgement",
                rationale=reasons,
                **changes,
            )
            await audit.record(
                "judgement.moderated.appeal",
                actor_id=rel.actor.user_id,
                object_type="judgement",
                object_id=moderated.id,
                review_id=review.id,
                detail={
                    "area": area.key,
                    "appeal_id": appeal.id,
                    "before": {"grade_id": moderated.grade_id, "met": moderated.met},
                    "after": changes,
                },
            )
        await audit.record(
            "appeal.decide",
            actor_id=rel.actor.user_id,
            object_type="appeal",
            object_id=appeal.id,
            review_id=review.id,
            detail={"outcome": data.outcome.value, "changed": bool(changes)},
        )
        await move(review, Transition.DECIDE_APPEAL, rel.actor.user_id)
    await announce(rel, "appeal.decide", appeal.id)
    await announce(rel, f"state.{review.state.value}")
    return await Appeal.get(id=appeal.id)


async def _change(
    data: AppealDecision, kind: AreaKind, framework_id: int, moderated: Judgement
) -> dict[str, Any]:
    """What the decision changes in the moderated judgement (nothing unless upheld)."""
    if data.grade_key is None and data.met is None:
        return {}
    if data.outcome is AppealOutcome.NOT_UPHELD:
        raise ValidationFailed("An appeal not upheld changes no grade.", field="gradeKey")
    if kind is AreaKind.GRADED and data.met is None:
        grade = await Grade.get_or_none(framework_id=framework_id, key=data.grade_key)
        if grade is None:
            raise ValidationFailed(f"{data.grade_key!r} is not a grade here.", field="gradeKey")
        return {} if grade.id == moderated.grade_id else {"grade_id": grade.id}
    if kind is AreaKind.MET_NOT_MET and data.grade_key is None:
        return {} if data.met == moderated.met else {"met": data.met}
    raise ValidationFailed("That change does not fit this area.", field="gradeKey")


async def queue(actor: Actor | None) -> list[Appeal]:
    """Appeals awaiting a hearing: a moderator's own and unassigned ones; all for admins."""
    actor = require_overseer(actor)
    query = Appeal.filter(decided_at__isnull=True)
    if not actor.is_admin:
        query = query.filter(Q(moderator_id=actor.user_id) | Q(moderator_id__isnull=True))
    return list(await query.order_by("lodged_at", "id"))


def may_read(rel: ReviewRelation) -> bool:
    """The host's staff, the team and overseers."""
    return rel.is_host_staff or rel.is_team or rel.is_overseer
