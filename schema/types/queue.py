"""A moderator's queue: selected reviews, appeals to hear and consultations to answer."""

from __future__ import annotations

import strawberry

from peerqa import models
from peerqa.schema.context import Info
from peerqa.schema.types.moderation import (
    AppealType,
    DutyConsultationType,
    ModerationRoundType,
)
from peerqa.schema.types.review import ReviewType


@strawberry.type(description="A review selected for moderation and awaiting a decision.")
class ModerationQueueItem:
    round: ModerationRoundType = strawberry.field(
        description="Its current round, with why it was selected."
    )
    assigned_to_me: bool
    review_model: strawberry.Private[models.Review]

    @strawberry.field
    def review(self) -> ReviewType:
        return ReviewType.from_model(self.review_model)


@strawberry.type(description="An appeal awaiting its hearing.")
class AppealQueueItem:
    appeal: AppealType
    assigned_to_me: bool
    review_model: strawberry.Private[models.Review]

    @strawberry.field
    def review(self) -> ReviewType:
        return ReviewType.from_model(self.review_model)


@strawberry.type(description="A consultation awaiting the duty moderator.")
class ConsultationQueueItem:
    consultation: DutyConsultationType
    review_model: strawberry.Private[models.Review]

    @strawberry.field
    def review(self) -> ReviewType:
        return ReviewType.from_model(self.review_model)


@strawberry.type(
    description="A moderator's work: their own and unassigned items, oldest first. "
    "Administrators see every item."
)
class ModerationQueue:
    reviews: list[ModerationQueueItem]
    appeals: list[AppealQueueItem]
    consultations: list[ConsultationQueueItem] = strawberry.field(
        description="Unanswered consultations, when the caller is on duty (or an administrator)."
    )


async def build_queue(
    info: Info,
    user_id: int,
    rounds: list[models.Moderation],
    appeals: list[models.Appeal],
    consultations: list[models.DutyConsultation],
) -> ModerationQueue:
    """The queue, with every item's review loaded in one batch."""
    ids = [m.review_id for m in rounds] + [a.review_id for a in appeals]
    ids += [c.review_id for c in consultations]
    found = await info.context.loaders.review.load_many(ids)
    reviews = {r.id: r for r in found if r is not None}
    return ModerationQueue(
        reviews=[
            ModerationQueueItem(
                round=ModerationRoundType.build(m, reviews[m.review_id]),
                assigned_to_me=m.moderator_id == user_id,
                review_model=reviews[m.review_id],
            )
            for m in rounds
        ],
        appeals=[
            AppealQueueItem(
                appeal=AppealType.from_model(a),
                assigned_to_me=a.moderator_id == user_id,
                review_model=reviews[a.review_id],
            )
            for a in appeals
        ],
        consultations=[
            ConsultationQueueItem(
                consultation=DutyConsultationType.from_model(c),
                review_model=reviews[c.review_id],
            )
            for c in consultations
        ],
    )
