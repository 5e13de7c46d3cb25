"""Partnerships: groups of schools that review each other, with their own rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import PartnershipKind, ReportVisibility

if TYPE_CHECKING:
    from peerqa.models.school import School


class Partnership(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200, unique=True)
    kind = fields.CharEnumField(PartnershipKind, max_length=10, default=PartnershipKind.CLUSTER)
    allow_reciprocal = fields.BooleanField(
        default=False, description="May two schools review each other in one cycle?"
    )
    conflict_years = fields.IntField(
        default=3, description="Years within which a past review between schools is a conflict"
    )
    report_visibility = fields.CharEnumField(
        ReportVisibility, max_length=10, default=ReportVisibility.SCHOOL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    version = fields.IntField(default=0)

    members: fields.ReverseRelation[PartnershipMember]

    class Meta:
        table = "partnership"
        ordering = ("name",)


class PartnershipMember(Model):
    id = fields.IntField(primary_key=True)
    partnership: fields.ForeignKeyRelation[Partnership] = fields.ForeignKeyField(
        "models.Partnership", related_name="members", on_delete=fields.CASCADE
    )
    partnership_id: int
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="partnership_memberships", on_delete=fields.CASCADE
    )
    school_id: int
    joined_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "partnership_member"
        unique_together = (("partnership", "school"),)
