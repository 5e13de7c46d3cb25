"""peerqa's GraphQL face: the one Strawberry schema of this process."""

from __future__ import annotations

import functools

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from peerqa.schema.errors import CodedErrors, IntrospectionGate
from peerqa.schema.limits import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_TOKENS,
    LoneSensitiveFieldRule,
    QueryCostRule,
)
from peerqa.schema.mutations.admin import AdminMutations
from peerqa.schema.mutations.auth import AuthMutations
from peerqa.schema.mutations.moderation import ModerationMutations
from peerqa.schema.mutations.review import ReviewMutations
from peerqa.schema.mutations.work import WorkMutations
from peerqa.schema.queries import Query
from peerqa.schema.subscriptions import Subscription


@strawberry.type
class Mutation(AuthMutations, ReviewMutations, WorkMutations, ModerationMutations, AdminMutations):
    pass


def _extensions() -> list[type[SchemaExtension] | object]:
    return [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: AddValidationRules([QueryCostRule, LoneSensitiveFieldRule]),
        lambda: ParserCache(maxsize=256),
        IntrospectionGate,
        CodedErrors,
    ]


@functools.cache
def get_schema() -> strawberry.Schema:
    """Build the schema once per process: Relay's node field cannot be built twice.

    What differs between development and production (introspection) is decided per request
    from the context's settings, so one schema serves both.
    """
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=_extensions(),  # type: ignore[arg-type]
        config=StrawberryConfig(disable_field_suggestions=True),
    )


def print_sdl() -> str:
    """The SDL as committed in schema/schema.graphql."""
    return get_schema().as_str() + "\n"
