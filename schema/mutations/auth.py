"""Sign in and out, and manage personal API tokens."""

from __future__ import annotations

import strawberry

from peerqa import access
from peerqa.credentials import PASSWORD_MAX_LENGTH
from peerqa.errors import PeerqaError, ValidationFailed
from peerqa.schema.context import Info
from peerqa.schema.errors import UserError
from peerqa.schema.http import session_cookie_name
from peerqa.schema.permissions import anyone, signed_in
from peerqa.schema.types.nodes import parse_key
from peerqa.schema.types.user import ApiTokenType, UserType
from peerqa.services import auth

MAX_EMAIL = 254
MAX_PASSWORD_INPUT = PASSWORD_MAX_LENGTH


@strawberry.input(description="E-mail address and password.")
class LoginInput:
    email: str = strawberry.field(description="At most 254 characters.")
    password: str = strawberry.field(description="At most 128 characters.")


@strawberry.type
class LoginPayload:
    user: UserType | None
    errors: list[UserError]


@strawberry.type
class LogoutPayload:
    errors: list[UserError]


@strawberry.input
class CreateApiTokenInput:
    name: str = strawberry.field(description="What the token is for; 1 to 100 characters.")


@strawberry.type
class CreateApiTokenPayload:
    token: ApiTokenType | None
    secret: str | None = strawberry.field(
        description="The token itself. Shown only in this response: store it now."
    )
    errors: list[UserError]


@strawberry.input
class RevokeApiTokenInput:
    token_id: strawberry.ID


@strawberry.type
class RevokeApiTokenPayload:
    token: ApiTokenType | None
    errors: list[UserError]


@strawberry.type
class AuthMutations:
    @strawberry.mutation(
        description="Sign in; sets the session cookie. Throttled after repeated failures "
        "(code THROTTLED). Must be the only field of its operation.",
        extensions=anyone(),
    )
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        ctx = info.context
        try:
            if len(input.email) > MAX_EMAIL or len(input.password) > MAX_PASSWORD_INPUT:
                raise ValidationFailed("The e-mail address or password is too long.")
            signed = await auth.login(
                ctx.settings,
                input.email,
                input.password,
                client=ctx.client,
                old_token=ctx.session_token,
            )
        except PeerqaError as error:
            return LoginPayload(user=None, errors=[UserError.from_error(error)])
        if ctx.response is not None:
            ctx.response.set_cookie(
                session_cookie_name(ctx.settings),
                signed.session_token,
                max_age=ctx.settings.session_absolute_hours * 3600,
                path="/",
                secure=not ctx.settings.development,
                httponly=True,
                samesite="lax",
            )
        return LoginPayload(user=UserType.from_model(signed.user), errors=[])

    @strawberry.mutation(description="Sign out: ends this session.", extensions=signed_in())
    async def logout(self, info: Info) -> LogoutPayload:
        ctx = info.context
        await auth.logout(access.require_actor(ctx.actor), client=ctx.client)
        if ctx.response is not None:
            ctx.response.delete_cookie(
                session_cookie_name(ctx.settings),
                path="/",
                secure=not ctx.settings.development,
                httponly=True,
                samesite="lax",
            )
            ctx.response.headers["Clear-Site-Data"] = '"cookies"'
        return LogoutPayload(errors=[])

    @strawberry.mutation(
        description="Create a personal API token for scripts (send as `Authorization: Bearer`).",
        extensions=signed_in(),
    )
    async def create_api_token(
        self, info: Info, input: CreateApiTokenInput
    ) -> CreateApiTokenPayload:
        actor = access.require_actor(info.context.actor)
        try:
            token, secret = await auth.create_api_token(
                actor, input.name, client=info.context.client
            )
        except PeerqaError as error:
            return CreateApiTokenPayload(
                token=None, secret=None, errors=[UserError.from_error(error)]
            )
        return CreateApiTokenPayload(token=ApiTokenType.from_model(token), secret=secret, errors=[])

    @strawberry.mutation(
        description="Revoke one of your API tokens (an admin may revoke anyone's).",
        extensions=signed_in(),
    )
    async def revoke_api_token(
        self, info: Info, input: RevokeApiTokenInput
    ) -> RevokeApiTokenPayload:
        actor = access.require_actor(info.context.actor)
        try:
            token_pk = parse_key(str(input.token_id))
            if token_pk is None:
                raise ValidationFailed("That is not a token identifier.", field="tokenId")
            token = await auth.revoke_api_token(actor, token_pk, client=info.context.client)
        except PeerqaError as error:
            return RevokeApiTokenPayload(token=None, errors=[UserError.from_error(error)])
        return RevokeApiTokenPayload(token=ApiTokenType.from_model(token), errors=[])
