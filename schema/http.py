"""The /graphql HTTP endpoint: authentication, CSRF defence, and GraphQL-over-HTTP conformance.

- Authenticates from ``Authorization: Bearer <token>`` (scripts) or the session cookie (browser).
- Cross-site requests are refused: JSON-only POST (Strawberry rejects form and text bodies, which
  would skip the CORS preflight), queries over GET are off, and a POST whose ``Origin`` is not
  this site or an allowed origin gets 403.
- With ``Accept: application/graphql-response+json`` a request error (parse, validation) is a 400
  without ``data``, as the GraphQL-over-HTTP specification requires.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from peerqa.access import Actor
from peerqa.config import Settings
from peerqa.schema.context import Context
from peerqa.services import auth

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def session_cookie_name(settings: Settings) -> str:
    """``__Host-`` binds the cookie to this host over HTTPS; plain HTTP needs a plain name."""
    return "peerqa_session" if settings.development else "__Host-peerqa_session"


def client_address(request: Request | WebSocket) -> str:
    return request.client.host if request.client else "unknown"


def request_origin(request: Request | WebSocket) -> str:
    scheme = "https" if request.scope.get("scheme") in ("https", "wss") else "http"
    return f"{scheme}://{request.headers.get('host', '')}"


def origin_allowed(request: Request | WebSocket, settings: Settings) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        # Browsers send Origin on every cross-site POST; without it, refuse only what the
        # browser itself labels cross-site.
        return request.headers.get("sec-fetch-site", "same-origin") != "cross-site"
    return origin == request_origin(request) or origin in settings.allowed_origins


async def authenticate(
    request: Request | WebSocket, settings: Settings
) -> tuple[Actor | None, str | None]:
    """The actor behind the request's bearer token or session cookie, and the raw cookie."""
    cookie = request.cookies.get(session_cookie_name(settings))
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None, cookie
        return await auth.resume_api_token(token.strip()), cookie
    if cookie:
        return await auth.resume_session(settings, cookie), cookie
    return None, None


class PeerqaGraphQL(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.development else None,
            allow_queries_via_get=False,
            multipart_uploads_enabled=False,
            allowed_origins=settings.allowed_origins,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=20,
        )
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        actor, cookie = await authenticate(request, self.settings)
        return Context(
            request=request,
            response=response if isinstance(response, Response) else None,
            settings=self.settings,
            actor=actor,
            client=client_address(request),
            session_token=cookie,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A WebSocket may carry the session cookie, or a token in ``connection_init``."""
        token = (context.connection_params or {}).get("token")
        if context.actor is None and isinstance(token, str) and token:
            context.actor = await auth.resume_api_token(token[:200])
        if context.actor is None:
            raise ConnectionRejectionError({"reason": "Sign in first."})
        return None

    async def run(
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Any:
        if (
            isinstance(request, Request)
            and request.method == "POST"
            and not origin_allowed(request, self.settings)
        ):
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": "Cross-site request refused.",
                            "extensions": {"code": "FORBIDDEN"},
                        }
                    ]
                },
                status_code=403,
            )
        response = await super().run(request, context, root_value)
        if (
            isinstance(request, Request)
            and isinstance(response, Response)
            and GRAPHQL_RESPONSE_JSON in request.headers.get("accept", "")
            and response.media_type == "application/json"
        ):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
            if getattr(request.state, "graphql_request_error", False):
                response.status_code = 400
        return response

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)  # type: ignore[arg-type]
        errors: list[dict[str, Any]] = body.get("errors") or []  # type: ignore[assignment]
        for error in errors:
            # Syntax errors are raised before schema extensions run: give them a code too.
            error.setdefault("extensions", {}).setdefault("code", "BAD_REQUEST")
        if isinstance(request, Request) and _is_request_error(result):
            request.state.graphql_request_error = True
            if GRAPHQL_RESPONSE_JSON in request.headers.get("accept", ""):
                body.pop("data", None)
        return body


def _is_request_error(result: ExecutionResult) -> bool:
    """Parse, validation and coercion errors: no data, and no error has a path."""
    return (
        result.data is None
        and bool(result.errors)
        and all(e.path is None for e in result.errors or [])
    )
