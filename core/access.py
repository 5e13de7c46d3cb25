"""Who may see and do what: the one place every read and write is decided.

Decisions use the actor's global role (admin, moderator, school user) and their relation to
the object (staff or governor of a school; host or team member of a review). Visible sets are
returned as scoped querysets so lists filter inside the query, before pagination, and nothing
leaks through counts. Every function takes an :class:`Actor`; anonymous callers never get
one (``require_actor`` refuses them), so they can do nothing but sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from peerqa.errors import NotAuthenticated, NotFound, PermissionDenied
from peerqa.models import Framework, Partnership, Review, School, TeamMember, User
from peerqa.models.enums import (
    GlobalRole,
    InvitationStatus,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)

M = TypeVar("M", bound=Model)

STAFF_ROLES = frozenset(
    {SchoolRoleKind.HEADTEACHER, SchoolRoleKind.SENIOR_LEADER, SchoolRoleKind.DSL}
)
PUBLISHED_STATES = frozenset({ReviewState.PUBLISHED, ReviewState.FOLLOW_UP})


@dataclass(frozen=True)
class Actor:
    """The signed-in user making a request, with the relations access rules need."""

    user_id: int
    email: str
    global_role: GlobalRole
    school_roles: frozenset[tuple[int, SchoolRoleKind]] = frozenset()
    session_id: int | None = None
    token_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.global_role is GlobalRole.ADMIN

    @property
    def is_moderator(self) -> bool:
        return self.global_role is GlobalRole.MODERATOR

    def schools_as(self, roles: frozenset[SchoolRoleKind]) -> set[int]:
        return {urn for urn, role in self.school_roles if role in roles}

    @property
    def staff_schools(self) -> set[int]:
        return self.schools_as(STAFF_ROLES)

    @property
    def governed_schools(self) -> set[int]:
        return self.schools_as(frozenset({SchoolRoleKind.GOVERNOR}))

    @property
    def all_schools(self) -> set[int]:
        return {urn for urn, _ in self.school_roles}


def require_actor(actor: Actor | None) -> Actor:
    if actor is None:
        raise NotAuthenticated("Sign in to see this.")
    return actor


def require_admin(actor: Actor | None) -> Actor:
    actor = require_actor(actor)
    if not actor.is_admin:
        raise PermissionDenied("Only an administrator can do this.")
    return actor


def require_overseer(actor: Actor | None) -> Actor:
    """Moderators and admins: independent of every school (reliability and bias statistics)."""
    actor = require_actor(actor)
    if not (actor.is_admin or actor.is_moderator):
        raise PermissionDenied("Only a moderator or an administrator can see this.")
    return actor


# --- schools and frameworks: the national register and the rubrics are open to every user ---


def visible_schools(actor: Actor | None) -> QuerySet[School]:
    require_actor(actor)
    return School.all()


def visible_frameworks(actor: Actor | None) -> QuerySet[Framework]:
    require_actor(actor)
    return Framework.all()


# --- partnerships: admins and moderators see all; school users those their schools belong to ---


def visible_partnerships(actor: Actor | None) -> QuerySet[Partnership]:
    actor = require_actor(actor)
    if actor.is_admin or actor.is_moderator:
        return Partnership.all()
    return Partnership.filter(members__school_id__in=list(actor.all_schools)).distinct()


def can_manage_partnerships(actor: Actor) -> bool:
    return actor.is_admin


# --- users: admins see everyone; others see themselves ---


def visible_users(actor: Actor | None) -> QuerySet[User]:
    actor = require_actor(actor)
    if actor.is_admin:
        return User.all()
    return User.filter(id=actor.user_id)


# --- reviews ---


def visible_reviews(actor: Actor | None) -> QuerySet[Review]:
    """Who sees a review at all (what they see inside it is decided per field, below).

    Admins and moderators: all. Host staff and the invited or accepted team: theirs. Once
    published, the host's governors when the partnership shares reports with governors, and
    everyone when it publishes them.
    """
    actor = require_actor(actor)
    if actor.is_admin or actor.is_moderator:
        return Review.all()
    published = list(PUBLISHED_STATES)
    relation = (
        Q(host_school_id__in=list(actor.staff_schools))
        | Q(
            team__user_id=actor.user_id,
            team__status__in=[InvitationStatus.INVITED, InvitationStatus.ACCEPTED],
        )
        | Q(state__in=published, partnership__report_visibility=ReportVisibility.PUBLIC)
    )
    if actor.governed_schools:
        relation |= Q(
            host_school_id__in=list(actor.governed_schools),
            state__in=published,
            partnership__report_visibility__in=[
                ReportVisibility.GOVERNORS,
                ReportVisibility.PUBLIC,
            ],
        )
    return Review.filter(relation).distinct()


@dataclass(frozen=True)
class ReviewRelation:
    """How one actor stands to one review: the input to every rule inside a review."""

    actor: Actor
    review: Review
    team_role: TeamRole | None
    """Role on the team if the actor has accepted; None otherwise."""
    invited: bool

    @property
    def is_host_staff(self) -> bool:
        return self.review.host_school_id in self.actor.staff_schools

    @property
    def is_host_head(self) -> bool:
        heads = self.actor.schools_as(frozenset({SchoolRoleKind.HEADTEACHER}))
        return self.review.host_school_id in heads

    @property
    def is_host_leader(self) -> bool:
        """Headteacher or senior leader of the host school: who runs the review for the host."""
        leaders = self.actor.schools_as(
            frozenset({SchoolRoleKind.HEADTEACHER, SchoolRoleKind.SENIOR_LEADER})
        )
        return self.review.host_school_id in leaders

    @property
    def is_host_dsl(self) -> bool:
        return self.review.host_school_id in self.actor.schools_as(frozenset({SchoolRoleKind.DSL}))

    @property
    def is_host_governor(self) -> bool:
        return self.review.host_school_id in self.actor.governed_schools

    @property
    def is_lead(self) -> bool:
        return self.team_role is TeamRole.LEAD

    @property
    def is_team(self) -> bool:
        return self.team_role is not None

    @property
    def is_overseer(self) -> bool:
        """Moderators and admins: independent of every school."""
        return self.actor.is_admin or self.actor.is_moderator


async def relation_to(actor: Actor | None, review_id: int) -> ReviewRelation:
    """The actor's relation to a review they may see; NOT_FOUND if they may not see it."""
    actor = require_actor(actor)
    review = await get_visible(visible_reviews(actor), id=review_id)
    member = await TeamMember.get_or_none(review_id=review.id, user_id=actor.user_id)
    return relation_from(actor, review, member)


def relation_from(actor: Actor, review: Review, member: TeamMember | None) -> ReviewRelation:
    """The relation, given the actor's team membership row for the review (if any)."""
    accepted = member is not None and member.status is InvitationStatus.ACCEPTED
    return ReviewRelation(
        actor=actor,
        review=review,
        team_role=member.role if member is not None and accepted else None,
        invited=member is not None and member.status is InvitationStatus.INVITED,
    )


def require(condition: bool, message: str) -> None:
    """Raise FORBIDDEN with a message saying who may do this, unless ``condition`` holds."""
    if not condition:
        raise PermissionDenied(message)


async def get_visible(queryset: QuerySet[M], **lookup: object) -> M:
    """Fetch one object from a visible set; absent and forbidden look the same (NOT_FOUND)."""
    obj = await queryset.get_or_none(**lookup)
    if obj is None:
        raise NotFound("Nothing was found with that identifier.")
    return obj
