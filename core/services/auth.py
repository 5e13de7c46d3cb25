"""Signing in and out: password checks with throttling, sessions, and personal API tokens.

Sessions are server-side rows keyed by the SHA-256 of a 256-bit random cookie value; a new one
is issued at every login (the old one, if any, is deleted), and each expires after an idle
period and an absolute lifetime. Failed logins are counted per account and per client address;
every failure gives the same message so accounts cannot be discovered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor
from peerqa.clock import now
from peerqa.config import Settings
from peerqa.credentials import digest, hash_password, needs_rehash, new_token, verify_password
from peerqa.errors import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Throttled,
    ValidationFailed,
)
from peerqa.models import ApiToken, LoginThrottle, SchoolRole, Session, User

BAD_CREDENTIALS = "The e-mail address or password is not right."
TOKEN_PREFIX = "pqa_"  # noqa: S105 - a public prefix, not a secret
TOKEN_NAME_MAX = 100
TOUCH_EVERY = timedelta(minutes=1)
STALE_THROTTLE = timedelta(days=1)


@dataclass(frozen=True)
class SignedIn:
    user: User
    session_token: str
    """The raw cookie value: returned once, never stored."""


async def actor_for(
    user: User, *, session_id: int | None = None, token_id: int | None = None
) -> Actor:
    roles = await SchoolRole.filter(user_id=user.id).values_list("school_id", "role")
    return Actor(
        user_id=user.id,
        email=user.email,
        global_role=user.global_role,
        school_roles=frozenset((int(urn), role) for urn, role in roles),
        session_id=session_id,
        token_id=token_id,
    )


def normalise_email(email: str) -> str:
    return email.strip().lower()


# --- throttling ---


async def _take_attempt(key: str, limit: int, window: timedelta) -> None:
    """Count one attempt against ``key`` before anything is checked; refuse it over the limit.

    The counter is read and written under a row lock in one transaction, so a burst of parallel
    attempts is counted exactly (each waits for the one before it).
    """
    at = now()
    wait = 0
    async with in_transaction():
        row = await LoginThrottle.select_for_update().get_or_none(key=key)
        if row is None:
            await LoginThrottle.filter(window_started_at__lt=at - STALE_THROTTLE).delete()
            try:
                async with in_transaction():
                    row = await LoginThrottle.create(key=key, window_started_at=at, attempts=0)
            except IntegrityError:  # created by a parallel attempt: use theirs
                row = await LoginThrottle.select_for_update().get(key=key)
        if row.locked_until is not None and row.locked_until > at:
            wait = int((row.locked_until - at).total_seconds()) + 1
        else:
            if row.window_started_at + window <= at:
                row.window_started_at, row.attempts, row.locked_until = at, 0, None
            row.attempts += 1
            if row.attempts > limit:
                row.locked_until = row.window_started_at + window
                wait = int((row.locked_until - at).total_seconds()) + 1
            await row.save()
    if wait:
        raise Throttled(
            f"Too many attempts to sign in. Try again in {_minutes(wait)}.", retry_after=wait
        )


def _minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


# --- sessions ---


async def login(
    settings: Settings, email: str, password: str, *, client: str, old_token: str | None = None
) -> SignedIn:
    """Check the credentials and open a new session, or raise NotAuthenticated / Throttled."""
    email = normalise_email(email)
    if not email or not password:
        raise ValidationFailed(
            "Enter your e-mail address and password.", field="email" if not email else "password"
        )
    account_key, client_key = f"account:{email}"[:300], f"client:{client}"[:300]
    await _take_attempt(
        client_key,
        settings.login_ip_max_attempts,
        timedelta(minutes=settings.login_ip_window_minutes),
    )
    # Counted before the password is checked, so parallel guesses cannot outrun the limit;
    # a successful sign-in clears the account's count.
    await _take_attempt(
        account_key, settings.login_max_failures, timedelta(minutes=settings.login_window_minutes)
    )
    user = await User.get_or_none(email=email)
    ok = await verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        async with in_transaction():
            await audit.record(
                "auth.login_failed",
                actor_id=user.id if user else None,
                object_type="user",
                object_id=user.id if user else "-",
                client=client,
            )
        raise NotAuthenticated(BAD_CREDENTIALS)
    raw = new_token()
    at = now()
    async with in_transaction():
        if old_token:
            await Session.filter(token_hash=digest(old_token)).delete()
        await LoginThrottle.filter(key=account_key).delete()
        if needs_rehash(user.password_hash):
            user.password_hash = await hash_password(password)
            await user.save(update_fields=["password_hash"])
        await Session.create(
            token_hash=digest(raw),
            user_id=user.id,
            created_at=at,
            last_seen_at=at,
            client=client[:64],
        )
        await audit.record(
            "auth.login", actor_id=user.id, object_type="user", object_id=user.id, client=client
        )
    return SignedIn(user=user, session_token=raw)


async def resume_session(settings: Settings, raw: str) -> Actor | None:
    """The actor behind a session cookie, or None if it is unknown, idle too long or too old."""
    session = await Session.get_or_none(token_hash=digest(raw)).select_related("user")
    if session is None:
        return None
    at = now()
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_absolute_hours)
    if (
        session.last_seen_at + idle <= at
        or session.created_at + absolute <= at
        or not session.user.is_active
    ):
        await session.delete()
        return None
    if session.last_seen_at + TOUCH_EVERY <= at:
        await Session.filter(id=session.id).update(last_seen_at=at)
    return await actor_for(session.user, session_id=session.id)


async def current_actor(settings: Settings, actor: Actor) -> Actor | None:
    """The actor as they are now, for long-lived sockets: None once their session has ended or
    their token was revoked; otherwise rebuilt, so a changed role takes effect at once."""
    at = now()
    valid = False
    if actor.session_id is not None:
        idle = at - timedelta(minutes=settings.session_idle_minutes)
        oldest = at - timedelta(hours=settings.session_absolute_hours)
        valid = await Session.exists(
            id=actor.session_id, created_at__gt=oldest, last_seen_at__gt=idle
        )
    elif actor.token_id is not None:
        valid = await ApiToken.exists(id=actor.token_id, revoked_at=None)
    user = await User.get_or_none(id=actor.user_id, is_active=True) if valid else None
    if user is None:
        return None
    return await actor_for(user, session_id=actor.session_id, token_id=actor.token_id)


async def logout(actor: Actor, *, client: str = "") -> None:
    async with in_transaction():
        if actor.session_id is not None:
            await Session.filter(id=actor.session_id).delete()
        await audit.record(
            "auth.logout",
            actor_id=actor.user_id,
            object_type="user",
            object_id=actor.user_id,
            client=client,
        )


# --- personal API tokens ---


async def create_api_token(actor: Actor, name: str, *, client: str = "") -> tuple[ApiToken, str]:
    """Create a token for the actor; the raw value is returned once and never stored.

    Only a browser session may do this, so a leaked token cannot mint itself successors.
    """
    if actor.token_id is not None:
        raise PermissionDenied("Create API tokens while signed in, not with another token.")
    name = name.strip()
    if not name or len(name) > TOKEN_NAME_MAX:
        raise ValidationFailed("Give the token a name of 1 to 100 characters.", field="name")
    raw = new_token(TOKEN_PREFIX)
    async with in_transaction():
        token = await ApiToken.create(
            user_id=actor.user_id, name=name, prefix=raw[:12], token_hash=digest(raw)
        )
        await audit.record(
            "token.create",
            actor_id=actor.user_id,
            object_type="api_token",
            object_id=token.id,
            client=client,
        )
    return token, raw


async def revoke_api_token(actor: Actor, token_id: int, *, client: str = "") -> ApiToken:
    token = await ApiToken.get_or_none(id=token_id, revoked_at=None)
    if token is None or (token.user_id != actor.user_id and not actor.is_admin):
        raise NotFound("No active token has that identifier.")
    async with in_transaction():
        token.revoked_at = now()
        await token.save(update_fields=["revoked_at"])
        await audit.record(
            "token.revoke",
            actor_id=actor.user_id,
            object_type="api_token",
            object_id=token.id,
            client=client,
        )
    return token


async def resume_api_token(raw: str) -> Actor | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = await ApiToken.get_or_none(token_hash=digest(raw), revoked_at=None).select_related(
        "user"
    )
    if token is None or not token.user.is_active:
        return None
    at = now()
    if token.last_used_at is None or token.last_used_at + TOUCH_EVERY <= at:
        await ApiToken.filter(id=token.id).update(last_used_at=at)
    return await actor_for(token.user, token_id=token.id)
