"""How failures reach GraphQL clients.

- Mutations return expected failures as data: ``errors: [UserError!]!`` with a stable ``code``,
  the input ``field`` it concerns, and a message that says what to do next.
- Queries raise them as GraphQL errors carrying ``extensions.code`` (``UNAUTHENTICATED``,
  ``NOT_FOUND``, ...). Parse and validation errors keep their message (code ``BAD_REQUEST``).
- Anything else is a bug: it is logged with a reference and the client sees only
  "Unexpected error" and that reference — no SQL, paths or traces.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from enum import Enum

import strawberry
from graphql.error import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.relay.types import GlobalIDValueError

from peerqa.errors import PeerqaError

log = logging.getLogger("peerqa.graphql")
MAX_ERRORS = 20


@strawberry.enum(description="Why an operation did not succeed.")
class ErrorCode(Enum):
    VALIDATION = "VALIDATION"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION"
    CONFLICT = "CONFLICT"
    THROTTLED = "THROTTLED"
    PERSONAL_DATA = "PERSONAL_DATA"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"
    TRY_AGAIN = "TRY_AGAIN"


@strawberry.type(description="An expected failure of a mutation, to show next to the field.")
class UserError:
    code: ErrorCode
    field: str | None = strawberry.field(
        description="The input field (camelCase) the error concerns; null for the whole form."
    )
    message: str = strawberry.field(description="What went wrong and what to do next.")
    current_version: int | None = strawberry.field(
        default=None,
        description="For CONFLICT on a stale version: the version now stored. Reload, compare "
        "with what was typed, and save again.",
    )

    @classmethod
    def from_error(cls, error: PeerqaError, *, current_version: int | None = None) -> UserError:
        return cls(
            code=ErrorCode(error.code),
            field=error.field,
            message=error.message,
            current_version=current_version,
        )

    @classmethod
    def reason(cls, error: PeerqaError, reason: str) -> UserError:
        """One conflict-of-interest reason, as its own error next to the field."""
        return cls(code=ErrorCode.CONFLICT_OF_INTEREST, field=error.field, message=reason)


class CodedErrors(MaskErrors):
    """Give domain errors their code, keep request errors, and mask everything else."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._process(error) for error in errors[:MAX_ERRORS]]

    def _process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, PeerqaError):
            extensions: dict[str, object] = {"code": original.code}
            retry_after = getattr(original, "retry_after", None)
            if retry_after is not None:
                extensions["retryAfter"] = retry_after
            return _replace(error, original.message, extensions)
        if isinstance(original, GlobalIDValueError):
            return _replace(error, "That is not a valid ID.", {"code": "BAD_REQUEST"})
        if original is None or isinstance(original, GraphQLError):
            if not error.extensions or "code" not in error.extensions:
                error.extensions = {**(error.extensions or {}), "code": "BAD_REQUEST"}
            return error
        reference = secrets.token_hex(6)
        log.error("unexpected error %s at %s", reference, error.path, exc_info=original)
        return _replace(
            error,
            f"Unexpected error. Reference: {reference}.",
            {"code": "INTERNAL", "reference": reference},
        )


def _replace(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    """The same error at the same place, with a message and extensions safe to show."""
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


class IntrospectionGate(SchemaExtension):
    """Refuse introspection unless the process runs with ``PEERQA_ENV=development``."""

    def on_operation(self) -> Iterator[None]:
        settings = getattr(self.execution_context.context, "settings", None)
        if not getattr(settings, "development", False):
            self.execution_context.validation_rules = (
                *self.execution_context.validation_rules,
                NoSchemaIntrospectionCustomRule,
            )
        yield
