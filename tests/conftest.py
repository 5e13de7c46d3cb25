"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

The PostgreSQL leg needs ``PEERQA_TEST_POSTGRES_URL`` (``.ci/run`` sets it). When it is unset
those tests skip with that reason; when it is set and the server cannot be reached they fail.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx2 as httpx
import pytest
from tortoise.backends.base.config_generator import generate_config
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.connection import get_connection
from tortoise.context import TortoiseContext, tortoise_test_context

from peerqa.config import Settings
from peerqa.schema.app import create_app

BACKENDS = ["sqlite", "postgres"]
POSTGRES_ENV = "PEERQA_TEST_POSTGRES_URL"
BASE_URL = "https://peerqa.test"
ORIGIN = BASE_URL

_postgres_ready: set[str] = set()


def postgres_url(purpose: str = "") -> str | None:
    """The PostgreSQL test database for this run (and ``purpose``), or None without one.

    Each test process gets its own databases (named after the configured one plus the process
    id), so two runs on one machine never drop each other's; they are dropped at the end.
    """
    configured = os.environ.get(POSTGRES_ENV)
    if not configured:
        return None
    parts = urlsplit(configured)
    name = (
        f"{parts.path.strip('/') or 'peerqa_test'}_{os.getpid()}{'_' + purpose if purpose else ''}"
    )
    _created.add(name)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


_created: set[str] = set()


async def _drop_created() -> None:
    configured = os.environ.get(POSTGRES_ENV)
    if not configured or not _created:
        return
    conn = await asyncpg.connect(admin_url(configured).replace("postgres://", "postgresql://", 1))
    try:
        for name in sorted(_created):
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import asyncio

    asyncio.run(_drop_created())


def admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))


async def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in ``url`` (the test run owns it)."""
    name = urlsplit(url).path.strip("/")
    conn = await asyncpg.connect(admin_url(url).replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


@pytest.fixture(autouse=True)
def _fresh_sql_cache() -> None:
    """Tortoise caches SQL per connection name, not per dialect: clear it between tests."""
    EXECUTOR_CACHE.clear()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and postgres_url() is None:
        pytest.skip(f"PostgreSQL leg: set {POSTGRES_ENV} to run it (.ci/run does)")
    return str(request.param)


@pytest.fixture
async def db(backend: str) -> AsyncIterator[TortoiseContext]:
    """A clean database with the current models, on the chosen backend."""
    if backend == "sqlite":
        async with tortoise_test_context(["peerqa.models"]) as ctx:
            yield ctx
        return
    url = postgres_url()
    assert url is not None
    first_use = url not in _postgres_ready
    if first_use:
        await recreate_postgres_database(url)
    ctx = TortoiseContext()
    async with ctx:
        await ctx.init(config=generate_config(url, {"models": ["peerqa.models"]}))
        if first_use:
            await ctx.generate_schemas(safe=False)
            _postgres_ready.add(url)
        else:
            await _truncate_all(ctx)
        yield ctx


async def _truncate_all(ctx: TortoiseContext) -> None:
    assert ctx.apps is not None
    tables = [model._meta.db_table for model in ctx.apps.get_models_iterable()]
    quoted = ", ".join(f'"{t}"' for t in tables)
    await get_connection("default").execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        data_dir=tmp_path,
        database_url="sqlite://:memory:",
        allowed_hosts=("peerqa.test", "testserver"),
        ui_dir=tmp_path / "no-ui",
    )


@pytest.fixture
def dev_settings(settings: Settings) -> Settings:
    from dataclasses import replace

    return replace(settings, env="development")


@pytest.fixture
async def client(db: TortoiseContext, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """HTTP through the real ASGI app; the ``db`` fixture owns the ORM."""
    async with _client(settings) as c:
        yield c


def _client(settings: Settings) -> httpx.AsyncClient:
    app = create_app(settings, orm=False)
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url=BASE_URL,
        headers={"origin": ORIGIN},
    )


@pytest.fixture
def make_client(db: TortoiseContext) -> object:
    """A factory for extra clients (separate cookie jars, other settings)."""
    return _client


class QueryCounter(logging.Handler):
    """Counts SQL statements sent by Tortoise (it logs each at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            self.statements.append(message)


@pytest.fixture
def count_queries() -> Iterator[QueryCounter]:
    logger = logging.getLogger("tortoise.db_client")
    handler = QueryCounter()
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
