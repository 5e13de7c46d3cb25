"""The actor's relation to a review, computed once per request and review."""

from __future__ import annotations

from peerqa import access, models
from peerqa.access import ReviewRelation
from peerqa.schema.context import Info


async def relation_for(info: Info, review: models.Review) -> ReviewRelation:
    """How the caller stands to a review they can already see (from the request cache)."""
    cache = info.context.loaders.relations
    if review.id not in cache:
        actor = access.require_actor(info.context.actor)
        team = await info.context.loaders.team.load(review.id)
        member = next((m for m in team if m.user_id == actor.user_id), None)
        cache[review.id] = access.relation_from(actor, review, member)
    return cache[review.id]
