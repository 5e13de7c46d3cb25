"""GraphQL types for partnerships."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.schema.context import Info
from peerqa.schema.enums import PartnershipKind, ReportVisibility
from peerqa.schema.types.nodes import resolve_visible
from peerqa.schema.types.school import SchoolType

strawberry.enum(
    ReportVisibility,
    name="ReportVisibility",
    description="Who may read a published report: the school only, its governors too, or anyone.",
)


@strawberry.type(
    name="Partnership",
    description="Schools that review each other. Admins and moderators see every partnership; "
    "school users see those their schools belong to.",
)
class PartnershipType(relay.Node):
    partnership_pk: relay.NodeID[int]
    name: str
    kind: PartnershipKind
    allow_reciprocal: bool = strawberry.field(
        description="Whether two schools may review each other in one cycle."
    )
    conflict_years: int = strawberry.field(
        description="Years within which a past review between two schools is a conflict."
    )
    report_visibility: ReportVisibility

    @strawberry.field(description="Member schools, by name.")
    async def schools(self, info: Info) -> list[SchoolType]:
        urns = await info.context.loaders.member_urns.load(self.partnership_pk)
        schools = await info.context.loaders.school.load_many(urns)
        found = [SchoolType.from_model(s) for s in schools if s is not None]
        return sorted(found, key=lambda s: (s.name, s.urn))

    @classmethod
    def from_model(cls, p: models.Partnership) -> PartnershipType:
        return cls(
            partnership_pk=p.id,
            name=p.name,
            kind=p.kind,
            allow_reciprocal=p.allow_reciprocal,
            conflict_years=p.conflict_years,
            report_visibility=p.report_visibility,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_partnerships(info.context.actor)
        return await resolve_visible(node_ids, visible, "id", cls.from_model)
