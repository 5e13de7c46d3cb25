"""Database wiring: the Tortoise configuration, migrations, and a reachability check."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import asyncpg
from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.exceptions import DBConnectionError, OperationalError

from peerqa.config import Settings
from peerqa.errors import DatabaseUnavailable

MODELS_MODULE = "peerqa.models"
MIGRATIONS_MODULE = "peerqa.migrations"

# WAL lets readers run beside the one writer; NORMAL is the usual durability level with WAL;
# a busy timeout makes a second writer wait instead of failing at once.
SQLITE_PRAGMAS = "journal_mode=wal&synchronous=NORMAL&busy_timeout=5000&foreign_keys=1"


def database_url(settings: Settings) -> str:
    """The URL Tortoise connects with; SQLite gets peerqa's pragmas unless the URL sets them."""
    url = settings.resolved_database_url
    if settings.dialect != "sqlite" or ":memory:" in url:
        return url
    base, _, query = url.partition("?")
    given = dict(parse_qsl(query))
    pragmas = {**dict(parse_qsl(SQLITE_PRAGMAS)), **given}
    return f"{base}?{urlencode(pragmas)}"


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """The Tortoise config dict for these settings (used by the app, the CLI and migrations)."""
    return {
        "connections": {"default": database_url(settings)},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def migrate(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Apply every unapplied migration. Creates the SQLite data directory if needed."""
    from tortoise.migrations.api.migrate import migrate as tortoise_migrate

    if settings.dialect == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)

    def report(event: str, app_label: str, name: str) -> None:
        if progress and event == "apply_done":
            progress(f"applied {app_label}.{name}")

    async with orm(settings):
        pass  # fail early, in one line, if the database cannot be reached
    try:
        await tortoise_migrate(config=tortoise_config(settings), progress=report)
    finally:
        await Tortoise.close_connections()


async def ping() -> bool:
    """True when the default connection answers a trivial query."""
    try:
        await get_connection("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True


@asynccontextmanager
async def orm(settings: Settings) -> AsyncIterator[None]:
    """Open the ORM for a CLI command or script, and close it afterwards."""
    async with _explain_connection_errors(settings):
        await Tortoise.init(config=tortoise_config(settings))
        await get_connection("default").execute_query("SELECT 1")
    try:
        yield
    finally:
        await Tortoise.close_connections()


@asynccontextmanager
async def _explain_connection_errors(settings: Settings) -> AsyncIterator[None]:
    """Turn a driver's connection failure into one line that says what to check."""
    try:
        yield
    except (OSError, DBConnectionError, OperationalError, asyncpg.PostgresError) as error:
        where = _describe(settings)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DatabaseUnavailable(
            f"cannot reach the database at {where} ({reason}); check PEERQA_DATABASE_URL."
        ) from None


def _describe(settings: Settings) -> str:
    """The database location without any password."""
    if settings.dialect == "sqlite":
        return settings.resolved_database_url
    parts = urlsplit(settings.resolved_database_url)
    return f"{parts.hostname}:{parts.port or 5432}{parts.path}"


async def pending_model_changes(settings: Settings) -> list[str]:
    """Names of migrations the autodetector would write: empty when models and migrations agree."""
    writers = await _autodetect(settings)
    return [f"{w.app_label}.{w.name}" for w in writers]


async def make_migrations(settings: Settings, name: str | None = None) -> list[str]:
    """Write migration files for model changes; return their paths."""
    from tortoise.migrations.writer import format_migration_name

    paths = []
    for writer in await _autodetect(settings):
        if name:
            number = int(writer.name.split("_", 1)[0])
            writer.name = format_migration_name(number, name)
        paths.append(_write_into_source(writer))
    return paths


def _write_into_source(writer: Any) -> str:
    """Write a migration into core/migrations.

    With a strict editable install the package folder is a link tree under build/, and the
    writer writes there: move the file into the source folder and link it back.
    """
    import peerqa.migrations

    source_dir = Path(peerqa.migrations.__file__).resolve().parent
    written = Path(writer.write())
    target = source_dir / written.name
    if written.resolve() != target:
        shutil.move(written, target)
        written.symlink_to(target)
    return str(target)


async def _autodetect(settings: Settings) -> list[Any]:
    from tortoise.context import TortoiseContext
    from tortoise.migrations.autodetector import MigrationAutodetector

    config = tortoise_config(settings)
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        assert ctx.apps is not None
        return list(await MigrationAutodetector(ctx.apps, config["apps"]).changes())
