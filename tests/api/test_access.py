"""Each role sees exactly what it should: through lists, by ID and through ``node``."""

from __future__ import annotations

import base64
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.models import Review, User
from peerqa.models.enums import (
    GlobalRole,
    ReportVisibility,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)
from tests.factories import (
    gql,
    make_partnership,
    make_review,
    make_school,
    make_user,
    signed_in,
)


def global_id(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def world() -> dict[str, Any]:
    """Two partnerships; a review of school A in the first with a lead from B."""
    a, b, c, outsider = [await make_school(f"School {x}") for x in "ABCD"]
    first = await make_partnership(a, b, c, name="First partnership")
    second = await make_partnership(outsider, name="Second partnership")
    people = {
        "admin": await make_user(role=GlobalRole.ADMIN),
        "moderator": await make_user(role=GlobalRole.MODERATOR),
        "host_head": await make_user(school=a),
        "host_dsl": await make_user(school=a, school_role=SchoolRoleKind.DSL),
        "host_governor": await make_user(school=a, school_role=SchoolRoleKind.GOVERNOR),
        "lead": await make_user(school=b),
        "bystander": await make_user(school=c),
        "outsider": await make_user(school=outsider),
    }
    review = await make_review(a, first, team=((people["lead"], TeamRole.LEAD),))
    return {"people": people, "review": review, "partnerships": (first, second)}


REVIEW_VISIBILITY = {
    "admin": True,
    "moderator": True,
    "host_head": True,
    "host_dsl": True,
    "host_governor": False,  # not until published
    "lead": True,
    "bystander": False,
    "outsider": False,
}


@pytest.mark.parametrize(("role", "sees"), REVIEW_VISIBILITY.items())
async def test_review_visibility_by_role(client: httpx.AsyncClient, role: str, sees: bool) -> None:
    w = await world()
    review: Review = w["review"]
    await signed_in(client, w["people"][role])
    listed = await gql(client, "{ reviews { totalCount edges { node { title } } } }")
    assert listed["data"]["reviews"]["totalCount"] == (1 if sees else 0)
    by_node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Review { title } } }",
        {"id": global_id("Review", review.id)},
    )
    assert (by_node["data"]["node"] is not None) == sees


@pytest.mark.parametrize(
    ("visibility", "governor", "outsider"),
    [
        (ReportVisibility.SCHOOL, False, False),
        (ReportVisibility.GOVERNORS, True, False),
        (ReportVisibility.PUBLIC, True, True),
    ],
)
async def test_published_review_follows_the_partnership_visibility(
    client: httpx.AsyncClient, visibility: ReportVisibility, governor: bool, outsider: bool
) -> None:
    w = await world()
    first = w["partnerships"][0]
    first.report_visibility = visibility
    await first.save()
    await Review.filter(id=w["review"].id).update(state=ReviewState.PUBLISHED)
    for role, sees in (("host_governor", governor), ("outsider", outsider), ("host_head", True)):
        await signed_in(client, w["people"][role])
        listed = await gql(client, "{ reviews { totalCount } }")
        assert listed["data"]["reviews"]["totalCount"] == (1 if sees else 0), role


PARTNERSHIPS_SEEN = {
    "admin": ["First partnership", "Second partnership"],
    "moderator": ["First partnership", "Second partnership"],
    "host_head": ["First partnership"],
    "host_governor": ["First partnership"],
    "bystander": ["First partnership"],
    "outsider": ["Second partnership"],
}


@pytest.mark.parametrize(("role", "names"), PARTNERSHIPS_SEEN.items())
async def test_partnership_visibility_by_role(
    client: httpx.AsyncClient, role: str, names: list[str]
) -> None:
    w = await world()
    await signed_in(client, w["people"][role])
    body = await gql(client, "{ partnerships { totalCount nodes { name } } }")
    assert [p["name"] for p in body["data"]["partnerships"]["nodes"]] == names
    assert body["data"]["partnerships"]["totalCount"] == len(names)
    second = w["partnerships"][1]
    node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Partnership { name } } }",
        {"id": global_id("Partnership", second.id)},
    )
    assert (node["data"]["node"] is not None) == ("Second partnership" in names)


async def test_users_see_only_themselves_unless_admin(client: httpx.AsyncClient) -> None:
    w = await world()
    other: User = w["people"]["lead"]
    query = "query($id: ID!) { node(id: $id) { ... on User { email } } }"
    await signed_in(client, w["people"]["host_head"])
    assert (await gql(client, query, {"id": global_id("User", other.id)}))["data"]["node"] is None
    own = await gql(client, query, {"id": global_id("User", w["people"]["host_head"].id)})
    assert own["data"]["node"]["email"] == w["people"]["host_head"].email
    await signed_in(client, w["people"]["admin"])
    admin_view = await gql(client, query, {"id": global_id("User", other.id)})
    assert admin_view["data"]["node"]["email"] == other.email


async def test_missing_and_forbidden_look_the_same(client: httpx.AsyncClient) -> None:
    w = await world()
    await signed_in(client, w["people"]["outsider"])
    query = "query($id: ID!) { node(id: $id) { id } }"
    forbidden = await gql(client, query, {"id": global_id("Review", w["review"].id)})
    missing = await gql(client, query, {"id": global_id("Review", 999_999)})
    assert forbidden == missing == {"data": {"node": None}}


@pytest.mark.parametrize(
    "bad_id",
    [
        "not-base64!",
        global_id("Review", 0)[:-2],
        global_id("Nope", 1),
        global_id("Review", 10**30),
        global_id("Review", -1),
    ],
)
async def test_malformed_global_ids_never_crash(client: httpx.AsyncClient, bad_id: str) -> None:
    await signed_in(client, await make_user())
    body = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": bad_id})
    for error in body.get("errors", []):
        assert error["extensions"]["code"] != "INTERNAL", error
