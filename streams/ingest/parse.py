"""Parse: the raw bytes of a ``news.raw`` message -> a validated ``Article``, or ``InvalidMessage``."""

from __future__ import annotations

from typing import Any

import orjson

from streams.errors import InvalidMessage
from streams.ingest.ninjs import is_ninjs, raw_news_from_ninjs
from streams.records import Article
from streams.schemas import first_problem

SCHEMA = "raw-news.v1"
_KNOWN = frozenset(
    ("id", "revision", "headline", "body", "language", "published_at", "source", "url", "tickers")
)


def parse_article(value: bytes | str | None) -> Article:
    """Decode and validate one raw news message.

    Raises ``InvalidMessage`` with a reason a person can act on: not JSON, not an
    object, or the first schema violation with its JSON path.
    """
    if value is None or (isinstance(value, bytes | str) and not value.strip()):
        raise InvalidMessage("empty message")
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise InvalidMessage(f"not valid JSON: {exc}") from None
    return article_from_dict(data)


def article_from_dict(data: Any) -> Article:
    """Validate a decoded message against ``raw-news.v1`` and build the ``Article``.

    An IPTC ninjs item (recognised by its shape) is mapped to raw-news.v1 first.
    """
    if is_ninjs(data):
        data = raw_news_from_ninjs(data)
    if not isinstance(data, dict):
        raise InvalidMessage(f"expected a JSON object, got {type(data).__name__}")
    texts = [data.get("headline"), data.get("body")]
    if all(t is None or isinstance(t, str) for t in texts) and not any(
        t and t.strip() for t in texts
    ):
        raise InvalidMessage(f"schema {SCHEMA}: needs a non-empty headline or body")
    problem = first_problem(SCHEMA, data)
    if problem:
        raise InvalidMessage(problem)
    published_at = data.get("published_at")
    language = data.get("language")
    return Article(
        id=data["id"],
        headline=data.get("headline") or "",
        body=data.get("body") or "",
        language=language.lower()[:2] if language else None,
        published_at=published_at,
        source=data.get("source"),
        url=data.get("url"),
        tickers=tuple(data.get("tickers") or ()),
        revision=int(data.get("revision") or 0),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )
