"""After the visit's consultations, through assurance: the factual-accuracy check, appeals, and
what must be settled before a report is published."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from peerqa.clock import now
from peerqa.config import Settings
from peerqa.models import (
    Appeal,
    AuditEvent,
    Concern,
    DutyConsultation,
    FactualAccuracyPoint,
    Judgement,
    Partnership,
    Review,
    SchoolRole,
    User,
)
from peerqa.models.enums import (
    GlobalRole,
    JudgementKind,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
)
from peerqa.schema import get_schema
from peerqa.schema.ids import encode
from peerqa.services import appeals
from tests.factories import make_user
from tests.moderation_world import agreed_review, assigned, confirmed, gid, quiet_world
from tests.review_world import REVIEW_FIELDS, World

CONSULTATION = "consultation { id kind question response responder { displayName } }"
POINT = "point { id accepted answerReason }"
APPEAL = "appeal { id outcome outcomeReasons gradeBefore { key } gradeAfter { key } }"


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    """Every review selected (new leads), so each can be moderated and appealed."""
    w = await quiet_world(settings, make_client, moderation_min_history=3)
    yield w
    await w.close()


async def publish(world: World, review: Review) -> dict[str, Any]:
    fresh = await Review.get(id=review.id)
    payload: dict[str, Any] = await world.mutate(
        "host", "publishReview", {"reviewId": gid(review), "version": fresh.version}, REVIEW_FIELDS
    )
    return payload


# --- duty consultations ---


async def on_duty(world: World, who: str = "moderator") -> None:
    await world.ok(
        "admin",
        "setModeratorOnDuty",
        {"userId": encode("User", world.users[who].id), "onDuty": True},
        "user { onDuty }",
    )


def ask(review: Review, question: str, **extra: Any) -> dict[str, Any]:
    return {
        "reviewId": gid(review),
        "areaKey": "safeguarding",
        "kind": "NOT_MET",
        "question": question,
        **extra,
    }


async def test_the_lead_consults_the_duty_moderator_during_the_visit(world: World) -> None:
    review = await agreed_review(world, state=ReviewState.VISIT)
    flagged = await world.mutate(
        "lead",
        "requestConsultation",
        ask(review, "Jayden Smith (DOB 03/04/2015) said nobody checks the gate."),
        CONSULTATION,
    )
    assert flagged["errors"][0]["code"] == "PERSONAL_DATA"
    question = "Single central record lacks two references. Is that enough for not met?"
    reviewer = await world.mutate(
        "reviewer", "requestConsultation", ask(review, question), "consultation { id }"
    )
    assert reviewer["errors"][0]["code"] == "FORBIDDEN"
    asked = await world.ok("lead", "requestConsultation", ask(review, question), CONSULTATION)
    consultation = asked["consultation"]
    answer = {"consultationId": consultation["id"], "response": "What did the DSL say about it?"}
    off_duty = await world.mutate("moderator", "respondToConsultation", answer, CONSULTATION)
    assert off_duty["errors"][0]["code"] == "FORBIDDEN"
    await on_duty(world)
    queue = await world.gql(
        "moderator", "{ moderationQueue { consultations { consultation { id } } } }"
    )
    assert [c["consultation"]["id"] for c in queue["data"]["moderationQueue"]["consultations"]] == [
        consultation["id"]
    ]
    answered = await world.ok("moderator", "respondToConsultation", answer, CONSULTATION)
    assert answered["consultation"]["response"] == answer["response"]
    again = await world.mutate("moderator", "respondToConsultation", answer, CONSULTATION)
    assert again["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    read = "query($id: ID!) { node(id: $id) { ... on Review { consultations { question response } } } }"
    for who, count in (("lead", 1), ("reviewer", 1), ("moderator", 1), ("admin", 1), ("host", 0)):
        node = (await world.gql(who, read, {"id": gid(review)}))["data"]["node"]
        assert len(node["consultations"]) == count, who
    assert await AuditEvent.exists(action="consultation.respond", review_id=review.id)


async def test_a_consultation_carries_no_grade(world: World) -> None:
    review = await agreed_review(world, state=ReviewState.VISIT)
    body = await world.gql(
        "lead",
        "mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { errors { code } } }",
        {"input": ask(review, "Exceptional?", gradeKey="exceptional")},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    schema = get_schema()._schema
    for name in ("DutyConsultation", "RequestConsultationInput", "RespondToConsultationInput"):
        fields = set(schema.type_map[name].fields)  # type: ignore[union-attr]
        assert not {f for f in fields if "grade" in f.lower() or f == "met"}, name
    assert not {f for f in DutyConsultation._meta.fields if "grade" in f or f == "met"}
    assert await DutyConsultation.all().count() == 0


async def test_a_conflicted_duty_moderator_cannot_answer(world: World) -> None:
    review = await agreed_review(world, state=ReviewState.VISIT)
    asked = await world.ok(
        "lead", "requestConsultation", ask(review, "Is this not met?"), "consultation { id }"
    )
    duty = await make_user("duty@moderators.test", role=GlobalRole.MODERATOR)
    await SchoolRole.create(user=duty, school=world.schools["A"], role=SchoolRoleKind.GOVERNOR)
    await User.filter(id=duty.id).update(on_duty=True)
    world.users["duty"] = duty
    payload = await world.mutate(
        "duty",
        "respondToConsultation",
        {"consultationId": asked["consultation"]["id"], "response": "Ask the DSL."},
        CONSULTATION,
    )
    assert payload["errors"][0]["code"] == "CONFLICT_OF_INTEREST"
    assert "host school" in payload["errors"][0]["message"]


# --- the factual-accuracy check ---


async def test_factual_accuracy_points_are_answered_before_publication(world: World) -> None:
    review = await confirmed(world)
    raised = await world.ok(
        "host",
        "raiseFactualAccuracyPoint",
        {"reviewId": gid(review), "text": "We have 412 pupils, not 380.", "areaKey": "inclusion"},
        POINT,
    )
    point = raised["point"]
    blocked = await publish(world, review)
    assert blocked["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert "factual-accuracy point" in blocked["errors"][0]["message"]
    no_reason = await world.mutate(
        "lead",
        "answerFactualAccuracyPoint",
        {"pointId": point["id"], "accept": True, "reason": ""},
        POINT,
    )
    assert no_reason["errors"][0]["field"] == "reason"
    host = await world.mutate(
        "host",
        "answerFactualAccuracyPoint",
        {"pointId": point["id"], "accept": True, "reason": "Yes"},
        POINT,
    )
    assert host["errors"][0]["code"] == "FORBIDDEN"
    answered = await world.ok(
        "lead",
        "answerFactualAccuracyPoint",
        {"pointId": point["id"], "accept": False, "reason": "The census says 380 in January."},
        POINT,
    )
    assert answered["point"]["accepted"] is False
    assert (await publish(world, review))["errors"] == []


async def test_the_window_closes_and_unanswered_points_lapse(world: World) -> None:
    review = await confirmed(world)
    await world.ok(
        "host", "raiseFactualAccuracyPoint", {"reviewId": gid(review), "text": "Wrong date."}, POINT
    )
    await Review.filter(id=review.id).update(factual_accuracy_closes_at=now() - timedelta(hours=1))
    late = await world.mutate(
        "host", "raiseFactualAccuracyPoint", {"reviewId": gid(review), "text": "And more."}, POINT
    )
    assert late["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert await FactualAccuracyPoint.filter(review_id=review.id).count() == 1
    assert (await publish(world, review))["errors"] == []


# --- appeals ---


async def lodge(world: World, review: Review, area: str = "achievement") -> dict[str, Any]:
    fresh = await Review.get(id=review.id)
    payload: dict[str, Any] = await world.ok(
        "host",
        "lodgeAppeal",
        {
            "reviewId": gid(review),
            "version": fresh.version,
            "areaKey": area,
            "grounds": "The moderator did not consider the 2025 phonics results.",
        },
        APPEAL,
    )
    return payload["appeal"]


async def test_an_appeal_blocks_publication_until_it_is_decided(world: World) -> None:
    review = await confirmed(world)
    appeal = await lodge(world, review)
    assert (await Review.get(id=review.id)).state is ReviewState.APPEAL
    assert appeal["gradeBefore"] == {"key": "strong_standard"}
    blocked = await publish(world, review)
    assert blocked["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    # Even if the state were forced back, the open appeal still blocks publication.
    await Review.filter(id=review.id).update(state=ReviewState.FACTUAL_ACCURACY)
    forced = await publish(world, review)
    assert "an appeal is being heard" in forced["errors"][0]["message"]
    assert (await Review.get(id=review.id)).state is ReviewState.FACTUAL_ACCURACY


async def test_the_original_moderator_cannot_hear_the_appeal(world: World) -> None:
    review = await confirmed(world)
    appeal = await lodge(world, review)
    for who, moderator in (("admin", "moderator"), ("moderator", None)):
        data: dict[str, Any] = {"appealId": appeal["id"]}
        if moderator:
            data["moderatorId"] = encode("User", world.users[moderator].id)
        payload = await world.mutate(who, "assignAppealModerator", data, APPEAL)
        assert payload["appeal"] is None
        assert payload["errors"][0]["code"] == "CONFLICT_OF_INTEREST", who
        assert payload["errors"][0]["message"] == "They moderated this review."
    assert (await Appeal.get(review_id=review.id)).moderator_id is None


async def test_a_consulted_duty_moderator_cannot_hear_the_appeal(world: World) -> None:
    review = await confirmed(world)
    duty = await make_user("duty@moderators.test", role=GlobalRole.MODERATOR)
    await DutyConsultation.create(
        review=review,
        area_id=(await Judgement.filter(review_id=review.id)).pop().area_id,
        kind="not_met",
        question="Not met?",
        requested_by=world.users["lead"],
        requested_at=now(),
        responder=duty,
        response="Ask the DSL.",
        responded_at=now(),
    )
    appeal = await lodge(world, review)
    payload = await world.mutate(
        "admin",
        "assignAppealModerator",
        {"appealId": appeal["id"], "moderatorId": encode("User", duty.id)},
        APPEAL,
    )
    assert payload["errors"][0]["code"] == "CONFLICT_OF_INTEREST"
    assert "duty moderator" in payload["errors"][0]["message"]


async def test_a_moderator_reassigned_away_cannot_hear_the_appeal(world: World) -> None:
    """The first moderator saw the review before an administrator gave the round to another."""
    review = await assigned(world)
    other = await make_user("second@moderators.test", role=GlobalRole.MODERATOR)
    world.users["second"] = other
    await world.ok(
        "admin",
        "assignModerator",
        {"reviewId": gid(review), "moderatorId": encode("User", other.id)},
        "moderationRound { round }",
    )
    fresh = await Review.get(id=review.id)
    await world.ok(
        "second",
        "confirmModeration",
        {"reviewId": gid(review), "version": fresh.version},
        "review { state }",
    )
    appeal = await lodge(world, review)
    payload = await world.mutate(
        "admin",
        "assignAppealModerator",
        {"appealId": appeal["id"], "moderatorId": encode("User", world.users["moderator"].id)},
        APPEAL,
    )
    assert payload["errors"][0]["code"] == "CONFLICT_OF_INTEREST"
    assert payload["errors"][0]["message"] == "They were assigned to moderate this review."
    assert (await Appeal.get(review_id=review.id)).moderator_id is None


async def heard_by_another(world: World, review: Review) -> dict[str, Any]:
    appeal = await lodge(world, review)
    other = await make_user("appeals@moderators.test", role=GlobalRole.MODERATOR)
    world.users["appeals"] = other
    await world.ok(
        "admin",
        "assignAppealModerator",
        {"appealId": appeal["id"], "moderatorId": encode("User", other.id)},
        APPEAL,
    )
    return appeal


async def test_an_upheld_appeal_changes_the_moderated_grade_and_is_audited(world: World) -> None:
    review = await confirmed(world)
    appeal = await heard_by_another(world, review)
    original = await world.mutate(
        "moderator",
        "decideAppeal",
        {"appealId": appeal["id"], "outcome": "UPHELD", "reasons": "Fair."},
        APPEAL,
    )
    assert original["errors"][0]["code"] == "FORBIDDEN"
    not_upheld_with_grade = await world.mutate(
        "appeals",
        "decideAppeal",
        {
            "appealId": appeal["id"],
            "outcome": "NOT_UPHELD",
            "reasons": "The evidence supports the grade.",
            "gradeKey": "exceptional",
        },
        APPEAL,
    )
    assert not_upheld_with_grade["errors"][0]["code"] == "VALIDATION"
    decided = await world.ok(
        "appeals",
        "decideAppeal",
        {
            "appealId": appeal["id"],
            "outcome": "UPHELD",
            "reasons": "The 2025 phonics results were not considered and are strong.",
            "gradeKey": "exceptional",
        },
        APPEAL,
    )
    assert decided["appeal"]["outcome"] == "UPHELD"
    assert decided["appeal"]["gradeAfter"] == {"key": "exceptional"}
    moderated = await Judgement.get(
        review_id=review.id, kind=JudgementKind.MODERATED, area__key="achievement"
    ).prefetch_related("grade")
    assert moderated.grade is not None
    assert moderated.grade.key == "exceptional"
    event = await AuditEvent.get(action="judgement.moderated.appeal", review_id=review.id)
    assert event.detail["after"] == {"grade_id": moderated.grade_id}
    assert event.detail["before"]["grade_id"] != moderated.grade_id
    assert (await Review.get(id=review.id)).state is ReviewState.FACTUAL_ACCURACY
    host_view = await world.gql(
        "host",
        "query($id: ID!) { node(id: $id) { ... on Review { appeals { outcome outcomeReasons } } } }",
        {"id": gid(review)},
    )
    assert host_view["data"]["node"]["appeals"][0]["outcome"] == "UPHELD"
    assert (await publish(world, review))["errors"] == []


@pytest.mark.parametrize("outcome", ["NOT_UPHELD", "PARTLY_UPHELD"])
async def test_an_appeal_that_changes_no_grade(world: World, outcome: str) -> None:
    review = await confirmed(world)
    appeal = await heard_by_another(world, review)
    decided = await world.ok(
        "appeals",
        "decideAppeal",
        {"appealId": appeal["id"], "outcome": outcome, "reasons": "The grade stands."},
        APPEAL,
    )
    assert decided["appeal"]["gradeAfter"] == decided["appeal"]["gradeBefore"]
    assert not await AuditEvent.exists(action="judgement.moderated.appeal")
    assert await AuditEvent.exists(action="appeal.decide", review_id=review.id)


async def test_only_a_moderated_judgement_can_be_appealed(world: World) -> None:
    quiet = await agreed_review(world)
    await Review.filter(id=quiet.id).update(state=ReviewState.FACTUAL_ACCURACY)
    payload = await world.mutate(
        "host",
        "lodgeAppeal",
        {"reviewId": gid(quiet), "version": 0, "areaKey": "achievement", "grounds": "Unfair."},
        APPEAL,
    )
    assert payload["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert "moderated" in payload["errors"][0]["message"]


# --- publication and safeguarding ---


async def test_an_unresolved_concern_blocks_publication(world: World) -> None:
    review = await confirmed(world)
    concern = await Concern.create(
        review=review,
        raised_by=world.users["lead"],
        raised_at=now(),
        summary="A visitor was not asked to sign in.",
    )
    blocked = await publish(world, review)
    assert blocked["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert "moderator clearance" in blocked["errors"][0]["message"]
    await world.ok(
        "moderator",
        "resolveConcern",
        {"concernId": encode("Concern", concern.id), "note": "The DSL has acted."},
        "concern { id }",
    )
    assert (await publish(world, review))["errors"] == []


async def test_a_grade_changed_meanwhile_rolls_the_decision_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = await confirmed(world)
    appeal = await heard_by_another(world, review)
    change = appeals._change

    async def changed_meanwhile(*args: Any) -> dict[str, object]:
        # Another change to the moderated judgement lands between reading it and deciding.
        found = await change(*args)
        await Judgement.filter(
            review_id=review.id, kind=JudgementKind.MODERATED, area__key="achievement"
        ).update(version=99)
        return found

    monkeypatch.setattr(appeals, "_change", changed_meanwhile)
    decision = {
        "appealId": appeal["id"],
        "outcome": "UPHELD",
        "reasons": "The 2025 phonics results are strong.",
        "gradeKey": "exceptional",
    }
    payload = await world.mutate("appeals", "decideAppeal", decision, APPEAL)
    assert payload["errors"][0]["code"] == "CONFLICT"
    assert (await Appeal.get(review_id=review.id)).decided_at is None
    assert (await Review.get(id=review.id)).state is ReviewState.APPEAL
    moderated = await Judgement.get(
        review_id=review.id, kind=JudgementKind.MODERATED, area__key="achievement"
    ).prefetch_related("grade")
    assert moderated.grade is not None
    assert moderated.grade.key == "strong_standard"
    assert not await AuditEvent.exists(action="appeal.decide", review_id=review.id)


async def test_a_moderator_with_undecided_work_keeps_the_role_until_it_is_reassigned(
    world: World,
) -> None:
    review = await assigned(world)
    moderator = world.users["moderator"]
    await User.filter(id=moderator.id).update(on_duty=True)
    demote = {"userId": encode("User", moderator.id), "globalRole": "SCHOOL_USER"}
    refused = await world.mutate("admin", "setGlobalRole", demote, "user { globalRole }")
    assert refused["errors"][0]["code"] == "CONFLICT"
    assert "1 moderation round(s)" in refused["errors"][0]["message"]
    assert (await User.get(id=moderator.id)).global_role is GlobalRole.MODERATOR
    fresh = await Review.get(id=review.id)
    await world.ok(
        "moderator",
        "confirmModeration",
        {"reviewId": gid(review), "version": fresh.version},
        "review { state }",
    )
    done = await world.ok("admin", "setGlobalRole", demote, "user { globalRole }")
    assert done["user"]["globalRole"] == "SCHOOL_USER"
    after = await User.get(id=moderator.id)
    assert (after.global_role, after.on_duty) == (GlobalRole.SCHOOL_USER, False)


async def test_governors_read_the_timeline_without_the_inside_steps(world: World) -> None:
    """Appeals and moderation selection are for those working on the review: a governor
    reading the published report sees the other steps, and nobody's name."""
    review = await confirmed(world)
    appeal = await heard_by_another(world, review)
    await world.ok(
        "appeals",
        "decideAppeal",
        {"appealId": appeal["id"], "outcome": "NOT_UPHELD", "reasons": "The grade stands."},
        APPEAL,
    )
    assert (await publish(world, review))["errors"] == []
    await Partnership.filter(id=world.partnership.id).update(
        report_visibility=ReportVisibility.GOVERNORS
    )
    query = "query($id: ID!) { node(id: $id) { ... on Review { timeline { step actor { displayName } } } } }"
    steps = {}
    for who in ("host", "governor"):
        timeline = (await world.gql(who, query, {"id": gid(review)}))["data"]["node"]["timeline"]
        steps[who] = [t["step"] for t in timeline]
        assert all(t["actor"] is None for t in timeline), who
    assert {"select", "appeal", "decide_appeal"} <= set(steps["host"])
    assert steps["governor"] == [
        s for s in steps["host"] if s not in ("select", "appeal", "decide_appeal", "return")
    ]
    assert "publish" in steps["governor"]
