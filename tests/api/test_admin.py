"""Administrators manage people, roles, partnerships, and see the data peerqa holds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from peerqa.config import Settings
from peerqa.models import AuditEvent, PartnershipMember, SchoolRole, User
from peerqa.schema.ids import decode, encode
from tests.review_world import World, build_world
from tests.scoring.test_service import import_census

INPUTS = {
    "addSchoolRole": "SchoolRoleInput",
    "removeSchoolRole": "SchoolRoleInput",
    "addPartnershipMember": "PartnershipMemberInput",
    "removePartnershipMember": "PartnershipMemberInput",
}


@pytest.fixture
async def world(db: Any, settings: Settings, make_client: Any) -> AsyncIterator[World]:
    world = await build_world(settings, make_client)
    yield world
    await world.close()


async def mutate(world: World, name: str, input: dict[str, Any], select: str) -> Any:
    kind = INPUTS.get(name, f"{name[0].upper()}{name[1:]}Input")
    query = (
        f"mutation($input: {kind}!) {{ {name}(input: $input) {{ {select} "
        "errors { code field message } } }"
    )
    body = await world.gql("admin", query, {"input": input})
    assert "errors" not in body, body
    return body["data"][name]


async def test_an_admin_creates_a_user_and_gives_them_roles(world: World) -> None:
    made = await mutate(
        world,
        "createUser",
        {
            "email": "  New.Head@School.test ",
            "displayName": "New Head",
            "password": "a long enough passphrase 2026",
        },
        "user { id email globalRole }",
    )
    assert made["errors"] == []
    assert made["user"]["email"] == "new.head@school.test"
    assert made["user"]["globalRole"] == "SCHOOL_USER"
    again = await mutate(
        world,
        "createUser",
        {"email": "new.head@school.test", "displayName": "X", "password": "another long one 2026"},
        "user { id }",
    )
    assert (again["user"], again["errors"][0]["code"], again["errors"][0]["field"]) == (
        None,
        "CONFLICT",
        "email",
    )
    weak = await mutate(
        world,
        "createUser",
        {"email": "weak@school.test", "displayName": "Weak", "password": "short"},
        "user { id }",
    )
    assert weak["errors"][0]["code"] == "VALIDATION"
    assert not await User.exists(email="weak@school.test")

    user_id = made["user"]["id"]
    urn = world.schools["E"].urn
    role = {"userId": user_id, "urn": urn, "role": "HEADTEACHER"}
    added = await mutate(
        world, "addSchoolRole", role, "user { schoolRoles { role school { urn } } }"
    )
    assert added["user"]["schoolRoles"] == [{"role": "HEADTEACHER", "school": {"urn": urn}}]
    removed = await mutate(world, "removeSchoolRole", role, "user { schoolRoles { role } }")
    assert removed["user"]["schoolRoles"] == []
    missing = await mutate(world, "removeSchoolRole", role, "user { id }")
    assert missing["errors"][0]["code"] == "NOT_FOUND"
    actions = await AuditEvent.filter(object_type="user").values_list("action", flat=True)
    assert {"user.create", "user.add_school_role", "user.remove_school_role"} <= set(actions)
    assert not await SchoolRole.exists(
        school_id=urn, role="headteacher", user__email="new.head@school.test"
    )


async def test_an_admin_cannot_demote_themselves(world: World) -> None:
    me = encode("User", world.users["admin"].id)
    payload = await mutate(
        world, "setGlobalRole", {"userId": me, "globalRole": "MODERATOR"}, "user { globalRole }"
    )
    assert payload["errors"][0]["code"] == "ILLEGAL_TRANSITION"
    assert (await User.get(id=world.users["admin"].id)).global_role == "admin"
    other = encode("User", world.users["outsider"].id)
    promoted = await mutate(
        world, "setGlobalRole", {"userId": other, "globalRole": "MODERATOR"}, "user { globalRole }"
    )
    assert promoted["user"]["globalRole"] == "MODERATOR"


async def test_users_can_be_searched_by_name_or_address(world: World) -> None:
    body = await world.gql("admin", '{ users(search: "HOST.TEST") { totalCount nodes { email } } }')
    emails = sorted(n["email"] for n in body["data"]["users"]["nodes"])
    assert emails == ["dsl@host.test", "gov@host.test", "head@host.test"]
    everyone = await world.gql("admin", "{ users(first: 100) { totalCount } }")
    assert everyone["data"]["users"]["totalCount"] == await User.all().count()


async def test_an_admin_builds_a_partnership(world: World) -> None:
    made = await mutate(
        world,
        "createPartnership",
        {"name": "  North   Trio ", "kind": "TRIO"},
        "partnership { id name kind }",
    )
    assert made["partnership"]["name"] == "North Trio"
    duplicate = await mutate(
        world, "createPartnership", {"name": "North Trio"}, "partnership { id }"
    )
    assert duplicate["errors"][0]["code"] == "CONFLICT"
    member = {"partnershipId": made["partnership"]["id"], "urn": world.schools["E"].urn}
    added = await mutate(world, "addPartnershipMember", member, "partnership { schools { urn } }")
    assert added["partnership"]["schools"] == [{"urn": world.schools["E"].urn}]
    twice = await mutate(world, "addPartnershipMember", member, "partnership { id }")
    assert twice["errors"][0]["code"] == "CONFLICT"
    unknown = await mutate(
        world, "addPartnershipMember", {**member, "urn": 999999}, "partnership { id }"
    )
    assert (unknown["errors"][0]["code"], unknown["errors"][0]["field"]) == ("NOT_FOUND", "urn")
    removed = await mutate(
        world, "removePartnershipMember", member, "partnership { schools { urn } }"
    )
    assert removed["partnership"]["schools"] == []
    new_id = decode(made["partnership"]["id"], "Partnership", "id")
    assert not await PartnershipMember.exists(partnership_id=new_id)


async def test_data_status_lists_each_imported_file(world: World, tmp_path: Path) -> None:
    await import_census(tmp_path)
    body = await world.gql(
        "admin",
        "{ dataStatus { schools files { sourceFile figures schools years lastLoadedAt } } }",
    )
    status = body["data"]["dataStatus"]
    assert status["schools"] == len(world.schools)
    (census,) = status["files"]
    assert census["sourceFile"] == "census.csv"
    assert (census["schools"], census["years"]) == (5, [2018])
    assert census["figures"] >= 5 * 5
    assert census["lastLoadedAt"] is not None
