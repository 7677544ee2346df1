"""Broker clients for the CLI and tests: create topics, produce, tail a topic (aiokafka, no Faust)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from mode import Service

from streams.settings import Settings

log = logging.getLogger(__name__)


async def ensure_topic(
    settings: Settings, topic: str, *, compacted: bool = False, partitions: int | None = None
) -> None:
    """Create ``topic`` (with the configured partitions unless told) if it does not exist."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        config = {**settings.topic_config, **({"cleanup.policy": "compact"} if compacted else {})}
        await admin.create_topics(
            [
                NewTopic(
                    topic,
                    num_partitions=partitions or settings.partitions,
                    replication_factor=settings.replication_factor,
                    topic_configs=config,
                )
            ]
        )
    except TopicAlreadyExistsError:
        pass
    finally:
        await admin.close()


async def topic_partitions(
    consumer: AIOKafkaConsumer, topic: str, *, timeout: float | None = None
) -> list[TopicPartition]:
    """The topic's partitions, refreshing metadata until the client knows them.

    Waits without end when ``timeout`` is None; after ``timeout`` seconds gives [].
    """
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    partitions = consumer.partitions_for_topic(topic)
    while not partitions and (deadline is None or loop.time() < deadline):
        await asyncio.sleep(0.1)
        await consumer._client.force_metadata_update()  # no public way to refresh
        partitions = consumer.partitions_for_topic(topic)
    return [TopicPartition(topic, p) for p in sorted(partitions or ())]


async def poll(
    service: Service, consumer: AIOKafkaConsumer, topic: str
) -> dict[TopicPartition, list[ConsumerRecord]] | None:
    """One fetch for a reading service; None after a broker error (logged, then a 1-s pause)."""
    try:
        batch: dict[TopicPartition, list[ConsumerRecord]] = await consumer.getmany(timeout_ms=500)
    except KafkaError as exc:
        log.warning("reading %s failed (%s); retrying", topic, exc)
        await service.sleep(1.0)
        return None
    return batch


@contextlib.asynccontextmanager
async def producer(settings: Settings) -> AsyncIterator[AIOKafkaProducer]:
    prod = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", enable_idempotence=True
    )
    await prod.start()
    try:
        yield prod
    finally:
        await prod.stop()


async def read_to_end(settings: Settings, topic: str) -> list[ConsumerRecord]:
    """Every record of ``topic``, from its start up to its end at the call (no group)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    records: list[ConsumerRecord] = []
    try:
        tps = await topic_partitions(consumer, topic, timeout=10)
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        while any([await consumer.position(tp) < end for tp, end in ends.items()]):
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


async def tail(
    settings: Settings,
    topic: str,
    *,
    idle_seconds: float | None = None,
    from_start: bool = False,
    positioned: asyncio.Event | None = None,
) -> AsyncIterator[bytes]:
    """Yield the values written to ``topic`` after the call (or from the start), without a group.

    Stops after ``idle_seconds`` with no message, when given; sets ``positioned`` once
    the start offsets are fixed, so a caller can send only after that.
    """
    await ensure_topic(settings, topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    try:
        tps = await topic_partitions(consumer, topic)
        consumer.assign(tps)
        if from_start:
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
            for tp in tps:  # pin the end offsets now, before anything else is sent
                await consumer.position(tp)
        if positioned is not None:
            positioned.set()
        while True:
            batch = await consumer.getmany(timeout_ms=int((idle_seconds or 1.0) * 1000))
            if not batch:
                if idle_seconds is not None:
                    return
                continue
            for records in batch.values():
                for record in records:
                    if record.value is not None:
                        yield record.value
    finally:
        await consumer.stop()
