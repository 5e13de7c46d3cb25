"""GraphQL types for the team's evidence and the host's AP placement register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay

from peerqa import models
from peerqa.schema.context import Info
from peerqa.schema.enums import EvidenceKind, PlacementOutcome
from peerqa.schema.types.framework import AreaType
from peerqa.schema.types.people import PersonType, person
from peerqa.schema.types.scoped import resolve_in_review
from peerqa.services.evidence import may_read_evidence
from peerqa.services.placements import may_read_placements


@strawberry.type(
    name="Evidence",
    description="An observation from the visit. Visible to the review team and moderators.",
)
class EvidenceType(relay.Node):
    evidence_pk: relay.NodeID[int]
    kind: EvidenceKind
    text: str
    observed_at: datetime
    created_at: datetime
    version: int
    model: strawberry.Private[models.Evidence]

    @strawberry.field
    async def author(self, info: Info) -> PersonType | None:
        return await person(info, self.model.author_id)

    @strawberry.field(description="The areas it is tagged to.")
    async def areas(self, info: Info) -> list[AreaType]:
        ids = await info.context.loaders.evidence_areas.load(self.model.id)
        areas = await info.context.loaders.area_by_id.load_many(ids)
        return [
            AreaType.from_model(a) for a in sorted(filter(None, areas), key=lambda a: a.position)
        ]

    @classmethod
    def from_model(cls, e: models.Evidence) -> EvidenceType:
        return cls(
            evidence_pk=e.id,
            kind=e.kind,
            text=e.text,
            observed_at=e.observed_at,
            created_at=e.created_at,
            version=e.version,
            model=e,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        return await resolve_in_review(
            info, node_ids, models.Evidence, lambda rel, _: may_read_evidence(rel), cls.from_model
        )


@strawberry.type(
    name="ApPlacement",
    description="One placement in alternative provision, by the school's anonymous code. "
    "Visible to the host school's staff, the review team and moderators.",
)
class ApPlacementType(relay.Node):
    placement_pk: relay.NodeID[int]
    reference: str
    registered_provider: bool
    full_time: bool
    started_on: date
    planned_end_on: date | None = strawberry.field(description="Null means open-ended.")
    objectives_set: bool
    success_criteria_set: bool
    exit_plan: bool = strawberry.field(description="A reintegration or exit plan exists.")
    last_reviewed_on: date | None
    outcome: PlacementOutcome
    notes: str
    version: int

    @classmethod
    def from_model(cls, p: models.ApPlacement) -> ApPlacementType:
        return cls(
            placement_pk=p.id,
            reference=p.reference,
            registered_provider=p.registered_provider,
            full_time=p.full_time,
            started_on=p.started_on,
            planned_end_on=p.planned_end_on,
            objectives_set=p.objectives_set,
            success_criteria_set=p.success_criteria_set,
            exit_plan=p.exit_plan,
            last_reviewed_on=p.last_reviewed_on,
            outcome=p.outcome,
            notes=p.notes,
            version=p.version,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        return await resolve_in_review(
            info,
            node_ids,
            models.ApPlacement,
            lambda rel, _: may_read_placements(rel),
            cls.from_model,
        )
