"""The first query set: schools (search, pagination), school by URN, partnerships, frameworks."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.clock import now
from peerqa.models import (
    ActionItem,
    ApPlacement,
    Area,
    Concern,
    Judgement,
    Report,
    Review,
    User,
)
from peerqa.models.enums import GlobalRole, JudgementKind, TeamRole
from tests.conftest import QueryCounter
from tests.factories import (
    gql,
    make_partnership,
    make_review,
    make_school,
    make_trust,
    make_user,
    national_framework,
    signed_in,
)

SCHOOLS = """query($search: String, $first: Int, $after: String) {
  schools(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { urn name localAuthority { code } trust { name } } }
  }
}"""


async def test_schools_search_by_name_urn_and_la(client: httpx.AsyncClient) -> None:
    await make_school("Oakfield Primary", urn=100001, la_code="201")
    await make_school("Oak Lane Academy", urn=100002, la_code="202")
    await make_school("Riverside School", urn=100003, la_code="202")
    await signed_in(client, await make_user())

    async def names(search: str) -> list[str]:
        body = await gql(client, SCHOOLS, {"search": search})
        return [e["node"]["name"] for e in body["data"]["schools"]["edges"]]

    assert await names("oak") == ["Oak Lane Academy", "Oakfield Primary"]
    assert await names("100003") == ["Riverside School"]
    assert await names("202") == ["Oak Lane Academy", "Riverside School"]
    assert await names("  ") == ["Oak Lane Academy", "Oakfield Primary", "Riverside School"]


async def test_schools_cursor_pagination_walks_every_school_once(
    client: httpx.AsyncClient,
) -> None:
    for n in range(7):
        await make_school(f"School {n}")
    await signed_in(client, await make_user())
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        body = await gql(client, SCHOOLS, {"first": 3, "after": after})
        page = body["data"]["schools"]
        assert page["totalCount"] == 7
        seen += [e["node"]["name"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == [f"School {n}" for n in range(7)]


async def test_bad_cursor_is_a_validation_error(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    body = await gql(client, SCHOOLS, {"after": "bm90LWEtY3Vyc29y"})
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_school_by_urn(client: httpx.AsyncClient) -> None:
    trust = await make_trust("Northern Trust")
    await make_school("Oakfield Primary", urn=100001, trust=trust)
    await signed_in(client, await make_user())
    body = await gql(client, "{ school(urn: 100001) { name trust { name groupUid } } }")
    assert body["data"]["school"]["name"] == "Oakfield Primary"
    assert body["data"]["school"]["trust"]["name"] == trust.name
    assert (await gql(client, "{ school(urn: 424242) { name } }"))["data"]["school"] is None


async def test_frameworks_are_listed_with_areas_grades_and_descriptors(
    client: httpx.AsyncClient,
) -> None:
    await national_framework()
    await signed_in(client, await make_user())
    body = await gql(
        client,
        "{ frameworks { key mode grades { key rank } "
        "areas { key kind appliesWhen descriptors { grade { key } text } } } }",
    )
    frameworks = {f["key"]: f for f in body["data"]["frameworks"]}
    assert set(frameworks) == {"national", "estimates", "enquiry"}
    national = frameworks["national"]
    assert [g["key"] for g in national["grades"]] == [
        "exceptional",
        "strong_standard",
        "expected_standard",
        "needs_attention",
        "urgent_improvement",
    ]
    areas = {a["key"]: a for a in national["areas"]}
    assert areas["safeguarding"]["kind"] == "MET_NOT_MET"
    assert areas["early_years"]["appliesWhen"] == "early_years"
    assert len(areas["inclusion"]["descriptors"]) == 5
    assert frameworks["enquiry"]["grades"] == []


async def count_for(
    client: httpx.AsyncClient, counter: QueryCounter, query: str
) -> tuple[int, dict[str, Any]]:
    counter.statements.clear()
    body = await gql(client, query)
    assert "errors" not in body, body
    return len(counter.statements), body


async def fill(review: Review, lead: User) -> None:
    """Give a review something in each part a detailed list reads."""
    area = await Area.filter(framework_id=review.framework_id).order_by("position").first()
    assert area is not None
    at = now()
    for kind in (JudgementKind.SELF_EVALUATION, JudgementKind.CONSENSUS):
        await Judgement.create(
            review=review, area=area, kind=kind, author=lead, rationale="r", submitted_at=at
        )
    await Concern.create(review=review, raised_by=lead, raised_at=at, summary="s")
    await ApPlacement.create(
        review=review,
        reference=f"AP{review.id}",
        registered_provider=True,
        full_time=False,
        started_on=date(2026, 9, 1),
    )
    await Report.create(review=review, summary="s")
    await ActionItem.create(review=review, action="a", owner="Head")


LIST_QUERIES = {
    "schools": "{ schools(first: 50) { edges { node { name trust { name } } } } }",
    "partnerships": "{ partnerships(first: 50) { edges { node { name schools { name trust { name } } } } } }",
    "reviews": "{ reviews(first: 50) { edges { node { title hostSchool { name trust { name } } } } } }",
    "frameworks": "{ frameworks { grades { key } areas { descriptors { grade { key } text } } } }",
    "review_details": "{ reviews(first: 20) { edges { node { title areas { key } access { isLead } "
    "teamWarnings team { role person { displayName } } selfEvaluation { grade { key } } "
    "independentJudgements { met } consensus { area { key } } apPlacements { reference } "
    "concerns { aboutHeadteacher } report { summary areas { area { key } } actions { action } } "
    "} } } }",
}


@pytest.mark.parametrize("name", LIST_QUERIES)
async def test_list_queries_do_not_grow_with_rows(
    client: httpx.AsyncClient, count_queries: QueryCounter, name: str
) -> None:
    """No N+1: a list query sends as many SQL statements for 3 rows as for 15."""
    await signed_in(client, await make_user(role=GlobalRole.ADMIN))

    async def add_rows(n: int) -> None:
        for _ in range(n):
            host = await make_school(trust=await make_trust())
            other = await make_school(trust=await make_trust())
            lead = await make_user(school=other)
            review = await make_review(
                host, await make_partnership(host, other), team=((lead, TeamRole.LEAD),)
            )
            await fill(review, lead)

    await add_rows(3)
    small, _ = await count_for(client, count_queries, LIST_QUERIES[name])
    await add_rows(12)
    large, body = await count_for(client, count_queries, LIST_QUERIES[name])
    if name not in ("frameworks", "review_details"):
        assert len(body["data"][name]["edges"]) == (30 if name == "schools" else 15)
    assert large == small, (small, large, count_queries.statements)
