"""Conflicts of interest for review teams and moderators: the built-in rules, then plugins'.

Team members are refused, with a reason: from the host school; from the host's trust; who
reviewed the host school within the partnership's ``conflict_years``; or whose own school was
reviewed by the host school's staff in that time (unless the partnership allows reciprocal
reviews). Moderators (of a review or of an appeal, and duty moderators) are refused if they hold
any role at the host school, at a school in its trust, or at a school of the review's team.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from peerqa import pluginhost
from peerqa.clock import now
from peerqa.hookspecs import ConflictCheck
from peerqa.models import Partnership, Review, School, SchoolRole, TeamMember, Trust, User
from peerqa.models.enums import InvitationStatus, SchoolRoleKind

log = logging.getLogger("peerqa.conflicts")
LEADER_ROLES = (SchoolRoleKind.HEADTEACHER, SchoolRoleKind.SENIOR_LEADER)


async def leader_schools(user_id: int) -> list[School]:
    """Schools where the user is headteacher or a senior leader."""
    urns = await SchoolRole.filter(user_id=user_id, role__in=LEADER_ROLES).values_list(
        "school_id", flat=True
    )
    return await School.filter(urn__in=list(urns)).order_by("urn")


async def build_check(review: Review, user: User, role: str) -> ConflictCheck:
    host = await School.get(urn=review.host_school_id)
    schools = await leader_schools(user.id)
    return ConflictCheck(
        review_id=review.id,
        host_urn=host.urn,
        host_trust_id=host.trust_id,
        host_phase=host.phase.value,
        partnership_id=review.partnership_id,
        candidate_user_id=user.id,
        candidate_school_urns=tuple(s.urn for s in schools),
        candidate_trust_ids=tuple(sorted({s.trust_id for s in schools if s.trust_id})),
        role=role,
    )


async def find_conflicts(review: Review, user: User, role: str) -> list[str]:
    """Every reason this user may not join this review's team; empty when there is none."""
    check = await build_check(review, user, role)
    partnership = await Partnership.get(id=review.partnership_id)
    since = now() - timedelta(days=365 * partnership.conflict_years)
    reasons: list[str] = []
    if check.host_urn in check.candidate_school_urns:
        reasons.append("They work at the host school.")
    if check.host_trust_id is not None and check.host_trust_id in check.candidate_trust_ids:
        trust = await Trust.get(id=check.host_trust_id)
        reasons.append(f"Their school is in the host's trust, {trust.name}.")
    earlier = (
        await TeamMember.filter(
            user_id=user.id,
            status=InvitationStatus.ACCEPTED,
            review__host_school_id=check.host_urn,
            review__created_at__gte=since,
        )
        .exclude(review_id=review.id)
        .select_related("review")
    )
    for member in earlier:
        reasons.append(
            f"They reviewed this school in {member.review.created_at.year}, within "
            f"{partnership.conflict_years} years."
        )
    if not partnership.allow_reciprocal and check.candidate_school_urns:
        reverse = await TeamMember.filter(
            school_id=check.host_urn,
            status=InvitationStatus.ACCEPTED,
            review__host_school_id__in=list(check.candidate_school_urns),
            review__created_at__gte=since,
        ).select_related("review")
        for member in reverse:
            year = member.review.created_at.year
            reasons.append(
                f"The host school's staff reviewed their school in {year}; "
                "this partnership does not allow reciprocal reviews."
            )
    reasons.extend(_plugin_reasons(check))
    return list(dict.fromkeys(reasons))


async def moderator_conflicts(review: Review, user: User, role: str = "moderator") -> list[str]:
    """Every reason this user may not moderate this review; empty when there is none."""
    host = await School.get(urn=review.host_school_id)
    team = await TeamMember.filter(
        review_id=review.id, status=InvitationStatus.ACCEPTED, school_id__not_isnull=True
    ).values("school_id")
    team_urns = {int(row["school_id"]) for row in team}
    reasons: list[str] = []
    for held in await SchoolRole.filter(user_id=user.id).select_related("school"):
        school = held.school
        if school.urn == host.urn:
            reasons.append("They have a role at the host school.")
        elif host.trust_id is not None and school.trust_id == host.trust_id:
            trust = await Trust.get(id=host.trust_id)
            reasons.append(f"They have a role at a school in the host's trust, {trust.name}.")
        if school.urn in team_urns:
            reasons.append(f"They have a role at {school.name}, whose staff are on the team.")
    reasons.extend(_plugin_reasons(await build_check(review, user, role)))
    return list(dict.fromkeys(reasons))


def _plugin_reasons(check: ConflictCheck) -> list[str]:
    reasons: list[str] = []
    hook = pluginhost.manager().hook.peerqa_conflicts
    for impl in hook.get_hookimpls():
        try:
            result = impl.function(check=check)
        except Exception:  # a broken plugin must not stop team forming
            log.exception("conflict plugin %s failed", impl.plugin_name)
            continue
        if isinstance(result, list):
            reasons.extend(str(r) for r in result if r)
        else:
            log.error("conflict plugin %s returned %r, not a list", impl.plugin_name, result)
    return reasons


def phase_warning_for(host: School, member_schools: list[School]) -> str | None:
    """The phase warning, from the host and the schools the team members lead."""
    if member_schools and all(s.phase is not host.phase for s in member_schools):
        return f"No one on the team leads a {host.phase.value.replace('_', ' ')} school."
    return None
