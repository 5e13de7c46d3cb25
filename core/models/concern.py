"""Safeguarding concerns: recorded once, never edited, with an append-only trail of actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import ConcernActionKind

if TYPE_CHECKING:
    from peerqa.models.review import Review
    from peerqa.models.user import User


class Concern(Model):
    """A safeguarding concern raised during a review. No pupil names: the summary is checked.

    A concern about the headteacher is hidden from the host school's staff and routed to the
    chair of governors and the local authority designated officer (LADO).
    """

    id = fields.IntField(primary_key=True)
    review: fields.ForeignKeyRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="concerns", on_delete=fields.RESTRICT
    )
    review_id: int
    raised_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="raised_concerns", on_delete=fields.RESTRICT
    )
    raised_by_id: int
    raised_at = fields.DatetimeField()
    summary = fields.TextField()
    about_headteacher = fields.BooleanField(default=False)
    told_dsl = fields.BooleanField(default=False, description="The raiser told the host DSL")
    immediate_danger = fields.BooleanField(default=False, description="999 was or must be called")

    actions: fields.ReverseRelation[ConcernAction]

    class Meta:
        table = "concern"
        ordering = ("-raised_at", "-id")


class ConcernAction(Model):
    """One step taken on a concern: acknowledged, escalated, noted or resolved."""

    id = fields.IntField(primary_key=True)
    concern: fields.ForeignKeyRelation[Concern] = fields.ForeignKeyField(
        "models.Concern", related_name="actions", on_delete=fields.RESTRICT
    )
    concern_id: int
    kind = fields.CharEnumField(ConcernActionKind, max_length=16)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="concern_actions", null=True, on_delete=fields.RESTRICT
    )
    actor_id: int | None
    at = fields.DatetimeField()
    note = fields.TextField(default="")

    class Meta:
        table = "concern_action"
        ordering = ("concern_id", "at", "id")
