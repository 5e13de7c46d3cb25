"""How people appear inside a review: a name, never more than the reader needs."""

from __future__ import annotations

import strawberry

from peerqa import models
from peerqa.schema.context import Info
from peerqa.schema.types.school import SchoolType


@strawberry.type(name="Person", description="Someone taking part in a review, by name.")
class PersonType:
    display_name: str
    user_pk: strawberry.Private[int]

    @strawberry.field(description="Global ID of the user (for withdrawTeamMember).")
    def user_id(self) -> strawberry.ID:
        from peerqa.schema.ids import encode

        return strawberry.ID(encode("User", self.user_pk))

    @classmethod
    def from_model(cls, user: models.User) -> PersonType:
        return cls(display_name=user.display_name, user_pk=user.id)


async def person(info: Info, user_id: int | None) -> PersonType | None:
    if user_id is None:
        return None
    user = await info.context.loaders.user.load(user_id)
    return PersonType.from_model(user) if user else None


async def school(info: Info, urn: int | None) -> SchoolType | None:
    if urn is None:
        return None
    found = await info.context.loaders.school.load(urn)
    return SchoolType.from_model(found) if found else None
