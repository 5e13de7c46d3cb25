"""Mutations that create a review, set it up, and move it through the lifecycle."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from peerqa.lifecycle import Transition
from peerqa.models.enums import TeamRole
from peerqa.schema.context import Info
from peerqa.schema.errors import UserError
from peerqa.schema.ids import decode
from peerqa.schema.mutations.common import attempt
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.review import ReviewType, TeamMemberType
from peerqa.services import reviews, sampling, team


@strawberry.input(description="Open a review of your school within one of its partnerships.")
class CreateReviewInput:
    host_urn: int = strawberry.field(description="Your school's URN.")
    partnership_id: strawberry.ID = strawberry.field(description="Global ID of the partnership.")
    framework_key: str = strawberry.field(description="'national', 'estimates' or 'enquiry'.")
    title: str = strawberry.field(description="1 to 200 characters.")
    focus: str = strawberry.field(default="", description="Focus areas; at most 5000 characters.")
    enquiry_question: str = strawberry.field(default="", description="At most 5000 characters.")


@strawberry.type
class ReviewPayload:
    review: ReviewType | None
    errors: list[UserError]


def _payload(review: Any, errors: list[UserError]) -> ReviewPayload:
    return ReviewPayload(review=ReviewType.from_model(review) if review else None, errors=errors)


@strawberry.input
class SetVisitDetailsInput:
    review_id: strawberry.ID
    version: int
    visit_starts_on: date | None = None
    visit_ends_on: date | None = None
    dsl_name: str = strawberry.field(default="", description="The host's DSL; at most 120.")
    deputy_dsl_name: str = strawberry.field(default="", description="At most 120 characters.")


@strawberry.input(description="Which review, at which version (stale versions are refused).")
class ReviewTransitionInput:
    review_id: strawberry.ID
    version: int


@strawberry.input
class InviteTeamMemberInput:
    review_id: strawberry.ID
    email: str = strawberry.field(description="The e-mail address the reviewer signs in with.")
    role: TeamRole


@strawberry.type
class TeamMemberPayload:
    team_member: TeamMemberType | None
    errors: list[UserError]


@strawberry.input
class RespondToInvitationInput:
    review_id: strawberry.ID
    accept: bool


@strawberry.input
class WithdrawTeamMemberInput:
    review_id: strawberry.ID
    user_id: strawberry.ID = strawberry.field(description="Global ID of the member's user.")


def _transition(step: Transition, description: str) -> Any:
    """One mutation per lifecycle step, all checked by ``peerqa.lifecycle``."""

    async def resolve(info: Info, input: ReviewTransitionInput) -> ReviewPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            actor, version = info.context.actor, input.version
            if step is Transition.SUBMIT:
                return await sampling.submit(actor, info.context.settings, review_id, version)
            return await reviews.transition(actor, review_id, step, version)

        return _payload(*await attempt(run()))

    return strawberry.mutation(resolver=resolve, description=description, extensions=signed_in())


def _member_payload(result: tuple[Any, list[UserError]]) -> TeamMemberPayload:
    member, errors = result
    return TeamMemberPayload(
        team_member=TeamMemberType.from_model(member) if member else None, errors=errors
    )


@strawberry.type
class ReviewMutations:
    open_self_evaluation = _transition(
        Transition.OPEN_SELF_EVALUATION, "Draft to self-evaluation. Host school leaders."
    )
    confirm_team = _transition(
        Transition.CONFIRM_TEAM,
        "Self-evaluation to team formed. Host school leaders; needs an accepted lead reviewer "
        "and a complete self-evaluation.",
    )
    start_visit = _transition(
        Transition.START_VISIT,
        "Team formed to visit. Lead reviewer; needs the visit dates and the host's DSL and deputy.",
    )
    start_consensus = _transition(
        Transition.START_CONSENSUS,
        "Visit to consensus. Lead reviewer; every member must have submitted independent "
        "judgements.",
    )
    submit_review = _transition(
        Transition.SUBMIT,
        "Consensus (or returned) to submitted. Lead reviewer; every area needs a consensus and "
        "the report a summary. The review is then scored and sampled: it comes back at "
        "moderation when selected, otherwise assured and at the factual-accuracy check.",
    )
    publish_review = _transition(
        Transition.PUBLISH,
        "Factual-accuracy check to published. Host headteacher; every concern must be resolved, "
        "no appeal may be open, and every factual-accuracy point answered (or the window "
        "closed).",
    )
    start_follow_up = _transition(
        Transition.START_FOLLOW_UP, "Published to follow-up. Host headteacher."
    )
    withdraw_review = _transition(
        Transition.WITHDRAW, "Withdraw a review before it is submitted. Host headteacher."
    )

    @strawberry.mutation(
        description="Open a review of your school. Host school headteacher or senior leader.",
        extensions=signed_in(),
    )
    async def create_review(self, info: Info, input: CreateReviewInput) -> ReviewPayload:
        async def run() -> Any:
            new = reviews.NewReview(
                host_urn=input.host_urn,
                partnership_id=decode(input.partnership_id, "Partnership", "partnershipId"),
                framework_key=input.framework_key[:64],
                title=input.title,
                focus=input.focus,
                enquiry_question=input.enquiry_question,
            )
            return await reviews.create_review(info.context.actor, new)

        return _payload(*await attempt(run()))

    @strawberry.mutation(
        description="Set the visit dates and the host's DSL and deputy. Host school leaders, "
        "before the visit.",
        extensions=signed_in(),
    )
    async def set_visit_details(self, info: Info, input: SetVisitDetailsInput) -> ReviewPayload:
        async def run() -> Any:
            details = reviews.VisitDetails(
                review_id=decode(input.review_id, "Review", "reviewId"),
                version=input.version,
                visit_starts_on=input.visit_starts_on,
                visit_ends_on=input.visit_ends_on,
                dsl_name=input.dsl_name,
                deputy_dsl_name=input.deputy_dsl_name,
            )
            return await reviews.set_visit_details(info.context.actor, details)

        return _payload(*await attempt(run()))

    @strawberry.mutation(
        description="Invite a serving school leader to the team. Host school leaders. Refused "
        "with CONFLICT_OF_INTEREST errors, one per reason, when a conflict rule applies.",
        extensions=signed_in(),
    )
    async def invite_team_member(
        self, info: Info, input: InviteTeamMemberInput
    ) -> TeamMemberPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await team.invite(info.context.actor, review_id, input.email[:254], input.role)

        return _member_payload(await attempt(run()))

    @strawberry.mutation(description="Accept or decline your invitation.", extensions=signed_in())
    async def respond_to_invitation(
        self, info: Info, input: RespondToInvitationInput
    ) -> TeamMemberPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await team.respond(info.context.actor, review_id, input.accept)

        return _member_payload(await attempt(run()))

    @strawberry.mutation(
        description="Withdraw an invitation or remove a member. Host school leaders.",
        extensions=signed_in(),
    )
    async def withdraw_team_member(
        self, info: Info, input: WithdrawTeamMemberInput
    ) -> TeamMemberPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            user_id = decode(input.user_id, "User", "userId")
            return await team.withdraw(info.context.actor, review_id, user_id)

        return _member_payload(await attempt(run()))
