"""Optional API-key check, as a pure ASGI middleware in front of ``/v1/``.

A middleware (rather than a FastAPI dependency) so a client without the key is
refused before its body is parsed: it gets 401, not 400/413/422 that would tell
it about the API (the body is only read and thrown away, so that the client sees
the 401, see ``limits.answer_early``). ``/health``, ``/ready``, the demo page and the
OpenAPI documents stay open for probes and people.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import error_response
from .limits import answer_early, declared_length

API_KEY_HEADER = "X-API-Key"
PROTECTED_PREFIX = "/v1/"


def presented_key(scope: Scope) -> bytes | None:
    """The raw key from ``X-API-Key``, or from ``Authorization: Bearer ...``.

    Bytes, not str: header bytes are compared as sent, whatever their encoding.
    """
    bearer = None
    for name, value in scope.get("headers", ()):
        if name == b"x-api-key":
            return value
        if name == b"authorization":
            scheme, _, token = value.partition(b" ")
            if scheme.lower() == b"bearer" and token.strip():
                bearer = token.strip()
    return bearer


class ApiKeyAuth:
    """401 for ``/v1/`` requests whose key is missing or wrong."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self._expected = api_key.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PROTECTED_PREFIX):
            await self.app(scope, receive, send)
            return
        key = presented_key(scope)
        if key is not None and hmac.compare_digest(key, self._expected):
            await self.app(scope, receive, send)
            return
        message = (f"missing API key: send it in the {API_KEY_HEADER} header" if key is None
                   else "wrong API key")
        response = error_response(401, "unauthorized", message,
                                  headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'})
        await answer_early(response, scope, receive, send, declared_length(scope))
