from __future__ import annotations

import httpx2 as httpx

from tests.factories import gql, make_school, make_user, signed_in


async def test_typename_answers_anonymously(client: httpx.AsyncClient) -> None:
    body = await gql(client, "{ __typename }")
    assert body == {"data": {"__typename": "Query"}}


async def test_signed_in_user_reads_me_and_schools(client: httpx.AsyncClient) -> None:
    school = await make_school("Oakfield Primary")
    user = await make_user(school=school)
    await signed_in(client, user)
    body = await gql(
        client, "{ me { email } schools(first: 5) { totalCount edges { node { urn name } } } }"
    )
    assert body["data"]["me"]["email"] == user.email
    assert body["data"]["schools"]["edges"][0]["node"] == {
        "urn": school.urn,
        "name": "Oakfield Primary",
    }
