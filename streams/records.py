"""Typed records for every topic message, one to one with ``schemas/``; plain data, no Faust.

``to_dict()`` gives exactly the JSON object the matching schema describes, so the
agents, the CLI and the tests serialise the same way (with orjson).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import orjson

from streams.delivery.signing import mask_secret

Field = Literal["headline", "body"]
PartnershipStatus = Literal["exploring", "formed", "expanded", "terminated"]
Role = Literal["partner", "subject", "mentioned"]
#: What one webhook attempt gave.
Result = Literal["delivered", "retry", "failed"]

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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        return cls(field=d["field"], start=int(d["start"]), end=int(d["end"]), text=str(d["text"]))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(span=Span.from_dict(d), sentence=str(d["sentence"]), rule=d.get("rule", ""))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Tag:
        evidence = tuple(Evidence.from_dict(e) for e in d.get("evidence", ()))
        return cls(name=str(d["name"]), score=float(d["score"]), evidence=evidence)


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Partnership:
        partners = tuple((str(a), str(b)) for a, b in d["partners"])
        return cls(status=d["status"], partners=partners, scope=tuple(d.get("scope", ())))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Listing:
        return cls(
            symbol=str(d["symbol"]),
            mic=str(d["mic"]),
            yahoo=str(d["yahoo"]),
            currency=str(d["currency"]),
            isin=d.get("isin"),
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Entity:
        return cls(
            id=str(d["id"]),
            name=str(d["name"]),
            role=d["role"],
            listings=tuple(Listing.from_dict(x) for x in d.get("listings", ())),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions", ())),
            sector=d.get("sector"),
            country=d.get("country"),
            listed=bool(d.get("listed", True)),
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Alert:
        """An alert from its ``alert.v1`` (or ``alert.v2``) JSON."""
        partnership = d.get("partnership")
        return cls(
            alert_id=str(d["alert_id"]),
            article_id=str(d["article_id"]),
            revision=int(d["revision"]),
            headline=str(d["headline"]),
            language=str(d["language"]),
            published_at=d.get("published_at"),
            source=d.get("source"),
            url=d.get("url"),
            tags=tuple(Tag.from_dict(t) for t in d["tags"]),
            partnership=Partnership.from_dict(partnership) if partnership else None,
            entities=tuple(Entity.from_dict(e) for e in d["entities"]),
            received_at=str(d["received_at"]),
            alerted_at=str(d["alerted_at"]),
        )


#: The schema the alert topics' messages follow.
ALERT_SCHEMA = "alert.v2"


@dataclass(frozen=True, slots=True)
class AlertMessage:
    """What the alert topics carry for an alert (``alert.v2``): the alert, its text's
    fingerprint and the ``alert_id`` it replaces (a later revision of the story), if any."""

    alert: Alert
    fingerprint: str
    supersedes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        message = self.alert.to_dict()
        message["schema"] = ALERT_SCHEMA
        message["fingerprint"] = self.fingerprint
        message["supersedes"] = self.supersedes
        return message

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AlertMessage:
        return cls(
            alert=Alert.from_dict(d),
            fingerprint=str(d["fingerprint"]),
            supersedes=d.get("supersedes"),
        )


@dataclass(frozen=True, slots=True)
class Retraction:
    """An alert withdrawn by a later revision of its story (``alert-retraction.v1``).

    ``tags``, ``partnership`` and ``entities`` are the withdrawn alert's match summary (tags
    without evidence, entities without mentions), so subscription filters route it like the alert.
    """

    retraction_id: str
    alert_id: str
    article_id: str
    revision: int
    retracted_revision: int | None
    reason: str
    headline: str | None
    language: str | None
    tags: tuple[Mapping[str, Any], ...]
    partnership: Mapping[str, Any] | None
    entities: tuple[Mapping[str, Any], ...]
    retracted_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "alert-retraction.v1",
            "retraction_id": self.retraction_id,
            "alert_id": self.alert_id,
            "article_id": self.article_id,
            "revision": self.revision,
            "retracted_revision": self.retracted_revision,
            "reason": self.reason,
            "headline": self.headline,
            "language": self.language,
            "tags": list(self.tags),
            "partnership": self.partnership,
            "entities": list(self.entities),
            "retracted_at": self.retracted_at,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Retraction:
        return cls(
            retraction_id=str(d["retraction_id"]),
            alert_id=str(d["alert_id"]),
            article_id=str(d["article_id"]),
            revision=int(d["revision"]),
            retracted_revision=d.get("retracted_revision"),
            reason=str(d["reason"]),
            headline=d.get("headline"),
            language=d.get("language"),
            tags=tuple(d.get("tags") or ()),
            partnership=d.get("partnership"),
            entities=tuple(d.get("entities") or ()),
            retracted_at=str(d["retracted_at"]),
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One analysed story on its way to the novelty checks (``news.by-fingerprint``, then
    ``news.by-story``; internal topics, JSON of ``to_dict``)."""

    article_id: str
    revision: int
    fingerprint: str
    #: The alert it would make (``alert.v2`` without ``supersedes``), or None: no tag fired.
    alert: dict[str, Any] | None
    #: The alert's Kafka key (the primary company), when there is an alert.
    key: str | None = None
    source: str | None = None
    #: ``tickerwire replay --realert``: publish whatever the tables say.
    realert: bool = False
    #: Set by the copy check: the alert this candidate is a copy of.
    copy_of: str | None = None

    @property
    def alert_id(self) -> str | None:
        return self.alert["alert_id"] if self.alert is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "revision": self.revision,
            "fingerprint": self.fingerprint,
            "alert": self.alert,
            "key": self.key,
            "source": self.source,
            "realert": self.realert,
            "copy_of": self.copy_of,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Candidate:
        return cls(
            article_id=str(d["article_id"]),
            revision=int(d["revision"]),
            fingerprint=str(d["fingerprint"]),
            alert=d.get("alert"),
            key=d.get("key"),
            source=d.get("source"),
            realert=bool(d.get("realert", False)),
            copy_of=d.get("copy_of"),
        )


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


# ---------------------------------------------------------------- reference.companies


@dataclass(frozen=True, slots=True)
class Company:
    """One organisation of the reference data; ``listed`` is False for unlisted bodies (Huawei)."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    industry: str | None = None
    listed: bool = True
    listings: tuple[Listing, ...] = ()
    #: Names by language code ("en", "zh", ...); "*" for names used in every language.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Brands and unlisted subsidiaries that stand for this company (Tmall -> Alibaba).
    brands: tuple[str, ...] = ()
    #: Names that are also ordinary words or other things (Ford, Apple, 小米): linked only with context.
    ambiguous: tuple[str, ...] = ()
    #: Provenance: where the record comes from ("curated", "pytickersymbols ...") and when.
    source: str = ""
    as_of: str = ""

    @property
    def yahoo_symbols(self) -> tuple[str, ...]:
        return tuple(x.yahoo for x in self.listings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "industry": self.industry,
            "listed": self.listed,
            "listings": [x.to_dict() for x in self.listings],
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            "brands": list(self.brands),
            "ambiguous": list(self.ambiguous),
            "source": self.source,
            "as_of": self.as_of,
        }


def company_from_dict(d: Mapping[str, Any]) -> Company:
    """Build a ``Company`` from its JSON object; raises ``KeyError``/``TypeError`` on a bad record."""
    return Company(
        id=str(d["id"]),
        name=str(d["name"]),
        country=d.get("country"),
        sector=d.get("sector"),
        industry=d.get("industry"),
        listed=bool(d.get("listed", bool(d.get("listings")))),
        listings=tuple(
            Listing(
                symbol=str(x["symbol"]),
                mic=str(x["mic"]),
                yahoo=str(x["yahoo"]),
                currency=str(x["currency"]),
                isin=x.get("isin"),
            )
            for x in d.get("listings", ())
        ),
        aliases={str(k): tuple(v) for k, v in (d.get("aliases") or {}).items()},
        brands=tuple(d.get("brands", ())),
        ambiguous=tuple(d.get("ambiguous", ())),
        source=str(d.get("source", "")),
        as_of=str(d.get("as_of", "")),
    )


# ---------------------------------------------------------------- subscriptions


@dataclass(frozen=True, slots=True)
class Filter:
    """Which alerts a subscription wants; every field given must match, any value of a field will do."""

    tags: tuple[str, ...] = ()
    #: Company ids, exchange symbols or Yahoo symbols (``toyota-motor``, ``7203``, ``7203.T``).
    companies: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    #: ISO 3166 alpha-2 codes of a company's country.
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    #: The least score of a wanted tag (of any tag when ``tags`` is empty).
    min_score: float | None = None
    #: Partnership steps wanted; an alert without a partnership never matches a non-empty list.
    partnership_status: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in ("tags", "companies", "languages", "countries", "sectors"):
            if getattr(self, name):
                d[name] = list(getattr(self, name))
        if self.min_score is not None:
            d["min_score"] = self.min_score
        if self.partnership_status:
            d["partnership_status"] = list(self.partnership_status)
        return d


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    """Deliver by signed HTTP POST to ``url`` with the ``whsec_`` ``secret``."""

    url: str
    secret: str = field(repr=False)

    def to_dict(self, *, mask: bool = False) -> dict[str, Any]:
        secret = mask_secret(self.secret) if mask else self.secret
        return {"webhook": {"url": self.url, "secret": secret}}


@dataclass(frozen=True, slots=True)
class TopicTarget:
    """Deliver by producing the alert, bytes unchanged, to the Kafka topic ``topic``."""

    topic: str

    def to_dict(self, *, mask: bool = False) -> dict[str, Any]:
        return {"topic": self.topic}


Target = WebhookTarget | TopicTarget


@dataclass(frozen=True, slots=True)
class Subscription:
    """A stored subscription (``subscription.v1``), keyed on its topic by ``id``."""

    id: str
    filter: Filter
    target: Target
    created_at: str
    updated_at: str
    description: str | None = None

    def to_dict(self, *, mask: bool = False) -> dict[str, Any]:
        """The stored JSON; ``mask=True`` hides the secret (what the API shows)."""
        d: dict[str, Any] = {"schema": "subscription.v1", "id": self.id}
        if self.description is not None:
            d["description"] = self.description
        d["filter"] = self.filter.to_dict()
        d["target"] = self.target.to_dict(mask=mask)
        d["created_at"] = self.created_at
        d["updated_at"] = self.updated_at
        return d


def subscription_from_dict(d: Mapping[str, Any]) -> Subscription:
    """A subscription read back from its topic (trusted: written by ``to_dict``)."""
    f = d.get("filter", {})
    t = d["target"]
    target: Target = (
        TopicTarget(t["topic"])
        if "topic" in t
        else WebhookTarget(url=t["webhook"]["url"], secret=t["webhook"]["secret"])
    )
    return Subscription(
        id=d["id"],
        filter=Filter(
            tags=tuple(f.get("tags", ())),
            companies=tuple(f.get("companies", ())),
            languages=tuple(f.get("languages", ())),
            countries=tuple(f.get("countries", ())),
            sectors=tuple(f.get("sectors", ())),
            min_score=f.get("min_score"),
            partnership_status=tuple(f.get("partnership_status", ())),
        ),
        target=target,
        created_at=d["created_at"],
        updated_at=d["updated_at"],
        description=d.get("description"),
    )


# ---------------------------------------------------------------- webhook.pending, alerts.webhook.deadletter


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt gave: the result, the HTTP status if any, and why it did not succeed."""

    attempt: int
    at: str
    result: Result
    status: int | None = None
    error: str | None = None
    duration_ms: int = 0
    #: Seconds the receiver asked us to wait (``Retry-After``), when it did.
    retry_after: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "attempt": self.attempt,
            "at": self.at,
            "result": self.result,
            "status": self.status,
            "error": self.error,
            "duration_ms": self.duration_ms,
        }
        if self.retry_after is not None:
            d["retry_after"] = self.retry_after
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Outcome:
        return cls(
            attempt=int(d["attempt"]),
            at=str(d["at"]),
            result=d["result"],
            status=d.get("status"),
            error=d.get("error"),
            duration_ms=int(d.get("duration_ms", 0)),
            retry_after=d.get("retry_after"),
        )


@dataclass(frozen=True, slots=True)
class PendingDelivery:
    """One alert on its way to one webhook subscription."""

    #: Also the ``webhook-id`` header and the Kafka key on ``webhook.pending``.
    delivery_id: str
    subscription_id: str
    alert_id: str
    #: The message (``alert.v2`` or ``alert-retraction.v1`` JSON) as it came from ``alerts``.
    alert: Mapping[str, Any]
    #: The event's ``timestamp`` in the body: fixed at creation, so every attempt sends the same body.
    event_timestamp: str
    created_at: str
    #: When the next attempt is due (Unix seconds).
    next_at: float
    attempts: tuple[Outcome, ...] = ()

    @property
    def key(self) -> bytes:
        return self.delivery_id.encode()

    def after(self, outcome: Outcome, *, next_at: float) -> PendingDelivery:
        return replace(self, attempts=(*self.attempts, outcome), next_at=next_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "webhook-pending.v1",
            "delivery_id": self.delivery_id,
            "subscription_id": self.subscription_id,
            "alert_id": self.alert_id,
            "event_timestamp": self.event_timestamp,
            "created_at": self.created_at,
            "next_at": self.next_at,
            "attempts": [a.to_dict() for a in self.attempts],
            "alert": self.alert,
        }

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_bytes(cls, raw: bytes) -> PendingDelivery:
        d = orjson.loads(raw)
        if not isinstance(d, dict) or d.get("schema") != "webhook-pending.v1":
            raise ValueError("not a webhook-pending.v1 message")
        return cls(
            delivery_id=d["delivery_id"],
            subscription_id=d["subscription_id"],
            alert_id=d["alert_id"],
            alert=d["alert"],
            event_timestamp=d["event_timestamp"],
            created_at=d["created_at"],
            next_at=float(d["next_at"]),
            attempts=tuple(Outcome.from_dict(a) for a in d.get("attempts", ())),
        )


@dataclass(frozen=True, slots=True)
class WebhookDeadLetter:
    """A webhook delivery that finally failed (``webhook-dead-letter.v1``), with every attempt."""

    delivery_id: str
    subscription_id: str
    alert_id: str
    #: The URL's origin only: paths and queries often hold tokens.
    endpoint: str | None
    reason: str
    attempts: tuple[Outcome, ...]
    created_at: str
    failed_at: str
    alert: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "webhook-dead-letter.v1",
            "delivery_id": self.delivery_id,
            "subscription_id": self.subscription_id,
            "alert_id": self.alert_id,
            "endpoint": self.endpoint,
            "reason": self.reason,
            "attempts": [a.to_dict() for a in self.attempts],
            "created_at": self.created_at,
            "failed_at": self.failed_at,
            "alert": self.alert,
        }


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """The body of a webhook call (``webhook-event.v2``): a message of ``alerts`` wrapped with
    its event type (``alert.created``, ``alert.updated``, ``alert.retracted``, ``alert.test``)."""

    type: str
    timestamp: str
    data: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "timestamp": self.timestamp, "data": self.data}

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> WebhookEvent:
        return cls(type=str(d["type"]), timestamp=str(d["timestamp"]), data=d["data"])
