"""Function-level permissions for root fields. Object-level rules live in ``peerqa.access``.

Every root Query and Mutation field declares one of these (a test enforces it): deny by default.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from peerqa.schema.context import Info


class IsSignedIn(BasePermission):
    message = "Sign in to see this."
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012 - strawberry's API

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.actor is not None


class Anyone(BasePermission):
    """Explicitly open to anonymous callers (only ``login``)."""

    message = ""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


def signed_in() -> list[FieldExtension]:
    return [PermissionExtension(permissions=[IsSignedIn()], use_directives=False)]


def anyone() -> list[FieldExtension]:
    return [PermissionExtension(permissions=[Anyone()], use_directives=False)]
