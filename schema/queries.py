"""Root query fields. Each declares its permission; object rules come from ``peerqa.access``."""

from __future__ import annotations

import strawberry
from strawberry import relay
from tortoise.expressions import Q

from peerqa import access, models, pluginhost
from peerqa.errors import ValidationFailed
from peerqa.schema.context import Info
from peerqa.schema.pagination import Connection, paginate
from peerqa.schema.permissions import signed_in
from peerqa.schema.types.admin import DataStatusType
from peerqa.schema.types.framework import FrameworkType
from peerqa.schema.types.partnership import PartnershipType
from peerqa.schema.types.queue import ModerationQueue, build_queue
from peerqa.schema.types.review import ReviewType
from peerqa.schema.types.school import SchoolType
from peerqa.schema.types.scoring import PluginFailure, PluginInfo, plugin_failure, plugin_info
from peerqa.schema.types.statistics import Statistics, resolve_statistics
from peerqa.schema.types.user import ApiTokenType, UserType
from peerqa.services import admin, appeals, concerns, consultations, moderation

MAX_SEARCH = 100
LA_CODE_DIGITS = 3
URN_MAX_DIGITS = 9


@strawberry.type
class Query:
    node: relay.Node | None = relay.node(
        description="Any object by its global ID; null when it does not exist or is not yours to "
        "see (the two are indistinguishable).",
        extensions=signed_in(),
    )

    @strawberry.field(description="The signed-in user.", extensions=signed_in())
    async def me(self, info: Info) -> UserType:
        actor = access.require_actor(info.context.actor)
        user = await models.User.get(id=actor.user_id)
        return UserType.from_model(user)

    @strawberry.field(
        description="Schools in the national register, by name. `search` matches part of the name, "
        "the exact URN, or a three-digit LA code (at most 100 characters). `first` is 1 to 100 "
        "(default 20). Any signed-in user.",
        extensions=signed_in(),
    )
    async def schools(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SchoolType]:
        queryset = access.visible_schools(info.context.actor)
        if search is not None:
            term = search.strip()
            if len(term) > MAX_SEARCH:
                raise ValidationFailed(
                    f"Search for at most {MAX_SEARCH} characters.", field="search"
                )
            if term:
                condition = Q(name__icontains=term)
                if term.isascii() and term.isdigit():
                    if len(term) == LA_CODE_DIGITS:
                        condition |= Q(la_code=term)
                    if len(term) <= URN_MAX_DIGITS:
                        condition |= Q(urn=int(term))
                queryset = queryset.filter(condition)
        return await paginate(queryset.order_by("name", "urn"), first, after, SchoolType.from_model)  # type: ignore[no-any-return]

    @strawberry.field(
        description="One school by URN; null if there is none.", extensions=signed_in()
    )
    async def school(self, info: Info, urn: int) -> SchoolType | None:
        school = await access.visible_schools(info.context.actor).get_or_none(urn=urn)
        return SchoolType.from_model(school) if school else None

    @strawberry.field(
        description="Partnerships you can see (all for admins and moderators; your schools' for "
        "school users). `first` is 1 to 100 (default 20).",
        extensions=signed_in(),
    )
    async def partnerships(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[PartnershipType]:
        queryset = access.visible_partnerships(info.context.actor).order_by("name", "id")
        return await paginate(queryset, first, after, PartnershipType.from_model)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Frameworks, current versions only unless `includeOlder` is true.",
        extensions=signed_in(),
    )
    async def frameworks(self, info: Info, include_older: bool = False) -> list[FrameworkType]:
        queryset = access.visible_frameworks(info.context.actor)
        if not include_older:
            queryset = queryset.filter(is_current=True)
        return [FrameworkType.from_model(f) for f in await queryset.order_by("key", "version")]

    @strawberry.field(
        description="Reviews you can see, newest first. `first` is 1 to 100 (default 20). "
        "`withOpenConcerns` keeps only those with a concern not yet resolved (moderators and "
        "admins; FORBIDDEN otherwise).",
        extensions=signed_in(),
    )
    async def reviews(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        with_open_concerns: bool = False,
    ) -> Connection[ReviewType]:
        queryset = access.visible_reviews(info.context.actor).order_by("-created_at", "-id")
        if with_open_concerns:
            queryset = concerns.with_open_concerns(info.context.actor, queryset)
        return await paginate(queryset, first, after, ReviewType.from_model)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Installed scoring plugins with their hooks, source and settings (admins).",
        extensions=signed_in(),
    )
    async def plugins(self, info: Info) -> list[PluginInfo]:
        access.require_admin(info.context.actor)
        settings = info.context.settings
        found = pluginhost.describe(settings.plugins_disabled, settings.plugin_settings)
        return [plugin_info(p) for p in found]

    @strawberry.field(
        description="Every user, by name (admins). `search` matches part of the name or "
        "e-mail address. `first` is 1 to 100 (default 20).",
        extensions=signed_in(),
    )
    async def users(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[UserType]:
        queryset = admin.people(info.context.actor, search)
        return await paginate(queryset, first, after, UserType.from_model)  # type: ignore[no-any-return]

    @strawberry.field(
        description="The school register and each imported figures file: figures, schools, "
        "years and when it was last loaded (admins).",
        extensions=signed_in(),
    )
    async def data_status(self, info: Info) -> DataStatusType:
        return DataStatusType.from_status(await admin.data_status(info.context.actor))

    @strawberry.field(
        description="Plugin calls that failed (raised, returned a bad result, or overran the "
        "time budget), newest first (admins). `first` is 1 to 100 (default 20).",
        extensions=signed_in(),
    )
    async def plugin_failures(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[PluginFailure]:
        access.require_admin(info.context.actor)
        queryset = models.PluginResult.filter(ok=False).order_by("-computed_at", "-id")
        return await paginate(queryset, first, after, plugin_failure)  # type: ignore[no-any-return]

    statistics: Statistics = strawberry.field(
        resolver=resolve_statistics,
        description="Reliability and bias statistics (agreement, lead severity, the context-bias "
        "audit, moderation outcomes) of one partnership's reviews, or every partnership's, with a "
        "visit from `from` to `to`. Moderators and admins (FORBIDDEN for others). Computed on "
        "each request (about 2 s for 200 reviews), so the cost rule charges it 450.",
        extensions=signed_in(),
    )

    @strawberry.field(
        description="Your moderation queue (moderators; administrators see every item): "
        "selected reviews awaiting a decision and appeals awaiting a hearing, yours and the "
        "unassigned, with why each review was selected; and, when you are on duty, "
        "consultations awaiting an answer.",
        extensions=signed_in(),
    )
    async def moderation_queue(self, info: Info) -> ModerationQueue:
        actor = info.context.actor
        rounds = await moderation.queue(actor)
        user_id = access.require_actor(actor).user_id
        return await build_queue(
            info, user_id, rounds, await appeals.queue(actor), await consultations.waiting(actor)
        )

    @strawberry.field(
        description="Your personal API tokens (secrets are never shown again).",
        extensions=signed_in(),
    )
    async def my_api_tokens(self, info: Info) -> list[ApiTokenType]:
        actor = access.require_actor(info.context.actor)
        rows = await models.ApiToken.filter(user_id=actor.user_id).order_by("id")
        return [ApiTokenType.from_model(t) for t in rows]
