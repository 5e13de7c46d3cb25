"""The /graphql endpoint's hardening: limits, CSRF, GraphQL-over-HTTP, masking, headers."""

from __future__ import annotations

import json
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.config import Settings
from peerqa.schema import limits
from tests.factories import LOGIN, PASSWORD, gql, make_school, make_user, signed_in

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def test_anonymous_schools_query_is_refused_clearly(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ schools { totalCount } }")
    assert body["data"] is None
    assert body["errors"][0]["message"] == "Sign in to see this."
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


@pytest.mark.parametrize(
    "query",
    [
        "{ me { email } }",
        "{ school(urn: 1) { name } }",
        "{ partnerships { totalCount } }",
        "{ frameworks { key } }",
        "{ reviews { totalCount } }",
        "{ myApiTokens { name } }",
        '{ node(id: "U2Nob29sOjE=") { id } }',
        "mutation { logout { errors { code } } }",
    ],
)
async def test_anonymous_callers_see_nothing_but_login(
    client: httpx.AsyncClient, query: str
) -> None:
    body = await gql(client, query)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_two_megabyte_body_is_refused_with_413(client: httpx.AsyncClient) -> None:
    big = json.dumps({"query": "{ __typename }", "padding": "x" * 2_000_000})
    response = await client.post(
        "/graphql", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_streamed_body_without_length_is_capped(client: httpx.AsyncClient) -> None:
    async def chunks() -> Any:
        for _ in range(20):
            yield b"x" * 10_000

    response = await client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_depth_limit_is_wired_and_fragment_cycles_are_safe(
    client: httpx.AsyncClient,
) -> None:
    from strawberry.extensions import QueryDepthLimiter

    from peerqa.schema import get_schema

    # The deepest query the schema allows today is within the limit; the limiter guards growth.
    limiters = [f() for f in get_schema().extensions if callable(f) and not isinstance(f, type)]
    depth = [e for e in limiters if isinstance(e, QueryDepthLimiter)]
    assert depth, "QueryDepthLimiter is not installed"
    await signed_in(client, await make_user())
    deepest = (
        "{ reviews { edges { node { framework { areas { descriptors { grade { label } } } } } } } }"
    )
    assert "errors" not in await gql(client, deepest)
    cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    response = await client.post("/graphql", json={"query": cycle})
    assert response.status_code == 200
    assert response.json()["errors"]


async def test_alias_limit(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    fifteen = " ".join(f"a{i}: __typename" for i in range(15))
    assert "errors" not in await gql(client, f"{{ {fifteen} }}")
    sixteen = " ".join(f"a{i}: __typename" for i in range(16))
    body = await gql(client, f"{{ {sixteen} }}")
    assert "aliases" in body["errors"][0]["message"]


async def test_token_limit(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(["__typename"] * 1100) + " }"
    body = await gql(client, query)
    assert "token" in body["errors"][0]["message"].lower()


async def test_cost_limit(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    cheap = "{ schools(first: 100) { edges { node { name trust { name } } } } }"
    assert "errors" not in await gql(client, cheap)
    costly = (
        "{ partnerships(first: 100) { edges { node { schools { trust { name } } } } } "
        "schools(first: 100) { edges { node { trust { name } } } } "
        "reviews(first: 100) { edges { node { hostSchool { trust { name } } } } } }"
    )
    body = await gql(client, costly)
    assert f"maximum of {limits.MAX_COST}" in body["errors"][0]["message"]


async def test_page_size_is_bounded(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    body = await gql(client, "{ schools(first: 101) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    body = await gql(client, "{ schools(first: 0) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_batching_is_off(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=[{"query": "{ __typename }"}] * 2)
    assert response.status_code == 400


async def test_login_cannot_be_aliased_or_combined(client: httpx.AsyncClient) -> None:
    variables = {"input": {"email": "a@school.test", "password": PASSWORD}}
    twice = (
        "mutation($input: LoginInput!) { a: login(input: $input) { errors { code } } "
        "b: login(input: $input) { errors { code } } }"
    )
    body = await gql(client, twice, variables)
    assert "only field" in body["errors"][0]["message"]
    aliased = "mutation($input: LoginInput!) { a: login(input: $input) { errors { code } } }"
    assert "only field" in (await gql(client, aliased, variables))["errors"][0]["message"]
    assert (await gql(client, LOGIN, variables))["data"]["login"]["errors"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ("query={__typename}", "application/x-www-form-urlencoded"),
        ('{"query": "{ __typename }"}', "text/plain"),
    ],
)
async def test_simple_cross_site_bodies_are_refused(
    client: httpx.AsyncClient, content: str, content_type: str
) -> None:
    response = await client.post(
        "/graphql", content=content, headers={"content-type": content_type}
    )
    assert 400 <= response.status_code < 500


async def test_queries_over_get_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }"})
    assert 400 <= response.status_code < 500


async def test_foreign_origin_is_refused(client: httpx.AsyncClient) -> None:
    await make_user("victim@school.test")
    response = await client.post(
        "/graphql",
        json={
            "query": LOGIN,
            "variables": {"input": {"email": "victim@school.test", "password": PASSWORD}},
        },
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    cross_site = await client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"origin": "", "sec-fetch-site": "cross-site"},
    )
    assert cross_site.status_code == 403


async def test_allowed_origin_is_accepted(db: Any, settings: Settings, make_client: Any) -> None:
    from dataclasses import replace

    allowed = replace(settings, allowed_origins=("https://ui.peerqa.test",))
    async with make_client(allowed) as c:
        response = await c.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"origin": "https://ui.peerqa.test"},
        )
    assert response.status_code == 200


async def test_graphql_response_json_request_errors_are_400_without_data(
    client: httpx.AsyncClient,
) -> None:
    headers = {"accept": GRAPHQL_RESPONSE}
    bad = await client.post("/graphql", json={"query": "{ nope"}, headers=headers)
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in bad.json()
    assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    good = await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert good.status_code == 200
    assert good.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    field_error = await client.post("/graphql", json={"query": "{ me { email } }"}, headers=headers)
    assert field_error.status_code == 200  # a field error is not a request error
    assert field_error.json()["data"] is None


async def test_introspection_and_ide_are_off_outside_development(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ __schema { types { name } } }")
    assert "introspection" in body["errors"][0]["message"].lower()
    ide = await client.get("/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in ide.text.lower()


async def test_introspection_is_on_in_development(
    db: Any, dev_settings: Settings, make_client: Any
) -> None:
    async with make_client(dev_settings) as c:
        body = await gql(c, "{ __schema { queryType { name } } }")
        assert body["data"]["__schema"]["queryType"]["name"] == "Query"
        ide = await c.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" in ide.text.lower()


async def test_no_field_suggestions(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ mee { email } }")
    assert "Did you mean" not in body["errors"][0]["message"]


async def test_unexpected_errors_are_masked_with_a_reference(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerqa.models import User

    await signed_in(client, await make_user())

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("SELECT secret FROM user -- /srv/peerqa/core/db.py")

    monkeypatch.setattr(User, "get", broken)
    body = await gql(client, "{ me { email } }")
    error = body["errors"][0]
    assert error["message"].startswith("Unexpected error. Reference: ")
    assert error["extensions"]["code"] == "INTERNAL"
    assert "SELECT" not in json.dumps(body)
    assert "db.py" not in json.dumps(body)


async def test_healthz_reports_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "reachable"


async def test_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }"})
    assert "object-src 'none'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_untrusted_host_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"host": "evil.example"}
    )
    assert response.status_code == 400


async def test_school_search_input_is_bounded(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user(school=await make_school()))
    body = await gql(
        client, "query($s: String) { schools(search: $s) { totalCount } }", {"s": "x" * 101}
    )
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    for hostile in ("' OR 1=1 --", "%", "_", "\\", "🙂"):
        body = await gql(
            client, "query($s: String) { schools(search: $s) { totalCount } }", {"s": hostile}
        )
        assert body["data"]["schools"]["totalCount"] == 0, hostile


async def test_graphiql_gets_its_own_policy_only_in_development(
    db: Any, dev_settings: Settings, make_client: Any
) -> None:
    async with make_client(dev_settings) as c:
        ide = await c.get("/graphql", headers={"accept": "text/html"})
        api = await c.post("/graphql", json={"query": "{ __typename }"})
    assert "unpkg.com" in ide.headers["content-security-policy"]
    assert "unsafe-inline" not in api.headers["content-security-policy"]


async def test_national_computations_cannot_be_asked_for_a_whole_page(
    client: httpx.AsyncClient,
) -> None:
    await signed_in(client, await make_user())
    body = await gql(
        client,
        '{ schools(first: 20) { nodes { comparison(year: 2018, measure: "pupils") { value } } } }',
    )
    assert "Query cost" in body["errors"][0]["message"]


async def test_similar_schools_are_for_one_school_at_a_time(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    body = await gql(
        client, "{ schools(first: 3) { nodes { similarSchools(year: 2018) { candidates } } } }"
    )
    assert "Query cost" in body["errors"][0]["message"]
    one = await gql(
        client,
        '{ school(urn: 1) { similarSchools(year: 2018) { candidates } comparison(year: 2018, measure: "pupils") { value } } }',
    )
    assert "errors" not in one
