"""GraphQL types for reading a school's figures against similar schools and the nation."""

from __future__ import annotations

import strawberry


@strawberry.type(name="SimilarSchool", description="One school in a comparison group.")
class SimilarSchoolType:
    urn: int
    distance: float = strawberry.field(
        description="Standardised distance by intake (smaller is more similar)."
    )


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
