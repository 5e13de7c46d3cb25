"""The one source of "now": timezone-aware UTC, so tests and services agree."""

from __future__ import annotations

from datetime import datetime

from tortoise import timezone


def now() -> datetime:
    return timezone.now()
