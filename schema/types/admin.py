"""GraphQL types for the administrators' view of the data peerqa holds."""

from __future__ import annotations

from datetime import datetime

import strawberry

from peerqa.services.admin import DataFile, DataStatus


@strawberry.type(name="DataFile", description="One imported published file and what it gave.")
class DataFileType:
    source_file: str = strawberry.field(description="The file's name as it was imported.")
    figures: int = strawberry.field(description="Figures held from it (one school, year, measure).")
    schools: int
    years: list[int] = strawberry.field(description="Academic years, by their starting year.")
    last_loaded_at: datetime | None

    @classmethod
    def from_file(cls, f: DataFile) -> DataFileType:
        return cls(
            source_file=f.source_file,
            figures=f.figures,
            schools=f.schools,
            years=list(f.years),
            last_loaded_at=f.last_loaded_at,
        )


@strawberry.type(
    name="DataStatus",
    description="The school register and every imported figures file, most recent first.",
)
class DataStatusType:
    schools: int = strawberry.field(description="Schools in the register.")
    register_updated_at: datetime | None
    files: list[DataFileType]

    @classmethod
    def from_status(cls, s: DataStatus) -> DataStatusType:
        return cls(
            schools=s.schools,
            register_updated_at=s.register_updated_at,
            files=[DataFileType.from_file(f) for f in s.files],
        )
