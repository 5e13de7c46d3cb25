"""Creating users, giving them roles, and resetting passwords (admin and CLI operations)."""

from __future__ import annotations

import re

from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.clock import now
from peerqa.credentials import check_password_policy, hash_password
from peerqa.errors import Conflict, NotFound, ValidationFailed
from peerqa.models import ApiToken, Appeal, Moderation, School, SchoolRole, Session, User
from peerqa.models.enums import GlobalRole, SchoolRoleKind
from peerqa.services.auth import normalise_email

EMAIL_MAX = 254
NAME_MAX = 120
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def check_email(email: str) -> str:
    email = normalise_email(email)
    if len(email) > EMAIL_MAX or not EMAIL_PATTERN.match(email):
        raise ValidationFailed("Enter an e-mail address like name@school.org.uk.", field="email")
    return email


async def create_user(
    email: str,
    display_name: str,
    password: str,
    *,
    global_role: GlobalRole = GlobalRole.SCHOOL_USER,
    actor_id: int | None = None,
) -> User:
    email = check_email(email)
    display_name = display_name.strip()
    if not display_name or len(display_name) > NAME_MAX:
        raise ValidationFailed("Enter a name of 1 to 120 characters.", field="displayName")
    check_password_policy(password, email=email)
    if await User.exists(email=email):
        raise Conflict("A user with that e-mail address already exists.", field="email")
    password_hash = await hash_password(password)
    async with in_transaction():
        user = await User.create(
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            global_role=global_role,
        )
        await audit.record(
            "user.create",
            actor_id=actor_id,
            object_type="user",
            object_id=user.id,
            detail={"role": global_role.value},
        )
    return user


async def get_user(email: str) -> User:
    user = await User.get_or_none(email=normalise_email(email))
    if user is None:
        raise NotFound(f"No user has the e-mail address {email!r}.", field="email")
    return user


async def set_global_role(email: str, role: GlobalRole, *, actor_id: int | None = None) -> User:
    """Change someone's role. A moderator keeps the role while rounds or appeals assigned to
    them are undecided: only a moderator can decide them, so they would be stuck."""
    user = await get_user(email)
    leaving = user.global_role is GlobalRole.MODERATOR and role is not GlobalRole.MODERATOR
    async with in_transaction():
        if leaving:
            await _require_no_open_moderation(user)
            user.on_duty = False  # only moderators answer duty consultations
        user.global_role = role
        await user.save(update_fields=["global_role", "on_duty"])
        await audit.record(
            "user.set_role",
            actor_id=actor_id,
            object_type="user",
            object_id=user.id,
            detail={"role": role.value},
        )
    return user


async def _require_no_open_moderation(user: User) -> None:
    rounds = await Moderation.filter(moderator_id=user.id, outcome__isnull=True).count()
    hearings = await Appeal.filter(moderator_id=user.id, decided_at__isnull=True).count()
    if rounds or hearings:
        held = " and ".join(
            text
            for count, text in (
                (rounds, f"{rounds} moderation round(s)"),
                (hearings, f"{hearings} appeal(s)"),
            )
            if count
        )
        raise Conflict(
            f"{user.display_name} is assigned {held} not yet decided: reassign them to another "
            "moderator first.",
            field="globalRole",
        )


async def add_school_role(
    email: str, urn: int, role: SchoolRoleKind, *, actor_id: int | None = None
) -> SchoolRole:
    user = await get_user(email)
    if not await School.exists(urn=urn):
        raise NotFound(f"No school has the URN {urn}.", field="urn")
    async with in_transaction():
        school_role, created = await SchoolRole.get_or_create(
            user_id=user.id, school_id=urn, role=role
        )
        if created:
            await audit.record(
                "user.add_school_role",
                actor_id=actor_id,
                object_type="user",
                object_id=user.id,
                detail={"urn": urn, "role": role.value},
            )
    return school_role


async def reset_password(email: str, password: str, *, actor_id: int | None = None) -> User:
    """Set a new password, end every session the user had and revoke their API tokens."""
    user = await get_user(email)
    check_password_policy(password, email=user.email)
    password_hash = await hash_password(password)
    async with in_transaction():
        user.password_hash = password_hash
        await user.save(update_fields=["password_hash"])
        await Session.filter(user_id=user.id).delete()
        await ApiToken.filter(user_id=user.id, revoked_at=None).update(revoked_at=now())
        await audit.record(
            "user.reset_password", actor_id=actor_id, object_type="user", object_id=user.id
        )
    return user
