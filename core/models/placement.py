"""The alternative provision (AP) register of a review: anonymised facts per placement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import PlacementOutcome

if TYPE_CHECKING:
    from peerqa.models.review import Review


class ApPlacement(Model):
    """One pupil's placement in alternative provision, identified only by the school's code."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="ap_placements", on_delete=fields.CASCADE
    )
    review_id: int
    reference = fields.CharField(max_length=20, description="The school's anonymous code")
    registered_provider = fields.BooleanField(description="Provision is registered")
    full_time = fields.BooleanField()
    started_on = fields.DateField()
    planned_end_on = fields.DateField(null=True, description="Null means open-ended")
    objectives_set = fields.BooleanField(default=False)
    success_criteria_set = fields.BooleanField(default=False)
    exit_plan = fields.BooleanField(default=False, description="Reintegration or exit plan")
    last_reviewed_on = fields.DateField(null=True)
    outcome = fields.CharEnumField(
        PlacementOutcome, max_length=20, default=PlacementOutcome.ONGOING
    )
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=0)

    class Meta:
        table = "ap_placement"
        unique_together = (("review", "reference"),)
        ordering = ("review_id", "started_on", "id")
