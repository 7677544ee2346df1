"""A global reader of a compacted topic: every partition, from the start, into a dict by key.

Every worker reads the whole topic (no consumer group), so each sees every entry, and a
restart rebuilds the dict from the topic. ``wait_ready()`` waits until the reader has caught
up with what the topic held at start-up; ``wait_for()`` until it has read a given write.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from aiokafka import AIOKafkaConsumer
from mode import Service

from streams.broker import ensure_topic, poll, topic_partitions
from streams.settings import Settings

log = logging.getLogger(__name__)

V = TypeVar("V")


class CompactedTopicReader(Service, Generic[V]):
    """Mirrors ``topic`` into memory: key -> ``decode(value)``; a tombstone removes the key."""

    def __init__(
        self,
        settings: Settings,
        topic: str,
        decode: Callable[[bytes], V],
        **kwargs: Any,
    ) -> None:
        self.settings = settings
        self.topic = topic
        self.decode = decode
        self._entries: dict[bytes, V] = {}
        self._positions: dict[int, int] = {}
        self._consumer: AIOKafkaConsumer | None = None
        self._ready = asyncio.Event()
        self._progress = asyncio.Condition()
        super().__init__(**kwargs)

    def get(self, key: bytes) -> V | None:
        return self._entries.get(key)

    def values(self) -> list[V]:
        return list(self._entries.values())

    def __iter__(self) -> Iterator[bytes]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    async def wait_ready(self, timeout: float | None = None) -> None:
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def wait_for(self, partition: int, offset: int, timeout: float = 10.0) -> None:
        """Wait until the message at ``partition``/``offset`` has been read into the dict."""

        def done() -> bool:
            return self._positions.get(partition, 0) > offset

        async with self._progress:
            await asyncio.wait_for(self._progress.wait_for(done), timeout)

    async def on_start(self) -> None:
        await ensure_topic(self.settings, self.topic, compacted=True)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await consumer.start()
        self._consumer = consumer
        tps = await topic_partitions(consumer, self.topic, timeout=5.0)
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        self._targets: dict[int, int] = {tp.partition: end for tp, end in ends.items()}
        self._check_ready()
        self.add_future(self._read())

    async def on_stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None

    def _check_ready(self) -> None:
        if not self._ready.is_set() and all(
            self._positions.get(p, 0) >= end for p, end in self._targets.items()
        ):
            log.info("%s read: %d entries", self.topic, len(self._entries))
            self._ready.set()

    async def _read(self) -> None:
        assert self._consumer is not None
        while not self.should_stop:
            batch = await poll(self, self._consumer, self.topic)
            if batch is None:
                continue
            for tp, records in batch.items():
                for record in records:
                    self._apply(record.key, record.value, tp.partition, record.offset)
            # The position, not the last offset + 1: compaction and markers leave gaps.
            for tp in self._consumer.assignment():
                self._positions[tp.partition] = await self._consumer.position(tp)
            self._check_ready()
            async with self._progress:
                self._progress.notify_all()

    def _apply(self, key: bytes | None, value: bytes | None, partition: int, offset: int) -> None:
        if key is None:
            log.warning("%s/%s@%s: message without a key, ignored", self.topic, partition, offset)
            return
        if value is None:
            self._entries.pop(key, None)
            return
        try:
            self._entries[key] = self.decode(value)
        except Exception as exc:  # one bad entry must not stop the reader
            log.warning("%s/%s@%s: cannot decode (%s), ignored", self.topic, partition, offset, exc)
