"""Moderation: the independent check of a submitted review, one round per submission.

A review returned to its team and submitted again gets a new round, so each row is one
sampling decision and, where moderated, one moderator's outcome. Moderated grades themselves are
``Judgement`` rows of kind ``moderated`` (one per area, author = the moderator), so agreement and
severity statistics read every kind of grade the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import ModerationOutcome

if TYPE_CHECKING:
    from peerqa.models.review import Review
    from peerqa.models.user import User


class Moderation(Model):
    """One sampling decision on a submitted review, and the moderator's outcome if moderated.

    ``reasons`` lists why it was selected (or that it was not), each ``{"code", "detail"}``,
    shown to moderators. ``draw`` is the seeded random number behind a random selection, kept so
    the decision can be reproduced.
    """

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="moderations", on_delete=fields.CASCADE
    )
    review_id: int
    round = fields.IntField(default=1, description="1 for the first submission, then 2, 3..")
    required = fields.BooleanField(description="Selected for moderation")
    reasons: list[dict[str, Any]] = fields.JSONField(default=list)
    draw = fields.FloatField(null=True, description="Seeded random draw, if one was made")
    moderator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="moderations", null=True, on_delete=fields.RESTRICT
    )
    moderator_id: int | None
    assigned_at = fields.DatetimeField(null=True)
    outcome = fields.CharEnumField(ModerationOutcome, max_length=10, null=True)
    outcome_reasons = fields.TextField(default="", description="Points to address, or a note")
    adjustments: list[dict[str, Any]] = fields.JSONField(
        default=list, description="Adjusted areas: area, from, to and reason"
    )
    decided_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "moderation"
        unique_together = (("review", "round"),)
        ordering = ("review_id", "round")
