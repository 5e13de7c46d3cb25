"""Domain errors: the expected failures a caller can act on.

Services raise these; the GraphQL layer turns them into ``UserError`` payload entries (for
mutations) or coded GraphQL errors (for queries). Anything else is a bug and is masked.

    PeerqaError                 base; carries a stable ``code`` and an optional ``field``
    ├── ValidationFailed        VALIDATION    input is malformed or out of range
    ├── NotAuthenticated        UNAUTHENTICATED   no (valid) session or token
    ├── PermissionDenied        FORBIDDEN     the actor may not do this
    ├── NotFound                NOT_FOUND     no such object *visible to the actor*
    ├── IllegalTransition       ILLEGAL_TRANSITION  the lifecycle forbids it in this state
    ├── Conflict                CONFLICT      stale version or duplicate
    ├── PersonalData            PERSONAL_DATA text looks like it names or identifies a pupil
    ├── Throttled               THROTTLED     too many attempts; ``retry_after`` seconds
    ├── DatabaseUnavailable     UNAVAILABLE   (CLI and start-up only)
    └── ConfigurationError      CONFIGURATION (CLI and start-up only)

"Not found" and "forbidden" for an object the actor may not see are deliberately the same
``NotFound`` so identifiers cannot be enumerated.
"""

from __future__ import annotations


class PeerqaError(Exception):
    """Base of every expected domain failure."""

    code = "ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(PeerqaError):
    code = "VALIDATION"


class NotAuthenticated(PeerqaError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "Sign in to do this.", *, field: str | None = None) -> None:
        super().__init__(message, field=field)


class PermissionDenied(PeerqaError):
    code = "FORBIDDEN"


class NotFound(PeerqaError):
    code = "NOT_FOUND"


class IllegalTransition(PeerqaError):
    code = "ILLEGAL_TRANSITION"


class Conflict(PeerqaError):
    code = "CONFLICT"


class PersonalData(PeerqaError):
    """Text looks like it holds pupil-identifiable data; nothing was saved.

    The author may remove it, or confirm that it is not personal data and save again.
    """

    code = "PERSONAL_DATA"


class Throttled(PeerqaError):
    code = "THROTTLED"

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after


class TryAgain(PeerqaError):
    """A step was saved but a part after it failed; sending the same request again finishes it."""

    code = "TRY_AGAIN"


class DatabaseUnavailable(PeerqaError):
    """The database cannot be reached; raised by the CLI and at start-up, never to clients."""

    code = "UNAVAILABLE"


class ConfigurationError(PeerqaError):
    """A setting is missing or malformed; raised at start-up, never to GraphQL clients."""

    code = "CONFIGURATION"
