"""Live feed: the ``alerts`` topic -> every connected page, filtered by tag, company or language.

Each worker reads every partition of ``alerts`` from its end (no consumer group), so a page
connected to any worker sees every alert, whichever worker made it. A few recent alerts are
kept so a page that connects, or changes its filter, is not empty.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer
from mode import Service

from streams.broker import ensure_topic, poll, topic_partitions
from streams.errors import InvalidMessage
from streams.settings import Settings

log = logging.getLogger(__name__)

#: Alerts a new page gets at once (those of them its filter lets through).
RECENT_ALERTS = 50
#: Alerts waiting for one slow page; past that its oldest are dropped.
PAGE_QUEUE_SIZE = 200
TAGS = frozenset({"partnership", "china_strategy", "auto_tech"})
LONGEST_FILTER_VALUE = 100


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """What a page asked for: each given field must match (an empty one matches everything)."""

    #: Tag names; the alert needs one of them.
    tags: frozenset[str] = frozenset()
    #: Company ids, names or tickers (any case); one of the alert's companies must be one.
    companies: frozenset[str] = frozenset()
    #: Language codes; the alert's language must be one.
    languages: frozenset[str] = frozenset()

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> AlertFilter:
        """From ``?tag=&company=&language=`` (repeated or comma-separated); ``InvalidMessage`` if bad."""
        tags = _values(query, "tag")
        unknown = tags - TAGS
        if unknown:
            raise InvalidMessage(
                f"unknown tag {sorted(unknown)[0]!r}: use one of {', '.join(sorted(TAGS))}"
            )
        return cls(
            tags=frozenset(tags),
            companies=frozenset(v.casefold() for v in _values(query, "company")),
            languages=frozenset(v.lower() for v in _values(query, "language")),
        )

    def matches(self, alert: Mapping[str, Any]) -> bool:
        if self.tags and not self.tags & {t.get("name") for t in alert.get("tags") or ()}:
            return False
        if self.languages and (alert.get("language") or "").lower() not in self.languages:
            return False
        return not self.companies or bool(self.companies & company_keys(alert))


def company_keys(alert: Mapping[str, Any]) -> set[str]:
    """Every way a filter may name one of the alert's companies: id, name, symbol, Yahoo ticker."""
    keys: set[str] = set()
    for entity in alert.get("entities") or ():
        keys.update(str(entity.get(k)).casefold() for k in ("id", "name") if entity.get(k))
        for listing in entity.get("listings") or ():
            keys.update(
                str(listing.get(k)).casefold() for k in ("symbol", "yahoo") if listing.get(k)
            )
    return keys


def _values(query: Mapping[str, Any], name: str) -> set[str]:
    getall = getattr(query, "getall", None)
    raw: Iterable[str] = getall(name, []) if getall else [query.get(name) or ""]
    found = {part.strip() for item in raw for part in str(item).split(",") if part.strip()}
    for value in found:
        if len(value) > LONGEST_FILTER_VALUE:
            raise InvalidMessage(f"'{name}' values are at most {LONGEST_FILTER_VALUE} characters")
    return found


class AlertFeed(Service):
    """Reads new alerts and hands each to every subscribed queue (bounded, oldest dropped)."""

    def __init__(self, settings: Settings, topic: str, **kwargs: Any) -> None:
        self.settings = settings
        self.topic = topic
        self._recent: deque[dict[str, Any]] = deque(maxlen=RECENT_ALERTS)
        self._pages: set[asyncio.Queue[dict[str, Any] | None]] = set()
        self._consumer: AIOKafkaConsumer | None = None
        self._ready = asyncio.Event()
        super().__init__(**kwargs)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    async def wait_ready(self, timeout: float | None = None) -> None:
        await asyncio.wait_for(self._ready.wait(), timeout)

    def recent(self) -> list[dict[str, Any]]:
        """The last alerts read, oldest first."""
        return list(self._recent)

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=PAGE_QUEUE_SIZE)
        self._pages.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        self._pages.discard(queue)

    @property
    def pages(self) -> int:
        return len(self._pages)

    def publish(self, alert: dict[str, Any]) -> None:
        """Keep ``alert`` among the recent ones and queue it for every page."""
        self._recent.append(alert)
        for queue in self._pages:
            if queue.full():
                queue.get_nowait()  # a slow page loses its oldest alert, not the newest
            queue.put_nowait(alert)

    async def on_start(self) -> None:
        await ensure_topic(self.settings, self.topic)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers, enable_auto_commit=False
        )
        await consumer.start()
        self._consumer = consumer
        tps = await topic_partitions(consumer, self.topic, timeout=10.0)
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)
        for tp in tps:  # fix the start now: alerts written after this are shown
            await consumer.position(tp)
        self._ready.set()
        self.add_future(self._read())

    async def on_stop(self) -> None:
        for queue in self._pages:  # None ends each open stream
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(None)
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None

    async def _read(self) -> None:
        assert self._consumer is not None
        while not self.should_stop:
            batch = await poll(self, self._consumer, self.topic)
            for tp, records in (batch or {}).items():
                for record in records:
                    try:
                        alert = orjson.loads(record.value or b"")
                    except orjson.JSONDecodeError:
                        alert = None
                    if not isinstance(alert, dict):
                        log.warning(
                            "%s/%s@%s: not an alert object, not shown",
                            self.topic,
                            tp.partition,
                            record.offset,
                        )
                        continue
                    self.publish(alert)
