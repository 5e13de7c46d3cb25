"""Reviews ready to submit, moderate or appeal, built with the ORM; steps taken over HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from peerqa.clock import now
from peerqa.config import Settings
from peerqa.models import Framework, Grade, Judgement, Moderation, Report, Review, TeamMember
from peerqa.models.enums import (
    AreaKind,
    InvitationStatus,
    JudgementKind,
    ReviewState,
    TeamRole,
)
from peerqa.schema.ids import encode
from peerqa.services.reviews import applicable_areas
from tests.review_world import REVIEW_FIELDS, World, build_world

QUIET: dict[str, Any] = {
    "moderation_random_rate": 0.0,
    "moderation_min_history": 0,
    "moderation_lead_minimum": 0,
    "plugins_disabled": ("context", "curriculum", "ap_use"),
}
"""No rule fires and nothing is drawn: a review is selected only by what a test adds."""


async def quiet_world(settings: Settings, make_client: Any, **overrides: Any) -> World:
    return await build_world(replace(settings, **{**QUIET, **overrides}), make_client)


def gid(review: Review) -> str:
    return encode("Review", review.id)


async def agreed_review(
    world: World,
    *,
    self_ranks: dict[str, int] | None = None,
    consensus_ranks: dict[str, int] | None = None,
    independent: dict[str, tuple[int, int]] | None = None,
    state: ReviewState = ReviewState.CONSENSUS,
) -> Review:
    """A review of school A with its lead (B) and reviewer (C), every area judged by the host,
    each reviewer and the team (grade rank 2 unless given), and a report summary."""
    framework = await Framework.get(key="national", is_current=True)
    review = await Review.create(
        host_school=world.schools["A"],
        partnership=world.partnership,
        framework=framework,
        state=state,
        title="Review ready to submit",
        visit_starts_on=date(2026, 12, 1),
        visit_ends_on=date(2026, 12, 2),
        dsl_name="Designated Lead",
        deputy_dsl_name="Deputy Lead",
    )
    for who, school, role in (("lead", "B", TeamRole.LEAD), ("reviewer", "C", TeamRole.REVIEWER)):
        await TeamMember.create(
            review=review,
            user=world.users[who],
            school=world.schools[school],
            role=role,
            status=InvitationStatus.ACCEPTED,
        )
    grades = {g.rank: g for g in await Grade.filter(framework_id=framework.id)}
    for area in await applicable_areas(review):
        spread = (independent or {}).get(area.key, (2, 2))
        rows = (
            (JudgementKind.SELF_EVALUATION, "host", (self_ranks or {}).get(area.key, 2)),
            (JudgementKind.CONSENSUS, "lead", (consensus_ranks or {}).get(area.key, 2)),
            (JudgementKind.INDEPENDENT, "lead", spread[0]),
            (JudgementKind.INDEPENDENT, "reviewer", spread[1]),
        )
        for kind, who, rank in rows:
            await Judgement.create(
                review=review,
                area=area,
                kind=kind,
                author=world.users[who],
                grade_id=grades[rank].id if area.kind is AreaKind.GRADED else None,
                met=True if area.kind is AreaKind.MET_NOT_MET else None,
                checklist={i["key"]: True for i in area.checklist},
                narrative="Leaders know their pupils well.",
                rationale="Seen in lessons and in pupils' books.",
                submitted_at=now(),
            )
    await Report.create(review=review, summary="A school that knows itself.", version=1)
    return review


async def submit(world: World, review: Review) -> dict[str, Any]:
    """The lead submits; the review as it then stands (moderation or factual accuracy)."""
    fresh = await Review.get(id=review.id)
    payload = await world.ok(
        "lead", "submitReview", {"reviewId": gid(review), "version": fresh.version}, REVIEW_FIELDS
    )
    result: dict[str, Any] = payload["review"]
    return result


async def latest_round(review: Review) -> Moderation:
    found = await Moderation.filter(review_id=review.id).order_by("-round").first()
    assert found is not None
    return found


def codes(moderation: Moderation) -> list[str]:
    return [r["code"] for r in moderation.reasons]


async def selected(world: World, **review: Any) -> Review:
    """A submitted review at moderation (a new lead's, so the history rule selects it)."""
    built = await agreed_review(world, **review)
    assert (await submit(world, built))["state"] == "MODERATION"
    return await Review.get(id=built.id)


async def assigned(world: World, **review: Any) -> Review:
    """A selected review the world's moderator has taken from the pool."""
    found = await selected(world, **review)
    await world.ok(
        "moderator", "assignModerator", {"reviewId": gid(found)}, "moderationRound { round }"
    )
    return await Review.get(id=found.id)


async def confirmed(world: World, **review: Any) -> Review:
    """A review moderated and confirmed: at the factual-accuracy check with moderated grades."""
    found = await assigned(world, **review)
    await world.ok(
        "moderator",
        "confirmModeration",
        {"reviewId": gid(found), "version": found.version},
        "review { state }",
    )
    result = await Review.get(id=found.id)
    assert result.state is ReviewState.FACTUAL_ACCURACY
    return result
