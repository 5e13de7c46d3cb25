"""Sampling on submission, moderator assignment and the three decisions, through the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from peerqa.clock import now
from peerqa.config import Settings
from peerqa.models import (
    AuditEvent,
    Concern,
    ConcernAction,
    Judgement,
    Moderation,
    PluginResult,
    Review,
    SchoolRole,
)
from peerqa.models.enums import (
    ConcernActionKind,
    GlobalRole,
    JudgementKind,
    ModerationOutcome,
    ReviewState,
    SchoolRoleKind,
)
from peerqa.moderation.rules import draw
from peerqa.schema.ids import encode
from peerqa.services import sampling
from tests.factories import make_user
from tests.moderation_world import (
    agreed_review,
    assigned,
    codes,
    gid,
    latest_round,
    quiet_world,
    selected,
    submit,
)
from tests.review_world import World

ROUND = (
    "moderationRound { round outcome outcomeReasons adjustments { areaKey before after reason } }"
)


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    """Sampling quiet (no rule fires, rate 0) unless a test's settings say otherwise."""
    w = await quiet_world(settings, make_client)
    yield w
    await w.close()


@pytest.fixture
async def new_leads(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    """A lead with fewer than 3 moderated reviews is always selected."""
    w = await quiet_world(settings, make_client, moderation_min_history=3)
    yield w
    await w.close()


# --- sampling ---


async def test_a_review_no_rule_selects_is_assured_with_the_draw_recorded(world: World) -> None:
    review = await agreed_review(world)
    after = await submit(world, review)
    assert after["state"] == "FACTUAL_ACCURACY"
    moderation = await latest_round(review)
    assert (moderation.round, moderation.required) == (1, False)
    expected = draw("peerqa", review.id, 1)
    assert moderation.draw == pytest.approx(expected)
    assert moderation.reasons == [
        {"code": "not_selected", "detail": f"not selected: draw {expected:.2f} ≥ rate 0.00"}
    ]
    stored = await Review.get(id=review.id)
    assert stored.factual_accuracy_closes_at is not None
    assert stored.factual_accuracy_closes_at - now() > timedelta(days=9)
    assert not await Judgement.exists(review_id=review.id, kind=JudgementKind.MODERATED)
    actions = await AuditEvent.filter(review_id=review.id).values_list("action", flat=True)
    assert [a for a in actions if a in ("review.submit", "moderation.sample", "review.assure")] == [
        "review.submit",
        "moderation.sample",
        "review.assure",
    ]


async def test_peerqa_not_the_lead_takes_the_sampling_steps(world: World) -> None:
    review = await agreed_review(world)
    await submit(world, review)
    events = await AuditEvent.filter(review_id=review.id).values_list("action", "actor_id")
    actors = dict(events)
    assert actors["review.submit"] == world.users["lead"].id
    assert actors["review.assure"] is None
    assert actors["review.open_factual_accuracy"] is None


async def test_a_failed_sampling_is_reported_and_submitting_again_retries_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = await agreed_review(world)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("sampling broke")

    monkeypatch.setattr(sampling, "gather", broken)
    fresh = await Review.get(id=review.id)
    failed = await world.mutate(
        "lead",
        "submitReview",
        {"reviewId": gid(review), "version": fresh.version},
        "review { state }",
    )
    assert failed["errors"][0]["code"] == "TRY_AGAIN"
    assert "Submit it again" in failed["errors"][0]["message"]
    assert (await Review.get(id=review.id)).state is ReviewState.SUBMITTED
    assert not await Moderation.exists(review_id=review.id)
    monkeypatch.undo()
    # Only the lead may retry; the retry needs no fresh version.
    other = await world.mutate(
        "reviewer",
        "submitReview",
        {"reviewId": gid(review), "version": fresh.version},
        "review { state }",
    )
    assert other["errors"][0]["code"] == "FORBIDDEN"
    retried = await world.ok(
        "lead",
        "submitReview",
        {"reviewId": gid(review), "version": fresh.version},
        "review { state }",
    )
    assert retried["review"]["state"] == "FACTUAL_ACCURACY"
    assert (await latest_round(review)).round == 1


@pytest.mark.parametrize("seed", ["peerqa", "another seed"])
async def test_the_random_draw_is_seeded_and_reproducible(
    db: Any, settings: Settings, make_client: Any, seed: str
) -> None:
    world = await quiet_world(
        settings, make_client, moderation_random_rate=0.5, moderation_seed=seed
    )
    try:
        outcomes = []
        for _ in range(6):
            review = await agreed_review(world)
            state = (await submit(world, review))["state"]
            moderation = await latest_round(review)
            value = draw(seed, review.id, 1)
            assert moderation.draw == pytest.approx(value)
            assert moderation.required is (value < 0.5)
            assert state == ("MODERATION" if value < 0.5 else "FACTUAL_ACCURACY")
            code = "random" if value < 0.5 else "not_selected"
            assert codes(moderation) == [code]
            assert f"draw {value:.2f}" in moderation.reasons[0]["detail"]
            outcomes.append(moderation.required)
        assert set(outcomes) == {True, False}  # both ways were taken
        assert draw(seed, 1, 1) != draw(seed, 1, 2)  # each round draws afresh
    finally:
        await world.close()


async def _open_concern(world: World, review: Review) -> None:
    await Concern.create(
        review=review,
        raised_by=world.users["lead"],
        raised_at=now(),
        summary="A visitor was not asked to sign in.",
    )


async def _recent_concern(world: World, review: Review) -> None:
    earlier = await agreed_review(world, state=ReviewState.PUBLISHED)
    concern = await Concern.create(
        review=earlier,
        raised_by=world.users["lead"],
        raised_at=now() - timedelta(days=30),
        summary="A visitor was not asked to sign in.",
    )
    await ConcernAction.create(
        concern=concern, kind=ConcernActionKind.RESOLVED, at=now(), note="The DSL acted."
    )


async def _indicators_above(world: World, review: Review) -> None:
    scores = [
        {"area": "attendance_and_behaviour", "key": key, "band": "well_above", "label": key}
        for key in ("attendance", "suspensions")
    ]
    await PluginResult.create(
        subject="school",
        subject_id=world.schools["A"].urn,
        plugin="behaviour",
        plugin_version="1",
        input_hash="x",
        scores=scores,
        computed_at=now(),
    )


RULE_CASES: dict[str, tuple[dict[str, Any], Any]] = {
    "open_concern": ({}, _open_concern),
    "recent_concern": ({}, _recent_concern),
    "self_evaluation_gap": ({"self_ranks": {"inclusion": 4}}, None),
    "self_evaluation_spread": (
        {"self_ranks": {"inclusion": 1, "achievement": 3, "curriculum_and_teaching": 3}},
        None,
    ),
    "indicator_gap": (
        {
            "self_ranks": {"attendance_and_behaviour": 4},
            "consensus_ranks": {"attendance_and_behaviour": 4},
        },
        _indicators_above,
    ),
    "plugin_risk": ({"independent": {"achievement": (1, 4)}}, None),
}


@pytest.mark.parametrize("code", sorted(RULE_CASES))
async def test_each_risk_rule_selects_and_says_why(world: World, code: str) -> None:
    shape, arrange = RULE_CASES[code]
    review = await agreed_review(world, **shape)
    if arrange is not None:
        await arrange(world, review)
    assert (await submit(world, review))["state"] == "MODERATION"
    moderation = await latest_round(review)
    assert moderation.required
    assert code in codes(moderation), moderation.reasons
    assert all(r["detail"] for r in moderation.reasons)
    assert "random" not in codes(moderation)


async def test_new_leads_and_teams_are_selected(new_leads: World) -> None:
    moderation = await latest_round(await selected(new_leads))
    assert {"new_lead", "new_team"} <= set(codes(moderation))
    lead = next(r for r in moderation.reasons if r["code"] == "new_lead")
    assert "fewer than 3" in lead["detail"]


async def test_every_lead_is_moderated_at_least_once_a_year(
    db: Any, settings: Settings, make_client: Any
) -> None:
    world = await quiet_world(settings, make_client, moderation_lead_minimum=1)
    try:
        first = await agreed_review(world)
        assert (await submit(world, first))["state"] == "MODERATION"
        assert codes(await latest_round(first)) == ["lead_minimum"]
        second = await agreed_review(world)
        assert (await submit(world, second))["state"] == "FACTUAL_ACCURACY"
        assert codes(await latest_round(second)) == ["not_selected"]
    finally:
        await world.close()


QUEUE = """{ moderationQueue { reviews { assignedToMe review { id state }
  round { round required draw reasons { code detail } moderator { displayName } } } } }"""


async def test_the_queue_shows_the_pool_and_my_reviews_with_reasons(new_leads: World) -> None:
    review = await selected(new_leads)
    body = await new_leads.gql("moderator", QUEUE)
    items = body["data"]["moderationQueue"]["reviews"]
    assert [i["review"]["id"] for i in items] == [gid(review)]
    assert items[0]["assignedToMe"] is False
    assert "new_lead" in [r["code"] for r in items[0]["round"]["reasons"]]
    other = await make_user("other@moderators.test", role=GlobalRole.MODERATOR)
    await new_leads.ok(
        "admin",
        "assignModerator",
        {"reviewId": gid(review), "moderatorId": encode("User", other.id)},
        "moderationRound { round }",
    )
    body = await new_leads.gql("moderator", QUEUE)
    assert body["data"]["moderationQueue"]["reviews"] == []  # someone else's now
    host = await new_leads.gql("host", QUEUE)
    assert host["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# --- assignment ---


async def test_a_conflicted_moderator_is_refused_with_the_reasons(new_leads: World) -> None:
    review = await selected(new_leads)
    conflicted = await make_user("trust@moderators.test", role=GlobalRole.MODERATOR)
    await SchoolRole.create(
        user=conflicted, school=new_leads.schools["D"], role=SchoolRoleKind.GOVERNOR
    )
    await SchoolRole.create(
        user=conflicted, school=new_leads.schools["B"], role=SchoolRoleKind.SENIOR_LEADER
    )
    payload = await new_leads.mutate(
        "admin",
        "assignModerator",
        {"reviewId": gid(review), "moderatorId": encode("User", conflicted.id)},
        "moderationRound { round }",
    )
    assert payload["moderationRound"] is None
    assert {e["code"] for e in payload["errors"]} == {"CONFLICT_OF_INTEREST"}
    messages = " ".join(e["message"] for e in payload["errors"])
    assert "host's trust" in messages
    assert "on the team" in messages
    assert (await latest_round(review)).moderator_id is None


async def test_a_moderator_takes_only_unassigned_reviews_for_themselves(new_leads: World) -> None:
    review = await selected(new_leads)
    other = await make_user("other@moderators.test", role=GlobalRole.MODERATOR)
    payload = await new_leads.mutate(
        "moderator",
        "assignModerator",
        {"reviewId": gid(review), "moderatorId": encode("User", other.id)},
        "moderationRound { round }",
    )
    assert payload["errors"][0]["code"] == "FORBIDDEN"
    await new_leads.ok("moderator", "assignModerator", {"reviewId": gid(review)}, ROUND)
    assert (await latest_round(review)).moderator_id == new_leads.users["moderator"].id


# --- decisions ---


async def test_confirm_copies_the_consensus_into_moderated_grades(new_leads: World) -> None:
    review = await assigned(new_leads)
    payload = await new_leads.ok(
        "moderator",
        "confirmModeration",
        {"reviewId": gid(review), "version": review.version, "note": "Well evidenced."},
        f"review {{ state }} {ROUND}",
    )
    assert payload["review"]["state"] == "FACTUAL_ACCURACY"
    assert payload["moderationRound"]["outcome"] == "CONFIRM"
    consensus = await Judgement.filter(review_id=review.id, kind=JudgementKind.CONSENSUS)
    moderated = await Judgement.filter(review_id=review.id, kind=JudgementKind.MODERATED)
    assert len(moderated) == len(consensus)
    assert {(j.area_id, j.grade_id, j.met, j.narrative) for j in moderated} == {
        (j.area_id, j.grade_id, j.met, j.narrative) for j in consensus
    }
    assert {j.author_id for j in moderated} == {new_leads.users["moderator"].id}
    moderation = await latest_round(review)
    assert moderation.outcome is ModerationOutcome.CONFIRM
    assert moderation.decided_at is not None
    assert await AuditEvent.exists(action="moderation.confirm", review_id=review.id)


SEEN = """query($id: ID!) { node(id: $id) { ... on Review {
  moderation { round outcome outcomeReasons draw reasons { code } }
  moderated { area { key } grade { key } rationale } } } }"""


async def test_the_host_and_team_see_the_outcome_but_not_the_sampling(new_leads: World) -> None:
    review = await assigned(new_leads)
    await new_leads.ok(
        "moderator",
        "adjustModeration",
        {
            "reviewId": gid(review),
            "version": review.version,
            "adjustments": [
                {"areaKey": "achievement", "gradeKey": "expected_standard", "reason": "Data."}
            ],
        },
        "review { state }",
    )
    for who in ("host", "lead", "reviewer"):
        node = (await new_leads.gql(who, SEEN, {"id": gid(review)}))["data"]["node"]
        assert node["moderation"][0]["outcome"] == "ADJUST", who
        assert node["moderation"][0]["reasons"] == []
        assert node["moderation"][0]["draw"] is None
        grades = {m["area"]["key"]: m["grade"] for m in node["moderated"]}
        assert grades["achievement"] == {"key": "expected_standard"}
    overseer = (await new_leads.gql("moderator", SEEN, {"id": gid(review)}))["data"]["node"]
    assert overseer["moderation"][0]["reasons"]
    governor = await new_leads.gql("governor", SEEN, {"id": gid(review)})
    assert governor["data"]["node"] is None


async def test_adjust_needs_a_reason_per_area_and_changes_only_those_areas(
    new_leads: World,
) -> None:
    review = await assigned(new_leads)
    base = {"reviewId": gid(review), "version": review.version}
    adjustment = {"areaKey": "achievement", "gradeKey": "needs_attention", "reason": "  "}
    payload = await new_leads.mutate(
        "moderator", "adjustModeration", {**base, "adjustments": [adjustment]}, ROUND
    )
    assert payload["errors"][0]["code"] == "VALIDATION"
    assert payload["errors"][0]["field"] == "reason"
    same = {**adjustment, "gradeKey": "strong_standard", "reason": "No change."}
    payload = await new_leads.mutate(
        "moderator", "adjustModeration", {**base, "adjustments": [same]}, ROUND
    )
    assert payload["errors"][0]["field"] == "gradeKey"
    assert (await Review.get(id=review.id)).state is ReviewState.MODERATION
    reason = "Published outcomes are below similar schools for three years."
    payload = await new_leads.ok(
        "moderator",
        "adjustModeration",
        {**base, "adjustments": [{**adjustment, "reason": reason}]},
        ROUND,
    )
    assert payload["moderationRound"]["outcome"] == "ADJUST"
    assert payload["moderationRound"]["adjustments"] == [
        {
            "areaKey": "achievement",
            "before": "strong_standard",
            "after": "needs_attention",
            "reason": reason,
        }
    ]
    moderated = {
        j.area_id: j
        for j in await Judgement.filter(
            review_id=review.id, kind=JudgementKind.MODERATED
        ).prefetch_related("area", "grade")
    }
    changed = [j for j in moderated.values() if j.area.key == "achievement"]
    assert changed[0].grade is not None
    assert changed[0].grade.key == "needs_attention"
    assert changed[0].rationale == reason
    others = [j for j in moderated.values() if j.area.key != "achievement" and j.grade]
    assert others
    assert all(j.grade.key == "strong_standard" for j in others if j.grade)
    # The report the host checks and publishes carries the moderated grade.
    report = await new_leads.gql(
        "host",
        "query($id: ID!) { node(id: $id) { ... on Review { report { areas { area { key } grade { key } moderated } } } } }",
        {"id": gid(review)},
    )
    sections = {a["area"]["key"]: a for a in report["data"]["node"]["report"]["areas"]}
    assert sections["achievement"] == {
        "area": {"key": "achievement"},
        "grade": {"key": "needs_attention"},
        "moderated": True,
    }
    assert not any(a["moderated"] for k, a in sections.items() if k != "achievement")


async def test_return_sends_the_review_back_and_resubmission_is_round_two(
    new_leads: World,
) -> None:
    review = await assigned(new_leads)
    base = {"reviewId": gid(review), "version": review.version}
    payload = await new_leads.mutate("moderator", "returnReview", {**base, "points": " "}, ROUND)
    assert payload["errors"][0] == {
        "code": "VALIDATION",
        "field": "points",
        "message": "Say what the team must address.",
        "currentVersion": None,
    }
    points = "Link the achievement rationale to the evidence from work scrutiny."
    payload = await new_leads.ok(
        "moderator", "returnReview", {**base, "points": points}, f"review {{ state }} {ROUND}"
    )
    assert payload["review"]["state"] == "RETURNED"
    assert payload["moderationRound"]["outcomeReasons"] == points
    assert not await Judgement.exists(review_id=review.id, kind=JudgementKind.MODERATED)
    lead_view = await new_leads.gql("lead", SEEN, {"id": gid(review)})
    assert lead_view["data"]["node"]["moderation"][0]["outcomeReasons"] == points
    # The lead revises the consensus and submits again: a new round.
    judgement = await Judgement.get(
        review_id=review.id, kind=JudgementKind.CONSENSUS, area__key="achievement"
    )
    await new_leads.ok(
        "lead",
        "saveConsensusJudgement",
        {
            "reviewId": gid(review),
            "areaKey": "achievement",
            "gradeKey": "expected_standard",
            "rationale": "Work scrutiny showed gaps in Year 6 writing.",
            "version": judgement.version,
        },
        "judgement { version }",
    )
    assert (await submit(new_leads, review))["state"] == "MODERATION"
    rounds = await Moderation.filter(review_id=review.id).order_by("round")
    assert [(m.round, m.outcome) for m in rounds] == [(1, ModerationOutcome.RETURN), (2, None)]


async def test_only_the_assigned_moderator_decides(new_leads: World) -> None:
    review = await selected(new_leads)
    base = {"reviewId": gid(review), "version": review.version}
    for who in ("moderator", "admin", "lead", "host"):
        payload = await new_leads.mutate(who, "confirmModeration", base, ROUND)
        assert payload["errors"][0]["code"] == "FORBIDDEN", who
    await new_leads.ok("moderator", "assignModerator", {"reviewId": gid(review)}, ROUND)
    stale = {**base, "version": review.version + 3}
    payload = await new_leads.mutate("moderator", "confirmModeration", stale, ROUND)
    assert payload["errors"][0]["code"] == "CONFLICT"
    assert (await Review.get(id=review.id)).state is ReviewState.MODERATION
    assert not await Judgement.exists(review_id=review.id, kind=JudgementKind.MODERATED)
