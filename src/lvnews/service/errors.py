"""One JSON shape for every error, and the handlers that produce it.

Clients should never have to parse an HTML error page or guess between
FastAPI's ``{"detail": ...}`` and Starlette's plain text: every 4xx/5xx from
the service (including the ones raised by the ASGI middlewares, before FastAPI
sees the request) is an ``ErrorResponse``.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("lvnews.service")

# pydantic's prefix to the message of a ValueError raised by a validator.
VALUE_ERROR_PREFIX = "Value error, "

# Machine-readable codes by status, for errors raised without a specific one.
_DEFAULT_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "validation_error",
    500: "internal_error",
    503: "not_ready",
    504: "timeout",
}


class ErrorDetail(BaseModel):
    """One problem in the request, as pydantic reports it (without echoing the input)."""

    loc: list[str | int] = Field(description="where: ['body', 'items', 3, 'text']")
    msg: str
    type: str = Field(description="pydantic error type, e.g. missing, string_type, json_invalid")


class ErrorResponse(BaseModel):
    """The body of every error response."""

    status: int = Field(description="the HTTP status, repeated for logs and proxies")
    error: str = Field(description="stable machine-readable code, e.g. payload_too_large")
    message: str = Field(description="what went wrong, for people")
    detail: list[ErrorDetail] | None = Field(default=None, description="per-field problems (422, 400)")


class ServiceError(StarletteHTTPException):
    """An HTTP error with an explicit code, raised by handlers and middlewares alike."""

    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.error = error


def error_response(status: int, error: str, message: str, detail: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """Build the JSON error; used by exception handlers and the raw ASGI middlewares."""
    body = ErrorResponse(status=status, error=error, message=message,
                         detail=[ErrorDetail(**d) for d in detail] if detail is not None else None)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: the error statuses it can return, all as ErrorResponse."""
    descriptions = {
        400: "Malformed JSON body (or a body that could not be read).",
        401: "Missing or wrong API key (only when the server runs with an API key).",
        413: "Request body larger than the server's --max-bytes, or too many batch items.",
        422: "The JSON is well-formed but does not match the request schema.",
        500: "A bug in lvnews (never caused by the request alone); please report it.",
        503: "The model is not loaded (start-up or shutdown).",
        504: "The analysis took longer than the server's --timeout.",
    }
    return {s: {"model": ErrorResponse, "description": descriptions[s]} for s in statuses}


def _clean_errors(errors: Any) -> list[dict[str, Any]]:
    """pydantic errors without ``input``/``ctx``: they may echo megabytes or hold exceptions."""
    out = []
    for err in errors:
        msg = str(err.get("msg", ""))
        out.append({"loc": [p if isinstance(p, int) else str(p) for p in err.get("loc", ())],
                    "msg": msg.removeprefix(VALUE_ERROR_PREFIX), "type": str(err.get("type", "value_error"))})
    return out


def _is_json_content_type(value: str | None) -> bool:
    """application/json or application/*+json, parameters ignored."""
    media = (value or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = _clean_errors(exc.errors())
    if any(e["type"] == "json_invalid" for e in errors):
        return error_response(400, "invalid_json", "the request body is not valid JSON", errors)
    # Our own validators' messages say what is expected: the first one is the message.
    ours = next((e["msg"] for e in errors if e["type"] == "value_error"), None)
    message = ours or "the request does not match the schema (see detail and /openapi.json)"
    if request.method == "POST" and not _is_json_content_type(request.headers.get("content-type")):
        # FastAPI only parses JSON bodies sent as JSON; say so instead of "should be an object".
        message = "send the body as JSON with the header Content-Type: application/json"
    return error_response(422, "validation_error", message, errors)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    code = getattr(exc, "error", None) or _DEFAULT_CODES.get(status) or f"http_{status}"
    try:
        default = HTTPStatus(status).phrase
    except ValueError:
        default = "error"
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else default
    if status == 400 and message == "There was an error parsing the body":
        # FastAPI's wording when json.loads fails for other reasons (nesting too deep, bad bytes).
        code, message = "invalid_json", "the request body could not be parsed as JSON"
    return error_response(status, code, message, headers=getattr(exc, "headers", None))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", f"internal error ({type(exc).__name__}); this is a bug in lvnews")


def install_handlers(app: FastAPI) -> None:
    """Route FastAPI's, Starlette's and our own exceptions to the one JSON shape."""
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)
