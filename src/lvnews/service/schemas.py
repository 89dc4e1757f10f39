"""Request and response bodies of the HTTP API.

Responses reuse the record contract (``lvnews.records``) unchanged: the HTTP
API returns exactly what ``lvnews analyze --format json`` prints. Requests
forbid unknown fields so a typo (``"optoins"``) is a 422, not a silent default.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..language import LANGUAGE_CODE_PATTERN, language_code
from ..records import Article, Entity, Fact


def unpaired_surrogate_path(value: Any, path: str = "") -> str | None:
    """Where ``value`` holds a lone UTF-16 surrogate (JSON allows ``"\\ud800"``), or None.

    Such strings cannot be encoded as UTF-8, so they would fail only when the
    response is written, as a 500; finding them up front makes them a 422.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path or "."
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            found = unpaired_surrogate_path(k, f"{path}.{k!s}") or unpaired_surrogate_path(v, f"{path}.{k!s}")
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = unpaired_surrogate_path(v, f"{path}[{i}]")
            if found:
                return found
    return None


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# What force_language accepts; also the schema's pattern, so that clients and fuzzers
# see the same rule the validator applies.
class AnalyzeOptions(_Request):
    """How to analyse; every option may be left out."""

    force_language: str | None = Field(
        default=None, examples=["lv"], json_schema_extra={"pattern": LANGUAGE_CODE_PATTERN},
        description="skip language detection and treat the text as this ISO 639 code "
                    "(case and surrounding spaces are ignored); only 'lv' is analysed, other codes "
                    "return the text unanalysed")

    @field_validator("force_language")
    @classmethod
    def _language_code(cls, value: str | None) -> str | None:
        return None if value is None else language_code(value)


class AnalyzeRequest(_Request):
    """One article to analyse."""

    text: str = Field(description="the article as plain text; offsets in the result index this string",
                      examples=["Rīgas domes priekšsēdētājs Jānis Bērziņš apmeklēja Liepāju."])
    id: str | None = Field(default=None, description="caller's id, returned as Article.id")
    metadata: dict[str, Any] = Field(default_factory=dict,
                                     description="caller's fields (url, date, ...), returned unchanged")
    options: AnalyzeOptions | None = None

    @model_validator(mode="before")
    @classmethod
    def _encodable(cls, data: Any) -> Any:
        where = unpaired_surrogate_path(data)
        if where:
            raise ValueError(f"{where.lstrip('.')} contains an unpaired surrogate: not valid Unicode text")
        return data

    @property
    def force_language(self) -> str | None:
        """The option, or None when no options were given."""
        return self.options.force_language if self.options else None


class BatchRequest(_Request):
    """Several articles in one request; the server bounds the count (see GET /v1/info)."""

    items: list[AnalyzeRequest] = Field(description="articles; more than the server's max_batch is a 413")


class BatchResponse(BaseModel):
    """One Article per request item, in order; a failed item has ``error`` set."""

    items: list[Article]


class EntitiesResponse(BaseModel):
    """Only the named entities of an article, with offsets into the request text."""

    id: str | None = None
    language: str = Field(description="detected (or forced) language; entities are empty unless 'lv'")
    entities: list[Entity]


class FactsResponse(BaseModel):
    """Only the facts of an article, with offsets into the request text."""

    id: str | None = None
    language: str = Field(description="detected (or forced) language; facts are empty unless 'lv'")
    facts: list[Fact]


class Health(BaseModel):
    """Liveness: the process answers."""

    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """Readiness: the model is loaded and requests will be analysed."""

    status: Literal["ready"] = "ready"
    model: dict[str, str]


class Limits(BaseModel):
    """The server's limits, so clients can size requests."""

    max_bytes: int = Field(description="largest request body, bytes")
    max_batch: int = Field(description="most items in one /v1/batch request")
    timeout_seconds: float = Field(description="analysis time allowed per request")


class Info(BaseModel):
    """What is serving: versions, model, labels, limits."""

    lvnews_version: str
    backend: str
    model: dict[str, str]
    pipeline: list[str]
    labels: dict[str, list[str]] = Field(description="labels per trained component (ner, parser)")
    fact_types: list[str]
    limits: Limits
    auth: bool = Field(description="whether /v1/ requests need an API key")
    worker_pid: int = Field(description="process id of the worker that answered (one of N with --workers N)")
