"""Typed records for every topic message, one to one with ``schemas/``; plain data, no Faust.

``to_dict()`` gives exactly the JSON object the matching schema describes, so the
agents, the CLI and the tests serialise the same way (with orjson).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Field = Literal["headline", "body"]
PartnershipStatus = Literal["exploring", "formed", "expanded", "terminated"]
Role = Literal["partner", "subject", "mentioned"]

TAG_NAMES: tuple[str, ...] = ("partnership", "china_strategy", "auto_tech")
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "it", "zh", "ja", "ko")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article: ``text == <field>[start:end]`` (Python str offsets, code points)."""

    field: Field
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a tag fired: the cue span and the sentence it stands in."""

    span: Span
    #: The whole sentence that holds the cue.
    sentence: str
    #: Short name of the rule or cue family that matched (e.g. ``"cue:agreement"``).
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict()
        d["sentence"] = self.sentence
        if self.rule:
            d["rule"] = self.rule
        return d


@dataclass(frozen=True, slots=True)
class Tag:
    """One topic tag with a probability-like score and its evidence."""

    name: str
    score: float
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Partnership:
    """The partnership a story reports: its step, who takes part, and what it covers."""

    status: PartnershipStatus
    #: Pairs of partner names (canonical company names, or plain names of unlisted bodies).
    partners: tuple[tuple[str, str], ...]
    #: What the cooperation covers where the story says so: "cloud", "ai", "connectivity", ...
    scope: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "partners": [list(p) for p in self.partners],
            "scope": list(self.scope),
        }


@dataclass(frozen=True, slots=True)
class Listing:
    """One exchange listing of a company."""

    symbol: str
    #: ISO 10383 market identifier code of the exchange, e.g. XNYS, XHKG.
    mic: str
    #: Yahoo-Finance-style symbol, e.g. 9988.HK.
    yahoo: str
    currency: str
    isin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "symbol": self.symbol,
            "mic": self.mic,
            "yahoo": self.yahoo,
            "currency": self.currency,
        }
        if self.isin:
            d["isin"] = self.isin
        return d


@dataclass(frozen=True, slots=True)
class Entity:
    """A company or organisation the article mentions, resolved to reference data."""

    id: str
    name: str
    role: Role
    listings: tuple[Listing, ...]
    mentions: tuple[Span, ...]
    sector: str | None = None
    country: str | None = None
    listed: bool = True

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "listed": self.listed,
            "listings": [x.to_dict() for x in self.listings],
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.sector:
            d["sector"] = self.sector
        if self.country:
            d["country"] = self.country
        return d


@dataclass(frozen=True, slots=True)
class Article:
    """A validated raw news message (``raw-news.v1``)."""

    id: str
    headline: str
    body: str
    language: str | None = None
    published_at: str | None = None
    source: str | None = None
    url: str | None = None
    tickers: tuple[str, ...] = ()
    revision: int = 0
    #: Fields the schema does not name, kept as they came.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = dict(self.extra)
        d["id"] = self.id
        d["headline"] = self.headline
        d["body"] = self.body
        for key in ("language", "published_at", "source", "url"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        if self.tickers:
            d["tickers"] = list(self.tickers)
        if self.revision:
            d["revision"] = self.revision
        return d


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the pure pipeline makes of one article; the CLI prints it, the alert wraps it."""

    article_id: str
    language: str
    tags: tuple[Tag, ...]
    partnership: Partnership | None
    entities: tuple[Entity, ...]

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "language": self.language,
            "tags": [t.to_dict() for t in self.tags],
            "partnership": self.partnership.to_dict() if self.partnership else None,
            "entities": [e.to_dict() for e in self.entities],
        }


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert (``alert.v1``), keyed on Kafka by ``key`` (the primary company's id)."""

    alert_id: str
    article_id: str
    revision: int
    headline: str
    language: str
    published_at: str | None
    source: str | None
    url: str | None
    tags: tuple[Tag, ...]
    partnership: Partnership | None
    entities: tuple[Entity, ...]
    received_at: str
    alerted_at: str

    @property
    def key(self) -> str:
        """The Kafka key: the primary company's id (a listed one first), else the article id."""
        for listed in (True, False):
            for role in ("partner", "subject", "mentioned"):
                for entity in self.entities:
                    if entity.role == role and entity.listed is listed:
                        return entity.id
        return self.article_id

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "alert.v1",
            "alert_id": self.alert_id,
            "article_id": self.article_id,
            "revision": self.revision,
            "headline": self.headline,
            "language": self.language,
            "published_at": self.published_at,
            "source": self.source,
            "url": self.url,
            "tags": [t.to_dict() for t in self.tags],
            "partnership": self.partnership.to_dict() if self.partnership else None,
            "entities": [e.to_dict() for e in self.entities],
            "received_at": self.received_at,
            "alerted_at": self.alerted_at,
        }


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message that could not be processed (``dead-letter.v1``), with its original bytes."""

    error: str
    error_type: str
    topic: str
    partition: int
    offset: int
    #: The original message value, base64 so that any bytes survive JSON.
    value_b64: str
    key_b64: str | None
    failed_at: str
    retriable: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "dead-letter.v1",
            "error": self.error,
            "error_type": self.error_type,
            "retriable": self.retriable,
            "source": {"topic": self.topic, "partition": self.partition, "offset": self.offset},
            "value_b64": self.value_b64,
            "key_b64": self.key_b64,
            "failed_at": self.failed_at,
        }
