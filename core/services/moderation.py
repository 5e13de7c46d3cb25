"""Moderating a selected review: assigning a moderator, and their decision.

Assignment follows the same conflict rules as teams (``conflicts.moderator_conflicts``): an
administrator assigns any moderator, or a moderator takes an unassigned review for themselves.
Only the assigned moderator decides: confirm (the consensus becomes the moderated grades),
adjust (the same, with the adjusted areas' new grades and a reason each), or return to the
team with points to address (back to the lead, who revises and submits a new round).
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
    require_overseer,
)
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.conflicts import moderator_conflicts
from peerqa.errors import IllegalTransition, NotFound, PermissionDenied, ValidationFailed
from peerqa.lifecycle import CONSENSUS_VISIBLE_TO_HOST, MODERATION_OPEN, Transition
from peerqa.models import Area, Grade, Judgement, Moderation, Review, User
from peerqa.models.enums import (
    AreaKind,
    GlobalRole,
    JudgementKind,
    ModerationOutcome,
    ReviewState,
)
from peerqa.screening import free_text
from peerqa.services.reviews import (
    announce,
    applicable_areas,
    lock_review,
    move,
    require_state,
)
from peerqa.services.sampling import assure
from peerqa.services.team import ConflictOfInterest

TEXT_MAX = 5000
MAX_ADJUSTMENTS = 20


async def current_round(review_id: int) -> Moderation:
    found = await Moderation.filter(review_id=review_id).order_by("-round").first()
    if found is None:
        raise IllegalTransition("This review has not been sampled for moderation.")
    return found


async def moderator_user(user_id: int, field: str) -> User:
    """An active moderator, or NOT_FOUND naming the input field."""
    user = await User.get_or_none(id=user_id, is_active=True, global_role=GlobalRole.MODERATOR)
    if user is None:
        raise NotFound("No active moderator has that ID.", field=field)
    return user


def chosen_moderator(actor: Actor, current: int | None, wanted: int | None) -> int:
    """Who is to be assigned: an admin names anyone; a moderator takes an unassigned item."""
    if actor.is_admin:
        if wanted is None:
            raise ValidationFailed("Name the moderator to assign.", field="moderatorId")
        return wanted
    require(actor.is_moderator, "Only an administrator or a moderator can assign a moderator.")
    if wanted not in (None, actor.user_id):
        raise PermissionDenied("A moderator can assign only themselves; ask an administrator.")
    if current not in (None, actor.user_id):
        raise PermissionDenied("Another moderator has this; only an administrator can reassign.")
    return actor.user_id


async def assign(actor: Actor | None, review_id: int, moderator_id: int | None) -> Moderation:
    """Assign the current round to a moderator with no conflict of interest."""
    rel = await relation_to(actor, review_id)
    require(rel.is_overseer, "Only an administrator or a moderator can assign a moderator.")
    require_state(rel.review, MODERATION_OPEN, "assign a moderator")
    moderation = await current_round(review_id)
    user_id = chosen_moderator(rel.actor, moderation.moderator_id, moderator_id)
    user = await moderator_user(user_id, "moderatorId")
    reasons = await moderator_conflicts(rel.review, user)
    if reasons:
        raise ConflictOfInterest(reasons, field="moderatorId")
    async with in_transaction():
        await lock_review(review_id, MODERATION_OPEN, "assign a moderator")
        updated = await Moderation.filter(id=moderation.id, outcome__isnull=True).update(
            moderator_id=user.id, assigned_at=now()
        )
        if not updated:
            raise IllegalTransition("This round has already been decided.")
        await audit.record(
            "moderation.assign",
            actor_id=rel.actor.user_id,
            object_type="moderation",
            object_id=moderation.id,
            review_id=review_id,
            detail={"moderator_id": user.id, "before": moderation.moderator_id},
        )
    await announce(rel, "moderation.assign", moderation.id)
    return await Moderation.get(id=moderation.id)


@dataclass(frozen=True)
class AreaAdjustment:
    area_key: str
    reason: str
    grade_key: str | None = None
    met: bool | None = None


@dataclass(frozen=True)
class Decision:
    review_id: int
    version: int
    outcome: ModerationOutcome
    note: str = ""
    """Points to address (required to return), or a note to the team and host."""
    adjustments: tuple[AreaAdjustment, ...] = ()
    confirm_no_personal_data: bool = False


async def decide(actor: Actor | None, settings: Settings, decision: Decision) -> Moderation:
    """The assigned moderator's outcome for the current round."""
    rel = await relation_to(actor, decision.review_id)
    require(rel.is_overseer, "Only the moderator assigned to this review can decide it.")
    moderation = await current_round(decision.review_id)
    require(
        moderation.moderator_id == rel.actor.user_id,
        "Only the moderator assigned to this review can decide it.",
    )
    require_state(rel.review, MODERATION_OPEN, "decide the moderation")
    returning = decision.outcome is ModerationOutcome.RETURN
    note = free_text(
        decision.note,
        "points" if returning else "note",
        confirmed=decision.confirm_no_personal_data,
        limit=TEXT_MAX,
    )
    if returning and not note:
        raise ValidationFailed("Say what the team must address.", field="points")
    areas = {a.key: a for a in await applicable_areas(rel.review)}
    changes = await _adjustments(rel.review, areas, decision)
    async with in_transaction():
        review = await lock_review(decision.review_id, MODERATION_OPEN, "decide the moderation")
        # Still undecided and still this moderator's (an admin may have reassigned it meanwhile).
        updated = await Moderation.filter(
            id=moderation.id, outcome__isnull=True, moderator_id=rel.actor.user_id
        ).update(
            outcome=decision.outcome,
            outcome_reasons=note,
            adjustments=[c["record"] for c in changes],
            decided_at=now(),
        )
        if not updated:
            raise IllegalTransition("This round has been decided or reassigned; reload it.")
        if decision.outcome is ModerationOutcome.RETURN:
            await move(review, Transition.RETURN, rel.actor.user_id, version=decision.version)
        else:
            await _moderated_grades(review, rel.actor.user_id, changes)
            await assure(review, rel.actor.user_id, settings, version=decision.version)
        await audit.record(
            f"moderation.{decision.outcome.value}",
            actor_id=rel.actor.user_id,
            object_type="moderation",
            object_id=moderation.id,
            review_id=review.id,
            detail={
                "round": moderation.round,
                "adjusted": [c["record"]["area"] for c in changes],
                "note_chars": len(note),
            },
        )
    await announce(rel, "moderation.decided", moderation.id)
    await announce(rel, f"state.{review.state.value}")
    return await Moderation.get(id=moderation.id)


async def _adjustments(
    review: Review, areas: dict[str, Area], decision: Decision
) -> list[dict[str, Any]]:
    """Validate each adjusted area against the consensus; what to write and what to record."""
    wanted = decision.adjustments
    if decision.outcome is not ModerationOutcome.ADJUST:
        if wanted:
            raise ValidationFailed("Only an adjustment changes grades.", field="adjustments")
        return []
    if not wanted:
        raise ValidationFailed("Adjust at least one area, or confirm.", field="adjustments")
    if len(wanted) > MAX_ADJUSTMENTS or len({a.area_key for a in wanted}) != len(wanted):
        raise ValidationFailed("Adjust each area at most once.", field="adjustments")
    grades = {g.key: g for g in await Grade.filter(framework_id=review.framework_id)}
    consensus = {
        j.area_id: j
        for j in await Judgement.filter(review_id=review.id, kind=JudgementKind.CONSENSUS)
    }
    changes = []
    for item in wanted:
        area = areas.get(item.area_key)
        if area is None:
            raise ValidationFailed(f"This review has no area {item.area_key!r}.", field="areaKey")
        reason = free_text(
            item.reason, "reason", confirmed=decision.confirm_no_personal_data, limit=TEXT_MAX
        )
        if not reason:
            raise ValidationFailed(f"Give the reason for adjusting {area.name}.", field="reason")
        agreed = consensus.get(area.id)
        if agreed is None:
            raise IllegalTransition(f"{area.name} has no consensus to adjust.")
        values, before, after = _changed(area, item, agreed, grades)
        record = {"area": area.key, "from": before, "to": after, "reason": reason}
        changes.append({"area_id": area.id, "values": values, "record": record})
    return changes


def _changed(
    area: Area, item: AreaAdjustment, agreed: Judgement, grades: dict[str, Grade]
) -> tuple[dict[str, Any], str | None, str | None]:
    """The new value for one area, and the before and after as shown to people."""
    if area.kind is AreaKind.GRADED:
        grade = grades.get(item.grade_key or "")
        if grade is None or item.met is not None:
            raise ValidationFailed(f"Choose a grade for {area.name}.", field="gradeKey")
        if grade.id == agreed.grade_id:
            raise ValidationFailed(f"{area.name} already has that grade.", field="gradeKey")
        before = next((g.key for g in grades.values() if g.id == agreed.grade_id), None)
        return {"grade_id": grade.id}, before, grade.key
    if area.kind is AreaKind.MET_NOT_MET:
        if item.met is None or item.grade_key is not None:
            raise ValidationFailed(f"Say whether {area.name} is met.", field="met")
        if item.met == agreed.met:
            raise ValidationFailed(f"{area.name} is already judged so.", field="met")
        return {"met": item.met}, _met(agreed.met), _met(item.met)
    raise ValidationFailed(
        f"{area.name} is answered in narrative; return the review to change it.",
        field="areaKey",
    )


def _met(value: bool | None) -> str | None:
    return None if value is None else ("met" if value else "not_met")


async def _moderated_grades(
    review: Review, moderator_id: int, changes: list[dict[str, Any]]
) -> None:
    """The moderated judgement of every area: the consensus, with adjusted areas changed and
    their reason as the rationale."""
    adjusted = {c["area_id"]: c for c in changes}
    await Judgement.filter(review_id=review.id, kind=JudgementKind.MODERATED).delete()
    rows = []
    at = now()
    for agreed in await Judgement.filter(review_id=review.id, kind=JudgementKind.CONSENSUS):
        row = Judgement(
            review_id=review.id,
            area_id=agreed.area_id,
            kind=JudgementKind.MODERATED,
            author_id=moderator_id,
            grade_id=agreed.grade_id,
            met=agreed.met,
            checklist=agreed.checklist,
            excellence=agreed.excellence,
            narrative=agreed.narrative,
            rationale=agreed.rationale,
            submitted_at=at,
        )
        change = adjusted.get(agreed.area_id)
        if change is not None:
            for key, value in change["values"].items():
                setattr(row, key, value)
            row.rationale = change["record"]["reason"]
        rows.append(row)
    await Judgement.bulk_create(rows)


async def queue(actor: Actor | None) -> list[Moderation]:
    """Selected reviews awaiting a decision: a moderator's own and the unassigned pool; all of
    them for an administrator. Oldest first."""
    actor = require_overseer(actor)
    query = Moderation.filter(
        required=True, outcome__isnull=True, review__state=ReviewState.MODERATION
    )
    if not actor.is_admin:
        query = query.filter(Q(moderator_id=actor.user_id) | Q(moderator_id__isnull=True))
    return list(await query.order_by("created_at", "id"))


def may_read_round(rel: ReviewRelation, moderation: Moderation) -> bool:
    """The outcome of a round: overseers always; the team once decided; host staff once the
    review is assured."""
    if rel.is_overseer:
        return True
    return moderation.decided_at is not None and may_read_outcomes(rel)


def may_read_outcomes(rel: ReviewRelation) -> bool:
    """Decided rounds' outcomes: overseers, the team, and host staff once the review is assured."""
    if rel.is_overseer or rel.is_team:
        return True
    return rel.is_host_staff and rel.review.state in CONSENSUS_VISIBLE_TO_HOST


def may_read_sampling(rel: ReviewRelation) -> bool:
    """Why a review was (or was not) selected, and the draw, are for moderators and admins."""
    return rel.is_overseer
