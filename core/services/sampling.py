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
from peerqa.access import Actor, relation_to, require
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.errors import PeerqaError, TryAgain
from peerqa.lifecycle import Transition
from peerqa.models import Moderation, Review
from peerqa.models.enums import ReviewState
from peerqa.moderation.facts import gather
from peerqa.moderation.rules import Policy, decide
from peerqa.scoring.service import score_submitted
from peerqa.services.reviews import announce, lock_review, move, transition

log = logging.getLogger("peerqa.moderation")


async def submit(actor: Actor | None, settings: Settings, review_id: int, version: int) -> Review:
    """The lead submits; the review is scored and sampled. Returns it as it then stands.

    Sampling moves a review on from ``submitted`` in the same transaction as it records its
    decision, so a review found at ``submitted`` is one whose sampling failed: submitting it
    again retries the sampling alone, and the failure is reported as TRY_AGAIN meanwhile.
    """
    rel = await relation_to(actor, review_id)
    if rel.review.state is ReviewState.SUBMITTED:
        # A retry changes nothing the team wrote, so it needs no fresh version.
        require(rel.is_lead, "Only the lead reviewer can submit the review.")
    else:
        await transition(actor, review_id, Transition.SUBMIT, version)
        await score_submitted(settings, review_id)
    try:
        await sample(actor, settings, review_id)
    except PeerqaError:
        raise
    except Exception as error:
        log.exception("sampling review %d after submission failed", review_id)
        raise TryAgain(
            "The review is submitted, but deciding whether it is moderated failed. Submit it "
            "again to retry: nothing the team wrote is lost."
        ) from error
    return await Review.get(id=review_id)


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
        # peerqa takes these steps, not the lead who submitted: the audit says so.
        if decision.required:
            await move(review, Transition.SELECT, None)
        else:
            await assure(review, None, settings)
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
