"""The Starlette application: /graphql, /healthz and the web UI, behind the middleware."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from tortoise.contrib.starlette import RegisterTortoise

from peerqa import __version__, db, events
from peerqa import notify as mailer
from peerqa.config import Settings
from peerqa.errors import ConfigurationError
from peerqa.schema import get_schema
from peerqa.schema.http import PeerqaGraphQL
from peerqa.schema.middleware import BodyLimit, SecurityHeaders
from peerqa.services import concerns

log = logging.getLogger("peerqa.app")

NO_UI = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peerqa</title></head>
<body><h1>peerqa</h1><p>The API is at <code>/graphql</code>. The web UI is not built: run
<code>make run</code>, or <code>npm ci &amp;&amp; npm run build</code> in
<code>frontend/</code>.</p>
</body></html>"""


def default_ui_dir() -> Path:
    """frontend/dist beside the source tree (an editable install), if it exists."""
    return Path(__file__).resolve().parent.parent / "frontend" / "dist"


ESCALATION_CHECK_SECONDS = 60


async def _escalate_periodically(settings: Settings) -> None:
    """Escalate unacknowledged concerns; a failure is logged and retried next time."""
    after = timedelta(minutes=settings.concern_escalation_minutes)
    while True:
        try:
            await concerns.escalate_overdue(after)
        except Exception:
            log.exception("escalating overdue concerns failed")
        await asyncio.sleep(ESCALATION_CHECK_SECONDS)


@asynccontextmanager
async def _shared_events(settings: Settings) -> AsyncIterator[None]:
    """On PostgreSQL, fan domain events out to every worker with LISTEN/NOTIFY."""
    if settings.dialect == "postgres":
        async with events.hub.listen_postgres(settings.resolved_database_url):
            yield
    else:
        yield


async def healthz(request: Request) -> Response:
    ok = await db.ping()
    return JSONResponse(
        {
            "status": "ok" if ok else "unavailable",
            "database": "reachable" if ok else "unreachable",
            "version": __version__,
        },
        status_code=200 if ok else 503,
    )


async def no_ui(request: Request) -> Response:
    return HTMLResponse(NO_UI)


def create_app(settings: Settings, *, orm: bool = True) -> Starlette:
    """Build the app. ``orm=False`` leaves the database to the caller (tests own it)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not orm:
            yield
            return
        async with (
            RegisterTortoise(app, config=db.tortoise_config(settings)),
            _shared_events(settings),
        ):
            tasks = [asyncio.create_task(_escalate_periodically(settings))]
            if settings.smtp_url:
                tasks.append(asyncio.create_task(mailer.run_concern_mailer(settings)))
            try:
                yield
            finally:
                for task in tasks:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    graphql = PeerqaGraphQL(get_schema(), settings)
    ui_dir = settings.ui_dir or default_ui_dir()
    routes: list[Route | Mount | WebSocketRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz, methods=["GET"]),
    ]
    if (ui_dir / "index.html").is_file():
        routes.append(Mount("/", StaticFiles(directory=ui_dir, html=True)))
    else:
        routes.append(Route("/", no_ui, methods=["GET"]))
    return Starlette(
        debug=False,
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
            Middleware(
                SecurityHeaders, hsts=not settings.development, development=settings.development
            ),
            Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
        ],
        lifespan=lifespan,
    )


def create_app_from_env() -> Starlette:
    """Factory for ``uvicorn --factory`` and ``peerqa serve``: settings from the environment.
    Refuses a production server whose moderation seed anyone knows, however it is started."""
    settings = Settings.from_env()
    if (problem := settings.secret_seed_problem()) is not None:
        raise ConfigurationError(f"{problem}; in production it must be a secret.")
    return create_app(settings)
