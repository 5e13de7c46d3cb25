"""GraphQL types for moderation, duty consultations, factual-accuracy points and appeals.

Each is built with the review it belongs to, so fields that only some readers may see (why a
review was sampled, the draw) ask the caller's relation to that review.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from peerqa import models
from peerqa.schema.context import Info
from peerqa.schema.enums import AppealOutcome, ConsultationKind, ModerationOutcome
from peerqa.schema.ids import encode
from peerqa.schema.relations import relation_for
from peerqa.schema.types.framework import AreaType, GradeType
from peerqa.schema.types.people import PersonType, person
from peerqa.services import moderation


async def _area(info: Info, area_id: int | None) -> AreaType | None:
    if area_id is None:
        return None
    area = await info.context.loaders.area_by_id.load(area_id)
    return AreaType.from_model(area) if area else None


async def _grade(info: Info, grade_id: int | None) -> GradeType | None:
    if grade_id is None:
        return None
    grade = await info.context.loaders.grade_by_id.load(grade_id)
    return GradeType.from_model(grade) if grade else None


@strawberry.type(description="Why a review was, or was not, selected for moderation.")
class SamplingReason:
    code: str = strawberry.field(
        description="open_concern, recent_concern, self_evaluation_gap, self_evaluation_spread, "
        "indicator_gap, new_lead, new_team, lead_minimum, plugin_risk, random or not_selected."
    )
    detail: str


@strawberry.type(description="One area the moderator adjusted, with the reason.")
class AreaAdjustment:
    area_key: str
    before: str | None = strawberry.field(
        description="The consensus: a grade key, or 'met' / 'not_met'."
    )
    after: str | None = strawberry.field(description="The moderated grade, as `before`.")
    reason: str


@strawberry.type(
    name="ModerationRound",
    description="One submission's sampling decision and, if moderated, its outcome. Moderators "
    "and admins see everything; the team sees the outcome once decided; the host's staff once "
    "the review is assured.",
)
class ModerationRoundType:
    round: int
    required: bool = strawberry.field(description="Selected for moderation.")
    assigned_at: datetime | None
    outcome: ModerationOutcome | None
    outcome_reasons: str = strawberry.field(
        description="Points to address (returned), or the moderator's note."
    )
    decided_at: datetime | None
    created_at: datetime
    model: strawberry.Private[models.Moderation]
    review: strawberry.Private[models.Review]

    @strawberry.field(description="Global ID, for assignModerator's result.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode("ModerationRound", self.model.id))

    @strawberry.field(description="Why it was selected or not (moderators and admins only).")
    async def reasons(self, info: Info) -> list[SamplingReason]:
        if not moderation.may_read_sampling(await relation_for(info, self.review)):
            return []
        return [SamplingReason(code=r["code"], detail=r["detail"]) for r in self.model.reasons]

    @strawberry.field(description="The seeded random draw (moderators and admins only).")
    async def draw(self, info: Info) -> float | None:
        if not moderation.may_read_sampling(await relation_for(info, self.review)):
            return None
        return self.model.draw

    @strawberry.field(description="The moderator assigned.")
    async def moderator(self, info: Info) -> PersonType | None:
        return await person(info, self.model.moderator_id)

    @strawberry.field(description="Adjusted areas, with the reason for each.")
    def adjustments(self) -> list[AreaAdjustment]:
        return [
            AreaAdjustment(
                area_key=a["area"], before=a.get("from"), after=a.get("to"), reason=a["reason"]
            )
            for a in self.model.adjustments
        ]

    @classmethod
    def build(cls, m: models.Moderation, review: models.Review) -> ModerationRoundType:
        return cls(
            round=m.round,
            required=m.required,
            assigned_at=m.assigned_at,
            outcome=m.outcome,
            outcome_reasons=m.outcome_reasons,
            decided_at=m.decided_at,
            created_at=m.created_at,
            model=m,
            review=review,
        )


@strawberry.type(
    name="DutyConsultation",
    description="The lead's question to the duty moderator about one area, and the answer. The "
    "duty moderator probes; they do not decide, so there is no grade. Team and overseers.",
)
class DutyConsultationType:
    kind: ConsultationKind
    question: str
    requested_at: datetime
    response: str
    responded_at: datetime | None
    model: strawberry.Private[models.DutyConsultation]

    @strawberry.field(description="Global ID, for respondToConsultation.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode("DutyConsultation", self.model.id))

    @strawberry.field
    async def area(self, info: Info) -> AreaType | None:
        return await _area(info, self.model.area_id)

    @strawberry.field
    async def requested_by(self, info: Info) -> PersonType | None:
        return await person(info, self.model.requested_by_id)

    @strawberry.field(description="The duty moderator who answered.")
    async def responder(self, info: Info) -> PersonType | None:
        return await person(info, self.model.responder_id)

    @classmethod
    def from_model(cls, c: models.DutyConsultation) -> DutyConsultationType:
        return cls(
            kind=c.kind,
            question=c.question,
            requested_at=c.requested_at,
            response=c.response,
            responded_at=c.responded_at,
            model=c,
        )


@strawberry.type(
    name="FactualAccuracyPoint",
    description="A factual error the host pointed out, and the lead's answer with its reason.",
)
class FactualAccuracyPointType:
    text: str
    raised_at: datetime
    accepted: bool | None = strawberry.field(description="Null until the lead answers.")
    answer_reason: str
    answered_at: datetime | None
    model: strawberry.Private[models.FactualAccuracyPoint]

    @strawberry.field(description="Global ID, for answerFactualAccuracyPoint.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode("FactualAccuracyPoint", self.model.id))

    @strawberry.field(description="The area it concerns, if one.")
    async def area(self, info: Info) -> AreaType | None:
        return await _area(info, self.model.area_id)

    @strawberry.field
    async def raised_by(self, info: Info) -> PersonType | None:
        return await person(info, self.model.raised_by_id)

    @strawberry.field
    async def answered_by(self, info: Info) -> PersonType | None:
        return await person(info, self.model.answered_by_id)

    @classmethod
    def from_model(cls, p: models.FactualAccuracyPoint) -> FactualAccuracyPointType:
        return cls(
            text=p.text,
            raised_at=p.raised_at,
            accepted=p.accepted,
            answer_reason=p.answer_reason,
            answered_at=p.answered_at,
            model=p,
        )


@strawberry.type(
    name="Appeal",
    description="The host headteacher's appeal against a moderated judgement, heard by a "
    "moderator with no part in the review.",
)
class AppealType:
    grounds: str
    lodged_at: datetime
    assigned_at: datetime | None
    outcome: AppealOutcome | None
    outcome_reasons: str
    decided_at: datetime | None
    model: strawberry.Private[models.Appeal]

    @strawberry.field(description="Global ID, for assignAppealModerator and decideAppeal.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode("Appeal", self.model.id))

    @strawberry.field
    async def area(self, info: Info) -> AreaType | None:
        return await _area(info, self.model.area_id)

    @strawberry.field
    async def lodged_by(self, info: Info) -> PersonType | None:
        return await person(info, self.model.lodged_by_id)

    @strawberry.field(description="The moderator hearing it.")
    async def moderator(self, info: Info) -> PersonType | None:
        return await person(info, self.model.moderator_id)

    @strawberry.field(description="The moderated grade appealed against.")
    async def grade_before(self, info: Info) -> GradeType | None:
        return await _grade(info, self.model.grade_before_id)

    @strawberry.field(description="The moderated grade after the hearing.")
    async def grade_after(self, info: Info) -> GradeType | None:
        return await _grade(info, self.model.grade_after_id)

    @classmethod
    def from_model(cls, a: models.Appeal) -> AppealType:
        return cls(
            grounds=a.grounds,
            lodged_at=a.lodged_at,
            assigned_at=a.assigned_at,
            outcome=a.outcome,
            outcome_reasons=a.outcome_reasons,
            decided_at=a.decided_at,
            model=a,
        )
