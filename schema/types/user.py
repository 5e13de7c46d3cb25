"""GraphQL types for users and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.schema.context import Info
from peerqa.schema.enums import GlobalRole, SchoolRoleKind
from peerqa.schema.types.nodes import resolve_visible
from peerqa.schema.types.school import SchoolType

strawberry.enum(SchoolRoleKind, name="SchoolRoleKind")


@strawberry.type(name="SchoolRole", description="A user's role at one school.")
class SchoolRoleType:
    role: SchoolRoleKind
    urn: strawberry.Private[int]

    @strawberry.field
    async def school(self, info: Info) -> SchoolType | None:
        school = await info.context.loaders.school.load(self.urn)
        return SchoolType.from_model(school) if school else None


@strawberry.type(
    name="User",
    description="A person who uses peerqa. Admins see every user; others see only themselves.",
)
class UserType(relay.Node):
    user_pk: relay.NodeID[int]
    email: str
    display_name: str
    global_role: GlobalRole
    is_active: bool
    on_duty: bool = strawberry.field(
        description="A moderator on duty answers the teams' consultations during visits."
    )

    @strawberry.field(description="The user's roles at schools.")
    async def school_roles(self, info: Info) -> list[SchoolRoleType]:
        rows = await info.context.loaders.school_roles.load(self.user_pk)
        return [SchoolRoleType(role=r.role, urn=r.school_id) for r in rows]

    @classmethod
    def from_model(cls, u: models.User) -> UserType:
        return cls(
            user_pk=u.id,
            email=u.email,
            display_name=u.display_name,
            global_role=u.global_role,
            is_active=u.is_active,
            on_duty=u.on_duty,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_users(info.context.actor)
        return await resolve_visible(node_ids, visible, "id", cls.from_model)


@strawberry.type(
    name="ApiToken", description="A personal API token; its secret is shown only once."
)
class ApiTokenType:
    name: str
    prefix: str = strawberry.field(description="The first characters, to recognise the token.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    token_pk: strawberry.Private[int]

    @strawberry.field(description="Identifier to pass to revokeApiToken.")
    def token_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.token_pk))

    @classmethod
    def from_model(cls, t: models.ApiToken) -> ApiTokenType:
        return cls(
            name=t.name,
            prefix=t.prefix,
            created_at=t.created_at,
            last_used_at=t.last_used_at,
            revoked_at=t.revoked_at,
            token_pk=t.id,
        )
