"""GraphQL types for the report and its action plan."""

from __future__ import annotations

from datetime import date

import strawberry

from peerqa import models
from peerqa.models.enums import JudgementKind
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


@strawberry.type(name="ReportArea", description="The report's section for one area: the consensus.")
class ReportAreaType:
    area: AreaType
    grade: GradeType | None
    met: bool | None
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


async def build_report(review_id: int) -> ReportType:
    """The report as it stands: whole-school parts, the action plan, and the consensus by area."""
    found = await models.Report.get_or_none(review_id=review_id)
    actions = await models.ActionItem.filter(review_id=review_id).order_by("position")
    consensus = await models.Judgement.filter(
        review_id=review_id, kind=JudgementKind.CONSENSUS
    ).select_related("area", "grade")
    sections = [
        ReportAreaType(
            area=AreaType.from_model(j.area),
            grade=GradeType.from_model(j.grade) if j.grade else None,
            met=j.met,
            excellence=j.excellence,
            narrative=j.narrative,
            rationale=j.rationale,
        )
        for j in sorted(consensus, key=lambda j: j.area.position)
    ]
    return ReportType(
        summary=found.summary if found else "",
        strengths=found.strengths if found else "",
        areas_for_development=found.areas_for_development if found else "",
        version=found.version if found else 0,
        actions=[ActionItemType.from_model(a) for a in actions],
        areas=sections,
    )
