"""After assurance: the host's factual-accuracy points and appeals against moderated grades."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import AppealOutcome

if TYPE_CHECKING:
    from peerqa.models.framework import Area, Grade
    from peerqa.models.review import Review
    from peerqa.models.user import User


class FactualAccuracyPoint(Model):
    """A factual error the host points out in the draft, and the lead's answer with a reason."""

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="factual_points", on_delete=fields.CASCADE
    )
    review_id: int
    area: fields.ForeignKeyNullableRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="factual_points", null=True, on_delete=fields.RESTRICT
    )
    area_id: int | None
    text = fields.TextField()
    raised_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="factual_points_raised", on_delete=fields.RESTRICT
    )
    raised_by_id: int
    raised_at = fields.DatetimeField()
    accepted = fields.BooleanField(null=True, description="Null until the lead answers")
    answer_reason = fields.TextField(default="")
    answered_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="factual_points_answered", null=True, on_delete=fields.RESTRICT
    )
    answered_by_id: int | None
    answered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "factual_accuracy_point"
        ordering = ("review_id", "raised_at", "id")


class Appeal(Model):
    """The host headteacher's appeal against one moderated judgement, and its hearing.

    Heard by a moderator with no part in the review: not its moderator, not a duty moderator
    consulted on it, and free of conflicts of interest.
    """

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="appeals", on_delete=fields.CASCADE
    )
    review_id: int
    area: fields.ForeignKeyRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="appeals", on_delete=fields.RESTRICT
    )
    area_id: int
    grounds = fields.TextField()
    lodged_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="appeals_lodged", on_delete=fields.RESTRICT
    )
    lodged_by_id: int
    lodged_at = fields.DatetimeField()
    moderator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="appeals_heard", null=True, on_delete=fields.RESTRICT
    )
    moderator_id: int | None
    assigned_at = fields.DatetimeField(null=True)
    outcome = fields.CharEnumField(AppealOutcome, max_length=14, null=True)
    outcome_reasons = fields.TextField(default="")
    grade_before: fields.ForeignKeyNullableRelation[Grade] = fields.ForeignKeyField(
        "models.Grade", related_name="appeals_from", null=True, on_delete=fields.RESTRICT
    )
    grade_before_id: int | None
    grade_after: fields.ForeignKeyNullableRelation[Grade] = fields.ForeignKeyField(
        "models.Grade", related_name="appeals_to", null=True, on_delete=fields.RESTRICT
    )
    grade_after_id: int | None
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "appeal"
        ordering = ("review_id", "lodged_at", "id")
