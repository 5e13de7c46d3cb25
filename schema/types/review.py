"""GraphQL types for reviews (the workflow itself is built out in the review issue)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.schema.context import Info
from peerqa.schema.enums import ReviewState
from peerqa.schema.types.framework import FrameworkType
from peerqa.schema.types.nodes import resolve_visible
from peerqa.schema.types.school import SchoolType


@strawberry.type(
    name="Review",
    description="One peer review of a host school. Visible to admins, moderators, the host "
    "school's staff, the review team, and (once published) the host school's governors.",
)
class ReviewType(relay.Node):
    review_pk: relay.NodeID[int]
    title: str
    state: ReviewState
    focus: str
    enquiry_question: str
    visit_starts_on: date | None
    visit_ends_on: date | None
    version: int = strawberry.field(description="Send back with edits; a stale one is a CONFLICT.")
    host_urn: strawberry.Private[int]
    framework_id: strawberry.Private[int]

    @strawberry.field(description="The school being reviewed.")
    async def host_school(self, info: Info) -> SchoolType | None:
        school = await info.context.loaders.school.load(self.host_urn)
        return SchoolType.from_model(school) if school else None

    @strawberry.field(description="The framework version the review uses.")
    async def framework(self, info: Info) -> FrameworkType | None:
        framework = await info.context.loaders.framework.load(self.framework_id)
        return FrameworkType.from_model(framework) if framework else None

    @classmethod
    def from_model(cls, r: models.Review) -> ReviewType:
        return cls(
            review_pk=r.id,
            title=r.title,
            state=r.state,
            focus=r.focus,
            enquiry_question=r.enquiry_question,
            visit_starts_on=r.visit_starts_on,
            visit_ends_on=r.visit_ends_on,
            version=r.version,
            host_urn=r.host_school_id,
            framework_id=r.framework_id,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_reviews(info.context.actor)
        return await resolve_visible(node_ids, visible, "id", cls.from_model)
