"""Administrators' mutations: people and their roles, partnerships and their schools."""

from __future__ import annotations

from typing import Any

import strawberry

from peerqa.models.enums import GlobalRole, PartnershipKind, SchoolRoleKind
from peerqa.schema.context import Info
from peerqa.schema.errors import UserError
from peerqa.schema.ids import decode
from peerqa.schema.mutations.common import attempt
from peerqa.schema.mutations.moderation import UserPayload
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.partnership import PartnershipType
from peerqa.schema.types.user import UserType
from peerqa.services import admin


@strawberry.input(description="A new user with an initial password they should change.")
class CreateUserInput:
    email: str
    display_name: str
    password: str = strawberry.field(description="Checked against the password policy.")
    global_role: GlobalRole = GlobalRole.SCHOOL_USER


@strawberry.input(description="Make someone an administrator, a moderator or a school user.")
class SetGlobalRoleInput:
    user_id: strawberry.ID
    global_role: GlobalRole


@strawberry.input(description="A role at one school (headteacher, senior leader, DSL, governor).")
class SchoolRoleInput:
    user_id: strawberry.ID
    urn: int
    role: SchoolRoleKind


@strawberry.input(description="A new partnership of schools that review each other.")
class CreatePartnershipInput:
    name: str
    kind: PartnershipKind = PartnershipKind.CLUSTER


@strawberry.input(description="A school joining or leaving a partnership.")
class PartnershipMemberInput:
    partnership_id: strawberry.ID
    urn: int


@strawberry.type
class PartnershipPayload:
    partnership: PartnershipType | None
    errors: list[UserError]


def _user(result: tuple[Any, list[UserError]]) -> UserPayload:
    found, errors = result
    return UserPayload(user=UserType.from_model(found) if found else None, errors=errors)


def _partnership(result: tuple[Any, list[UserError]]) -> PartnershipPayload:
    found, errors = result
    return PartnershipPayload(
        partnership=PartnershipType.from_model(found) if found else None, errors=errors
    )


@strawberry.type
class AdminMutations:
    @strawberry.mutation(description="Create a user (administrators).", extensions=signed_in())
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        return _user(
            await attempt(
                admin.create_user(
                    info.context.actor,
                    input.email,
                    input.display_name,
                    input.password[:1024],
                    input.global_role,
                )
            )
        )

    @strawberry.mutation(
        description="Set a user's platform role (administrators; not your own).",
        extensions=signed_in(),
    )
    async def set_global_role(self, info: Info, input: SetGlobalRoleInput) -> UserPayload:
        async def run() -> Any:
            user_id = decode(input.user_id, "User", "userId")
            return await admin.set_global_role(info.context.actor, user_id, input.global_role)

        return _user(await attempt(run()))

    @strawberry.mutation(
        description="Give a user a role at a school (administrators).", extensions=signed_in()
    )
    async def add_school_role(self, info: Info, input: SchoolRoleInput) -> UserPayload:
        async def run() -> Any:
            user_id = decode(input.user_id, "User", "userId")
            return await admin.add_school_role(info.context.actor, user_id, input.urn, input.role)

        return _user(await attempt(run()))

    @strawberry.mutation(
        description="Take a user's role at a school away (administrators).",
        extensions=signed_in(),
    )
    async def remove_school_role(self, info: Info, input: SchoolRoleInput) -> UserPayload:
        async def run() -> Any:
            user_id = decode(input.user_id, "User", "userId")
            return await admin.remove_school_role(
                info.context.actor, user_id, input.urn, input.role
            )

        return _user(await attempt(run()))

    @strawberry.mutation(
        description="Create a partnership (administrators).", extensions=signed_in()
    )
    async def create_partnership(
        self, info: Info, input: CreatePartnershipInput
    ) -> PartnershipPayload:
        return _partnership(
            await attempt(admin.create_partnership(info.context.actor, input.name, input.kind))
        )

    @strawberry.mutation(
        description="Add a school to a partnership (administrators).", extensions=signed_in()
    )
    async def add_partnership_member(
        self, info: Info, input: PartnershipMemberInput
    ) -> PartnershipPayload:
        async def run() -> Any:
            partnership_id = decode(input.partnership_id, "Partnership", "partnershipId")
            return await admin.add_member(info.context.actor, partnership_id, input.urn)

        return _partnership(await attempt(run()))

    @strawberry.mutation(
        description="Take a school out of a partnership; its reviews stay (administrators).",
        extensions=signed_in(),
    )
    async def remove_partnership_member(
        self, info: Info, input: PartnershipMemberInput
    ) -> PartnershipPayload:
        async def run() -> Any:
            partnership_id = decode(input.partnership_id, "Partnership", "partnershipId")
            return await admin.remove_member(info.context.actor, partnership_id, input.urn)

        return _partnership(await attempt(run()))
