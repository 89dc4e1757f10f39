"""Request body size limit as a pure ASGI middleware, and answering before the body is used.

A limit enforced after ``await request.body()`` is no limit: the server would
already hold the whole body in memory. This middleware refuses a declared
``Content-Length`` over the limit before using a byte, and counts bytes as
they stream in for chunked bodies, stopping at the first byte too many.

Refusing is not enough for every client to *see* the refusal. Python's
``urllib`` (and ``http.client``) sends the whole body before it reads a byte of
the answer, and says ``Connection: close``; had the server answered and closed
with part of the body still unread, the kernel would reset the connection and
the client would read ``ECONNRESET`` instead of the 413. So, like nginx's
lingering close, an early answer first reads and discards what the client is
still sending, within :data:`DRAIN_BYTES` and :data:`DRAIN_SECONDS`: a huge or
slow upload gets its answer (and a closed connection) once either cap is hit.
Nothing drained is kept or parsed.
"""

from __future__ import annotations

import asyncio

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ServiceError, error_response

# The most an early answer reads and throws away before answering: well above
# the default --max-bytes (1 MB), so that ordinary mistakes (a 5 MB article) get
# their 413, while a larger upload is cut off; 16 MiB is ~0.1 s on a LAN.
DRAIN_BYTES = 16 * 2**20
# ... and the longest it reads, so a client that stalls cannot hold the connection.
DRAIN_SECONDS = 5.0
CONNECTION_CLOSE = {"Connection": "close"}


def too_large(limit: int, headers: dict[str, str] | None = None) -> ServiceError:
    """The 413 for a body over ``limit`` bytes."""
    return ServiceError(413, "payload_too_large", f"request body is larger than the limit of {limit} bytes",
                        headers=headers)


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of header ``name`` (lower case), or None."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return value
    return None


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as an int, or None when absent (chunked) or unparsable."""
    value = header(scope, b"content-length")
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def may_drain(scope: Scope, declared: int | None, budget: int = DRAIN_BYTES) -> bool:
    """Whether reading the rest of the body can let the client see an early answer.

    Not when the client waits for ``100 Continue`` (it sends the body only when
    asked, and a final status tells it not to), nor when it declared more than
    the budget (it would be cut off anyway, so reading part is wasted).
    """
    if (header(scope, b"expect") or b"").lower() == b"100-continue":
        return False
    return declared is None or declared <= budget


async def drain(receive: Receive, budget: int = DRAIN_BYTES, seconds: float = DRAIN_SECONDS) -> bool:
    """Read and discard the request body up to ``budget`` bytes and ``seconds``;
    True when it was read to its end (the connection may then be kept alive)."""
    read = 0
    try:
        async with asyncio.timeout(seconds):
            while read <= budget:
                message = await receive()
                if message["type"] != "http.request":
                    return False  # the client went away
                read += len(message.get("body", b""))
                if not message.get("more_body", False):
                    return True
    except TimeoutError:
        pass
    return False


async def answer_early(response: Response, scope: Scope, receive: Receive, send: Send,
                       declared: int | None) -> None:
    """Send ``response`` to a request whose body the app will not use, so that the
    client sees it (see the module docstring); ``Connection: close`` unless the body
    was read to its end."""
    if not (may_drain(scope, declared) and await drain(receive)):
        response.headers.update(CONNECTION_CLOSE)
    await response(scope, receive, send)


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
            err = too_large(self.max_bytes)
            await answer_early(error_response(413, err.error, err.detail), scope, receive, send, declared)
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
                    # app's handlers turn this into the usual 413 JSON; the rest of
                    # the body is read first, as for a declared length.
                    ended = not message.get("more_body", False) or (may_drain(scope, declared)
                                                                    and await drain(receive))
                    raise too_large(self.max_bytes, headers=None if ended else CONNECTION_CLOSE)
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
            await error_response(413, err.error, err.detail, headers=err.headers)(scope, receive, send)
