"""Frameworks: versioned rubrics of areas and grades. A version in use is never changed."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import AreaKind, FrameworkMode


class Framework(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=64, description="Stable identifier, e.g. 'national'")
    version = fields.IntField()
    name = fields.CharField(max_length=200)
    mode = fields.CharEnumField(FrameworkMode, max_length=10)
    description = fields.TextField(default="")
    source = fields.CharField(max_length=200, default="", description="File or plugin it came from")
    content_hash = fields.CharField(max_length=64, description="SHA-256 of the loaded definition")
    is_current = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    grades: fields.ReverseRelation[Grade]
    areas: fields.ReverseRelation[Area]

    class Meta:
        table = "framework"
        unique_together = (("key", "version"),)
        ordering = ("key", "version")


class Grade(Model):
    """One point on a framework's scale, where ``rank`` 1 is the highest."""

    id = fields.IntField(primary_key=True)
    framework: fields.ForeignKeyRelation[Framework] = fields.ForeignKeyField(
        "models.Framework", related_name="grades", on_delete=fields.CASCADE
    )
    framework_id: int
    key = fields.CharField(max_length=64)
    label = fields.CharField(max_length=100)
    rank = fields.IntField()

    class Meta:
        table = "grade"
        unique_together = (("framework", "key"), ("framework", "rank"))
        ordering = ("framework_id", "rank")


class Area(Model):
    """An evaluation area. ``applies_when`` names a school feature it depends on, if any."""

    id = fields.IntField(primary_key=True)
    framework: fields.ForeignKeyRelation[Framework] = fields.ForeignKeyField(
        "models.Framework", related_name="areas", on_delete=fields.CASCADE
    )
    framework_id: int
    key = fields.CharField(max_length=64)
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(AreaKind, max_length=12, default=AreaKind.GRADED)
    description = fields.TextField(
        default="", description="What the area covers, or what met requires"
    )
    question = fields.TextField(default="", description="The 'to what extent...?' question")
    position = fields.IntField()
    applies_when = fields.CharField(max_length=32, default="", description="'' = always")
    allows_excellence = fields.BooleanField(default=False)
    checklist: list[dict[str, str]] = fields.JSONField(
        default=list, description="Audit checklist items (key, label) for met or not met areas"
    )

    descriptors: fields.ReverseRelation[GradeDescriptor]

    class Meta:
        table = "area"
        unique_together = (("framework", "key"),)
        ordering = ("framework_id", "position")


class GradeDescriptor(Model):
    """What a grade looks like in one area."""

    id = fields.IntField(primary_key=True)
    area: fields.ForeignKeyRelation[Area] = fields.ForeignKeyField(
        "models.Area", related_name="descriptors", on_delete=fields.CASCADE
    )
    area_id: int
    grade: fields.ForeignKeyRelation[Grade] = fields.ForeignKeyField(
        "models.Grade", related_name="descriptors", on_delete=fields.CASCADE
    )
    grade_id: int
    text = fields.TextField()

    class Meta:
        table = "grade_descriptor"
        unique_together = (("area", "grade"),)
