"""Signing in and out, sessions, throttling and API tokens, through real HTTP."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import httpx2 as httpx
import pytest

from peerqa.clock import now
from peerqa.config import Settings
from peerqa.credentials import digest
from peerqa.models import ApiToken, AuditEvent, LoginThrottle, Session
from tests.factories import PASSWORD, gql, login, make_school, make_user, signed_in

ME = "{ me { email displayName globalRole } }"


def session_cookie(response: httpx.Response) -> str:
    header = response.headers.get("set-cookie", "")
    assert header.startswith("__Host-peerqa_session="), header
    return header


async def test_login_sets_hardened_cookie_and_me_works(client: httpx.AsyncClient) -> None:
    user = await make_user("head@school.test", school=await make_school())
    response = await client.post(
        "/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { user { email } errors { code } } }",
            "variables": {"i": {"email": "  HEAD@School.test ", "password": PASSWORD}},
        },
    )
    assert response.json()["data"]["login"] == {"user": {"email": user.email}, "errors": []}
    cookie = session_cookie(response).lower()
    for attribute in ("httponly", "secure", "samesite=lax", "path=/"):
        assert attribute in cookie
    body = await gql(client, ME)
    assert body["data"]["me"] == {
        "email": "head@school.test",
        "displayName": user.display_name,
        "globalRole": "SCHOOL_USER",
    }


async def test_session_id_is_random_and_stored_only_as_a_hash(client: httpx.AsyncClient) -> None:
    user = await make_user()
    await signed_in(client, user)
    raw = client.cookies.get("__Host-peerqa_session")
    assert raw is not None
    assert len(raw) >= 22
    session = await Session.get(user_id=user.id)
    assert session.token_hash == digest(raw)
    assert raw not in session.token_hash


async def test_login_rotates_the_session(client: httpx.AsyncClient) -> None:
    user = await make_user()
    await signed_in(client, user)
    first = client.cookies.get("__Host-peerqa_session")
    await signed_in(client, user)
    second = client.cookies.get("__Host-peerqa_session")
    assert first != second
    assert await Session.filter(user_id=user.id).count() == 1
    assert not await Session.exists(token_hash=digest(first or ""))


async def test_wrong_password_and_unknown_account_give_the_same_answer(
    client: httpx.AsyncClient,
) -> None:
    await make_user("known@school.test")
    wrong = await login(client, "known@school.test", "not the right password at all")
    unknown = await login(client, "nobody@school.test", "not the right password at all")
    assert wrong == unknown
    assert wrong["user"] is None
    assert wrong["errors"][0]["code"] == "UNAUTHENTICATED"
    assert "set-cookie" not in (await client.post("/graphql", json={"query": ME})).headers


async def test_ten_failures_throttle_the_account_even_with_the_right_password(
    client: httpx.AsyncClient,
) -> None:
    await make_user("target@school.test")
    for _ in range(10):
        payload = await login(client, "target@school.test", "wrong password, trying again")
        assert payload["errors"][0]["code"] == "UNAUTHENTICATED"
    payload = await login(client, "target@school.test", PASSWORD)
    assert payload["user"] is None
    assert payload["errors"][0]["code"] == "THROTTLED"
    assert "minute" in payload["errors"][0]["message"]
    assert await AuditEvent.filter(action="auth.login_failed").count() == 10


async def test_throttle_lifts_after_the_window(client: httpx.AsyncClient) -> None:
    await make_user("target@school.test")
    for _ in range(10):
        await login(client, "target@school.test", "wrong password, trying again")
    earlier = now() - timedelta(minutes=16)
    await LoginThrottle.filter(key="account:target@school.test").update(
        window_started_at=earlier, locked_until=earlier + timedelta(minutes=15)
    )
    assert (await login(client, "target@school.test"))["errors"] == []


async def test_client_address_is_throttled_across_accounts(
    db: Any, settings: Settings, make_client: Any
) -> None:
    strict = replace(settings, login_ip_max_attempts=3)
    async with make_client(strict) as client:
        for n in range(3):
            await login(client, f"someone{n}@school.test", "wrong password, trying again")
        payload = await login(client, "another@school.test", "wrong password, trying again")
    assert payload["errors"][0]["code"] == "THROTTLED"


async def test_logout_ends_the_session(client: httpx.AsyncClient) -> None:
    user = await make_user()
    await signed_in(client, user)
    raw = client.cookies.get("__Host-peerqa_session")
    response = await client.post(
        "/graphql", json={"query": "mutation { logout { errors { code } } }"}
    )
    assert response.json()["data"]["logout"]["errors"] == []
    assert response.headers["clear-site-data"] == '"cookies"'
    assert not await Session.exists(user_id=user.id)
    client.cookies.set("__Host-peerqa_session", raw or "", domain="peerqa.test")
    body = await gql(client, ME)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("idle", "age"),
    [
        (timedelta(minutes=31), timedelta(minutes=31)),
        (timedelta(0), timedelta(hours=12, seconds=1)),
    ],
    ids=["idle-timeout", "absolute-timeout"],
)
async def test_sessions_expire(client: httpx.AsyncClient, idle: timedelta, age: timedelta) -> None:
    user = await make_user()
    await signed_in(client, user)
    at = now()
    await Session.filter(user_id=user.id).update(last_seen_at=at - idle, created_at=at - age)
    body = await gql(client, ME)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not await Session.exists(user_id=user.id)


async def test_disabled_user_cannot_sign_in_or_keep_a_session(client: httpx.AsyncClient) -> None:
    user = await make_user()
    await signed_in(client, user)
    user.is_active = False
    await user.save()
    assert (await gql(client, ME))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(client, user.email))["errors"][0]["code"] == "UNAUTHENTICATED"


CREATE_TOKEN = """mutation($i: CreateApiTokenInput!) {
  createApiToken(input: $i) { secret token { name prefix tokenId } errors { code field } }
}"""


async def test_api_token_is_shown_once_hashed_at_rest_and_revocable(
    client: httpx.AsyncClient, make_client: Any, settings: Settings
) -> None:
    user = await make_user()
    await signed_in(client, user)
    created = (await gql(client, CREATE_TOKEN, {"i": {"name": "nightly export"}}))["data"][
        "createApiToken"
    ]
    secret = created["secret"]
    assert secret.startswith("pqa_")
    assert created["errors"] == []
    stored = await ApiToken.get(user_id=user.id)
    assert stored.token_hash == digest(secret)
    assert secret not in stored.token_hash
    listed = await gql(client, "{ myApiTokens { name prefix } }")
    assert listed["data"]["myApiTokens"] == [{"name": "nightly export", "prefix": secret[:12]}]
    assert "secret" not in str(listed)

    async with make_client(settings) as script:  # no cookies: the bearer token alone
        body = await gql(script, ME, token=secret)
        assert body["data"]["me"]["email"] == user.email
        revoked = await gql(
            script,
            "mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { errors { code } } }",
            {"i": {"tokenId": created["token"]["tokenId"]}},
            token=secret,
        )
        assert revoked["data"]["revokeApiToken"]["errors"] == []
        after = await gql(script, ME, token=secret)
        assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_token_name_is_validated(client: httpx.AsyncClient) -> None:
    await signed_in(client, await make_user())
    body = await gql(client, CREATE_TOKEN, {"i": {"name": "   "}})
    assert body["data"]["createApiToken"]["errors"] == [{"code": "VALIDATION", "field": "name"}]


async def test_cannot_revoke_someone_elses_token(client: httpx.AsyncClient) -> None:
    other = await make_user()
    token = await ApiToken.create(user=other, name="theirs", prefix="pqa_x", token_hash="0" * 64)
    await signed_in(client, await make_user())
    body = await gql(
        client,
        "mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { errors { code } } }",
        {"i": {"tokenId": str(token.id)}},
    )
    assert body["data"]["revokeApiToken"]["errors"] == [{"code": "NOT_FOUND"}]
    assert (await ApiToken.get(id=token.id)).revoked_at is None


async def test_malformed_bearer_header_is_anonymous(client: httpx.AsyncClient) -> None:
    for header in ("Basic abc", "Bearer ", "Bearer pqa_not-a-real-token", "Bearer x"):
        response = await client.post(
            "/graphql", json={"query": ME}, headers={"authorization": header}
        )
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_token_cannot_create_tokens(
    client: httpx.AsyncClient, make_client: Any, settings: Settings
) -> None:
    await signed_in(client, await make_user())
    secret = (await gql(client, CREATE_TOKEN, {"i": {"name": "first"}}))["data"]["createApiToken"][
        "secret"
    ]
    async with make_client(settings) as script:
        body = await gql(script, CREATE_TOKEN, {"i": {"name": "second"}}, token=secret)
    assert body["data"]["createApiToken"]["errors"] == [{"code": "FORBIDDEN", "field": None}]
    assert await ApiToken.all().count() == 1


async def test_parallel_guesses_cannot_outrun_the_throttle(client: httpx.AsyncClient) -> None:
    import asyncio

    await make_user("target@school.test")
    results = await asyncio.gather(
        *(login(client, "target@school.test", "wrong password, trying again") for _ in range(16))
    )
    codes = sorted(r["errors"][0]["code"] for r in results)
    assert codes.count("UNAUTHENTICATED") == 10
    assert codes.count("THROTTLED") == 6
