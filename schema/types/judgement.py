"""GraphQL types for judgements (self-evaluation, independent, consensus)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from peerqa import models
from peerqa.schema.context import Info
from peerqa.schema.enums import JudgementKind
from peerqa.schema.types.framework import AreaType, GradeType
from peerqa.schema.types.people import PersonType, person


@strawberry.type(name="ChecklistAnswer", description="One item of the safeguarding audit.")
class ChecklistAnswer:
    key: str
    label: str
    checked: bool | None = strawberry.field(description="Null when not answered.")


@strawberry.type(
    name="Judgement",
    description="A judgement of one area. Independent judgements are visible to a colleague only "
    "after they have submitted their own; the host sees the consensus from the factual-accuracy "
    "check on.",
)
class JudgementType:
    kind: JudgementKind
    met: bool | None = strawberry.field(description="For met / not met areas.")
    excellence: bool = strawberry.field(description="Nominated as an area of excellence.")
    narrative: str
    rationale: str
    submitted_at: datetime | None = strawberry.field(description="Null while a draft.")
    updated_at: datetime
    version: int = strawberry.field(description="Send back when editing; stale is CONFLICT.")
    model: strawberry.Private[models.Judgement]

    @strawberry.field(description="The area judged.")
    async def area(self, info: Info) -> AreaType | None:
        area = await info.context.loaders.area_by_id.load(self.model.area_id)
        return AreaType.from_model(area) if area else None

    @strawberry.field(description="Who wrote it.")
    async def author(self, info: Info) -> PersonType | None:
        return await person(info, self.model.author_id)

    @strawberry.field(description="The grade, for graded areas.")
    async def grade(self, info: Info) -> GradeType | None:
        if self.model.grade_id is None:
            return None
        grade = await info.context.loaders.grade_by_id.load(self.model.grade_id)
        return GradeType.from_model(grade) if grade else None

    @strawberry.field(description="The audit checklist, for met / not met areas.")
    async def checklist(self, info: Info) -> list[ChecklistAnswer]:
        area = await info.context.loaders.area_by_id.load(self.model.area_id)
        items = area.checklist if area else []
        answers = self.model.checklist or {}
        return [
            ChecklistAnswer(key=i["key"], label=i["label"], checked=answers.get(i["key"]))
            for i in items
        ]

    @strawberry.field(description="Global IDs of the evidence the rationale rests on.")
    async def evidence_ids(self, info: Info) -> list[strawberry.ID]:
        from peerqa.schema.ids import encode

        ids = await info.context.loaders.judgement_evidence.load(self.model.id)
        return [strawberry.ID(encode("Evidence", i)) for i in sorted(ids)]

    @classmethod
    def from_model(cls, j: models.Judgement) -> JudgementType:
        return cls(
            kind=j.kind,
            met=j.met,
            excellence=j.excellence,
            narrative=j.narrative,
            rationale=j.rationale,
            submitted_at=j.submitted_at,
            updated_at=j.updated_at,
            version=j.version,
            model=j,
        )
