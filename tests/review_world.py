"""A partnership, its people, and helpers to act as each of them over real HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

from peerqa.config import Settings
from peerqa.models import Partnership, School, User
from peerqa.models.enums import GlobalRole, Phase, SchoolRoleKind
from peerqa.schema.ids import encode
from peerqa.services import frameworks
from tests.factories import gql, make_partnership, make_school, make_trust, make_user, signed_in


@dataclass
class World:
    """Host school A (in a trust) with B, C, D in one partnership; people at each."""

    settings: Settings
    make_client: Any
    partnership: Partnership
    schools: dict[str, School]
    users: dict[str, User]
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    async def client(self, who: str) -> httpx.AsyncClient:
        if who not in self.clients:
            client = self.make_client(self.settings)
            await client.__aenter__()
            if who != "anonymous":
                await signed_in(client, self.users[who])
            self.clients[who] = client
        return self.clients[who]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.__aexit__(None, None, None)

    async def gql(self, who: str, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await gql(await self.client(who), query, variables)

    async def mutate(self, who: str, name: str, input: dict[str, Any], select: str) -> Any:
        """Run one mutation and return its payload (``errors`` included)."""
        input_type = INPUT_TYPES.get(name, f"{name[0].upper()}{name[1:]}Input")
        query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {select} errors {{ code field message currentVersion }} }} }}"
        body = await self.gql(who, query, {"input": input})
        assert "errors" not in body, body
        return body["data"][name]

    async def ok(self, who: str, name: str, input: dict[str, Any], select: str) -> Any:
        payload = await self.mutate(who, name, input, select)
        assert payload["errors"] == [], (name, who, payload["errors"])
        return payload


REVIEW_FIELDS = "review { id state version }"
TRANSITIONS = (
    "openSelfEvaluation",
    "confirmTeam",
    "startVisit",
    "startConsensus",
    "submitReview",
    "publishReview",
    "startFollowUp",
    "withdrawReview",
)
INPUT_TYPES = {
    **dict.fromkeys(TRANSITIONS, "ReviewTransitionInput"),
    **dict.fromkeys(
        ("saveSelfEvaluation", "saveIndependentJudgement", "saveConsensusJudgement"),
        "JudgementInput",
    ),
    "submitIndependentJudgements": "ReviewRefInput",
    **dict.fromkeys(
        ("acknowledgeConcern", "addConcernNote", "resolveConcern"), "ConcernActionInput"
    ),
}


async def build_world(settings: Settings, make_client: Any) -> World:
    await frameworks.load_bundled()
    trust = await make_trust("Host Trust")
    schools = {
        "A": await make_school(
            "Host Primary", trust=trust, phase=Phase.PRIMARY, has_early_years=True
        ),
        "B": await make_school("Lead Primary", phase=Phase.PRIMARY),
        "C": await make_school("Reviewer Secondary", phase=Phase.SECONDARY),
        "D": await make_school("Sister Academy", trust=trust, phase=Phase.PRIMARY),
        "E": await make_school("Unrelated School", phase=Phase.PRIMARY),
    }
    partnership = await make_partnership(schools["A"], schools["B"], schools["C"], schools["D"])
    await make_partnership(schools["E"])
    users = {
        "admin": await make_user("admin@peerqa.test", role=GlobalRole.ADMIN),
        "moderator": await make_user("moderator@peerqa.test", role=GlobalRole.MODERATOR),
        "host": await make_user("head@host.test", school=schools["A"]),
        "host_dsl": await make_user(
            "dsl@host.test", school=schools["A"], school_role=SchoolRoleKind.DSL
        ),
        "governor": await make_user(
            "gov@host.test", school=schools["A"], school_role=SchoolRoleKind.GOVERNOR
        ),
        "lead": await make_user("head@lead.test", school=schools["B"]),
        "reviewer": await make_user("head@reviewer.test", school=schools["C"]),
        "sister": await make_user("head@sister.test", school=schools["D"]),
        "outsider": await make_user("head@unrelated.test", school=schools["E"]),
    }
    return World(settings, make_client, partnership, schools, users)


def partnership_id(world: World) -> str:
    return encode("Partnership", world.partnership.id)


async def create_review(world: World, framework: str = "national") -> dict[str, Any]:
    payload = await world.ok(
        "host",
        "createReview",
        {
            "hostUrn": world.schools["A"].urn,
            "partnershipId": partnership_id(world),
            "frameworkKey": framework,
            "title": f"Review ({framework})",
            "focus": "Reading and attendance",
        },
        REVIEW_FIELDS,
    )
    review: dict[str, Any] = payload["review"]
    return review


async def step(world: World, who: str, mutation: str, review: dict[str, Any]) -> dict[str, Any]:
    """Take one lifecycle step and return the review as it now is."""
    payload = await world.ok(
        who, mutation, {"reviewId": review["id"], "version": review["version"]}, REVIEW_FIELDS
    )
    result: dict[str, Any] = payload["review"]
    return result


AREAS = (
    "review: node(id: $id) { ... on Review { areas { key kind } framework { grades { key } } } }"
)


async def areas_of(world: World, review: dict[str, Any]) -> tuple[list[dict[str, str]], list[str]]:
    body = await world.gql("host", f"query($id: ID!) {{ {AREAS} }}", {"id": review["id"]})
    node = body["data"]["review"]
    return node["areas"], [g["key"] for g in node["framework"]["grades"]]


def judgement_input(
    review_id: str, area: dict[str, str], grades: list[str], index: int = 0, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reviewId": review_id,
        "areaKey": area["key"],
        "rationale": "Seen in lessons and work.",
    }
    if area["kind"] == "GRADED":
        data["gradeKey"] = grades[min(index, len(grades) - 1)]
    elif area["kind"] == "MET_NOT_MET":
        data["met"] = True
        data["checklist"] = [{"key": "dsl_in_place", "checked": True}]
    else:
        data["narrative"] = "Leaders know their pupils well and act on what they find."
    data.update(extra)
    return data
