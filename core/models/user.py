"""People, their roles, and how they prove who they are (sessions, API tokens, throttles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import GlobalRole, SchoolRoleKind

if TYPE_CHECKING:
    from peerqa.models.school import School


class User(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True, description="Lower-cased")
    display_name = fields.CharField(max_length=120)
    password_hash = fields.CharField(max_length=255, default="")
    global_role = fields.CharEnumField(GlobalRole, max_length=20, default=GlobalRole.SCHOOL_USER)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    password_changed_at = fields.DatetimeField(null=True)
    on_duty = fields.BooleanField(
        default=False, description="Moderator on duty for consultations during visits"
    )

    school_roles: fields.ReverseRelation[SchoolRole]

    class Meta:
        table = "user"
        ordering = ("id",)


class SchoolRole(Model):
    """A user's role at one school: what relation-based access rules are built from."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="school_roles", on_delete=fields.CASCADE
    )
    user_id: int
    school: fields.ForeignKeyRelation[School] = fields.ForeignKeyField(
        "models.School", related_name="staff_roles", on_delete=fields.CASCADE
    )
    school_id: int
    role = fields.CharEnumField(SchoolRoleKind, max_length=20)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "school_role"
        unique_together = (("user", "school", "role"),)


class Session(Model):
    """A signed-in browser. Only the SHA-256 of the random cookie value is stored."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    client = fields.CharField(max_length=64, default="")

    class Meta:
        table = "session"


class ApiToken(Model):
    """A personal token for scripts, sent as ``Authorization: Bearer`` and stored hashed."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    user_id: int
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=16, description="First characters, to recognise it")
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
        ordering = ("id",)


class LoginThrottle(Model):
    """Failed-login counter for one key (``account:<email>`` or ``client:<address>``)."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=300, unique=True)
    window_started_at = fields.DatetimeField()
    attempts = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttle"
