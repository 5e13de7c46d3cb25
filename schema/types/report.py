"""GraphQL types for the report and its action plan."""

from __future__ import annotations

from datetime import date

import strawberry

from peerqa import models
from peerqa.models.enums import JudgementKind
from peerqa.schema.loaders import Loaders
from peerqa.schema.types.framework import AreaType, GradeType


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
    judgements = await loaders.judgements.load(review_id)
    consensus = [j for j in judgements if j.kind is JudgementKind.CONSENSUS]
    moderated = {j.area_id: j for j in judgements if j.kind is JudgementKind.MODERATED}
    final = [moderated.get(j.area_id, j) for j in consensus]
    areas = await loaders.area_by_id.load_many([j.area_id for j in consensus])
    grades = await loaders.grade_by_id.load_many([f.grade_id or 0 for f in final])
    changed = {
        j.area_id
        for j in consensus
        if j.area_id in moderated
        and (moderated[j.area_id].grade_id, moderated[j.area_id].met) != (j.grade_id, j.met)
    }
    sections = [
        ReportAreaType(
            area=AreaType.from_model(area),
            grade=GradeType.from_model(grade) if grade else None,
            met=moderated[j.area_id].met if j.area_id in moderated else j.met,
            moderated=j.area_id in changed,
            excellence=j.excellence,
            narrative=j.narrative,
            rationale=j.rationale,
        )
        for j, area, grade in sorted(
            ((j, a, g) for j, a, g in zip(consensus, areas, grades, strict=True) if a is not None),
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
