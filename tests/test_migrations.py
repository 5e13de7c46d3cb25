"""Migrations are committed, apply cleanly on both databases, and match the models."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise
from tortoise.connection import get_connection

from peerqa import db
from peerqa.config import Settings
from tests.conftest import postgres_url, recreate_postgres_database

MIGRATIONS = sorted(
    p.stem for p in (Path(__file__).resolve().parents[1] / "core" / "migrations").glob("0*.py")
)


async def test_models_and_migrations_agree(tmp_path: Path) -> None:
    pending = await db.pending_model_changes(Settings(data_dir=tmp_path))
    assert pending == [], "run 'make migrations' and commit the new file"


async def test_migrations_apply_and_reapply(backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        settings = Settings(data_dir=tmp_path / "fresh")
    else:
        url = postgres_url("migrations")
        assert url is not None
        await recreate_postgres_database(url)
        settings = Settings(database_url=url)
    applied: list[str] = []
    await db.migrate(settings, progress=applied.append)
    assert applied == [f"applied models.{name}" for name in MIGRATIONS]
    again: list[str] = []
    await db.migrate(settings, progress=again.append)
    assert again == []
    async with db.orm(settings):
        from peerqa.models import User

        assert await User.all().count() == 0
        assert await db.ping()
        if backend == "sqlite":
            rows = await get_connection("default").execute_query_dict("PRAGMA journal_mode")
            assert rows[0]["journal_mode"] == "wal"
        else:  # results are compressed with lz4 where the server has it (0008)
            conn = get_connection("default")
            lz4 = await conn.execute_query_dict(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                "AND 'lz4' = ANY(enumvals)"
            )
            methods = await conn.execute_query_dict(
                "SELECT attname, attcompression::text AS method FROM pg_attribute WHERE attrelid = "
                "'plugin_result'::regclass AND attname IN ('scores', 'flags', 'risks')"
            )
            assert {r["method"] for r in methods} == ({"l"} if lz4 else {""})
    await Tortoise.close_connections()


def test_migration_files_are_real_files() -> None:
    """Not symlinks into build/: migrations live in the source tree and are committed."""
    folder = Path(__file__).resolve().parents[1] / "core" / "migrations"
    files = sorted(folder.glob("0*.py"))
    assert files
    assert not any(p.is_symlink() for p in files)
