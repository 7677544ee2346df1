"""Shared I/O clients as services: one ``httpx.AsyncClient`` and one Kafka producer per worker.

Each is opened in ``on_start`` and closed in ``on_stop``; whoever needs one is handed the service.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import httpcore
import httpx
from aiokafka import AIOKafkaProducer
from aiokafka.structs import RecordMetadata
from mode import Service

from streams.broker import ensure_topic
from streams.delivery.pinning import PinnedTransport
from streams.kafka_producer import TopicTrackingProducer
from streams.settings import Settings

log = logging.getLogger(__name__)


class HTTPClient(Service):
    """The worker's one ``httpx.AsyncClient`` for webhooks: timeouts everywhere, no redirects."""

    def __init__(
        self,
        settings: Settings,
        *,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
        **kwargs: Any,
    ) -> None:
        self.settings = settings
        self.network_backend = network_backend
        self._client: httpx.AsyncClient | None = None
        super().__init__(**kwargs)

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            raise RuntimeError("the HTTP client is not started")
        return self._client

    async def on_start(self) -> None:
        timeout = self.settings.webhook_timeout
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            max_redirects=0,
            # Environment proxies would route around the URL guard's address checks.
            trust_env=False,
            # Connections go to the address the URL guard vetted (no second DNS lookup).
            transport=PinnedTransport(
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
                network_backend=self.network_backend,
            ),
        )

    async def on_stop(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class KafkaWriter(Service):
    """An acks=all producer for delivery state, dead letters and subscriber topics; sends wait for the ack."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        self.settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._declared: set[str] = set()
        super().__init__(**kwargs)

    async def on_start(self) -> None:
        # Tracks each topic's metadata: the writer's topics appear while it runs (subscriber
        # topics), and a topic first seen then made aiokafka forget the others (kafka_producer).
        self._producer = TopicTrackingProducer(
            bootstrap_servers=self.settings.bootstrap_servers,
            acks="all",
            enable_idempotence=True,
        )
        await self._producer.start()

    async def on_stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def ensure_topic(self, topic: str, *, compacted: bool = False) -> None:
        """Create ``topic`` once per worker unless it exists."""
        if topic not in self._declared:
            await ensure_topic(self.settings, topic, compacted=compacted)
            self._declared.add(topic)

    async def send(
        self, topic: str, *, key: bytes | None, value: bytes | None, partition: int | None = None
    ) -> RecordMetadata:
        """Produce one message and wait until the broker has it (``value=None`` is a tombstone)."""
        if self._producer is None:
            raise RuntimeError("the Kafka producer is not started")
        return await self._producer.send_and_wait(topic, value=value, key=key, partition=partition)

    async def send_many(self, items: Sequence[tuple[str, bytes | None, bytes | None]]) -> None:
        """Produce ``(topic, key, value)`` messages together and wait for every ack."""
        if self._producer is None:
            raise RuntimeError("the Kafka producer is not started")
        futures = [await self._producer.send(t, value=v, key=k) for t, k, v in items]
        for future in futures:
            await future
