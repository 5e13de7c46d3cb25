"""A review goes from draft to follow-up through the API, for each framework, as the right users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from peerqa import audit
from peerqa.config import Settings
from peerqa.models import AuditEvent, Judgement, Review
from peerqa.schema.ids import decode
from tests.review_world import (
    World,
    areas_of,
    build_world,
    create_review,
    judgement_input,
    step,
)


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    w = await build_world(settings, make_client)
    yield w
    await w.close()


async def form_team(world: World, review: dict[str, Any]) -> dict[str, Any]:
    """Draft -> self-evaluation -> team formed -> visit details set."""
    review = await step(world, "host", "openSelfEvaluation", review)
    assert review["state"] == "SELF_EVALUATION"
    areas, grades = await areas_of(world, review)
    for area in areas:
        await world.ok(
            "host",
            "saveSelfEvaluation",
            judgement_input(review["id"], area, grades, 1),
            "judgement { version }",
        )
    for who, role in (("lead", "LEAD"), ("reviewer", "REVIEWER")):
        await world.ok(
            "host",
            "inviteTeamMember",
            {"reviewId": review["id"], "email": world.users[who].email, "role": role},
            "teamMember { status }",
        )
        accepted = await world.ok(
            who,
            "respondToInvitation",
            {"reviewId": review["id"], "accept": True},
            "teamMember { status role }",
        )
        assert accepted["teamMember"] == {"status": "ACCEPTED", "role": role}
    review = await step(world, "host", "confirmTeam", review)
    assert review["state"] == "TEAM_FORMED"
    payload = await world.ok(
        "host",
        "setVisitDetails",
        {
            "reviewId": review["id"],
            "version": review["version"],
            "visitStartsOn": "2026-12-01",
            "visitEndsOn": "2026-12-02",
            "dslName": "Designated Lead",
            "deputyDslName": "Deputy Lead",
        },
        "review { id state version }",
    )
    result: dict[str, Any] = payload["review"]
    return result


async def visit(world: World, review: dict[str, Any]) -> dict[str, Any]:
    """Visit: evidence, independent judgements from both reviewers, then consensus and submit."""
    review = await step(world, "lead", "startVisit", review)
    assert review["state"] == "VISIT"
    areas, grades = await areas_of(world, review)
    for who, offset in (("lead", 0), ("reviewer", 1)):
        added = await world.ok(
            who,
            "addEvidence",
            {
                "reviewId": review["id"],
                "evidence": {
                    "kind": "LESSON_VISIT",
                    "text": "Year 5 pupils explained their reasoning in maths.",
                    "areaKeys": [areas[0]["key"]],
                },
            },
            "evidence { id }",
        )
        evidence_id = added["evidence"]["id"]
        for index, area in enumerate(areas):
            data = judgement_input(
                review["id"], area, grades, index + offset, evidenceIds=[evidence_id]
            )
            await world.ok(who, "saveIndependentJudgement", data, "judgement { version }")
        submitted = await world.ok(
            who,
            "submitIndependentJudgements",
            {"reviewId": review["id"]},
            "judgements { submittedAt }",
        )
        assert len(submitted["judgements"]) == len(areas)
    review = await step(world, "lead", "startConsensus", review)
    for area in areas:
        await world.ok(
            "lead",
            "saveConsensusJudgement",
            judgement_input(review["id"], area, grades, 1),
            "judgement { version }",
        )
    saved = await world.ok(
        "lead",
        "saveReport",
        {
            "reviewId": review["id"],
            "summary": "A school that knows itself.",
            "strengths": "Reading.",
            "areasForDevelopment": "Attendance.",
        },
        "report { version }",
    )
    await world.ok(
        "lead",
        "setActionPlan",
        {
            "reviewId": review["id"],
            "version": saved["report"]["version"],
            "items": [
                {
                    "action": "Improve attendance of disadvantaged pupils",
                    "owner": "Deputy headteacher",
                    "dueOn": "2027-07-01",
                }
            ],
        },
        "report { actions { owner } }",
    )
    review = await step(world, "lead", "submitReview", review)
    # A new lead's first review is always selected for moderation.
    assert review["state"] == "MODERATION"
    return review


@pytest.mark.parametrize("framework", ["national", "estimates", "enquiry"])
async def test_a_review_walks_every_state(world: World, framework: str) -> None:
    review = await create_review(world, framework)
    assert review["state"] == "DRAFT"
    review = await form_team(world, review)
    review = await visit(world, review)
    await world.ok(
        "moderator", "assignModerator", {"reviewId": review["id"]}, "moderationRound { round }"
    )
    confirmed = await world.ok(
        "moderator",
        "confirmModeration",
        {"reviewId": review["id"], "version": review["version"]},
        "review { id state version }",
    )
    review = confirmed["review"]
    assert review["state"] == "FACTUAL_ACCURACY"
    host_view = await world.gql(
        "host",
        "query($id: ID!) { node(id: $id) { ... on Review { consensus { area { key } } report { summary actions { action } areas { area { key } narrative rationale } } } } }",
        {"id": review["id"]},
    )
    assert host_view["data"]["node"]["report"]["summary"] == "A school that knows itself."
    assert host_view["data"]["node"]["consensus"]
    sections = host_view["data"]["node"]["report"]["areas"]
    assert [s["area"]["key"] for s in sections] == [
        a["area"]["key"] for a in host_view["data"]["node"]["consensus"]
    ]
    assert all(s["rationale"] for s in sections)
    review = await step(world, "host", "publishReview", review)
    assert review["state"] == "PUBLISHED"
    review = await step(world, "host", "startFollowUp", review)
    assert review["state"] == "FOLLOW_UP"
    assert await audit.verify_chain() is None
    actions = set(await AuditEvent.all().values_list("action", flat=True))
    for expected in (
        "review.create",
        "review.submit",
        "moderation.sample",
        "moderation.confirm",
        "review.assure",
        "review.open_factual_accuracy",
        "review.publish",
        "evidence.add",
        "judgement.consensus.save",
    ):
        assert expected in actions


async def test_early_years_applies_only_where_the_school_has_it(world: World) -> None:
    review = await create_review(world)
    keys = [a["key"] for a in (await areas_of(world, review))[0]]
    assert "early_years" in keys  # the host has early years
    assert "sixth_form" not in keys


async def test_steps_check_readiness(world: World) -> None:
    review = await create_review(world)
    review = await step(world, "host", "openSelfEvaluation", review)
    payload = await world.mutate(
        "host",
        "confirmTeam",
        {"reviewId": review["id"], "version": review["version"]},
        "review { state }",
    )
    assert payload["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert "lead reviewer" in payload["errors"][0]["message"]
    assert "self-evaluation is missing" in payload["errors"][0]["message"]


async def test_access_tells_the_host_headteacher_from_other_staff(world: World) -> None:
    review = await create_review(world)
    query = "query($id: ID!) { node(id: $id) { ... on Review { access { isHostHead isHostLeader isHostStaff isLead } } } }"
    seen = {
        who: (await world.gql(who, query, {"id": review["id"]}))["data"]["node"]["access"]
        for who in ("host", "host_dsl", "admin")
    }
    assert seen["host"] == {
        "isHostHead": True,
        "isHostLeader": True,
        "isHostStaff": True,
        "isLead": False,
    }
    assert seen["host_dsl"]["isHostHead"] is False
    assert seen["host_dsl"]["isHostStaff"] is True
    assert seen["admin"]["isHostHead"] is False


async def test_the_timeline_lists_each_step_from_the_audit_trail(world: World) -> None:
    review = await form_team(world, await create_review(world))  # sets visit details: not a step
    query = "query($id: ID!) { node(id: $id) { ... on Review { timeline { step fromState toState actor { displayName } } } } }"
    steps = [
        {"step": "create", "fromState": None, "toState": "DRAFT"},
        {"step": "open_self_evaluation", "fromState": "DRAFT", "toState": "SELF_EVALUATION"},
        {"step": "confirm_team", "fromState": "SELF_EVALUATION", "toState": "TEAM_FORMED"},
    ]
    host = world.users["host"].display_name
    as_lead = (await world.gql("lead", query, {"id": review["id"]}))["data"]["node"]["timeline"]
    assert as_lead == [{**s, "actor": {"displayName": host}} for s in steps]
    # The host's staff see the steps but not who took them.
    as_host = (await world.gql("host", query, {"id": review["id"]}))["data"]["node"]["timeline"]
    assert as_host == [{**s, "actor": None} for s in steps]
    outsider = await world.gql("outsider", query, {"id": review["id"]})
    assert outsider["data"]["node"] is None


async def test_stale_version_is_refused_on_a_transition(world: World) -> None:
    review = await create_review(world)
    payload = await world.mutate(
        "host",
        "openSelfEvaluation",
        {"reviewId": review["id"], "version": review["version"] + 5},
        "review { state }",
    )
    assert payload["errors"][0]["code"] == "CONFLICT"
    assert payload["errors"][0]["currentVersion"] == 0
    assert (await Review.get(id=decode(review["id"], "Review", "id"))).state.value == "draft"


async def test_submitted_independent_judgements_are_final(world: World) -> None:
    review = await form_team(world, await create_review(world))
    review = await step(world, "lead", "startVisit", review)
    areas, grades = await areas_of(world, review)
    for area in areas:
        await world.ok(
            "lead",
            "saveIndependentJudgement",
            judgement_input(review["id"], area, grades),
            "judgement { version }",
        )
    await world.ok(
        "lead", "submitIndependentJudgements", {"reviewId": review["id"]}, "judgements { version }"
    )
    payload = await world.mutate(
        "lead",
        "saveIndependentJudgement",
        {**judgement_input(review["id"], areas[0], grades, 3), "version": 1},
        "judgement { version }",
    )
    assert payload["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert await Judgement.filter(kind="independent", submitted_at__isnull=True).count() == 0
