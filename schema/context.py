"""The per-request GraphQL context: who is asking, from where, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from peerqa.access import Actor
from peerqa.config import Settings
from peerqa.schema.loaders import Loaders


@dataclass
class Context:
    request: Request | WebSocket
    response: Response | None
    settings: Settings
    actor: Actor | None
    client: str
    loaders: Loaders = field(default_factory=Loaders)
    session_token: str | None = None
    """The raw session cookie this request carried, if any (for rotation at login)."""
    connection_params: dict[str, object] | None = None


Info = StrawberryInfo[Context, None]
