"""Submitting a review: the lead's step, then scoring, then the sampling decision.

Each submission is a round. Its ``Moderation`` row records whether it is moderated and why (or
why not, with the seeded draw). Selected reviews wait at ``moderation`` for a moderator; the
rest are assured at once and open the host's factual-accuracy window.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, relation_to
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.lifecycle import Transition
from peerqa.models import Moderation, Review
from peerqa.models.enums import ReviewState
from peerqa.moderation.facts import gather
from peerqa.moderation.rules import Policy, decide
from peerqa.scoring.service import score_submitted
from peerqa.services.reviews import announce, lock_review, move, transition

log = logging.getLogger("peerqa.moderation")


async def submit(actor: Actor | None, settings: Settings, review_id: int, version: int) -> Review:
    """The lead submits; the review is scored and sampled. Returns it as it then stands."""
    review = await transition(actor, review_id, Transition.SUBMIT, version)
    await score_submitted(settings, review.id)
    try:
        await sample(actor, settings, review.id)
    except Exception:  # the submission stands at `submitted`; `sample` can be run again
        log.exception("sampling review %d after submission failed", review.id)
    return await Review.get(id=review.id)


async def sample(actor: Actor | None, settings: Settings, review_id: int) -> Moderation | None:
    """Decide the current round of a submitted review; None if it is not at ``submitted``."""
    async with in_transaction():
        review = await lock_review(review_id)
        if review.state is not ReviewState.SUBMITTED:
            return None
        round_ = await Moderation.filter(review_id=review_id).count() + 1
        decision = decide(await gather(review, round_, settings), Policy.from_settings(settings))
        moderation = await Moderation.create(
            review_id=review_id,
            round=round_,
            required=decision.required,
            reasons=[r.as_dict() for r in decision.reasons],
            draw=decision.draw,
        )
        actor_id = actor.user_id if actor else None
        await audit.record(
            "moderation.sample",
            actor_id=None,
            object_type="moderation",
            object_id=moderation.id,
            review_id=review_id,
            detail={
                "round": round_,
                "required": decision.required,
                "reasons": [r.code for r in decision.reasons],
                "draw": round(decision.draw, 6),
            },
        )
        if decision.required:
            await move(review, Transition.SELECT, actor_id)
        else:
            await assure(review, actor_id, settings)
    if actor is not None:
        rel = await relation_to(actor, review_id)
        await announce(rel, f"state.{review.state.value}")
    return moderation


async def assure(
    review: Review, actor_id: int | None, settings: Settings, version: int | None = None
) -> Review:
    """Inside a transaction: assured, then on to the factual-accuracy check with its window."""
    await move(review, Transition.ASSURE, actor_id, version=version)
    closes = now() + timedelta(days=settings.factual_accuracy_days)
    return await move(
        review, Transition.OPEN_FACTUAL_ACCURACY, None, factual_accuracy_closes_at=closes
    )
