"""GraphQL types for frameworks, their areas, grades and descriptors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.schema.context import Info
from peerqa.schema.enums import AreaKind, FrameworkMode
from peerqa.schema.types.nodes import resolve_visible

strawberry.enum(AreaKind, name="AreaKind")


@strawberry.type(name="Grade", description="One point on a framework's scale; rank 1 is highest.")
class GradeType:
    key: str
    label: str
    rank: int

    @classmethod
    def from_model(cls, g: models.Grade) -> GradeType:
        return cls(key=g.key, label=g.label, rank=g.rank)


@strawberry.type(name="ChecklistItem", description="One item of an area's audit checklist.")
class ChecklistItem:
    key: str
    label: str


@strawberry.type(name="GradeDescriptor", description="What a grade looks like in one area.")
class GradeDescriptorType:
    grade: GradeType
    text: str


@strawberry.type(name="Area", description="An evaluation area of a framework.")
class AreaType:
    key: str
    name: str
    kind: AreaKind
    description: str
    question: str = strawberry.field(
        description="For enquiry areas: the 'to what extent' question."
    )
    applies_when: str = strawberry.field(
        description="'' (always), 'early_years' or 'sixth_form': the school must have it."
    )
    allows_excellence: bool
    position: int
    checklist: list[ChecklistItem] = strawberry.field(
        description="The audit checklist, for met / not met areas (safeguarding)."
    )
    area_pk: strawberry.Private[int]

    @strawberry.field(description="One descriptor per grade, best grade first.")
    async def descriptors(self, info: Info) -> list[GradeDescriptorType]:
        rows = await info.context.loaders.descriptors.load(self.area_pk)
        return [GradeDescriptorType(grade=GradeType.from_model(d.grade), text=d.text) for d in rows]

    @classmethod
    def from_model(cls, a: models.Area) -> AreaType:
        return cls(
            key=a.key,
            name=a.name,
            kind=a.kind,
            description=a.description,
            question=a.question,
            applies_when=a.applies_when,
            allows_excellence=a.allows_excellence,
            position=a.position,
            checklist=[ChecklistItem(key=i["key"], label=i["label"]) for i in a.checklist],
            area_pk=a.id,
        )


@strawberry.type(
    name="Framework",
    description="A versioned rubric. A version that has been used never changes. Visible to every "
    "signed-in user.",
)
class FrameworkType(relay.Node):
    framework_pk: relay.NodeID[int]
    key: str
    version: int
    name: str
    mode: FrameworkMode
    description: str
    is_current: bool = strawberry.field(
        description="Whether this is the newest version of its key."
    )

    @strawberry.field(description="The scale, best grade first; empty for enquiry frameworks.")
    async def grades(self, info: Info) -> list[GradeType]:
        rows = await info.context.loaders.grades.load(self.framework_pk)
        return [GradeType.from_model(g) for g in rows]

    @strawberry.field(description="The areas, in the framework's order.")
    async def areas(self, info: Info) -> list[AreaType]:
        rows = await info.context.loaders.areas.load(self.framework_pk)
        return [AreaType.from_model(a) for a in rows]

    @classmethod
    def from_model(cls, f: models.Framework) -> FrameworkType:
        return cls(
            framework_pk=f.id,
            key=f.key,
            version=f.version,
            name=f.name,
            mode=f.mode,
            description=f.description,
            is_current=f.is_current,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_frameworks(info.context.actor)
        return await resolve_visible(node_ids, visible, "id", cls.from_model)
