"""The app factory: wires settings, middlewares, routes, the page and the lifespan.

``create_app()`` with no arguments reads ``LVNEWS_*`` variables: that is how
uvicorn worker processes (``--workers N``, ``factory=True``) get their settings.
Tests and embedders may pass ``settings`` and even a ready ``analyzer``.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from ..version import __version__
from .auth import API_KEY_HEADER, PROTECTED_PREFIX, ApiKeyAuth
from .errors import install_handlers
from .limits import BodySizeLimit
from .page import install_page
from .routes import analyze_together, router, service_info
from .runner import AnalysisRunner, MicroBatcher
from .settings import Settings
from .state import WARMUP_TEXT, ServiceState

if TYPE_CHECKING:
    from ..analyzer import Analyzer

log = logging.getLogger("lvnews.service")

DESCRIPTION = """Analyse Latvian news articles into the lvnews record contract
(tokens, sentences, entities in base form, facts), with offsets into the text as sent.

Errors are JSON (`ErrorResponse`): 400 malformed JSON, 401 API key, 413 body or batch
too large, 422 schema mismatch, 504 analysis timeout. The demo page is at `/`."""


def load_analyzer(settings: Settings) -> "Analyzer":
    """The process's shared analyzer for the settings' model (the bundled one by default).

    Shared, not loaded for the service alone: code in the same process that calls
    ``lvnews.analyze`` gets this very analyzer, so the model is held once. It is
    thread-safe, so such calls may run while the service analyses (they take turns).
    """
    from ..analyzer import shared_analyzer

    return shared_analyzer(settings.model, backend=settings.backend)


def lifespan_for(state: ServiceState, preloaded: "Analyzer | None"):  # noqa: ANN201
    """Load the model once per worker before serving; stop taking work on shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        never = float("inf")
        analyzer = preloaded
        if analyzer is None:
            analyzer = await state.runner.call(load_analyzer, state.settings, timeout=never)
        if state.settings.warmup:
            await state.runner.call(analyzer.analyze, WARMUP_TEXT, timeout=never)
        state.analyzer = analyzer
        state.batcher = MicroBatcher(state.runner, partial(analyze_together, analyzer))
        state.info = service_info(analyzer, state)
        state.accepting = True
        log.info("lvnews %s ready: model %s", __version__, analyzer.model_info)
        try:
            yield
        finally:
            # uvicorn has stopped accepting and waited for in-flight requests by now.
            state.accepting = False
            if state.batcher is not None:
                state.batcher.close()
            state.runner.close()

    return lifespan


def openapi_for(app: FastAPI, settings: Settings):  # noqa: ANN201
    """OpenAPI that states this server's real limits and, when set, its API key."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes, tags=app.openapi_tags)
        batch = schema.get("components", {}).get("schemas", {}).get("BatchRequest")
        if batch:
            batch["properties"]["items"]["maxItems"] = settings.max_batch
        if settings.api_key is not None:
            schema.setdefault("components", {})["securitySchemes"] = {
                "ApiKey": {"type": "apiKey", "in": "header", "name": API_KEY_HEADER}}
            for path, operations in schema.get("paths", {}).items():
                if path.startswith(PROTECTED_PREFIX):
                    for operation in operations.values():
                        operation["security"] = [{"ApiKey": []}]
        app.openapi_schema = schema
        return schema

    return openapi


def create_app(settings: Settings | None = None, analyzer: "Analyzer | None" = None) -> FastAPI:
    """Build the ASGI app; the model loads in the lifespan (or ``analyzer`` is used as is)."""
    settings = settings or Settings.from_env()
    state = ServiceState(settings=settings, runner=AnalysisRunner(settings.timeout))
    app = FastAPI(title="lvnews", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan_for(state, analyzer),
                  openapi_tags=[{"name": "analysis", "description": "articles in, records out"},
                                {"name": "service", "description": "probes and metadata"}])
    app.state.lvnews = state
    install_handlers(app)
    app.include_router(router)
    install_page(app)
    # add_middleware wraps: the last added runs first. Order: CORS, auth, body size.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_bytes)
    if settings.api_key is not None:
        app.add_middleware(ApiKeyAuth, api_key=settings.api_key)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type", API_KEY_HEADER])
    app.openapi = openapi_for(app, settings)  # type: ignore[method-assign]
    return app
