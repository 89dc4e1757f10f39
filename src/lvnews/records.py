"""The record contract (shared/spec/records.md) as pydantic v2 models.

These records are the public product: the Python API, the CLI's JSON, batch
JSONL lines and the HTTP API all serialize the same models, so field names
here are fixed by the contract. Offsets are Python string indices into
``Article.text``, the input exactly as given.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "TIME", "MONEY", "MISC"]
ENTITY_LABELS: tuple[str, ...] = EntityLabel.__args__  # type: ignore[attr-defined]
Approx = Literal["about", "more_than", "at_least", "less_than", "up_to"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    start: int = Field(ge=0, description="offset of the first character in Article.text")
    end: int = Field(ge=0, description="offset after the last character")


class Paragraph(Span):
    language: str | None = Field(default=None, description="language detected for this paragraph")


class Token(_Record):
    text: str
    start: int
    end: int
    lemma: str
    pos: str = Field(description="Universal POS tag")
    tag: str = Field(description="Latvian (LVTB) XPOS tag")
    morph: str = Field(description="UD FEATS string")
    head: int = Field(description="index of the head token in the sentence (itself for the root)")
    dep: str


class Sentence(_Record):
    start: int
    end: int
    tokens: list[Token]


class KBLink(_Record):
    id: str
    name: str
    url: str


class Entity(_Record):
    id: str = Field(description="e1, e2, ... unique in the article")
    text: str
    start: int
    end: int
    label: EntityLabel
    canonical: str = Field(description="base (nominative) form of the name")
    sentence: int
    kb: KBLink | None = None
    value: str | None = Field(default=None, description="TIME entities: the ISO 8601 value of the time expression it covers")


ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class TimeExpression(Span):
    """A time expression of the text with its normalised value (contract: Normalised values)."""

    text: str
    value: str | None = Field(default=None, description="ISO 8601: 2016, 2019-03, 2019-03-15, 2026-W47; null if unresolved")


class Participant(_Record):
    text: str
    canonical: str
    entity: str | None = Field(default=None, description="id of the Entity, when it is one")


class OfQuantity(_Record):
    value: int | float
    unit: str


class _Fact(_Record):
    text: str = Field(description="the evidence, text[start:end]")
    start: int
    end: int
    sentence: int


class QuantityFact(_Fact):
    type: Literal["quantity"] = "quantity"
    value: int | float
    value_max: int | float | None = None
    unit: str | None
    approx: Approx | None = None
    currency: str | None = Field(default=None, description="ISO 4217 code when the unit is money")


class MemberCountFact(_Fact):
    type: Literal["member_count"] = "member_count"
    organization: Participant | None
    count: int | float
    unit: str | None
    approx: Approx | None = None
    kind: Literal["added", "total"]
    of: OfQuantity | None = None
    date: str | None = None
    date_value: str | None = Field(default=None, description="ISO 8601 value of date")


class MembershipFact(_Fact):
    type: Literal["membership"] = "membership"
    member: Participant
    organization: Participant
    date: str | None = None
    date_value: str | None = Field(default=None, description="ISO 8601 value of date")


class RoleFact(_Fact):
    type: Literal["role"] = "role"
    person: Participant
    role: str
    organization: Participant | None = None


Fact = Annotated[Union[QuantityFact, MemberCountFact, MembershipFact, RoleFact], Field(discriminator="type")]


class Article(_Record):
    id: str | None = None
    language: str
    language_score: float
    text: str
    published: str | None = Field(default=None, pattern=ISO_DATE_PATTERN,
                                  description="ISO 8601 date of the article: the anchor of relative dates")
    section: str | None = None
    captions: list[str] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list, description="every time expression, normalised")
    metadata: dict[str, Any] = Field(default_factory=dict, description="caller's fields passed through")
    meta: dict[str, Any] = Field(default_factory=dict, description="lvnews_version, model, timings")
    error: str | None = Field(default=None, description="set on batch error records")
