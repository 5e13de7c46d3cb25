"""What every mutation shares: running a service call and turning domain errors into data."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from peerqa.errors import PeerqaError
from peerqa.schema.errors import UserError
from peerqa.services.team import ConflictOfInterest
from peerqa.versioning import StaleVersion

T = TypeVar("T")


async def attempt(call: Awaitable[T]) -> tuple[T | None, list[UserError]]:
    """Await a service call; expected failures come back as ``UserError`` entries."""
    try:
        return await call, []
    except ConflictOfInterest as error:
        return None, [UserError.reason(error, reason) for reason in error.reasons]
    except StaleVersion as error:
        return None, [UserError.from_error(error, current_version=error.current)]
    except PeerqaError as error:
        return None, [UserError.from_error(error)]
