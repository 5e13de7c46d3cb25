"""``peerqa users``: create users, set roles, reset passwords."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from peerqa import db
from peerqa.config import Settings
from peerqa.errors import ValidationFailed
from peerqa.models.enums import GlobalRole, SchoolRoleKind
from peerqa.services import users


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "users", help="manage users", description="Create users, set roles, reset passwords."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="create a user", description="Create a user.")
    create.add_argument("email")
    create.add_argument("--name", required=True, help="display name")
    create.add_argument(
        "--role", choices=[r.value for r in GlobalRole], default=GlobalRole.SCHOOL_USER.value
    )
    _password_options(create)
    create.set_defaults(handler=run_create)

    role = actions.add_parser(
        "set-role",
        help="set a global role, or add a role at a school",
        description="Set the global role (--role), or add a school role (--urn and --school-role).",
    )
    role.add_argument("email")
    role.add_argument("--role", choices=[r.value for r in GlobalRole])
    role.add_argument("--urn", type=int, help="school URN, with --school-role")
    role.add_argument("--school-role", choices=[r.value for r in SchoolRoleKind])
    role.set_defaults(handler=run_set_role)

    reset = actions.add_parser(
        "reset-password",
        help="set a new password and end the user's sessions",
        description="Set a new password; every session the user had is ended.",
    )
    reset.add_argument("email")
    _password_options(reset)
    reset.set_defaults(handler=run_reset)


def _password_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password (at least 15 characters): ")
    if getpass.getpass("Repeat it: ") != first:
        raise ValidationFailed("The two passwords differ.")
    return first


async def run_create(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args)
    async with db.orm(settings):
        user = await users.create_user(
            args.email, args.name, password, global_role=GlobalRole(args.role)
        )
    print(f"Created {user.email} ({user.global_role.value}).")  # noqa: T201
    return 0


async def run_set_role(args: argparse.Namespace, settings: Settings) -> int:
    if args.role is None and (args.urn is None or args.school_role is None):
        raise ValidationFailed("Give --role, or --urn with --school-role.")
    async with db.orm(settings):
        if args.role is not None:
            user = await users.set_global_role(args.email, GlobalRole(args.role))
            print(f"{user.email} is now {user.global_role.value}.")  # noqa: T201
        if args.urn is not None and args.school_role is not None:
            await users.add_school_role(args.email, args.urn, SchoolRoleKind(args.school_role))
            print(f"{args.email} is {args.school_role} at {args.urn}.")  # noqa: T201
    return 0


async def run_reset(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args)
    async with db.orm(settings):
        user = await users.reset_password(args.email, password)
    print(f"Password reset for {user.email}; their sessions were ended.")  # noqa: T201
    return 0
