"""Duty consultations: during a visit the lead asks the moderator on duty for a second view.

The duty moderator probes the evidence and does not decide, so a consultation has a question and
an answer and no grade.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import ConsultationKind

if TYPE_CHECKING:
    from peerqa.models.framework import Area
    from peerqa.models.review import Review
    from peerqa.models.user import User


class DutyConsultation(Model):
    """One request for a second view of one area, and the duty moderator's response."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="consultations", on_delete=fields.CASCADE
    )
    review_id: int
    area: fields.ForeignKeyRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="consultations", on_delete=fields.RESTRICT
    )
    area_id: int
    kind = fields.CharEnumField(ConsultationKind, max_length=12)
    question = fields.TextField()
    requested_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_requested", on_delete=fields.RESTRICT
    )
    requested_by_id: int
    requested_at = fields.DatetimeField()
    responder: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="consultations_answered", null=True, on_delete=fields.RESTRICT
    )
    responder_id: int | None
    response = fields.TextField(default="")
    responded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "duty_consultation"
        ordering = ("review_id", "requested_at", "id")
