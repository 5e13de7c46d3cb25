"""What scoring plugins said about a school or a review, with what it was computed from."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class PluginResult(Model):
    """One plugin's latest result for one subject (a school by URN, or a review by id).

    ``input_hash`` fingerprints everything the plugin was given (its name, version, settings
    and the input snapshot): a run whose hash matches writes nothing, and a stored result can be
    reproduced by running that version on that input. A failed call keeps ``ok`` false and the
    reason in ``error``, for the admins' plugin report.
    """

    id = fields.IntField(primary_key=True)
    subject = fields.CharField(max_length=10, description="school or review")
    subject_id = fields.IntField(description="URN for a school, id for a review")
    plugin = fields.CharField(max_length=64)
    plugin_version = fields.CharField(max_length=64)
    input_hash = fields.CharField(max_length=64)
    ok = fields.BooleanField(default=True)
    error = fields.TextField(default="")
    scores: list[dict[str, Any]] = fields.JSONField(default=list)
    flags: list[dict[str, Any]] = fields.JSONField(default=list)
    risks: list[dict[str, Any]] = fields.JSONField(default=list)
    duration_ms = fields.FloatField(default=0.0)
    computed_at = fields.DatetimeField()

    class Meta:
        table = "plugin_result"
        unique_together = (("subject", "subject_id", "plugin"),)
        ordering = ("subject", "subject_id", "plugin")
