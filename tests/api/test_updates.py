"""What each subscriber hears of a change: its kind only where they may read what changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from peerqa import access
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.events import Event, review_topic
from peerqa.models import Concern, Review
from peerqa.models.enums import ReviewState
from peerqa.services import auth
from peerqa.services.updates import UPDATED, kind_heard_by
from tests.moderation_world import agreed_review
from tests.review_world import World, build_world

WHO = ("host", "lead", "reviewer", "moderator", "admin")


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    w = await build_world(settings, make_client)
    yield w
    await w.close()


async def heard(world: World, review_id: int, kind: str, object_id: int | None = None) -> str:
    """Who hears ``kind`` as itself, as one string of initials, e.g. 'lrma'."""
    event = Event(review_topic(review_id), kind, review_id, object_id)
    hearers = ""
    for who in WHO:
        actor = await auth.actor_for(world.users[who])
        rel = await access.relation_to(actor, review_id)
        if await kind_heard_by(rel, event) == kind:
            hearers += who[0] if who != "reviewer" else "v"
        else:
            assert await kind_heard_by(rel, event) == UPDATED
    return hearers


@pytest.mark.parametrize(
    ("kind", "hearers"),
    [
        ("state.visit", "hlvma"),
        ("visit_details", "hlvma"),
        ("team.invite", "hlvma"),
        ("judgement.self_evaluation", "hlvma"),
        ("judgement.independent", "lvma"),
        ("judgement.independent.submit", "lvma"),
        ("judgement.consensus", "lvma"),  # the host reads it from the factual-accuracy check
        ("evidence.add", "lvma"),
        ("evidence.edit", "lvma"),
        ("consultation.request", "lvma"),
        ("placement.add", "hlvma"),
        ("moderation.assign", "ma"),
        ("report.save", "lvma"),
        ("something.new", ""),  # a kind nobody has ruled on is heard by nobody as itself
    ],
)
async def test_each_kind_is_heard_by_those_who_may_read_what_changed(
    world: World, kind: str, hearers: str
) -> None:
    review = await agreed_review(world, state=ReviewState.VISIT)
    assert await heard(world, review.id, kind) == hearers


async def concern(world: World, review: Review, *, about_head: bool) -> int:
    found = await Concern.create(
        review=review,
        raised_by=world.users["lead"],
        raised_at=now(),
        summary="Raised through the statutory route.",
        about_headteacher=about_head,
        told_dsl=not about_head,
    )
    return found.id


async def test_a_concern_about_the_head_is_not_heard_of_by_the_host(world: World) -> None:
    review = await agreed_review(world, state=ReviewState.VISIT)
    about_head = await concern(world, review, about_head=True)
    assert await heard(world, review.id, "concern.raised", about_head) == "lvma"
    other = await concern(world, review, about_head=False)
    assert await heard(world, review.id, "concern.raised", other) == "hlvma"
