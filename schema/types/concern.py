"""GraphQL types for safeguarding concerns. Every read of a concern is audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.models.enums import ConcernActionKind as ActionKind
from peerqa.schema.context import Info
from peerqa.schema.enums import ConcernActionKind
from peerqa.schema.relations import relation_for
from peerqa.schema.types.people import PersonType, person
from peerqa.schema.types.scoped import resolve_in_review
from peerqa.services import concerns


@strawberry.type(name="ConcernAction", description="A step taken on a concern.")
class ConcernActionType:
    kind: ConcernActionKind
    at: datetime
    note: str
    actor_id: strawberry.Private[int | None]

    @strawberry.field(description="Who took it; null when peerqa escalated it automatically.")
    async def actor(self, info: Info) -> PersonType | None:
        return await person(info, self.actor_id)


@strawberry.type(
    name="Concern",
    description="A safeguarding concern. Visible to moderators, admins and the review team; to the "
    "host school's staff only when it is not about the headteacher. Every read of its summary "
    "is audited.",
)
class ConcernType(relay.Node):
    concern_pk: relay.NodeID[int]
    raised_at: datetime
    about_headteacher: bool
    told_dsl: bool
    immediate_danger: bool
    model: strawberry.Private[models.Concern]

    @strawberry.field(description="What was seen or heard (never a pupil's name). Read is audited.")
    async def summary(self, info: Info) -> str:
        await concerns.log_read(access.require_actor(info.context.actor), self.model)
        return self.model.summary

    @strawberry.field(
        description="Who raised it: shown to the review team and moderators, not to host staff."
    )
    async def raised_by(self, info: Info) -> PersonType | None:
        review = await models.Review.get(id=self.model.review_id)
        rel = await relation_for(info, review)
        if not (rel.is_team or rel.is_overseer or rel.actor.user_id == self.model.raised_by_id):
            return None
        return await person(info, self.model.raised_by_id)

    @strawberry.field(description="Acknowledgements, escalations, notes and the resolution.")
    async def actions(self, info: Info) -> list[ConcernActionType]:
        rows = await info.context.loaders.concern_actions.load(self.model.id)
        return [
            ConcernActionType(kind=a.kind, at=a.at, note=a.note, actor_id=a.actor_id) for a in rows
        ]

    @strawberry.field(description="Whether a moderator has recorded its resolution.")
    async def resolved(self, info: Info) -> bool:
        rows = await info.context.loaders.concern_actions.load(self.model.id)
        return any(a.kind is ActionKind.RESOLVED for a in rows)

    @strawberry.field(description="The review it was raised in.")
    def review_id(self) -> strawberry.ID:
        from peerqa.schema.ids import encode

        return strawberry.ID(encode("Review", self.model.review_id))

    @classmethod
    def from_model(cls, c: models.Concern) -> ConcernType:
        return cls(
            concern_pk=c.id,
            raised_at=c.raised_at,
            about_headteacher=c.about_headteacher,
            told_dsl=c.told_dsl,
            immediate_danger=c.immediate_danger,
            model=c,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        return await resolve_in_review(
            info, node_ids, models.Concern, concerns.may_read, cls.from_model
        )
