"""The rules inside a review: hidden judgements, conflicts, illegal steps, concurrency,
personal data, concerns and the AP register."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from peerqa import hookimpl, pluginhost
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.lifecycle import RULES, Transition
from peerqa.models import (
    ApPlacement,
    AuditEvent,
    Concern,
    ConcernAction,
    Evidence,
    Judgement,
    Review,
    TeamMember,
)
from peerqa.models.enums import InvitationStatus, ReviewState, TeamRole
from peerqa.schema.ids import decode
from peerqa.services import concerns
from tests.api.test_review_workflow import form_team
from tests.factories import make_review
from tests.review_world import (
    World,
    areas_of,
    build_world,
    create_review,
    judgement_input,
    step,
)

JUDGEMENTS = "query($id: ID!) { node(id: $id) { ... on Review { independentJudgements { author { displayName } area { key } grade { key } } } } }"


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    w = await build_world(settings, make_client)
    yield w
    await w.close()


async def in_visit(world: World) -> dict[str, Any]:
    review = await form_team(world, await create_review(world))
    return await step(world, "lead", "startVisit", review)


async def independent(world: World, who: str, review: dict[str, Any]) -> list[dict[str, Any]]:
    body = await world.gql(who, JUDGEMENTS, {"id": review["id"]})
    node = body["data"]["node"]
    return [] if node is None else node["independentJudgements"]


async def test_independent_judgements_stay_hidden_until_you_submit(world: World) -> None:
    review = await in_visit(world)
    areas, grades = await areas_of(world, review)
    for area in areas:
        await world.ok(
            "lead",
            "saveIndependentJudgement",
            judgement_input(review["id"], area, grades),
            "judgement { version }",
        )
    # The reviewer has written nothing: they see nothing of the lead's, even drafts.
    assert await independent(world, "reviewer", review) == []
    await world.ok(
        "lead", "submitIndependentJudgements", {"reviewId": review["id"]}, "judgements { version }"
    )
    assert await independent(world, "reviewer", review) == []  # still hidden: not submitted own
    await world.ok(
        "reviewer",
        "saveIndependentJudgement",
        judgement_input(review["id"], areas[0], grades, 2),
        "judgement { version }",
    )
    mine = await independent(world, "reviewer", review)
    assert {j["author"]["displayName"] for j in mine} == {world.users["reviewer"].display_name}
    for area in areas[1:]:
        await world.ok(
            "reviewer",
            "saveIndependentJudgement",
            judgement_input(review["id"], area, grades, 2),
            "judgement { version }",
        )
    await world.ok(
        "reviewer",
        "submitIndependentJudgements",
        {"reviewId": review["id"]},
        "judgements { version }",
    )
    both = await independent(world, "reviewer", review)
    assert len(both) == 2 * len(areas)
    # The host never sees independent judgements; moderators see submitted ones.
    assert await independent(world, "host", review) == []
    assert len(await independent(world, "moderator", review)) == 2 * len(areas)


async def test_moderators_do_not_see_drafts(world: World) -> None:
    review = await in_visit(world)
    areas, grades = await areas_of(world, review)
    await world.ok(
        "lead",
        "saveIndependentJudgement",
        judgement_input(review["id"], areas[0], grades),
        "judgement { version }",
    )
    assert await independent(world, "moderator", review) == []


async def invite(
    world: World, review: dict[str, Any], who: str, role: str = "REVIEWER"
) -> dict[str, Any]:
    payload: dict[str, Any] = await world.mutate(
        "host",
        "inviteTeamMember",
        {"reviewId": review["id"], "email": world.users[who].email, "role": role},
        "teamMember { status }",
    )
    return payload


async def test_conflict_host_school_and_trust(world: World) -> None:
    review = await create_review(world)
    # The host's own DSL is not a leader of another school, so use a second head at the host.
    from tests.factories import make_user

    colleague = await make_user("deputy@host.test", school=world.schools["A"])
    world.users["colleague"] = colleague
    payload = await invite(world, review, "colleague")
    messages = [e["message"] for e in payload["errors"]]
    assert messages[0] == "They work at the host school."
    assert "in the host's trust" in messages[1]
    assert {e["code"] for e in payload["errors"]} == {"CONFLICT_OF_INTEREST"}
    payload = await invite(world, review, "sister")
    assert payload["errors"][0]["code"] == "CONFLICT_OF_INTEREST"
    assert "in the host's trust" in payload["errors"][0]["message"]
    assert not await TeamMember.exists(review_id=decode(review["id"], "Review", "id"))


async def test_conflict_reviewed_recently_and_reciprocal(world: World) -> None:
    host, lead_school = world.schools["A"], world.schools["B"]
    # The lead reviewed the host last year.
    earlier = await make_review(
        host,
        world.partnership,
        state=ReviewState.PUBLISHED,
        team=((world.users["lead"], TeamRole.LEAD),),
    )
    review = await create_review(world)
    payload = await invite(world, review, "lead", "LEAD")
    assert [e["code"] for e in payload["errors"]] == ["CONFLICT_OF_INTEREST"]
    assert f"reviewed this school in {earlier.created_at.year}" in payload["errors"][0]["message"]
    # Outside the window it is allowed.
    await Review.filter(id=earlier.id).update(created_at=now() - timedelta(days=365 * 4))
    assert (await invite(world, review, "lead", "LEAD"))["errors"] == []
    # The host's head reviewed the reviewer's school: reciprocal, refused unless allowed.
    reviewer_school = world.schools["C"]
    other = await make_review(reviewer_school, world.partnership, state=ReviewState.PUBLISHED)
    await TeamMember.create(
        review=other,
        user=world.users["host"],
        school=host,
        role=TeamRole.REVIEWER,
        status=InvitationStatus.ACCEPTED,
    )
    payload = await invite(world, review, "reviewer")
    assert "reciprocal" in payload["errors"][0]["message"]
    world.partnership.allow_reciprocal = True
    await world.partnership.save()
    assert (await invite(world, review, "reviewer"))["errors"] == []
    del lead_school


async def test_conflict_rules_from_plugins(world: World) -> None:
    class GovernorRule:
        @hookimpl
        def peerqa_conflicts(self, check: Any) -> list[str]:
            return ["They are a governor of the host school."] if check.role == "reviewer" else []

    class BrokenRule:
        @hookimpl
        def peerqa_conflicts(self, check: Any) -> list[str]:
            raise RuntimeError("boom")

    manager = pluginhost.manager()
    rules = [GovernorRule(), BrokenRule()]
    for rule in rules:
        manager.register(rule)
    try:
        review = await create_review(world)
        payload = await invite(world, review, "reviewer")
        assert [e["message"] for e in payload["errors"]] == [
            "They are a governor of the host school."
        ]
        assert (await invite(world, review, "lead", "LEAD"))["errors"] == []
    finally:
        for rule in rules:
            manager.unregister(rule)


async def test_phase_warning(world: World) -> None:
    review = await create_review(world)
    await invite(world, review, "reviewer")  # a secondary head for a primary host
    body = await world.gql(
        "host",
        "query($id: ID!) { node(id: $id) { ... on Review { teamWarnings } } }",
        {"id": review["id"]},
    )
    assert body["data"]["node"]["teamWarnings"] == ["No one on the team leads a primary school."]
    await invite(world, review, "lead", "LEAD")
    body = await world.gql(
        "host",
        "query($id: ID!) { node(id: $id) { ... on Review { teamWarnings } } }",
        {"id": review["id"]},
    )
    assert body["data"]["node"]["teamWarnings"] == []


ACTOR_FOR = {
    Transition.OPEN_SELF_EVALUATION: "host",
    Transition.CONFIRM_TEAM: "host",
    Transition.START_VISIT: "lead",
    Transition.START_CONSENSUS: "lead",
    Transition.SUBMIT: "lead",
    Transition.PUBLISH: "host",
    Transition.START_FOLLOW_UP: "host",
    Transition.WITHDRAW: "host",
}
MUTATION_FOR = {
    Transition.OPEN_SELF_EVALUATION: "openSelfEvaluation",
    Transition.CONFIRM_TEAM: "confirmTeam",
    Transition.START_VISIT: "startVisit",
    Transition.START_CONSENSUS: "startConsensus",
    Transition.SUBMIT: "submitReview",
    Transition.PUBLISH: "publishReview",
    Transition.START_FOLLOW_UP: "startFollowUp",
    Transition.WITHDRAW: "withdrawReview",
}


async def test_every_illegal_transition_changes_nothing(world: World) -> None:
    review = await create_review(world)
    key = decode(review["id"], "Review", "id")
    await TeamMember.create(
        review_id=key,
        user=world.users["lead"],
        school=world.schools["B"],
        role=TeamRole.LEAD,
        status=InvitationStatus.ACCEPTED,
    )
    for who in set(ACTOR_FOR.values()):
        await world.client(who)  # sign in first: logins are audited too
    checked = 0
    for state in ReviewState:
        for transition, rule in RULES.items():
            if state in rule.sources:
                continue
            if (transition, state) == (Transition.SUBMIT, ReviewState.SUBMITTED):
                continue  # retries a failed sampling: see test_moderation
            await Review.filter(id=key).update(state=state)
            before = (await Review.get(id=key)).version, await AuditEvent.all().count()
            payload = await world.mutate(
                ACTOR_FOR[transition],
                MUTATION_FOR[transition],
                {"reviewId": review["id"], "version": before[0]},
                "review { state }",
            )
            assert payload["review"] is None
            assert payload["errors"][0]["code"] in ("ILLEGAL_TRANSITION", "NOT_FOUND"), (
                state,
                transition,
                payload,
            )
            after = await Review.get(id=key)
            assert (after.state, after.version, await AuditEvent.all().count()) == (
                state,
                before[0],
                before[1],
            )
            checked += 1
    assert checked > 90


async def test_wrong_role_cannot_take_a_step(world: World) -> None:
    review = await create_review(world)
    for who in ("lead", "reviewer", "moderator", "governor", "outsider", "host_dsl"):
        payload = await world.mutate(
            who, "openSelfEvaluation", {"reviewId": review["id"], "version": 0}, "review { state }"
        )
        assert payload["errors"][0]["code"] in ("FORBIDDEN", "NOT_FOUND"), who
    assert (await Review.get(id=decode(review["id"], "Review", "id"))).state is ReviewState.DRAFT


async def test_two_concurrent_edits_of_one_judgement(world: World) -> None:
    review = await in_visit(world)
    areas, grades = await areas_of(world, review)
    created = await world.ok(
        "lead",
        "saveIndependentJudgement",
        judgement_input(review["id"], areas[0], grades),
        "judgement { version }",
    )
    version = created["judgement"]["version"]
    lead = await world.client("lead")
    second = world.make_client(world.settings)
    await second.__aenter__()
    try:
        from tests.factories import signed_in

        await signed_in(second, world.users["lead"])
        query = "mutation($input: JudgementInput!) { saveIndependentJudgement(input: $input) { judgement { version rationale } errors { code currentVersion } } }"

        async def edit(client: Any, text: str) -> dict[str, Any]:
            data = judgement_input(review["id"], areas[0], grades, rationale=text, version=version)
            response = await client.post(
                "/graphql", json={"query": query, "variables": {"input": data}}
            )
            result: dict[str, Any] = response.json()["data"]["saveIndependentJudgement"]
            return result

        results = await asyncio.gather(edit(lead, "first writer"), edit(second, "second writer"))
    finally:
        await second.__aexit__(None, None, None)
    winners = [r for r in results if not r["errors"]]
    losers = [r for r in results if r["errors"]]
    assert len(winners) == 1
    assert len(losers) == 1
    assert losers[0]["errors"] == [{"code": "CONFLICT", "currentVersion": version + 1}]
    stored = await Judgement.get(kind="independent", area__key=areas[0]["key"])
    assert stored.rationale == winners[0]["judgement"]["rationale"]
    assert stored.version == version + 1


async def test_personal_data_in_evidence_is_refused_until_confirmed(world: World) -> None:
    review = await in_visit(world)
    areas, _ = await areas_of(world, review)
    text = "Spoke to pupil Jayden Smith (Y4) about reading."
    data = {
        "reviewId": review["id"],
        "evidence": {"kind": "PUPIL_CONVERSATION", "text": text, "areaKeys": [areas[0]["key"]]},
    }
    payload = await world.mutate("reviewer", "addEvidence", data, "evidence { id }")
    assert payload["evidence"] is None
    assert payload["errors"][0]["code"] == "PERSONAL_DATA"
    assert payload["errors"][0]["field"] == "text"
    assert await Evidence.all().count() == 0
    data["evidence"]["confirmNoPersonalData"] = True
    assert (await world.mutate("reviewer", "addEvidence", data, "evidence { id }"))["errors"] == []
    assert await Evidence.all().count() == 1


async def test_evidence_is_the_teams_not_the_hosts(world: World) -> None:
    review = await in_visit(world)
    areas, _ = await areas_of(world, review)
    await world.ok(
        "reviewer",
        "addEvidence",
        {
            "reviewId": review["id"],
            "evidence": {
                "kind": "DOCUMENT",
                "text": "Attendance policy read.",
                "areaKeys": [areas[0]["key"]],
            },
        },
        "evidence { id }",
    )
    query = "query($id: ID!) { node(id: $id) { ... on Review { evidence { totalCount } } } }"
    for who, count in (("lead", 1), ("reviewer", 1), ("moderator", 1), ("host", 0)):
        body = await world.gql(who, query, {"id": review["id"]})
        assert body["data"]["node"]["evidence"]["totalCount"] == count, who
    denied = await world.mutate(
        "host",
        "addEvidence",
        {
            "reviewId": review["id"],
            "evidence": {"kind": "DOCUMENT", "text": "x", "areaKeys": [areas[0]["key"]]},
        },
        "evidence { id }",
    )
    assert denied["errors"][0]["code"] == "FORBIDDEN"


async def raise_concern(
    world: World, review: dict[str, Any], about_head: bool = False
) -> dict[str, Any]:
    payload: dict[str, Any] = await world.ok(
        "reviewer",
        "raiseConcern",
        {
            "reviewId": review["id"],
            "summary": "A pupil described being left alone off site.",
            "aboutHeadteacher": about_head,
            "toldDsl": not about_head,
        },
        "concern { id } statutoryRoute",
    )
    return payload


async def test_concerns_block_publication_until_resolved_and_reads_are_logged(world: World) -> None:
    review = await in_visit(world)
    raised = await raise_concern(world, review)
    assert "999" in raised["statutoryRoute"]
    key = decode(review["id"], "Review", "id")
    await Review.filter(id=key).update(state=ReviewState.FACTUAL_ACCURACY)
    version = (await Review.get(id=key)).version
    blocked = await world.mutate(
        "host", "publishReview", {"reviewId": review["id"], "version": version}, "review { state }"
    )
    assert blocked["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert "awaiting moderator clearance" in blocked["errors"][0]["message"]
    reads_before = await AuditEvent.filter(action="concern.read").count()
    body = await world.gql(
        "moderator",
        "query($id: ID!) { node(id: $id) { ... on Review { concerns { summary resolved } } } }",
        {"id": review["id"]},
    )
    assert body["data"]["node"]["concerns"] == [
        {"summary": "A pupil described being left alone off site.", "resolved": False}
    ]
    assert await AuditEvent.filter(action="concern.read").count() == reads_before + 1
    concern_id = raised["concern"]["id"]
    refused = await world.mutate(
        "lead", "resolveConcern", {"concernId": concern_id, "note": "done"}, "concern { id }"
    )
    assert refused["errors"][0]["code"] == "FORBIDDEN"
    await world.ok("moderator", "acknowledgeConcern", {"concernId": concern_id}, "concern { id }")
    empty = await world.mutate(
        "moderator", "resolveConcern", {"concernId": concern_id}, "concern { id }"
    )
    assert empty["errors"][0]["field"] == "note"
    await world.ok(
        "moderator",
        "resolveConcern",
        {
            "concernId": concern_id,
            "note": "Referred to children's social care; DSL confirmed action.",
        },
        "concern { id }",
    )
    published = await world.ok(
        "host", "publishReview", {"reviewId": review["id"], "version": version}, "review { state }"
    )
    assert published["review"]["state"] == "PUBLISHED"


async def test_a_concern_about_the_headteacher_is_hidden_from_host_staff(world: World) -> None:
    review = await in_visit(world)
    raised = await raise_concern(world, review, about_head=True)
    assert "chair of governors" in raised["statutoryRoute"]
    query = "query($id: ID!) { node(id: $id) { ... on Review { concerns { aboutHeadteacher } } } }"
    for who, count in (
        ("host", 0),
        ("host_dsl", 0),
        ("moderator", 1),
        ("lead", 1),
        ("reviewer", 1),
    ):
        body = await world.gql(who, query, {"id": review["id"]})
        assert len(body["data"]["node"]["concerns"]) == count, who
    node = await world.gql(
        "host", "query($id: ID!) { node(id: $id) { id } }", {"id": raised["concern"]["id"]}
    )
    assert node["data"]["node"] is None


async def test_unacknowledged_concerns_escalate_once(world: World) -> None:
    review = await in_visit(world)
    await raise_concern(world, review)
    assert await concerns.escalate_overdue(timedelta(minutes=120)) == []
    await Concern.all().update(raised_at=now() - timedelta(hours=3))
    first = await concerns.escalate_overdue(timedelta(minutes=120))
    assert len(first) == 1
    assert await concerns.escalate_overdue(timedelta(minutes=120)) == []
    assert await ConcernAction.filter(kind="escalated").count() == 1


async def test_only_the_team_and_moderators_raise_concerns(world: World) -> None:
    review = await in_visit(world)
    for who in ("host", "governor", "outsider"):
        payload = await world.mutate(
            who, "raiseConcern", {"reviewId": review["id"], "summary": "x"}, "concern { id }"
        )
        assert payload["errors"][0]["code"] in ("FORBIDDEN", "NOT_FOUND"), who
    assert await Concern.all().count() == 0


PLACEMENT = {
    "reference": "AP-07",
    "registeredProvider": False,
    "fullTime": True,
    "startedOn": "2026-09-08",
}


async def test_ap_register(world: World) -> None:
    review = await create_review(world)
    added = await world.ok(
        "host",
        "addApPlacement",
        {"reviewId": review["id"], "placement": PLACEMENT},
        "placement { id reference version plannedEndOn }",
    )
    assert added["placement"]["plannedEndOn"] is None  # open-ended
    duplicate = await world.mutate(
        "host",
        "addApPlacement",
        {"reviewId": review["id"], "placement": PLACEMENT},
        "placement { id }",
    )
    assert duplicate["errors"][0]["code"] == "CONFLICT"
    for bad, field in (
        ({"reference": "Jayden Smith"}, "reference"),
        ({"plannedEndOn": "2026-01-01"}, "plannedEndOn"),
    ):
        payload = await world.mutate(
            "host",
            "addApPlacement",
            {"reviewId": review["id"], "placement": {**PLACEMENT, **bad}},
            "placement { id }",
        )
        assert payload["errors"][0]["field"] == field
    updated = await world.ok(
        "host",
        "updateApPlacement",
        {
            "placementId": added["placement"]["id"],
            "version": 0,
            "placement": {**PLACEMENT, "exitPlan": True},
        },
        "placement { exitPlan version }",
    )
    assert updated["placement"] == {"exitPlan": True, "version": 1}
    stale = await world.mutate(
        "host",
        "updateApPlacement",
        {"placementId": added["placement"]["id"], "version": 0, "placement": PLACEMENT},
        "placement { id }",
    )
    assert stale["errors"][0]["code"] == "CONFLICT"
    denied = await world.mutate(
        "lead",
        "addApPlacement",
        {"reviewId": review["id"], "placement": {**PLACEMENT, "reference": "AP-08"}},
        "placement { id }",
    )
    assert denied["errors"][0]["code"] in ("FORBIDDEN", "NOT_FOUND")
    assert await ApPlacement.all().count() == 1


async def test_safeguarding_is_not_met_if_any_item_fails(world: World) -> None:
    review = await in_visit(world)
    areas, grades = await areas_of(world, review)
    safeguarding = next(a for a in areas if a["kind"] == "MET_NOT_MET")
    data = judgement_input(
        review["id"],
        safeguarding,
        grades,
        checklist=[
            {"key": "dsl_in_place", "checked": True},
            {"key": "training_current", "checked": False},
        ],
    )
    payload = await world.mutate("lead", "saveIndependentJudgement", data, "judgement { met }")
    assert payload["errors"][0]["field"] == "met"
    data["met"] = False
    saved = await world.ok(
        "lead", "saveIndependentJudgement", data, "judgement { met checklist { key checked } }"
    )
    answers = {a["key"]: a["checked"] for a in saved["judgement"]["checklist"]}
    assert answers["training_current"] is False
    assert answers["records_accurate"] is None


async def test_two_concurrent_lead_invitations_make_one_lead(world: World) -> None:
    from tests.factories import make_school, make_user

    review = await create_review(world)
    other = await make_user(
        "head@second-lead.test", school=await make_school("Second Lead Primary")
    )
    world.users["second"] = other
    host = await world.client("host")
    query = "mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { teamMember { role } errors { code } } }"

    async def invite_lead(email: str) -> dict[str, Any]:
        response = await host.post(
            "/graphql",
            json={
                "query": query,
                "variables": {"input": {"reviewId": review["id"], "email": email, "role": "LEAD"}},
            },
        )
        result: dict[str, Any] = response.json()["data"]["inviteTeamMember"]
        return result

    results = await asyncio.gather(invite_lead(world.users["lead"].email), invite_lead(other.email))
    assert sorted(bool(r["errors"]) for r in results) == [False, True]
    assert await TeamMember.filter(role="lead").count() == 1


async def test_confirming_the_team_lapses_unanswered_invitations(world: World) -> None:
    review = await create_review(world)
    review = await step(world, "host", "openSelfEvaluation", review)
    areas, grades = await areas_of(world, review)
    for area in areas:
        await world.ok(
            "host",
            "saveSelfEvaluation",
            judgement_input(review["id"], area, grades),
            "judgement { version }",
        )
    await invite(world, review, "lead", "LEAD")
    await world.ok(
        "lead",
        "respondToInvitation",
        {"reviewId": review["id"], "accept": True},
        "teamMember { status }",
    )
    await invite(world, review, "reviewer")  # never answers
    await step(world, "host", "confirmTeam", review)
    body = await world.gql(
        "reviewer", "query($id: ID!) { node(id: $id) { id } }", {"id": review["id"]}
    )
    assert body["data"]["node"] is None
    assert await TeamMember.filter(status="withdrawn").count() == 1


async def test_host_staff_see_a_concern_but_not_who_raised_it(world: World) -> None:
    review = await in_visit(world)
    await raise_concern(world, review)
    query = "query($id: ID!) { node(id: $id) { ... on Review { concerns { raisedBy { displayName } } } } }"
    host = await world.gql("host", query, {"id": review["id"]})
    assert host["data"]["node"]["concerns"] == [{"raisedBy": None}]
    moderator = await world.gql("moderator", query, {"id": review["id"]})
    assert moderator["data"]["node"]["concerns"] == [
        {"raisedBy": {"displayName": world.users["reviewer"].display_name}}
    ]


async def test_the_concern_inbox_lists_only_reviews_with_an_open_concern(world: World) -> None:
    """Moderators page through every review with an unresolved concern; nobody else may ask."""
    with_concern = await in_visit(world)
    raised = await raise_concern(world, with_concern, about_head=True)
    await make_review(world.schools["A"], world.partnership)  # no concern: not listed
    query = "{ reviews(first: 100, withOpenConcerns: true) { totalCount nodes { id } } }"
    for who in ("moderator", "admin"):
        listed = (await world.gql(who, query))["data"]["reviews"]
        assert [n["id"] for n in listed["nodes"]] == [with_concern["id"]], who
    for who in ("host", "lead"):  # the host's head may not learn of a concern about them
        refused = await world.gql(who, query)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
    await world.ok(
        "moderator",
        "resolveConcern",
        {"concernId": raised["concern"]["id"], "note": "The LADO took it forward."},
        "concern { id }",
    )
    assert (await world.gql("moderator", query))["data"]["reviews"]["totalCount"] == 0
