"""Factory functions: each test builds exactly the data it needs."""

from __future__ import annotations

import itertools
from typing import Any

import httpx2 as httpx

from peerqa.credentials import _hasher
from peerqa.models import (
    Framework,
    Partnership,
    PartnershipMember,
    Review,
    School,
    SchoolRole,
    TeamMember,
    Trust,
    User,
)
from peerqa.models.enums import (
    GlobalRole,
    InvitationStatus,
    Phase,
    ReviewState,
    SchoolRoleKind,
    TeamRole,
)
from peerqa.services import frameworks

PASSWORD = "a long enough test password"
# Hashing costs ~0.15 s, so every factory user shares one precomputed hash of PASSWORD.
PASSWORD_HASH = _hasher.hash(PASSWORD)
_counter = itertools.count(1)


async def make_trust(name: str = "Test Trust") -> Trust:
    n = next(_counter)
    return await Trust.create(group_uid=f"T{n}", name=f"{name} {n}")


async def make_school(
    name: str | None = None, *, urn: int | None = None, trust: Trust | None = None, **fields: Any
) -> School:
    n = next(_counter)
    return await School.create(
        urn=urn or 800000 + n,
        name=name or f"Test School {n:04d}",
        phase=fields.pop("phase", Phase.PRIMARY),
        la_code=fields.pop("la_code", "999"),
        la_name=fields.pop("la_name", "Testshire"),
        trust=trust,
        **fields,
    )


async def make_user(
    email: str | None = None,
    *,
    role: GlobalRole = GlobalRole.SCHOOL_USER,
    school: School | None = None,
    school_role: SchoolRoleKind = SchoolRoleKind.HEADTEACHER,
    active: bool = True,
) -> User:
    n = next(_counter)
    user = await User.create(
        email=email or f"user{n}@school.test",
        display_name=f"User {n}",
        password_hash=PASSWORD_HASH,
        global_role=role,
        is_active=active,
    )
    if school is not None:
        await SchoolRole.create(user=user, school=school, role=school_role)
    return user


async def make_partnership(*schools: School, name: str | None = None) -> Partnership:
    partnership = await Partnership.create(name=name or f"Partnership {next(_counter)}")
    for school in schools:
        await PartnershipMember.create(partnership=partnership, school=school)
    return partnership


async def national_framework() -> Framework:
    await frameworks.load_bundled()
    return await Framework.get(key="national", is_current=True)


async def make_review(
    host: School,
    partnership: Partnership,
    *,
    state: ReviewState = ReviewState.VISIT,
    team: tuple[tuple[User, TeamRole], ...] = (),
) -> Review:
    review = await Review.create(
        host_school=host,
        partnership=partnership,
        framework=await national_framework(),
        state=state,
        title=f"Review of {host.name}",
    )
    for user, role in team:
        await TeamMember.create(
            review=review, user=user, role=role, status=InvitationStatus.ACCEPTED
        )
    return review


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    expect_status: int = 200,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == expect_status, response.text
    body: dict[str, Any] = response.json()
    return body


LOGIN = """mutation Login($input: LoginInput!) {
  login(input: $input) { user { email } errors { code field message } }
}"""


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    body = await gql(client, LOGIN, {"input": {"email": email, "password": password}})
    payload: dict[str, Any] = body["data"]["login"]
    return payload


async def signed_in(client: httpx.AsyncClient, user: User) -> httpx.AsyncClient:
    payload = await login(client, user.email)
    assert payload["errors"] == [], payload
    return client
