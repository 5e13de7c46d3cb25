"""Subscriptions over graphql-transport-ws, fed by the core event hub.

Each event is re-read through the access rules with fresh DataLoaders (the WebSocket context
lives as long as the socket, so cached loaders would serve stale rows).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from peerqa import access, events, models
from peerqa.errors import NotFound, PermissionDenied
from peerqa.schema.context import Info
from peerqa.schema.ids import decode
from peerqa.schema.loaders import Loaders
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.concern import ConcernType
from peerqa.schema.types.review import ReviewType
from peerqa.services import auth, updates


@strawberry.type(name="ReviewUpdate", description="Something changed in a review.")
class ReviewUpdate:
    kind: str = strawberry.field(
        description="What changed, e.g. 'evidence.add', 'state.visit'; 'review.updated' when it "
        "is a part of the review the subscriber may not read."
    )
    review: ReviewType


@strawberry.type(name="ConcernAlert", description="A concern was raised or escalated.")
class ConcernAlert:
    kind: str = strawberry.field(description="'concern.raised' or 'concern.escalated'.")
    concern: ConcernType


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Changes to one review, for everyone who can see it (the team during a visit).",
        extensions=signed_in(),
    )
    async def review_updated(
        self, info: Info, review_id: strawberry.ID
    ) -> AsyncGenerator[ReviewUpdate, None]:
        actor = access.require_actor(info.context.actor)
        key = decode(review_id, "Review", "reviewId")
        await access.get_visible(access.visible_reviews(actor), id=key)
        async with events.hub.subscribe(events.review_topic(key)) as stream:
            async for event in stream:
                info.context.loaders = Loaders()
                now_actor = await auth.current_actor(info.context.settings, actor)
                if now_actor is None:
                    return
                info.context.actor = now_actor
                try:
                    rel = await access.relation_to(now_actor, key)
                except NotFound:  # no longer theirs to see
                    return
                kind = await updates.kind_heard_by(rel, event)
                yield ReviewUpdate(kind=kind, review=ReviewType.from_model(rel.review))

    @strawberry.subscription(
        description="New and escalated safeguarding concerns. Moderators and admins.",
        extensions=signed_in(),
    )
    async def concern_raised(self, info: Info) -> AsyncGenerator[ConcernAlert, None]:
        actor = access.require_actor(info.context.actor)
        if not (actor.is_moderator or actor.is_admin):
            raise PermissionDenied("Only moderators receive concern alerts.")
        async with events.hub.subscribe(events.CONCERNS_TOPIC) as stream:
            async for event in stream:
                info.context.loaders = Loaders()
                now_actor = await auth.current_actor(info.context.settings, actor)
                if now_actor is None or not (now_actor.is_moderator or now_actor.is_admin):
                    return
                info.context.actor = now_actor
                concern = await models.Concern.get_or_none(id=event.object_id)
                if concern is not None:
                    yield ConcernAlert(kind=event.kind, concern=ConcernType.from_model(concern))
