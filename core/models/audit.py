"""The append-only audit trail: who did what, to which object, when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from peerqa.models.user import User


class AuditEvent(Model):
    """One recorded action. Rows are hash-chained: ``hash`` covers this row and ``prev_hash``.

    Never updated or deleted by the application, and ``peerqa.audit.verify_chain`` checks it.
    """

    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField()
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_events", null=True, on_delete=fields.RESTRICT
    )
    actor_id: int | None
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=32)
    object_id = fields.CharField(max_length=64)
    review_id = fields.IntField(null=True, db_index=True, description="Review it concerns, if any")
    detail: dict[str, object] = fields.JSONField(default=dict)
    client = fields.CharField(max_length=64, default="")
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_event"
        ordering = ("id",)
