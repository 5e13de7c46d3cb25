"""GraphQL types for the report and its action plan."""

from __future__ import annotations

from datetime import date

import strawberry

from peerqa import models


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
