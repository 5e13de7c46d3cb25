"""Every root field of the schema, as every kind of caller: exactly who is allowed and who is not.

``MATRIX`` holds one entry per root Query and Mutation field (``SUBSCRIPTIONS`` one per root
Subscription field): one or more scenarios, each a GraphQL document, the variables each caller
sends, and the callers that must be allowed; every other caller must be denied. A field added to
the schema without an entry fails ``test_every_root_field_has_an_entry``.

The callers are those of ``tests.review_world``: an admin, a moderator, the host school's
headteacher, the lead reviewer (head of B) and a reviewer (head of C), both accepted on the
review's team, a governor of the host school, the head of a school in another partnership, and
an anonymous caller.

What "denied" means:

- the response carries an error whose ``extensions.code`` is UNAUTHENTICATED, FORBIDDEN or
  NOT_FOUND, or a mutation payload's ``errors`` carry one of those codes; or
- for a read of something scoped (``node``, a list), the data does not show it to this caller
  (``node`` is null, the list leaves it out) while others see it.

"Allowed" is the opposite, and stricter than "not denied": each scenario puts the data in the
state its permitted callers need (the review is reset to the transition's source state before
each caller, drafts are removed, versions are read afresh, ...), so an allowed mutation must come
back with no errors at all and an allowed read must show the object. Any other error (VALIDATION,
ILLEGAL_TRANSITION, CONFLICT, BAD_REQUEST, INTERNAL) for a caller the table allows fails the test:
permission is checked before state, and the table is about permission.

Scenarios are arranged with the ORM (fast and exact), and every caller goes through the real
HTTP app with a real session cookie. Sessions are opened directly in the database rather than by
``login`` (argon2 costs ~0.25 s a sign-in, seven callers a test); the ``login`` row signs in for
real. Subscriptions run through the schema with each caller's actor (``first_message``).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from graphql import GraphQLSchema, OperationDefinitionNode, parse
from graphql.language import FieldNode

from peerqa import events
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.credentials import digest, new_token
from peerqa.models import (
    ApiToken,
    Appeal,
    ApPlacement,
    Area,
    Concern,
    ConcernAction,
    DutyConsultation,
    Evidence,
    EvidenceArea,
    FactualAccuracyPoint,
    Framework,
    Grade,
    Judgement,
    Moderation,
    PartnershipMember,
    Report,
    Review,
    SchoolRole,
    Session,
    TeamMember,
    User,
)
from peerqa.models.enums import (
    AreaKind,
    EvidenceKind,
    GlobalRole,
    InvitationStatus,
    JudgementKind,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)
from peerqa.schema import get_schema
from peerqa.schema.context import Context
from peerqa.schema.http import session_cookie_name
from peerqa.schema.ids import encode
from peerqa.services import auth
from peerqa.services.reviews import applicable_areas
from tests.factories import PASSWORD, make_user
from tests.review_world import World, build_world

S = ReviewState

# --- the callers and the outcomes ---

CONTEXTS = ("admin", "moderator", "host", "lead", "reviewer", "governor", "outsider", "anonymous")
ALLOW, DENY = "allow", "deny"
DENY_CODES = frozenset({"UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"})

EVERYONE = CONTEXTS
SIGNED_IN = CONTEXTS[:-1]
OVERSEERS = ("admin", "moderator")
HOST = ("host",)
LEAD = ("lead",)
TEAM = ("lead", "reviewer")
INSIDE = (*OVERSEERS, "host", *TEAM)
"""Who works on a review before it is published: overseers, the host's staff, the team."""


def schema() -> GraphQLSchema:
    return get_schema()._schema


# --- the stage: the world of tests.review_world plus what each scenario builds in it ---


@dataclass
class Stage:
    world: World
    framework: Framework
    review: Review | None = None
    ids: dict[str, Any] = field(default_factory=dict)
    """Objects a scenario made, by name (global IDs and primary keys)."""

    def user_id(self, who: str) -> int:
        return self.world.users[who].id

    @property
    def review_gid(self) -> str:
        assert self.review is not None
        return encode("Review", self.review.id)

    async def new_review(
        self,
        state: ReviewState,
        *,
        lead: InvitationStatus | None = InvitationStatus.ACCEPTED,
        reviewer: InvitationStatus | None = InvitationStatus.ACCEPTED,
    ) -> Review:
        """A review of school A in state ``state``, visit details set, with its team."""
        review = await Review.create(
            host_school=self.world.schools["A"],
            partnership=self.world.partnership,
            framework=self.framework,
            state=state,
            title=f"Review in {state.value}",
            visit_starts_on=date(2026, 12, 1),
            visit_ends_on=date(2026, 12, 2),
            dsl_name="Designated Lead",
            deputy_dsl_name="Deputy Lead",
        )
        for who, school, role, status in (
            ("lead", "B", TeamRole.LEAD, lead),
            ("reviewer", "C", TeamRole.REVIEWER, reviewer),
        ):
            if status is not None:
                await TeamMember.create(
                    review=review,
                    user_id=self.user_id(who),
                    school_id=self.world.schools[school].urn,
                    role=role,
                    status=status,
                )
        self.review = review
        return review

    async def at(self, state: ReviewState) -> dict[str, Any]:
        """Put the review back in ``state``; its reference at the current version."""
        assert self.review is not None
        await Review.filter(id=self.review.id).update(state=state)
        version = (await Review.get(id=self.review.id)).version
        return {"reviewId": self.review_gid, "version": version}

    async def areas(self) -> list[Area]:
        assert self.review is not None
        return await applicable_areas(self.review)

    async def complete(self, kind: JudgementKind, who: str, *, submitted: bool) -> None:
        """A complete judgement of this kind by ``who`` for every applicable area."""
        assert self.review is not None
        grade = await Grade.filter(framework_id=self.framework.id).order_by("rank").first()
        assert grade is not None
        for area in await self.areas():
            await Judgement.create(
                review=self.review,
                area=area,
                kind=kind,
                author_id=self.user_id(who),
                grade_id=grade.id if area.kind is AreaKind.GRADED else None,
                met=True if area.kind is AreaKind.MET_NOT_MET else None,
                narrative="Leaders know their pupils well.",
                rationale="Seen in lessons.",
                submitted_at=now() if submitted else None,
            )

    async def evidence(self, who: str) -> Evidence:
        assert self.review is not None
        area = (await self.areas())[0]
        found = await Evidence.create(
            review=self.review,
            author_id=self.user_id(who),
            kind=EvidenceKind.LESSON_VISIT,
            text="Pupils explained their reasoning in maths.",
            observed_at=now(),
        )
        await EvidenceArea.create(evidence=found, area=area)
        return found

    async def concern(self, who: str, *, about_headteacher: bool = False) -> Concern:
        assert self.review is not None
        return await Concern.create(
            review=self.review,
            raised_by_id=self.user_id(who),
            raised_at=now(),
            summary="A visitor was not asked to sign in at reception.",
            about_headteacher=about_headteacher,
        )

    async def placement(self) -> ApPlacement:
        assert self.review is not None
        return await ApPlacement.create(
            review=self.review,
            reference="AP-1",
            registered_provider=True,
            full_time=False,
            started_on=date(2025, 9, 1),
        )

    async def tokens(self) -> None:
        """One API token for each signed-in caller, named after them."""
        for who in SIGNED_IN:
            token = await ApiToken.create(
                user_id=self.user_id(who),
                name=f"{who} script",
                prefix=f"pqa_{who}"[:12],
                token_hash=digest(new_token("pqa_")),
            )
            self.ids[f"token:{who}"] = token.id


async def open_session(world: World, who: str) -> None:
    """Sign ``who`` in with a real session cookie, without paying for argon2."""
    raw = new_token()
    at = now()
    await Session.create(
        token_hash=digest(raw), user_id=world.users[who].id, created_at=at, last_seen_at=at
    )
    client = world.make_client(world.settings)
    await client.__aenter__()
    client.cookies.set(session_cookie_name(world.settings), raw, domain="peerqa.test", path="/")
    world.clients[who] = client


@pytest.fixture
async def stage(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[Stage]:
    world = await build_world(settings, make_client)
    for who in SIGNED_IN:
        await open_session(world, who)
    framework = await Framework.get(key="national", is_current=True)
    yield Stage(world=world, framework=framework)
    await world.close()


# --- scenarios ---

Variables = Callable[[Stage, str], Awaitable[dict[str, Any]] | dict[str, Any]]
Arrange = Callable[[Stage], Awaitable[None]]
Sees = Callable[[Any, Stage, str], bool]


@dataclass(frozen=True)
class Scenario:
    label: str
    document: str
    allowed: tuple[str, ...]
    """The callers that must be allowed; every other caller must be denied."""
    variables: Variables
    """What ``who`` sends; also resets the data so an allowed call can succeed."""
    arrange: Arrange | None = None
    """Builds what the scenario needs, once, before the first caller."""
    sees: Sees | None = None
    """For reads: whether the data shows the object to ``who`` (not shown = denied)."""

    def expected(self, who: str) -> str:
        return ALLOW if who in self.allowed else DENY


ERRORS = "errors { code field message }"


def mutation(name: str) -> str:
    """A document calling one mutation with its arguments as variables, typed as the schema."""
    args = schema().mutation_type.fields[name].args  # type: ignore[union-attr]
    if not args:
        return f"mutation {{ {name} {{ {ERRORS} }} }}"
    params = ", ".join(f"${a}: {arg.type}" for a, arg in args.items())
    passed = ", ".join(f"{a}: ${a}" for a in args)
    return f"mutation({params}) {{ {name}({passed}) {{ {ERRORS} }} }}"


def nothing(stage: Stage, who: str) -> dict[str, Any]:
    return {}


def not_null(data: Any, stage: Stage, who: str) -> bool:
    return data is not None


def contains(key: str) -> Sees:
    """The list's nodes include the object whose global ID the scenario stored under ``key``."""

    def sees(data: Any, stage: Stage, who: str) -> bool:
        return stage.ids[key] in [n["id"] for n in data["nodes"]]

    return sees


# Queries


NODE = "query($id: ID!) { node(id: $id) { id } }"


def node(label: str, key: str, allowed: tuple[str, ...], arrange: Arrange) -> Scenario:
    return Scenario(
        label, NODE, allowed, lambda s, _: {"id": s.ids[key]}, arrange=arrange, sees=not_null
    )


async def work_in_a_visit(stage: Stage) -> None:
    """A review in its visit with evidence, a placement and two concerns."""
    review = await stage.new_review(S.VISIT)
    stage.ids["review"] = encode("Review", review.id)
    stage.ids["evidence"] = encode("Evidence", (await stage.evidence("lead")).id)
    stage.ids["placement"] = encode("ApPlacement", (await stage.placement()).id)
    stage.ids["concern"] = encode("Concern", (await stage.concern("lead")).id)
    about_head = await stage.concern("reviewer", about_headteacher=True)
    stage.ids["concern:head"] = encode("Concern", about_head.id)


def published(visibility: ReportVisibility) -> Arrange:
    async def arrange(stage: Stage) -> None:
        await stage.new_review(S.PUBLISHED)
        stage.ids["review"] = stage.review_gid
        stage.world.partnership.report_visibility = visibility
        await stage.world.partnership.save()

    return arrange


async def register_things(stage: Stage) -> None:
    school = stage.world.schools["A"]
    assert school.trust_id is not None
    stage.ids["user:host"] = encode("User", stage.user_id("host"))
    stage.ids["partnership"] = encode("Partnership", stage.world.partnership.id)
    stage.ids["school"] = encode("School", school.urn)
    stage.ids["framework"] = encode("Framework", stage.framework.id)
    stage.ids["trust"] = encode("Trust", school.trust_id)


async def visit_review(stage: Stage) -> None:
    await stage.new_review(S.VISIT)
    stage.ids["review"] = stage.review_gid


async def tokens(stage: Stage) -> None:
    await stage.tokens()


REVIEWS = "{ reviews { totalCount nodes { id } } }"
PUBLIC_AFTER_PUBLICATION = (*INSIDE, "governor", "outsider")

QUERIES: dict[str, tuple[Scenario, ...]] = {
    "node": (
        node("a review during its visit", "review", INSIDE, work_in_a_visit),
        node("evidence (the team's notes)", "evidence", (*OVERSEERS, *TEAM), work_in_a_visit),
        node("an AP placement", "placement", INSIDE, work_in_a_visit),
        node("a concern", "concern", INSIDE, work_in_a_visit),
        node(
            "a concern about the headteacher", "concern:head", (*OVERSEERS, *TEAM), work_in_a_visit
        ),
        node(
            "a published review, reports shared with the school only",
            "review",
            INSIDE,
            published(ReportVisibility.SCHOOL),
        ),
        node(
            "a published review, reports shared with governors",
            "review",
            (*INSIDE, "governor"),
            published(ReportVisibility.GOVERNORS),
        ),
        node(
            "a published review, reports public",
            "review",
            PUBLIC_AFTER_PUBLICATION,
            published(ReportVisibility.PUBLIC),
        ),
        node("a user (the host headteacher)", "user:host", ("admin", "host"), register_things),
        node(
            "the host's partnership",
            "partnership",
            (*INSIDE, "governor"),
            register_things,
        ),
        node("a school", "school", SIGNED_IN, register_things),
        node("a framework", "framework", SIGNED_IN, register_things),
        node("a trust", "trust", SIGNED_IN, register_things),
    ),
    "me": (
        Scenario(
            "the caller",
            "{ me { email } }",
            SIGNED_IN,
            nothing,
            sees=lambda data, s, who: data["email"] == s.world.users[who].email,
        ),
    ),
    "schools": (
        Scenario(
            "the register",
            "{ schools { totalCount nodes { urn } } }",
            SIGNED_IN,
            nothing,
            sees=lambda data, s, _: s.world.schools["A"].urn in [n["urn"] for n in data["nodes"]],
        ),
    ),
    "school": (
        Scenario(
            "the host school by URN",
            "query($urn: Int!) { school(urn: $urn) { urn } }",
            SIGNED_IN,
            lambda s, _: {"urn": s.world.schools["A"].urn},
            sees=not_null,
        ),
    ),
    "partnerships": (
        Scenario(
            "the host's partnership in the list",
            "{ partnerships { totalCount nodes { id } } }",
            (*INSIDE, "governor"),
            nothing,
            arrange=register_things,
            sees=contains("partnership"),
        ),
    ),
    "frameworks": (
        Scenario(
            "the national framework",
            "{ frameworks { key } }",
            SIGNED_IN,
            nothing,
            sees=lambda data, s, _: "national" in [f["key"] for f in data],
        ),
    ),
    "reviews": (
        Scenario(
            "a review during its visit",
            REVIEWS,
            INSIDE,
            nothing,
            arrange=visit_review,
            sees=contains("review"),
        ),
        Scenario(
            "a published review, reports shared with governors",
            REVIEWS,
            (*INSIDE, "governor"),
            nothing,
            arrange=published(ReportVisibility.GOVERNORS),
            sees=contains("review"),
        ),
        Scenario(
            "a published review, reports public",
            REVIEWS,
            PUBLIC_AFTER_PUBLICATION,
            nothing,
            arrange=published(ReportVisibility.PUBLIC),
            sees=contains("review"),
        ),
    ),
    "plugins": (
        Scenario(
            "the installed scoring plugins",
            "{ plugins { name enabled } }",
            ("admin",),
            nothing,
            sees=lambda data, s, _: "curriculum" in [p["name"] for p in data],
        ),
    ),
    "pluginFailures": (
        Scenario(
            "failed plugin results",
            "{ pluginFailures { totalCount } }",
            ("admin",),
            nothing,
            sees=not_null,
        ),
    ),
    "statistics": (
        Scenario(
            "every partnership",
            "{ statistics { reviews frameworks { reviews } } }",
            OVERSEERS,
            nothing,
            sees=not_null,
        ),
        Scenario(
            "the host's partnership",
            "query($p: ID) { statistics(partnershipId: $p) { reviews } }",
            OVERSEERS,
            lambda s, _: {"p": encode("Partnership", s.world.partnership.id)},
            arrange=visit_review,
            sees=not_null,
        ),
    ),
    "myApiTokens": (
        Scenario(
            "exactly the caller's own tokens",
            "{ myApiTokens { name } }",
            SIGNED_IN,
            nothing,
            arrange=tokens,
            sees=lambda data, s, who: [t["name"] for t in data] == [f"{who} script"],
        ),
    ),
}


# Mutations: signing in and tokens


def own_token(stage: Stage, who: str) -> str:
    return str(stage.ids[f"token:{who if who != 'anonymous' else 'host'}"])


async def revoke(stage: Stage, who: str, owner: str | None = None) -> dict[str, Any]:
    await ApiToken.all().update(revoked_at=None)
    return {"input": {"tokenId": own_token(stage, owner or who)}}


AUTH: dict[str, tuple[Scenario, ...]] = {
    "login": (
        Scenario(
            "with the caller's own password (anonymous: the sister school's head)",
            mutation("login"),
            EVERYONE,
            lambda s, who: {
                "input": {
                    "email": s.world.users["sister" if who == "anonymous" else who].email,
                    "password": PASSWORD,
                }
            },
        ),
    ),
    "logout": (Scenario("the caller's session", mutation("logout"), SIGNED_IN, nothing),),
    "createApiToken": (
        Scenario(
            "for the caller",
            mutation("createApiToken"),
            SIGNED_IN,
            lambda _, who: {"input": {"name": f"{who} nightly export"}},
        ),
    ),
    "revokeApiToken": (
        Scenario(
            "the caller's own token",
            mutation("revokeApiToken"),
            SIGNED_IN,
            revoke,
            arrange=tokens,
        ),
        # Admins may revoke anyone's token (peerqa.services.auth.revoke_api_token), although the
        # field's description says "Revoke one of your API tokens".
        Scenario(
            "the host headteacher's token",
            mutation("revokeApiToken"),
            ("admin", "host"),
            lambda s, who: revoke(s, who, "host"),
            arrange=tokens,
        ),
    ),
}


# Mutations: the lifecycle. The review is put back in the source state before each caller.


async def self_evaluated(stage: Stage) -> None:
    await stage.complete(JudgementKind.SELF_EVALUATION, "host", submitted=False)


async def judged_independently(stage: Stage) -> None:
    for who in TEAM:
        await stage.complete(JudgementKind.INDEPENDENT, who, submitted=True)


async def agreed(stage: Stage) -> None:
    """Every area agreed, and the report has its summary."""
    assert stage.review is not None
    await stage.complete(JudgementKind.CONSENSUS, "lead", submitted=True)
    await Report.create(review=stage.review, summary="A school that knows itself.", version=1)


def transition(
    name: str,
    source: ReviewState,
    allowed: tuple[str, ...],
    ready: Arrange | None = None,
) -> tuple[Scenario, ...]:
    async def arrange(stage: Stage) -> None:
        await stage.new_review(source)
        if ready is not None:
            await ready(stage)

    async def variables(stage: Stage, who: str) -> dict[str, Any]:
        return {"input": await stage.at(source)}

    return (
        Scenario(
            f"from {source.value}, ready", mutation(name), allowed, variables, arrange=arrange
        ),
    )


LIFECYCLE: dict[str, tuple[Scenario, ...]] = {
    "openSelfEvaluation": transition("openSelfEvaluation", S.DRAFT, HOST),
    "confirmTeam": transition("confirmTeam", S.SELF_EVALUATION, HOST, self_evaluated),
    "startVisit": transition("startVisit", S.TEAM_FORMED, LEAD),
    "startConsensus": transition("startConsensus", S.VISIT, LEAD, judged_independently),
    "submitReview": transition("submitReview", S.CONSENSUS, LEAD, agreed),
    "publishReview": transition("publishReview", S.FACTUAL_ACCURACY, HOST),
    "startFollowUp": transition("startFollowUp", S.PUBLISHED, HOST),
    "withdrawReview": transition("withdrawReview", S.VISIT, HOST),
}


# Mutations: setting a review up


def in_state(state: ReviewState, **team: InvitationStatus | None) -> Arrange:
    async def arrange(stage: Stage) -> None:
        await stage.new_review(state, **team)

    return arrange


def school_of(who: str) -> str:
    return {"host": "A", "governor": "A", "lead": "B", "reviewer": "C", "outsider": "E"}.get(
        who, "A"
    )


async def own_school_review(stage: Stage, who: str) -> dict[str, Any]:
    school = stage.world.schools[school_of(who)]
    member = await PartnershipMember.filter(school_id=school.urn).first()
    assert member is not None
    return {
        "input": {
            "hostUrn": school.urn,
            "partnershipId": encode("Partnership", member.partnership_id),
            "frameworkKey": "national",
            "title": f"Opened by {who}",
        }
    }


async def visit_details(stage: Stage, who: str) -> dict[str, Any]:
    ref = await stage.at(S.TEAM_FORMED)
    return {
        "input": {
            **ref,
            "visitStartsOn": "2026-12-07",
            "visitEndsOn": "2026-12-08",
            "dslName": "Designated Lead",
            "deputyDslName": "Deputy Lead",
        }
    }


async def invite_reviewer(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await TeamMember.filter(review_id=stage.review.id, user_id=stage.user_id("reviewer")).delete()
    email = stage.world.users["reviewer"].email
    return {"input": {"reviewId": stage.review_gid, "email": email, "role": "REVIEWER"}}


async def answer_invitation(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await TeamMember.filter(review_id=stage.review.id).update(
        status=InvitationStatus.INVITED, responded_at=None
    )
    return {"input": {"reviewId": stage.review_gid, "accept": True}}


async def withdraw_reviewer(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await TeamMember.filter(review_id=stage.review.id, user_id=stage.user_id("reviewer")).update(
        status=InvitationStatus.INVITED
    )
    user = encode("User", stage.user_id("reviewer"))
    return {"input": {"reviewId": stage.review_gid, "userId": user}}


SETUP: dict[str, tuple[Scenario, ...]] = {
    "createReview": (
        Scenario(
            "of the host school",
            mutation("createReview"),
            HOST,
            lambda s, who: {
                "input": {
                    "hostUrn": s.world.schools["A"].urn,
                    "partnershipId": encode("Partnership", s.world.partnership.id),
                    "frameworkKey": "national",
                    "title": f"Opened by {who}",
                }
            },
        ),
        Scenario(
            "of the caller's own school, in its partnership",
            mutation("createReview"),
            ("host", "lead", "reviewer", "outsider"),
            own_school_review,
        ),
    ),
    "setVisitDetails": (
        Scenario(
            "before the visit",
            mutation("setVisitDetails"),
            HOST,
            visit_details,
            arrange=in_state(S.TEAM_FORMED),
        ),
    ),
    "inviteTeamMember": (
        Scenario(
            "a reviewer, in draft",
            mutation("inviteTeamMember"),
            HOST,
            invite_reviewer,
            arrange=in_state(S.DRAFT, reviewer=None),
        ),
    ),
    "respondToInvitation": (
        Scenario(
            "accepting an open invitation (lead and reviewer are invited)",
            mutation("respondToInvitation"),
            TEAM,
            answer_invitation,
            arrange=in_state(
                S.SELF_EVALUATION, lead=InvitationStatus.INVITED, reviewer=InvitationStatus.INVITED
            ),
        ),
    ),
    "withdrawTeamMember": (
        Scenario(
            "the invited reviewer",
            mutation("withdrawTeamMember"),
            HOST,
            withdraw_reviewer,
            arrange=in_state(S.SELF_EVALUATION, reviewer=InvitationStatus.INVITED),
        ),
    ),
}


# Mutations: the work inside a review


def judgement(kind: JudgementKind, state: ReviewState, allowed: tuple[str, ...]) -> Scenario:
    name = {
        JudgementKind.SELF_EVALUATION: "saveSelfEvaluation",
        JudgementKind.INDEPENDENT: "saveIndependentJudgement",
        JudgementKind.CONSENSUS: "saveConsensusJudgement",
    }[kind]

    async def variables(stage: Stage, who: str) -> dict[str, Any]:
        assert stage.review is not None
        area = next(a for a in await stage.areas() if a.kind is AreaKind.GRADED)
        await Judgement.filter(review_id=stage.review.id, kind=kind).delete()
        return {
            "input": {
                "reviewId": stage.review_gid,
                "areaKey": area.key,
                "gradeKey": "expected_standard",
                "rationale": "Seen in lessons and in pupils' books.",
            }
        }

    return Scenario(f"in {state.value}", mutation(name), allowed, variables, in_state(state))


async def unsubmit(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await Judgement.filter(review_id=stage.review.id).update(submitted_at=None)
    return {"input": {"reviewId": stage.review_gid}}


async def drafts_complete(stage: Stage) -> None:
    await stage.new_review(S.VISIT)
    for who in TEAM:
        await stage.complete(JudgementKind.INDEPENDENT, who, submitted=False)


EVIDENCE = {
    "kind": "LESSON_VISIT",
    "text": "Pupils explained their reasoning in maths.",
    "areaKeys": ["inclusion"],
}


async def leads_evidence(stage: Stage) -> None:
    await stage.new_review(S.VISIT)
    stage.ids["evidence"] = (await stage.evidence("lead")).id


async def edit_evidence(stage: Stage, who: str) -> dict[str, Any]:
    found = await Evidence.get(id=stage.ids["evidence"])
    return {
        "input": {
            "evidenceId": encode("Evidence", found.id),
            "version": found.version,
            "evidence": {**EVIDENCE, "text": "Pupils explained their reasoning in science."},
        }
    }


def placement_input(reference: str) -> dict[str, Any]:
    return {
        "reference": reference,
        "registeredProvider": True,
        "fullTime": False,
        "startedOn": "2025-09-01",
    }


async def a_placement(stage: Stage) -> None:
    await stage.new_review(S.VISIT)
    stage.ids["placement"] = (await stage.placement()).id


async def update_placement(stage: Stage, who: str) -> dict[str, Any]:
    found = await ApPlacement.get(id=stage.ids["placement"])
    return {
        "input": {
            "placementId": encode("ApPlacement", found.id),
            "version": found.version,
            "placement": {**placement_input("AP-1"), "exitPlan": True},
        }
    }


async def a_concern(stage: Stage) -> None:
    await stage.new_review(S.VISIT)
    stage.ids["concern"] = (await stage.concern("lead")).id


async def act_on_concern(stage: Stage, who: str) -> dict[str, Any]:
    await ConcernAction.filter(concern_id=stage.ids["concern"]).delete()
    concern = encode("Concern", stage.ids["concern"])
    return {"input": {"concernId": concern, "note": "Spoke to the DSL, who has acted."}}


def concern_action(name: str) -> tuple[Scenario, ...]:
    return (
        Scenario(
            "a concern raised by the lead", mutation(name), OVERSEERS, act_on_concern, a_concern
        ),
    )


async def report_input(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await Report.filter(review_id=stage.review.id).delete()
    return {
        "input": {
            "reviewId": stage.review_gid,
            "summary": "A school that knows itself.",
            "strengths": "Reading.",
            "areasForDevelopment": "Attendance.",
        }
    }


WORK: dict[str, tuple[Scenario, ...]] = {
    "saveSelfEvaluation": (judgement(JudgementKind.SELF_EVALUATION, S.SELF_EVALUATION, HOST),),
    "saveIndependentJudgement": (judgement(JudgementKind.INDEPENDENT, S.VISIT, TEAM),),
    "saveConsensusJudgement": (judgement(JudgementKind.CONSENSUS, S.CONSENSUS, LEAD),),
    "submitIndependentJudgements": (
        Scenario(
            "every area drafted, during the visit",
            mutation("submitIndependentJudgements"),
            TEAM,
            unsubmit,
            arrange=drafts_complete,
        ),
    ),
    "addEvidence": (
        Scenario(
            "during the visit",
            mutation("addEvidence"),
            TEAM,
            lambda s, _: {"input": {"reviewId": s.review_gid, "evidence": EVIDENCE}},
            arrange=in_state(S.VISIT),
        ),
    ),
    "editEvidence": (
        Scenario(
            "the lead's evidence, during the visit",
            mutation("editEvidence"),
            LEAD,
            edit_evidence,
            arrange=leads_evidence,
        ),
    ),
    "addApPlacement": (
        Scenario(
            "during the visit",
            mutation("addApPlacement"),
            HOST,
            lambda s, who: {
                "input": {"reviewId": s.review_gid, "placement": placement_input(f"AP-{who}")}
            },
            arrange=in_state(S.VISIT),
        ),
    ),
    "updateApPlacement": (
        Scenario(
            "during the visit",
            mutation("updateApPlacement"),
            HOST,
            update_placement,
            arrange=a_placement,
        ),
    ),
    "raiseConcern": (
        Scenario(
            "during the visit",
            mutation("raiseConcern"),
            (*OVERSEERS, *TEAM),
            lambda s, _: {
                "input": {
                    "reviewId": s.review_gid,
                    "summary": "A visitor was not asked to sign in at reception.",
                    "toldDsl": True,
                }
            },
            arrange=in_state(S.VISIT),
        ),
    ),
    "acknowledgeConcern": concern_action("acknowledgeConcern"),
    "addConcernNote": concern_action("addConcernNote"),
    "resolveConcern": concern_action("resolveConcern"),
    "saveReport": (
        Scenario(
            "during consensus",
            mutation("saveReport"),
            LEAD,
            report_input,
            arrange=in_state(S.CONSENSUS),
        ),
    ),
    "setActionPlan": (
        Scenario(
            "during consensus",
            mutation("setActionPlan"),
            LEAD,
            lambda s, _: {
                "input": {
                    "reviewId": s.review_gid,
                    "version": 0,
                    "items": [{"action": "Improve attendance", "owner": "Deputy headteacher"}],
                }
            },
            arrange=in_state(S.CONSENSUS),
        ),
    ),
}

# Moderation: the queue, assignment and decisions, consultations, factual accuracy, appeals.
# Each caller finds the data reset to the state the allowed callers need.


async def selected_for_moderation(stage: Stage, *, moderator: str | None = None) -> None:
    """A review at moderation with its consensus agreed and a round selected."""
    review = await stage.new_review(S.MODERATION)
    await stage.complete(JudgementKind.CONSENSUS, "lead", submitted=True)
    found = await Moderation.create(
        review=review,
        round=1,
        required=True,
        reasons=[{"code": "new_lead", "detail": "The lead is new."}],
        draw=0.5,
        moderator_id=stage.user_id(moderator) if moderator else None,
    )
    stage.ids["review"] = stage.review_gid
    stage.ids["moderation"] = found.id


async def assigned_to_moderator(stage: Stage) -> None:
    await selected_for_moderation(stage, moderator="moderator")


async def undecided(stage: Stage) -> dict[str, Any]:
    """Back to an undecided round at moderation, and the review's reference."""
    assert stage.review is not None
    await Moderation.filter(id=stage.ids["moderation"]).update(
        outcome=None, decided_at=None, adjustments=[]
    )
    await Judgement.filter(review_id=stage.review.id, kind=JudgementKind.MODERATED).delete()
    return await stage.at(S.MODERATION)


async def assign_moderator(stage: Stage, who: str) -> dict[str, Any]:
    await Moderation.filter(id=stage.ids["moderation"]).update(moderator_id=None)
    ref = await stage.at(S.MODERATION)
    data: dict[str, Any] = {"reviewId": ref["reviewId"]}
    if who == "admin":
        data["moderatorId"] = encode("User", stage.user_id("moderator"))
    return {"input": data}


async def decision(stage: Stage, who: str, **extra: Any) -> dict[str, Any]:
    return {"input": {**await undecided(stage), **extra}}


async def adjustment(stage: Stage, who: str) -> dict[str, Any]:
    area = next(a for a in await stage.areas() if a.kind is AreaKind.GRADED)
    change = {"areaKey": area.key, "gradeKey": "expected_standard", "reason": "Data."}
    return await decision(stage, who, adjustments=[change])


async def visit_with_question(stage: Stage) -> None:
    review = await stage.new_review(S.VISIT)
    area = (await stage.areas())[0]
    found = await DutyConsultation.create(
        review=review,
        area=area,
        kind="not_met",
        question="Is this enough for not met?",
        requested_by_id=stage.user_id("lead"),
        requested_at=now(),
    )
    stage.ids["consultation"] = found.id
    await User.filter(id=stage.user_id("moderator")).update(on_duty=True)


async def answer_question(stage: Stage, who: str) -> dict[str, Any]:
    await DutyConsultation.filter(id=stage.ids["consultation"]).update(
        responded_at=None, responder_id=None, response=""
    )
    return {
        "input": {
            "consultationId": encode("DutyConsultation", stage.ids["consultation"]),
            "response": "What did the DSL say?",
        }
    }


async def moderated(stage: Stage, state: ReviewState) -> None:
    """A review confirmed by the moderator: moderated grades for every area."""
    await stage.new_review(state)
    await stage.complete(JudgementKind.MODERATED, "moderator", submitted=True)


async def with_point(stage: Stage) -> None:
    await moderated(stage, S.FACTUAL_ACCURACY)
    assert stage.review is not None
    point = await FactualAccuracyPoint.create(
        review=stage.review,
        text="We have 412 pupils.",
        raised_by_id=stage.user_id("host"),
        raised_at=now(),
    )
    stage.ids["point"] = point.id


async def answer_point(stage: Stage, who: str) -> dict[str, Any]:
    await FactualAccuracyPoint.filter(id=stage.ids["point"]).update(accepted=None)
    point = encode("FactualAccuracyPoint", stage.ids["point"])
    return {"input": {"pointId": point, "accept": True, "reason": "Corrected in the report."}}


async def appeal_input(stage: Stage, who: str) -> dict[str, Any]:
    assert stage.review is not None
    await Appeal.filter(review_id=stage.review.id).delete()
    ref = await stage.at(S.FACTUAL_ACCURACY)
    area = next(a for a in await stage.areas() if a.kind is AreaKind.GRADED)
    return {"input": {**ref, "areaKey": area.key, "grounds": "The data was not considered."}}


async def appeal_lodged(stage: Stage, *, moderator: str | None = None) -> None:
    await moderated(stage, S.APPEAL)
    assert stage.review is not None
    # The review's own moderator may not hear its appeal: another moderator confirmed it.
    original = await make_user(role=GlobalRole.MODERATOR)
    await Judgement.filter(review_id=stage.review.id, kind=JudgementKind.MODERATED).update(
        author_id=original.id
    )
    area = next(a for a in await stage.areas() if a.kind is AreaKind.GRADED)
    found = await Appeal.create(
        review=stage.review,
        area=area,
        grounds="The data was not considered.",
        lodged_by_id=stage.user_id("host"),
        lodged_at=now(),
        moderator_id=stage.user_id(moderator) if moderator else None,
    )
    stage.ids["appeal"] = found.id


async def appeal_heard_by_moderator(stage: Stage) -> None:
    await appeal_lodged(stage, moderator="moderator")


async def assign_appeal(stage: Stage, who: str) -> dict[str, Any]:
    await Appeal.filter(id=stage.ids["appeal"]).update(moderator_id=None)
    await stage.at(S.APPEAL)
    data: dict[str, Any] = {"appealId": encode("Appeal", stage.ids["appeal"])}
    if who == "admin":
        data["moderatorId"] = encode("User", stage.user_id("moderator"))
    return {"input": data}


async def decide_appeal(stage: Stage, who: str) -> dict[str, Any]:
    await Appeal.filter(id=stage.ids["appeal"]).update(outcome=None, decided_at=None)
    await stage.at(S.APPEAL)
    appeal = encode("Appeal", stage.ids["appeal"])
    return {"input": {"appealId": appeal, "outcome": "NOT_UPHELD", "reasons": "It stands."}}


def in_queue(data: Any, stage: Stage, who: str) -> bool:
    return stage.ids["review"] in [i["review"]["id"] for i in data["reviews"]]


async def governor_role_to_remove(stage: Stage, who: str) -> dict[str, Any]:
    """The outsider is made a governor of school E afresh, for each caller to try to remove."""
    urn = stage.world.schools["E"].urn
    await SchoolRole.get_or_create(
        user_id=stage.user_id("outsider"), school_id=urn, role=SchoolRoleKind.GOVERNOR
    )
    return {
        "input": {
            "userId": encode("User", stage.user_id("outsider")),
            "urn": urn,
            "role": "GOVERNOR",
        }
    }


async def partnership_member_to_add(stage: Stage, who: str) -> dict[str, Any]:
    """School E, out of the partnership again before each caller tries to add it."""
    urn = stage.world.schools["E"].urn
    await PartnershipMember.filter(
        partnership_id=stage.world.partnership.id, school_id=urn
    ).delete()
    return {
        "input": {"partnershipId": encode("Partnership", stage.world.partnership.id), "urn": urn}
    }


async def partnership_member_to_remove(stage: Stage, who: str) -> dict[str, Any]:
    """School E, in the partnership again before each caller tries to remove it."""
    urn = stage.world.schools["E"].urn
    await PartnershipMember.get_or_create(partnership_id=stage.world.partnership.id, school_id=urn)
    return {
        "input": {"partnershipId": encode("Partnership", stage.world.partnership.id), "urn": urn}
    }


MODERATION: dict[str, tuple[Scenario, ...]] = {
    "moderationQueue": (
        Scenario(
            "an unassigned review at moderation",
            "{ moderationQueue { reviews { review { id } round { reasons { code } } } } }",
            OVERSEERS,
            nothing,
            arrange=selected_for_moderation,
            sees=in_queue,
        ),
    ),
    "assignModerator": (
        Scenario(
            "an unassigned review (admin names the moderator; a moderator takes it)",
            mutation("assignModerator"),
            OVERSEERS,
            assign_moderator,
            arrange=selected_for_moderation,
        ),
    ),
    "confirmModeration": (
        Scenario(
            "assigned to the moderator",
            mutation("confirmModeration"),
            ("moderator",),
            decision,
            arrange=assigned_to_moderator,
        ),
    ),
    "adjustModeration": (
        Scenario(
            "assigned to the moderator",
            mutation("adjustModeration"),
            ("moderator",),
            adjustment,
            arrange=assigned_to_moderator,
        ),
    ),
    "returnReview": (
        Scenario(
            "assigned to the moderator",
            mutation("returnReview"),
            ("moderator",),
            lambda s, who: decision(s, who, points="Link the rationale to the evidence."),
            arrange=assigned_to_moderator,
        ),
    ),
    "users": (
        Scenario(
            "every user",
            "{ users { totalCount nodes { email } } }",
            ("admin",),
            nothing,
            sees=not_null,
        ),
    ),
    "dataStatus": (
        Scenario("the register and files", "{ dataStatus { schools } }", ("admin",), nothing),
    ),
    "createUser": (
        Scenario(
            "a new school user",
            mutation("createUser"),
            ("admin",),
            lambda s, who: {
                "input": {
                    "email": f"new.{who}@school.test",
                    "displayName": "New Person",
                    "password": "a long enough passphrase 2026",
                }
            },
        ),
    ),
    "setGlobalRole": (
        Scenario(
            "another user",
            mutation("setGlobalRole"),
            ("admin",),
            lambda s, _: {
                "input": {
                    "userId": encode("User", s.user_id("moderator")),
                    "globalRole": "MODERATOR",
                }
            },
        ),
    ),
    "addSchoolRole": (
        Scenario(
            "a governor role",
            mutation("addSchoolRole"),
            ("admin",),
            lambda s, _: {
                "input": {
                    "userId": encode("User", s.user_id("outsider")),
                    "urn": s.world.schools["E"].urn,
                    "role": "GOVERNOR",
                }
            },
        ),
    ),
    "removeSchoolRole": (
        Scenario(
            "a governor role",
            mutation("removeSchoolRole"),
            ("admin",),
            governor_role_to_remove,
        ),
    ),
    "createPartnership": (
        Scenario(
            "a new partnership",
            mutation("createPartnership"),
            ("admin",),
            lambda s, who: {"input": {"name": f"New partnership {who}", "kind": "TRIO"}},
        ),
    ),
    "addPartnershipMember": (
        Scenario(
            "another school",
            mutation("addPartnershipMember"),
            ("admin",),
            partnership_member_to_add,
        ),
    ),
    "removePartnershipMember": (
        Scenario(
            "a member school",
            mutation("removePartnershipMember"),
            ("admin",),
            partnership_member_to_remove,
        ),
    ),
    "setModeratorOnDuty": (
        Scenario(
            "the moderator",
            mutation("setModeratorOnDuty"),
            ("admin",),
            lambda s, _: {
                "input": {"userId": encode("User", s.user_id("moderator")), "onDuty": True}
            },
        ),
    ),
    "requestConsultation": (
        Scenario(
            "during the visit",
            mutation("requestConsultation"),
            LEAD,
            lambda s, _: {
                "input": {
                    "reviewId": s.review_gid,
                    "areaKey": "safeguarding",
                    "kind": "NOT_MET",
                    "question": "Is this enough for not met?",
                }
            },
            arrange=in_state(S.VISIT),
        ),
    ),
    "respondToConsultation": (
        Scenario(
            "the moderator on duty",
            mutation("respondToConsultation"),
            ("moderator",),
            answer_question,
            arrange=visit_with_question,
        ),
    ),
    "raiseFactualAccuracyPoint": (
        Scenario(
            "during the factual-accuracy check",
            mutation("raiseFactualAccuracyPoint"),
            HOST,
            lambda s, _: {"input": {"reviewId": s.review_gid, "text": "We have 412 pupils."}},
            arrange=in_state(S.FACTUAL_ACCURACY),
        ),
    ),
    "answerFactualAccuracyPoint": (
        Scenario(
            "a point raised by the host",
            mutation("answerFactualAccuracyPoint"),
            LEAD,
            answer_point,
            arrange=with_point,
        ),
    ),
    "lodgeAppeal": (
        Scenario(
            "a moderated review at the factual-accuracy check",
            mutation("lodgeAppeal"),
            HOST,
            appeal_input,
            arrange=lambda s: moderated(s, S.FACTUAL_ACCURACY),
        ),
    ),
    "assignAppealModerator": (
        Scenario(
            "an appeal nobody hears yet",
            mutation("assignAppealModerator"),
            OVERSEERS,
            assign_appeal,
            arrange=appeal_lodged,
        ),
    ),
    "decideAppeal": (
        Scenario(
            "heard by the moderator",
            mutation("decideAppeal"),
            ("moderator",),
            decide_appeal,
            arrange=appeal_heard_by_moderator,
        ),
    ),
}


MATRIX: dict[str, tuple[Scenario, ...]] = {
    **QUERIES,
    **AUTH,
    **LIFECYCLE,
    **SETUP,
    **WORK,
    **MODERATION,
}


# --- running a scenario ---


def classify(body: dict[str, Any], name: str, scenario: Scenario, stage: Stage, who: str) -> str:
    """``allow`` or ``deny``, or a description of anything else (which never matches)."""
    errors = body.get("errors") or []
    data = (body.get("data") or {}).get(name)
    payload = (data.get("errors") or []) if isinstance(data, dict) else []
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    codes += [e.get("code") for e in payload]
    if DENY_CODES.intersection(codes):
        return DENY
    if errors or payload:
        return f"allowed but failed: {errors or payload}"
    if scenario.sees is not None and (data is None or not scenario.sees(data, stage, who)):
        return DENY
    return ALLOW


async def run(stage: Stage, name: str, scenario: Scenario) -> list[str]:
    """Each caller in turn; the lines describing every caller whose outcome was not expected."""
    if scenario.arrange is not None:
        await scenario.arrange(stage)
    wrong = []
    for who in CONTEXTS:
        variables = scenario.variables(stage, who)
        if inspect.isawaitable(variables):
            variables = await variables
        body = await stage.world.gql(who, scenario.document, variables)
        outcome = classify(body, name, scenario, stage, who)
        if outcome != scenario.expected(who):
            wrong.append(
                f"{name} [{scenario.label}] as {who}: expected {scenario.expected(who)}, "
                f"got {outcome}"
            )
    return wrong


def root_fields(document: str) -> list[str]:
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return [s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)]


# --- the tests ---


def test_every_root_field_has_an_entry() -> None:
    live = schema()
    assert live.query_type is not None
    assert live.mutation_type is not None
    assert live.subscription_type is not None
    fields = set(live.query_type.fields) | set(live.mutation_type.fields)
    missing = sorted(fields - set(MATRIX))
    stale = sorted(set(MATRIX) - fields)
    assert not missing, f"root fields with no entry in MATRIX: {missing}"
    assert not stale, f"MATRIX entries for fields the schema no longer has: {stale}"
    assert set(SUBSCRIPTIONS) == set(live.subscription_type.fields), (
        "every subscription field needs an entry in SUBSCRIPTIONS"
    )
    for name, scenarios in MATRIX.items():
        assert scenarios, name
        for scenario in scenarios:
            assert set(scenario.allowed) <= set(CONTEXTS), (name, scenario.label)
            assert root_fields(scenario.document) == [name], (name, scenario.label)


@pytest.mark.parametrize("name", sorted(MATRIX))
async def test_each_caller_is_allowed_or_denied_as_the_table_says(stage: Stage, name: str) -> None:
    wrong: list[str] = []
    for scenario in MATRIX[name]:
        wrong += await run(stage, name, scenario)
    assert not wrong, "\n".join(wrong)


# --- subscriptions: run through the schema directly with each caller's actor ---


@dataclass(frozen=True)
class Subscription:
    document: str
    allowed: tuple[str, ...]
    arrange: Callable[[Stage], Awaitable[events.Event]]
    """Builds what is needed and returns the event that an allowed caller must receive."""


async def review_event(stage: Stage) -> events.Event:
    review = await stage.new_review(S.VISIT)
    return events.Event(topic=events.review_topic(review.id), kind="test", review_id=review.id)


async def concern_event(stage: Stage) -> events.Event:
    review = await stage.new_review(S.VISIT)
    concern = await stage.concern("lead")
    return events.Event(
        topic=events.CONCERNS_TOPIC,
        kind="concern.raised",
        review_id=review.id,
        object_id=concern.id,
    )


SUBSCRIPTIONS: dict[str, Subscription] = {
    "reviewUpdated": Subscription(
        "subscription($id: ID!) { reviewUpdated(reviewId: $id) { kind } }", INSIDE, review_event
    ),
    "concernRaised": Subscription(
        "subscription { concernRaised { kind } }", OVERSEERS, concern_event
    ),
}


async def first_message(stage: Stage, who: str, sub: Subscription, event: events.Event) -> Any:
    """Subscribe as ``who``, publish ``event`` once the resolver listens, return what came."""
    actor = None
    if who != "anonymous":
        # A live session: subscriptions end when the session that opened them ends.
        user = stage.world.users[who]
        at = now()
        session = await Session.create(
            token_hash=digest(new_token()), user_id=user.id, created_at=at, last_seen_at=at
        )
        actor = await auth.actor_for(user, session_id=session.id)
    context = Context(
        request=None,  # type: ignore[arg-type]
        response=None,
        settings=stage.world.settings,
        actor=actor,
        client="matrix",
    )
    variables = {"id": stage.review_gid} if "$id" in sub.document else {}
    result = await get_schema().subscribe(sub.document, variables, context_value=context)
    if not hasattr(result, "__anext__"):
        return result
    task = asyncio.ensure_future(anext(result))
    try:
        for _ in range(200):
            if task.done() or events.hub.subscriber_count(event.topic):
                break
            await asyncio.sleep(0.005)
        if not task.done():
            await events.publish(event)
        return await asyncio.wait_for(task, timeout=5)
    finally:
        await result.aclose()


def subscription_outcome(result: Any) -> str:
    errors = result.errors or []
    codes = [
        (e.extensions or {}).get("code") or getattr(e.original_error, "code", None) for e in errors
    ]
    if any(code in DENY_CODES for code in codes):
        return DENY
    if errors:
        return f"error {codes}: {[e.message for e in errors]}"
    return ALLOW if result.data else f"no data: {result}"


@pytest.mark.parametrize("name", sorted(SUBSCRIPTIONS))
async def test_each_caller_may_subscribe_as_the_table_says(stage: Stage, name: str) -> None:
    sub = SUBSCRIPTIONS[name]
    event = await sub.arrange(stage)
    wrong = []
    for who in CONTEXTS:
        outcome = subscription_outcome(await first_message(stage, who, sub, event))
        expected = ALLOW if who in sub.allowed else DENY
        if outcome != expected:
            wrong.append(f"{name} as {who}: expected {expected}, got {outcome}")
    assert not wrong, "\n".join(wrong)


def test_deny_is_told_apart_from_other_failures() -> None:
    """The classifier itself: a state or validation failure is not a denial."""
    write = Scenario("", "", (), nothing)
    read = Scenario("", "", (), nothing, sees=not_null)
    fake = Stage(world=None, framework=None)  # type: ignore[arg-type]

    def outcome(body: dict[str, Any], scenario: Scenario = write) -> str:
        return classify(body, "f", scenario, fake, "host")

    assert outcome({"data": None, "errors": [{"extensions": {"code": "UNAUTHENTICATED"}}]}) == DENY
    assert outcome({"data": {"f": {"errors": [{"code": "FORBIDDEN"}]}}}) == DENY
    assert outcome({"data": {"f": {"errors": [{"code": "NOT_FOUND"}]}}}) == DENY
    assert outcome({"data": {"f": {"errors": []}}}) == ALLOW
    assert outcome({"data": {"f": {"errors": [{"code": "ILLEGAL_TRANSITION"}]}}}).startswith(
        "allowed but failed"
    )
    assert outcome({"data": None, "errors": [{"extensions": {"code": "INTERNAL"}}]}).startswith(
        "allowed but failed"
    )
    assert outcome({"data": {"f": None}}, read) == DENY  # a scoped read that shows nothing
    assert outcome({"data": {"f": {"id": "x"}}}, read) == ALLOW
