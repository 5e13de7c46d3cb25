"""GraphQL types for schools and trusts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import strawberry
from strawberry import relay

from peerqa import access, models
from peerqa.schema.context import Info
from peerqa.schema.enums import Phase
from peerqa.schema.types import scoring
from peerqa.schema.types.comparison import (
    ComparisonGroupType,
    ComparisonType,
    SimilarSchoolType,
)
from peerqa.schema.types.context import ContextValueType, ContextYearType
from peerqa.schema.types.nodes import resolve_visible
from peerqa.schema.types.scoring import Flag, Indicator
from peerqa.services.indicators import current
from peerqa.stats import similar


@strawberry.type(name="Trust", description="A multi-academy trust or other group of schools.")
class TrustType(relay.Node):
    trust_pk: relay.NodeID[int]
    group_uid: str = strawberry.field(
        description="The group's UID in Get Information about Schools."
    )
    name: str

    @classmethod
    def from_model(cls, trust: models.Trust) -> TrustType:
        return cls(trust_pk=trust.id, group_uid=trust.group_uid, name=trust.name)

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        access.require_actor(info.context.actor)
        return await resolve_visible(node_ids, models.Trust.all(), "id", cls.from_model)


@strawberry.type(name="LocalAuthority", description="A local authority, by its three-digit code.")
class LocalAuthority:
    code: str
    name: str


@strawberry.type(
    name="SchoolLink",
    description="A link in the register from one URN to another: how a school continues under a "
    "new URN after academy conversion, amalgamation or a split.",
)
class SchoolLinkType:
    linked_urn: int = strawberry.field(description="The URN at the other end of the link.")
    link_type: str = strawberry.field(
        description="As the register names it, e.g. 'Predecessor', 'Successor', "
        "'Merged - expansion of school capacity'."
    )
    established_on: date | None = strawberry.field(
        description="When the link took effect. Null when the register does not say."
    )

    @classmethod
    def from_model(cls, link: models.SchoolLink) -> SchoolLinkType:
        return cls(
            linked_urn=link.linked_urn,
            link_type=link.link_type,
            established_on=link.established_on,
        )


@strawberry.type(
    name="School",
    description="A school from the national register, identified by its URN. Visible to every "
    "signed-in user.",
)
class SchoolType(relay.Node):
    school_pk: relay.NodeID[int]
    urn: int = strawberry.field(description="The national unique reference number.")
    name: str
    phase: Phase
    type_name: str = strawberry.field(description="Establishment type, e.g. 'Academy converter'.")
    local_authority: LocalAuthority
    postcode: str
    is_open: bool
    has_early_years: bool
    has_sixth_form: bool
    trust_id: strawberry.Private[int | None]

    @strawberry.field(description="The trust the school belongs to, if any.")
    async def trust(self, info: Info) -> TrustType | None:
        if self.trust_id is None:
            return None
        trust = await info.context.loaders.trust.load(self.trust_id)
        return TrustType.from_model(trust) if trust else None

    @strawberry.field(
        description="The school's history across academy conversion, amalgamation and splits: "
        "its predecessor and successor URNs (and other links) from the register, the earliest "
        "first, undated links last. Empty until the links file is imported. Any signed-in user."
    )
    async def links(self, info: Info) -> list[SchoolLinkType]:
        return [
            SchoolLinkType.from_model(link)
            for link in await info.context.loaders.links.load(self.urn)
        ]

    @strawberry.field(
        description="Published figures by year, newest first; `year` narrows to one year. "
        "Any signed-in user."
    )
    async def context(self, info: Info, year: int | None = None) -> list[ContextYearType]:
        found = [
            s for s in await info.context.loaders.context.load(self.urn) if year in (None, s.year)
        ]
        return [
            ContextYearType(
                year=s.year,
                values=[
                    ContextValueType.from_model(v)
                    for v in sorted(s.values, key=lambda v: v.measure)
                ],
            )
            for s in found
        ]

    @strawberry.field(
        description="The school's comparison group for a year (null if a figure the method needs "
        "is missing). Any signed-in user."
    )
    async def similar_schools(self, year: int) -> ComparisonGroupType | None:
        group = await similar.comparison_group(self.urn, year)
        if group is None:
            return None
        return ComparisonGroupType(
            year=group.year,
            school_type=group.school_type,
            candidates=group.candidates,
            members=[SimilarSchoolType(urn=m.urn, distance=m.distance) for m in group.members],
        )

    @strawberry.field(
        description="One measure for a year beside the national and similar-school medians. "
        "`measure` as in `context`, e.g. 'pct_fsm_ever'. Any signed-in user."
    )
    async def comparison(self, info: Info, year: int, measure: str) -> ComparisonType:
        measure = measure[:64]
        own = next(
            (
                v.value
                for s in await info.context.loaders.context.load(self.urn)
                if s.year == year
                for v in s.values
                if v.measure == measure
            ),
            None,
        )
        national, national_count = await similar.medians(year, measure)
        group = await similar.comparison_group(self.urn, year)
        urns = [m.urn for m in group.members] if group else []
        similar_median, similar_count = (
            await similar.medians(year, measure, urns) if urns else (None, 0)
        )
        return ComparisonType(
            measure=measure,
            year=year,
            value=own,
            national_median=national,
            national_count=national_count,
            similar_median=similar_median,
            similar_count=similar_count,
        )

    @strawberry.field(
        description="What the scoring plugins say about the school: each indicator explained, "
        "with its comparison group. Any signed-in user."
    )
    async def indicators(self, info: Info) -> list[Indicator]:
        rows = await info.context.loaders.school_results.load(self.urn)
        return scoring.indicators(current(rows, info.context.settings.plugins_disabled))

    @strawberry.field(
        description="Flags the scoring plugins raised about the school (e.g. off-rolling risk), "
        "each with the rule that fired and its evidence. Any signed-in user."
    )
    async def flags(self, info: Info) -> list[Flag]:
        rows = await info.context.loaders.school_results.load(self.urn)
        return scoring.flags(current(rows, info.context.settings.plugins_disabled))

    @classmethod
    def from_model(cls, school: models.School) -> SchoolType:
        return cls(
            school_pk=school.urn,
            urn=school.urn,
            name=school.name,
            phase=school.phase,
            type_name=school.type_name,
            local_authority=LocalAuthority(code=school.la_code, name=school.la_name),
            postcode=school.postcode,
            is_open=school.is_open,
            has_early_years=school.has_early_years,
            has_sixth_form=school.has_sixth_form,
            trust_id=school.trust_id,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        visible = access.visible_schools(info.context.actor)
        return await resolve_visible(node_ids, visible, "urn", cls.from_model)
