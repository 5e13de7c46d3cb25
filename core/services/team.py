"""Forming the review team: invitations, answers, and conflict-of-interest checks."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, relation_to, require
from peerqa.clock import now
from peerqa.conflicts import find_conflicts, leader_schools
from peerqa.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from peerqa.lifecycle import TEAM_EDITABLE
from peerqa.models import TeamMember, User
from peerqa.models.enums import GlobalRole, InvitationStatus, TeamRole
from peerqa.services.auth import normalise_email
from peerqa.services.reviews import announce, lock_review, require_state

ACTIVE = (InvitationStatus.INVITED, InvitationStatus.ACCEPTED)


class ConflictOfInterest(Conflict):
    """The candidate may not join; ``reasons`` says why, each in plain English."""

    def __init__(self, reasons: list[str], field: str = "email") -> None:
        super().__init__("Conflict of interest: " + " ".join(reasons), field=field)
        self.reasons = reasons


async def invite(actor: Actor | None, review_id: int, email: str, role: TeamRole) -> TeamMember:
    """The host invites a serving school leader as lead reviewer or reviewer."""
    rel = await relation_to(actor, review_id)
    require(rel.is_host_leader, "Only the host school's leaders can invite the team.")
    require_state(rel.review, TEAM_EDITABLE, "change the team")
    user = await User.get_or_none(email=normalise_email(email), is_active=True)
    if user is None or user.global_role is not GlobalRole.SCHOOL_USER:
        raise NotFound("No school leader has that e-mail address.", field="email")
    schools = await leader_schools(user.id)
    if not schools:
        raise ValidationFailed(
            "Reviewers must be a headteacher or senior leader of a school.", field="email"
        )
    reasons = await find_conflicts(rel.review, user, role.value)
    if reasons:
        raise ConflictOfInterest(reasons)
    async with in_transaction():
        await lock_review(review_id, TEAM_EDITABLE, "change the team")
        if (
            role is TeamRole.LEAD
            and await TeamMember.filter(review_id=review_id, role=TeamRole.LEAD, status__in=ACTIVE)
            .exclude(user_id=user.id)
            .exists()
        ):
            raise Conflict("The review already has a lead reviewer.", field="role")
        member = await TeamMember.get_or_none(review_id=review_id, user_id=user.id)
        if member is not None and member.status in ACTIVE:
            raise Conflict("They are already on the team.", field="email")
        if member is None:
            member = await TeamMember.create(
                review_id=review_id, user_id=user.id, school_id=schools[0].urn, role=role
            )
        else:
            member.role, member.status, member.responded_at = role, InvitationStatus.INVITED, None
            member.invited_at = now()
            await member.save()
        await audit.record(
            "team.invite",
            actor_id=rel.actor.user_id,
            object_type="team_member",
            object_id=member.id,
            review_id=review_id,
            detail={"user_id": user.id, "role": role.value},
        )
    await announce(rel, "team.invite", member.id)
    return member


async def respond(actor: Actor | None, review_id: int, accept: bool) -> TeamMember:
    """The invited leader accepts or declines."""
    rel = await relation_to(actor, review_id)
    member = await TeamMember.get_or_none(review_id=review_id, user_id=rel.actor.user_id)
    if member is None or member.status is not InvitationStatus.INVITED:
        raise PermissionDenied("You have no open invitation to this review.")
    require_state(rel.review, TEAM_EDITABLE, "answer an invitation")
    status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    async with in_transaction():
        await lock_review(review_id, TEAM_EDITABLE, "answer an invitation")
        answered = await TeamMember.filter(id=member.id, status=InvitationStatus.INVITED).update(
            status=status, responded_at=now()
        )
        if not answered:
            raise PermissionDenied("You have no open invitation to this review.")
        await audit.record(
            "team.accept" if accept else "team.decline",
            actor_id=rel.actor.user_id,
            object_type="team_member",
            object_id=member.id,
            review_id=review_id,
        )
    await announce(rel, "team.respond", member.id)
    return await TeamMember.get(id=member.id)


async def withdraw(actor: Actor | None, review_id: int, user_id: int) -> TeamMember:
    """The host withdraws an invitation or removes a member before the team is confirmed."""
    rel = await relation_to(actor, review_id)
    require(rel.is_host_leader, "Only the host school's leaders can change the team.")
    require_state(rel.review, TEAM_EDITABLE, "change the team")
    member = await TeamMember.get_or_none(review_id=review_id, user_id=user_id, status__in=ACTIVE)
    if member is None:
        raise NotFound("That person is not on the team.", field="userId")
    async with in_transaction():
        await lock_review(review_id, TEAM_EDITABLE, "change the team")
        withdrawn = await TeamMember.filter(id=member.id, status__in=ACTIVE).update(
            status=InvitationStatus.WITHDRAWN
        )
        if not withdrawn:
            raise NotFound("That person is not on the team.", field="userId")
        await audit.record(
            "team.withdraw",
            actor_id=rel.actor.user_id,
            object_type="team_member",
            object_id=member.id,
            review_id=review_id,
        )
    await announce(rel, "team.withdraw", member.id)
    return await TeamMember.get(id=member.id)
