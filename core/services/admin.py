"""What administrators manage in the web UI: people and their roles, partnerships and their
schools, and the state of the published data peerqa holds.

Every function checks the caller is an administrator, validates what it is given, writes in one
transaction and audits; the CLI (``peerqa users``) does the same through ``peerqa.services.users``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.functions import Count, Max
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from peerqa import audit
from peerqa.access import Actor, require_admin
from peerqa.errors import Conflict, IllegalTransition, NotFound, ValidationFailed
from peerqa.models import (
    ContextValue,
    Partnership,
    PartnershipMember,
    School,
    SchoolRole,
    User,
)
from peerqa.models.enums import GlobalRole, PartnershipKind, SchoolRoleKind
from peerqa.services import users as user_service

NAME_MAX = 200
SEARCH_MAX = 100


def people(actor: Actor | None, search: str | None) -> QuerySet[User]:
    """Every user, by name; ``search`` matches part of the name or e-mail address."""
    require_admin(actor)
    found = User.all().order_by("display_name", "id")
    term = (search or "").strip()[:SEARCH_MAX]
    if term:
        found = found.filter(Q(display_name__icontains=term) | Q(email__icontains=term))
    return found


async def _user(user_id: int) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("No such user.", field="userId")
    return user


async def create_user(
    actor: Actor | None, email: str, display_name: str, password: str, role: GlobalRole
) -> User:
    admin = require_admin(actor)
    return await user_service.create_user(
        email, display_name, password, global_role=role, actor_id=admin.user_id
    )


async def set_global_role(actor: Actor | None, user_id: int, role: GlobalRole) -> User:
    """Make someone an admin, a moderator or a school user. Administrators cannot demote
    themselves, so the platform never loses its last one by accident."""
    admin = require_admin(actor)
    user = await _user(user_id)
    if user.id == admin.user_id and role is not GlobalRole.ADMIN:
        raise IllegalTransition("You cannot take away your own administrator role.")
    return await user_service.set_global_role(user.email, role, actor_id=admin.user_id)


async def add_school_role(
    actor: Actor | None, user_id: int, urn: int, role: SchoolRoleKind
) -> User:
    admin = require_admin(actor)
    user = await _user(user_id)
    await user_service.add_school_role(user.email, urn, role, actor_id=admin.user_id)
    return user


async def remove_school_role(
    actor: Actor | None, user_id: int, urn: int, role: SchoolRoleKind
) -> User:
    admin = require_admin(actor)
    user = await _user(user_id)
    async with in_transaction():
        removed = await SchoolRole.filter(user_id=user.id, school_id=urn, role=role).delete()
        if not removed:
            raise NotFound("They do not have that role at that school.", field="role")
        await audit.record(
            "user.remove_school_role",
            actor_id=admin.user_id,
            object_type="user",
            object_id=user.id,
            detail={"urn": urn, "role": role.value},
        )
    return user


async def create_partnership(actor: Actor | None, name: str, kind: PartnershipKind) -> Partnership:
    admin = require_admin(actor)
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise ValidationFailed(f"Enter a name of 1 to {NAME_MAX} characters.", field="name")
    async with in_transaction():
        if await Partnership.exists(name=name):
            raise Conflict("A partnership with that name already exists.", field="name")
        partnership = await Partnership.create(name=name, kind=kind)
        await audit.record(
            "partnership.create",
            actor_id=admin.user_id,
            object_type="partnership",
            object_id=partnership.id,
            detail={"name": name, "kind": kind.value},
        )
    return partnership


async def _partnership(partnership_id: int) -> Partnership:
    found = await Partnership.get_or_none(id=partnership_id)
    if found is None:
        raise NotFound("No such partnership.", field="partnershipId")
    return found


async def add_member(actor: Actor | None, partnership_id: int, urn: int) -> Partnership:
    admin = require_admin(actor)
    partnership = await _partnership(partnership_id)
    if not await School.exists(urn=urn):
        raise NotFound(f"No school has the URN {urn}.", field="urn")
    async with in_transaction():
        _member, created = await PartnershipMember.get_or_create(
            partnership_id=partnership.id, school_id=urn
        )
        if not created:
            raise Conflict("That school is already in the partnership.", field="urn")
        await audit.record(
            "partnership.add_member",
            actor_id=admin.user_id,
            object_type="partnership",
            object_id=partnership.id,
            detail={"urn": urn},
        )
    return partnership


async def remove_member(actor: Actor | None, partnership_id: int, urn: int) -> Partnership:
    """Take a school out. Its reviews in the partnership stay, with their history."""
    admin = require_admin(actor)
    partnership = await _partnership(partnership_id)
    async with in_transaction():
        removed = await PartnershipMember.filter(
            partnership_id=partnership.id, school_id=urn
        ).delete()
        if not removed:
            raise NotFound("That school is not in the partnership.", field="urn")
        await audit.record(
            "partnership.remove_member",
            actor_id=admin.user_id,
            object_type="partnership",
            object_id=partnership.id,
            detail={"urn": urn},
        )
    return partnership


@dataclass(frozen=True)
class DataFile:
    """One published file as peerqa holds it: what came from it, and when it was last loaded."""

    source_file: str
    figures: int
    schools: int
    years: tuple[int, ...]
    last_loaded_at: datetime | None


@dataclass(frozen=True)
class DataStatus:
    schools: int
    """Schools in the register."""
    register_updated_at: datetime | None
    files: tuple[DataFile, ...]


async def data_status(actor: Actor | None) -> DataStatus:
    """The register and every imported figures file, most recently loaded first."""
    require_admin(actor)
    register = (
        await School.all().annotate(n=Count("urn"), last=Max("updated_at")).values("n", "last")
    )[0]
    rows = (
        await ContextValue.all()
        .annotate(
            figures=Count("id"),
            schools=Count("snapshot__urn", distinct=True),
            last=Max("updated_at"),
        )
        .group_by("source_file")
        .values("source_file", "figures", "schools", "last")
    )
    years: dict[str, set[int]] = {}
    for row in (
        await ContextValue.all()
        .group_by("source_file", "snapshot__year")
        .values("source_file", "snapshot__year")
    ):
        years.setdefault(row["source_file"], set()).add(int(row["snapshot__year"]))
    files = sorted(
        (
            DataFile(
                source_file=row["source_file"],
                figures=int(row["figures"]),
                schools=int(row["schools"]),
                years=tuple(sorted(years.get(row["source_file"], ()))),
                last_loaded_at=row["last"],
            )
            for row in rows
        ),
        key=lambda f: (f.last_loaded_at is not None, f.last_loaded_at or 0, f.source_file),
        reverse=True,
    )
    return DataStatus(
        schools=int(register["n"] or 0), register_updated_at=register["last"], files=tuple(files)
    )
