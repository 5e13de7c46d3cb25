"""GraphQL types for the report and its action plan."""

from __future__ import annotations

from datetime import date

import strawberry

from peerqa import models
from peerqa.schema.loaders import Loaders
from peerqa.schema.types.framework import AreaType, GradeType
from peerqa.services import judgements


@strawberry.type(name="ActionItem", description="One line of the action plan.")
class ActionItemType:
    action: str
    owner: str = strawberry.field(description="A role, e.g. 'Deputy headteacher'.")
    due_on: date | None
    done: bool

    @classmethod
    def from_model(cls, a: models.ActionItem) -> ActionItemType:
        return cls(action=a.action, owner=a.owner, due_on=a.due_on, done=a.done)


@strawberry.type(
    name="ReportArea",
    description="The report's section for one area: the team's consensus, with the moderated "
    "grade where moderation (or an appeal) settled one.",
)
class ReportAreaType:
    area: AreaType
    grade: GradeType | None = strawberry.field(
        description="The final grade: the moderated one where there is one, else the consensus."
    )
    met: bool | None
    moderated: bool = strawberry.field(
        description="Whether a moderator changed the team's grade (or met / not met) here."
    )
    excellence: bool
    narrative: str
    rationale: str


@strawberry.type(
    name="Report",
    description="The letter's whole-school parts; per-area narrative is the consensus. Visible "
    "with the consensus.",
)
class ReportType:
    summary: str
    strengths: str
    areas_for_development: str
    version: int
    actions: list[ActionItemType]
    areas: list[ReportAreaType] = strawberry.field(
        description="One section per area, from the consensus, in the framework's order."
    )


async def build_report(review_id: int, loaders: Loaders) -> ReportType:
    """The report as it stands: whole-school parts, the action plan, and by area the consensus
    with the final (moderated) grade."""
    found = await loaders.report.load(review_id)
    actions = await loaders.action_items.load(review_id)
    pairs = judgements.final_by_area(await loaders.judgements.load(review_id))
    consensus = [c for c, _final in pairs]
    areas = await loaders.area_by_id.load_many([c.area_id for c in consensus])
    grades = await loaders.grade_by_id.load_many([f.grade_id or 0 for _c, f in pairs])
    sections = [
        ReportAreaType(
            area=AreaType.from_model(area),
            grade=GradeType.from_model(grade) if grade else None,
            met=final.met,
            moderated=(final.grade_id, final.met) != (j.grade_id, j.met),
            excellence=j.excellence,
            narrative=j.narrative,
            rationale=j.rationale,
        )
        for (j, final), area, grade in sorted(
            ((p, a, g) for p, a, g in zip(pairs, areas, grades, strict=True) if a is not None),
            key=lambda row: row[1].position,
        )
    ]
    return ReportType(
        summary=found.summary if found else "",
        strengths=found.strengths if found else "",
        areas_for_development=found.areas_for_development if found else "",
        version=found.version if found else 0,
        actions=[ActionItemType.from_model(a) for a in actions],
        areas=sections,
    )
