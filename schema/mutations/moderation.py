"""Mutations for moderation: assignment and decisions, duty consultations, the factual-accuracy
check and appeals. Each parses its input and calls one service; the service decides who may."""

from __future__ import annotations

from typing import Any

import strawberry

from peerqa import models
from peerqa.models.enums import ModerationOutcome as Outcome
from peerqa.schema.context import Info
from peerqa.schema.enums import AppealOutcome, ConsultationKind
from peerqa.schema.errors import UserError
from peerqa.schema.ids import decode
from peerqa.schema.mutations.common import attempt
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.moderation import (
    AppealType,
    DutyConsultationType,
    FactualAccuracyPointType,
    ModerationRoundType,
)
from peerqa.schema.types.review import ReviewType
from peerqa.schema.types.user import UserType
from peerqa.services import appeals, consultations, factual_accuracy, moderation

CONFIRM = (
    "Set true to save text that the personal-data check flagged, once you are sure it names no "
    "pupil."
)


# --- assignment and decisions ---


@strawberry.input(
    description="Assign a moderator to a selected review. Administrators name anyone; a "
    "moderator leaves moderatorId out (or names themselves) to take an unassigned review."
)
class AssignModeratorInput:
    review_id: strawberry.ID
    moderator_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global ID of the moderator's user."
    )


@strawberry.type
class ModerationRoundPayload:
    moderation_round: ModerationRoundType | None
    errors: list[UserError]


@strawberry.type
class ModerationDecisionPayload:
    review: ReviewType | None
    moderation_round: ModerationRoundType | None
    errors: list[UserError]


@strawberry.input(description="Confirm the consensus as it stands.")
class ConfirmModerationInput:
    review_id: strawberry.ID
    version: int = strawberry.field(description="The review's version.")
    note: str = strawberry.field(default="", description="A note to the team and host.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.input(description="One area's new moderated grade (graded) or met (met / not met).")
class AreaAdjustmentInput:
    area_key: str
    reason: str = strawberry.field(description="Required: why the grade changes.")
    grade_key: str | None = None
    met: bool | None = None


@strawberry.input(description="Adjust some areas, each with its reason; the rest stand.")
class AdjustModerationInput:
    review_id: strawberry.ID
    version: int
    adjustments: list[AreaAdjustmentInput]
    note: str = ""
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.input(description="Return the review to its team with points to address.")
class ReturnReviewInput:
    review_id: strawberry.ID
    version: int
    points: str = strawberry.field(description="Required; at most 5000 characters.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


async def _round_payload(moderation_row: Any) -> ModerationRoundType | None:
    if moderation_row is None:
        return None
    review = await models.Review.get(id=moderation_row.review_id)
    return ModerationRoundType.build(moderation_row, review)


async def _decision_payload(result: tuple[Any, list[UserError]]) -> ModerationDecisionPayload:
    found, errors = result
    if found is None:
        return ModerationDecisionPayload(review=None, moderation_round=None, errors=errors)
    review = await models.Review.get(id=found.review_id)
    return ModerationDecisionPayload(
        review=ReviewType.from_model(review),
        moderation_round=ModerationRoundType.build(found, review),
        errors=errors,
    )


# --- consultations ---


@strawberry.input(description="Ask the duty moderator for a second view of one area.")
class RequestConsultationInput:
    review_id: strawberry.ID
    area_key: str
    kind: ConsultationKind
    question: str = strawberry.field(description="At most 5000 characters; screened.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.input(description="The duty moderator's answer. It probes; it carries no grade.")
class RespondToConsultationInput:
    consultation_id: strawberry.ID
    response: str = strawberry.field(description="At most 5000 characters; screened.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.type
class ConsultationPayload:
    consultation: DutyConsultationType | None
    errors: list[UserError]


@strawberry.input(description="Put a moderator on duty for consultations, or take them off.")
class SetModeratorOnDutyInput:
    user_id: strawberry.ID
    on_duty: bool


@strawberry.type
class UserPayload:
    user: UserType | None
    errors: list[UserError]


# --- factual accuracy ---


@strawberry.input(description="Point out a factual error in the assured draft.")
class RaiseFactualAccuracyPointInput:
    review_id: strawberry.ID
    text: str = strawberry.field(description="At most 5000 characters; screened.")
    area_key: str | None = strawberry.field(default=None, description="The area, if one.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.input(description="Accept (and correct the report) or reject a point, with a reason.")
class AnswerFactualAccuracyPointInput:
    point_id: strawberry.ID
    accept: bool
    reason: str = strawberry.field(description="Required; at most 5000 characters.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.type
class FactualAccuracyPointPayload:
    point: FactualAccuracyPointType | None
    errors: list[UserError]


# --- appeals ---


@strawberry.input(description="Appeal one moderated judgement, with grounds.")
class LodgeAppealInput:
    review_id: strawberry.ID
    version: int
    area_key: str
    grounds: str = strawberry.field(description="Required; at most 5000 characters.")
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.input(
    description="Assign a moderator with no part in the review to hear an appeal. As "
    "assignModerator: administrators name anyone, a moderator takes it themselves."
)
class AssignAppealModeratorInput:
    appeal_id: strawberry.ID
    moderator_id: strawberry.ID | None = None


@strawberry.input(
    description="The hearing's outcome with reasons. An appeal upheld or partly upheld may "
    "change the moderated grade (gradeKey) or met (met)."
)
class DecideAppealInput:
    appeal_id: strawberry.ID
    outcome: AppealOutcome
    reasons: str
    grade_key: str | None = None
    met: bool | None = None
    confirm_no_personal_data: bool = strawberry.field(default=False, description=CONFIRM)


@strawberry.type
class AppealPayload:
    appeal: AppealType | None
    errors: list[UserError]


def _appeal(result: tuple[Any, list[UserError]]) -> AppealPayload:
    found, errors = result
    return AppealPayload(appeal=AppealType.from_model(found) if found else None, errors=errors)


def _point(result: tuple[Any, list[UserError]]) -> FactualAccuracyPointPayload:
    found, errors = result
    return FactualAccuracyPointPayload(
        point=FactualAccuracyPointType.from_model(found) if found else None, errors=errors
    )


def _consultation(result: tuple[Any, list[UserError]]) -> ConsultationPayload:
    found, errors = result
    return ConsultationPayload(
        consultation=DutyConsultationType.from_model(found) if found else None, errors=errors
    )


def _moderator_id(raw: strawberry.ID | None) -> int | None:
    return decode(raw, "User", "moderatorId") if raw is not None else None


@strawberry.type
class ModerationMutations:
    @strawberry.mutation(
        description="Assign a moderator to a review at moderation. Administrators; or a "
        "moderator taking an unassigned review. Refused with CONFLICT_OF_INTEREST errors, one "
        "per reason, for a moderator with a role at the host, its trust or a team school.",
        extensions=signed_in(),
    )
    async def assign_moderator(
        self, info: Info, input: AssignModeratorInput
    ) -> ModerationRoundPayload:
        async def run() -> Any:
            review_id = decode(input.review_id, "Review", "reviewId")
            return await moderation.assign(
                info.context.actor, review_id, _moderator_id(input.moderator_id)
            )

        found, errors = await attempt(run())
        return ModerationRoundPayload(moderation_round=await _round_payload(found), errors=errors)

    @strawberry.mutation(
        description="Confirm the consensus: it becomes the moderated grades and the review "
        "goes to the factual-accuracy check. The assigned moderator only.",
        extensions=signed_in(),
    )
    async def confirm_moderation(
        self, info: Info, input: ConfirmModerationInput
    ) -> ModerationDecisionPayload:
        async def run() -> Any:
            decision = moderation.Decision(
                review_id=decode(input.review_id, "Review", "reviewId"),
                version=input.version,
                outcome=Outcome.CONFIRM,
                note=input.note,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await moderation.decide(info.context.actor, info.context.settings, decision)

        return await _decision_payload(await attempt(run()))

    @strawberry.mutation(
        description="Adjust some areas (a new grade and a reason each); the rest of the "
        "consensus stands. The assigned moderator only.",
        extensions=signed_in(),
    )
    async def adjust_moderation(
        self, info: Info, input: AdjustModerationInput
    ) -> ModerationDecisionPayload:
        async def run() -> Any:
            adjustments = tuple(
                moderation.AreaAdjustment(
                    area_key=a.area_key[:64],
                    reason=a.reason,
                    grade_key=a.grade_key[:64] if a.grade_key is not None else None,
                    met=a.met,
                )
                for a in input.adjustments[: moderation.MAX_ADJUSTMENTS + 1]
            )
            decision = moderation.Decision(
                review_id=decode(input.review_id, "Review", "reviewId"),
                version=input.version,
                outcome=Outcome.ADJUST,
                note=input.note,
                adjustments=adjustments,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await moderation.decide(info.context.actor, info.context.settings, decision)

        return await _decision_payload(await attempt(run()))

    @strawberry.mutation(
        description="Return the review to its team with points to address; the lead revises "
        "and submits again (a new round). The assigned moderator only.",
        extensions=signed_in(),
    )
    async def return_review(
        self, info: Info, input: ReturnReviewInput
    ) -> ModerationDecisionPayload:
        async def run() -> Any:
            decision = moderation.Decision(
                review_id=decode(input.review_id, "Review", "reviewId"),
                version=input.version,
                outcome=Outcome.RETURN,
                note=input.points,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await moderation.decide(info.context.actor, info.context.settings, decision)

        return await _decision_payload(await attempt(run()))

    @strawberry.mutation(
        description="Put a moderator on duty for consultations, or off. Administrators.",
        extensions=signed_in(),
    )
    async def set_moderator_on_duty(
        self, info: Info, input: SetModeratorOnDutyInput
    ) -> UserPayload:
        async def run() -> Any:
            user_id = decode(input.user_id, "User", "userId")
            return await consultations.set_on_duty(info.context.actor, user_id, input.on_duty)

        found, errors = await attempt(run())
        return UserPayload(user=UserType.from_model(found) if found else None, errors=errors)

    @strawberry.mutation(
        description="Ask the duty moderator about an area the team thinks is not met or is "
        "exceptional. The lead reviewer, during the visit.",
        extensions=signed_in(),
    )
    async def request_consultation(
        self, info: Info, input: RequestConsultationInput
    ) -> ConsultationPayload:
        async def run() -> Any:
            data = consultations.ConsultationRequest(
                review_id=decode(input.review_id, "Review", "reviewId"),
                area_key=input.area_key[:64],
                kind=input.kind,
                question=input.question,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await consultations.request(info.context.actor, data)

        return _consultation(await attempt(run()))

    @strawberry.mutation(
        description="Answer a consultation. A moderator on duty with no conflict of interest.",
        extensions=signed_in(),
    )
    async def respond_to_consultation(
        self, info: Info, input: RespondToConsultationInput
    ) -> ConsultationPayload:
        async def run() -> Any:
            consultation_id = decode(input.consultation_id, "DutyConsultation", "consultationId")
            return await consultations.respond(
                info.context.actor,
                consultation_id,
                input.response,
                confirmed=input.confirm_no_personal_data,
            )

        return _consultation(await attempt(run()))

    @strawberry.mutation(
        description="Point out a factual error while the window is open. Host school leaders.",
        extensions=signed_in(),
    )
    async def raise_factual_accuracy_point(
        self, info: Info, input: RaiseFactualAccuracyPointInput
    ) -> FactualAccuracyPointPayload:
        async def run() -> Any:
            return await factual_accuracy.raise_point(
                info.context.actor,
                decode(input.review_id, "Review", "reviewId"),
                input.text,
                input.area_key[:64] if input.area_key else None,
                confirmed=input.confirm_no_personal_data,
            )

        return _point(await attempt(run()))

    @strawberry.mutation(
        description="Accept or reject a factual-accuracy point with a reason. Lead reviewer.",
        extensions=signed_in(),
    )
    async def answer_factual_accuracy_point(
        self, info: Info, input: AnswerFactualAccuracyPointInput
    ) -> FactualAccuracyPointPayload:
        async def run() -> Any:
            return await factual_accuracy.answer(
                info.context.actor,
                decode(input.point_id, "FactualAccuracyPoint", "pointId"),
                input.accept,
                input.reason,
                confirmed=input.confirm_no_personal_data,
            )

        return _point(await attempt(run()))

    @strawberry.mutation(
        description="Appeal a moderated judgement during the factual-accuracy check; the review "
        "stays unpublished until it is decided. Host headteacher.",
        extensions=signed_in(),
    )
    async def lodge_appeal(self, info: Info, input: LodgeAppealInput) -> AppealPayload:
        async def run() -> Any:
            data = appeals.AppealInput(
                review_id=decode(input.review_id, "Review", "reviewId"),
                version=input.version,
                area_key=input.area_key[:64],
                grounds=input.grounds,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await appeals.lodge(info.context.actor, data)

        return _appeal(await attempt(run()))

    @strawberry.mutation(
        description="Assign an appeal's moderator. Refused with CONFLICT_OF_INTEREST errors for "
        "the review's moderator, a duty moderator consulted on it, or a conflict of interest.",
        extensions=signed_in(),
    )
    async def assign_appeal_moderator(
        self, info: Info, input: AssignAppealModeratorInput
    ) -> AppealPayload:
        async def run() -> Any:
            appeal_id = decode(input.appeal_id, "Appeal", "appealId")
            return await appeals.assign(
                info.context.actor, appeal_id, _moderator_id(input.moderator_id)
            )

        return _appeal(await attempt(run()))

    @strawberry.mutation(
        description="Record an appeal's outcome; the review returns to the factual-accuracy "
        "check. The moderator assigned to hear it.",
        extensions=signed_in(),
    )
    async def decide_appeal(self, info: Info, input: DecideAppealInput) -> AppealPayload:
        async def run() -> Any:
            data = appeals.AppealDecision(
                appeal_id=decode(input.appeal_id, "Appeal", "appealId"),
                outcome=input.outcome,
                reasons=input.reasons,
                grade_key=input.grade_key[:64] if input.grade_key is not None else None,
                met=input.met,
                confirm_no_personal_data=input.confirm_no_personal_data,
            )
            return await appeals.decide(info.context.actor, data)

        return _appeal(await attempt(run()))
