"""GraphQL types for a school's published context, year by year, each value with its source."""

from __future__ import annotations

import strawberry

from peerqa import models


@strawberry.type(
    name="ContextValue",
    description="One published figure. Suppressed or missing figures are null with the reason.",
)
class ContextValueType:
    measure: str = strawberry.field(description="e.g. 'pct_fsm_ever', 'pupils'.")
    value: float | None
    raw: str = strawberry.field(description="The text exactly as published.")
    suppression: str = strawberry.field(description="Why the value is null, e.g. 'suppressed'.")
    source_file: str
    source_row: int = strawberry.field(description="Line in the source file (header is 1).")

    @classmethod
    def from_model(cls, v: models.ContextValue) -> ContextValueType:
        return cls(
            measure=v.measure,
            value=v.value,
            raw=v.raw_text,
            suppression=v.suppression,
            source_file=v.source_file,
            source_row=v.source_row,
        )


@strawberry.type(name="ContextYear", description="A school's published figures for one year.")
class ContextYearType:
    year: int = strawberry.field(description="Academic year by its first calendar year.")
    values: list[ContextValueType]
