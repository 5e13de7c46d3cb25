"""The report: what the review concluded, beyond the per-area consensus, and the action plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from peerqa.models.review import Review


class Report(Model):
    """The letter's whole-school parts. Per-area narrative comes from the consensus judgements."""

    id = fields.IntField(primary_key=True)
    review: fields.OneToOneRelation[Review] = fields.OneToOneField(
        "models.Review", related_name="report", on_delete=fields.CASCADE
    )
    review_id: int
    summary = fields.TextField(default="")
    strengths = fields.TextField(default="")
    areas_for_development = fields.TextField(default="")
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=0)

    class Meta:
        table = "report"


class ActionItem(Model):
    """One line of the action plan: what, who owns it, by when."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="action_items", on_delete=fields.CASCADE
    )
    review_id: int
    action = fields.TextField()
    owner = fields.CharField(max_length=120, description="A role, not a pupil")
    due_on = fields.DateField(null=True)
    position = fields.IntField(default=0)
    done = fields.BooleanField(default=False)

    class Meta:
        table = "action_item"
        ordering = ("review_id", "position", "id")
