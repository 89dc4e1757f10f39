"""The JSON API: analysis endpoints, health, readiness and info.

Handlers are thin: validate (pydantic), hand the CPU work to the runner, and
serialize the record with ``model_dump_json`` so the bytes are exactly the
record contract (and FastAPI does not validate the same Article twice).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from pydantic import BaseModel

from ..batch import error_record
from ..batch import error_message
from ..records import Article, MemberCountFact, MembershipFact, QuantityFact, RoleFact
from .errors import ServiceError, documented
from .schemas import (AnalyzeRequest, BatchRequest, BatchResponse, EntitiesResponse, FactsResponse, Health, Info,
                      Readiness)
from .state import ServiceState, get_state

if TYPE_CHECKING:
    from ..analyzer import Analyzer

log = logging.getLogger("lvnews.service")
router = APIRouter()
# This worker's state, injected into handlers.
State = Annotated[ServiceState, Depends(get_state)]

FACT_TYPES = [m.model_fields["type"].default for m in (QuantityFact, MemberCountFact, MembershipFact, RoleFact)]
ANALYSIS_ERRORS = documented(400, 401, 413, 422, 500, 503, 504)


def json_response(model: BaseModel) -> Response:
    """The model's own JSON (what the CLI prints), skipping FastAPI's re-validation."""
    return Response(content=model.model_dump_json(), media_type="application/json")


def analyze_item(analyzer: "Analyzer", item: AnalyzeRequest) -> Article:
    """One request item -> Article; runs on the analysis thread."""
    return analyzer.analyze(item.text, id=item.id, metadata=item.metadata, force_language=item.force_language)


def analyze_items(analyzer: "Analyzer", items: list[AnalyzeRequest]) -> list[Article]:
    """A batch on the analysis thread, analysed together; a failing item becomes an error record,
    not a failed batch."""
    out = []
    for n, (item, result) in enumerate(zip(items, analyze_together(analyzer, items))):
        if isinstance(result, Exception):  # a bug in one article must not lose the others
            log.error("batch item %d (id=%r) failed", n, item.id, exc_info=result)
            result = error_record(analyzer, error_message(result), item.id, item.text, item.metadata)
        out.append(result)
    return out


def analyze_together(analyzer: "Analyzer", items: list[AnalyzeRequest]) -> list[Article | Exception]:
    """Concurrent requests' articles in one pass (see runner.MicroBatcher); failures stay per item."""
    out: list[Article | Exception] = [RuntimeError("not analysed")] * len(items)
    by_language: dict[str | None, list[int]] = {}
    for n, item in enumerate(items):
        by_language.setdefault(item.force_language, []).append(n)
    for language, positions in by_language.items():
        group = [{**items[n].metadata, "id": items[n].id, "text": items[n].text} for n in positions]
        try:
            for n, article in zip(positions, analyzer.analyze_many(group, batch_size=len(group),
                                                                   force_language=language)):
                article.metadata = items[n].metadata  # as given, even where it names id/text
                out[n] = article
        except Exception:  # noqa: BLE001 - redo one by one so only the bad item fails
            for n in positions:
                try:
                    out[n] = analyze_item(analyzer, items[n])
                except Exception as err:  # noqa: BLE001
                    out[n] = err
    return out


async def analyze_one(state: ServiceState, body: AnalyzeRequest) -> Article:
    """Analyse one request body under the timeout, batched with concurrent requests."""
    state.require_analyzer()
    return await state.batcher.submit(body)


@router.post("/v1/analyze", response_model=Article, responses=ANALYSIS_ERRORS, tags=["analysis"],
             summary="Analyse one article into the full record")
async def analyze(body: AnalyzeRequest, state: State) -> Response:
    """Tokens, sentences, entities and facts, with offsets into ``text`` (see the Article schema)."""
    return json_response(await analyze_one(state, body))


@router.post("/v1/entities", response_model=EntitiesResponse, responses=ANALYSIS_ERRORS, tags=["analysis"],
             summary="Named entities of one article")
async def entities(body: AnalyzeRequest, state: State) -> Response:
    """Only the entities (label, canonical form, knowledge-base link, offsets)."""
    article = await analyze_one(state, body)
    return json_response(EntitiesResponse(id=article.id, language=article.language, entities=article.entities))


@router.post("/v1/facts", response_model=FactsResponse, responses=ANALYSIS_ERRORS, tags=["analysis"],
             summary="Facts of one article")
async def facts(body: AnalyzeRequest, state: State) -> Response:
    """Only the facts (quantities, member counts, memberships, roles) with their evidence spans."""
    article = await analyze_one(state, body)
    return json_response(FactsResponse(id=article.id, language=article.language, facts=article.facts))


@router.post("/v1/batch", response_model=BatchResponse, responses=ANALYSIS_ERRORS, tags=["analysis"],
             summary="Analyse several articles")
async def batch(body: BatchRequest, state: State) -> Response:
    """One Article per item, in order. The timeout covers the whole batch."""
    limit = state.settings.max_batch
    if len(body.items) > limit:
        raise ServiceError(413, "batch_too_large", f"{len(body.items)} items; at most {limit} per batch")
    analyzer = state.require_analyzer()
    articles = await state.runner.call(analyze_items, analyzer, body.items)
    return json_response(BatchResponse(items=articles))


@router.get("/health", response_model=Health, tags=["service"], summary="Liveness")
async def health() -> Health:
    """Answers as long as the event loop runs, even while analyses are queued."""
    return Health()


@router.get("/ready", response_model=Readiness, responses=documented(503), tags=["service"],
            summary="Readiness")
async def ready(state: State) -> Readiness:
    """200 once the model is loaded in this worker; 503 before that and during shutdown."""
    analyzer = state.require_analyzer()
    return Readiness(model=dict(analyzer.model_info))


@router.get("/v1/info", response_model=Info, responses=documented(401, 503), tags=["service"],
            summary="Version, model, labels and limits")
async def info(state: State) -> Info:
    """What this server runs, and the limits clients must respect."""
    state.require_analyzer()
    return Info(**state.info)


def service_info(analyzer: "Analyzer", state: ServiceState) -> dict[str, Any]:
    """The /v1/info payload, computed once at start-up."""
    settings = state.settings
    info = analyzer.info()
    return {
        **{key: info[key] for key in ("lvnews_version", "backend", "model", "pipeline", "labels")},
        "fact_types": FACT_TYPES,
        "limits": {"max_bytes": settings.max_bytes, "max_batch": settings.max_batch,
                   "timeout_seconds": settings.timeout},
        "auth": settings.api_key is not None,
        "worker_pid": os.getpid(),
    }
