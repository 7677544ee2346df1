"""A producer keeps the metadata of every topic it writes, on the real broker (streams/kafka_producer.py).

The start-up stall (README, *A stalled producer*): after an all-topics metadata refresh (Faust
forces one after creating a topic), aiokafka's producer sends to the topics it learnt there
without tracking them; its first send to a topic it has not seen makes it track that one
alone, and a batch already waiting for a known topic then never finds its leader.
"""

from __future__ import annotations

import asyncio
import uuid

from streams.broker import ensure_topic
from streams.kafka_producer import TopicTrackingProducer
from streams.settings import Settings

#: Generous for a loaded machine: the batches below are delivered after their 2-s linger.
DELIVERY_S = 30.0


async def test_a_batch_for_a_known_topic_is_delivered_after_a_first_send_to_a_new_topic(
    broker: str,
) -> None:
    settings = Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": broker})
    run = uuid.uuid4().hex[:8]
    known, new = f"pm-{run}.known", f"pm-{run}.new"
    await ensure_topic(settings, known, partitions=1)
    # The linger keeps the first batch waiting in the producer while the second send runs.
    producer = TopicTrackingProducer(bootstrap_servers=broker, linger_ms=2000)
    await producer.start()
    try:
        await producer.client.force_metadata_update()  # all topics, as after Faust's creation
        assert known in producer.client.cluster.topics()
        await ensure_topic(settings, new, partitions=1)  # created after that refresh
        waiting = await producer.send(known, b"first")
        other = await producer.send(new, b"second")
        delivered = await asyncio.wait_for(asyncio.gather(waiting, other), DELIVERY_S)
    finally:
        await producer.stop()
    assert [(m.topic, m.offset) for m in delivered] == [(known, 0), (new, 0)]
