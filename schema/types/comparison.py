"""GraphQL types for reading a school's figures against similar schools and the nation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from peerqa.schema.context import Info

if TYPE_CHECKING:
    from peerqa.schema.types.school import SchoolType


@strawberry.type(name="SimilarSchool", description="One school in a comparison group.")
class SimilarSchoolType:
    urn: int
    distance: float = strawberry.field(
        description="Standardised distance by intake (smaller is more similar)."
    )

    @strawberry.field(description="The school itself (batched: one query for the whole group).")
    async def school(
        self, info: Info
    ) -> Annotated[SchoolType, strawberry.lazy("peerqa.schema.types.school")] | None:
        from peerqa.schema.types.school import SchoolType  # school.py imports this module

        found = await info.context.loaders.school.load(self.urn)
        return SchoolType.from_model(found) if found else None


@strawberry.type(
    name="ComparisonGroup",
    description="The schools most like this one by intake, of the same type, for one year: "
    "nearest by % FSM-ever, % SEN, % EAL and size (log pupils), each standardised. See the "
    "admin data guide for the method.",
)
class ComparisonGroupType:
    year: int
    school_type: str
    candidates: int = strawberry.field(description="Schools of the type it was chosen from.")
    members: list[SimilarSchoolType]


@strawberry.type(
    name="Comparison",
    description="A school's figure beside the national median and its similar schools' median.",
)
class ComparisonType:
    measure: str
    year: int
    value: float | None
    national_median: float | None
    national_count: int = strawberry.field(description="Schools with the figure, nationally.")
    similar_median: float | None
    similar_count: int = strawberry.field(description="Similar schools with the figure.")
