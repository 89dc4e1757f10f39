"""Request body size limit as a pure ASGI middleware.

A limit enforced after ``await request.body()`` is no limit: the server would
already hold the whole body in memory. This middleware refuses a declared
``Content-Length`` over the limit before reading a byte, and counts bytes as
they stream in for chunked bodies, stopping at the first byte too many.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ServiceError, error_response


def too_large(limit: int) -> ServiceError:
    """The 413 for a body over ``limit`` bytes."""
    return ServiceError(413, "payload_too_large", f"request body is larger than the limit of {limit} bytes")


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as an int, or None when absent (chunked) or unparsable."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodySizeLimit:
    """Refuse HTTP request bodies over ``max_bytes`` with a 413 JSON error."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            # Answer without reading: the client learns at once, the server holds nothing.
            err = too_large(self.max_bytes)
            await error_response(413, err.error, err.detail)(scope, receive, send)
            return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises HTTPExceptions from body reading, so the
                    # app's handlers turn this into the usual 413 JSON.
                    raise too_large(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except ServiceError as err:
            # Raised where no exception handler runs (e.g. a plain Starlette route).
            if err.status_code != 413 or response_started:
                raise
            await error_response(413, err.error, err.detail)(scope, receive, send)
