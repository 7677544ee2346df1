"""The worker's producers keep every topic's metadata (streams/kafka_producer.py); no broker."""

from __future__ import annotations

from streams.app import create_app
from streams.kafka_producer import TopicTrackingProducer
from streams.settings import Settings


async def test_the_worker_builds_its_plain_and_transactional_producers_as_topic_tracking() -> None:
    app = create_app(Settings.from_env({"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"}))
    made = [app.producer._new_producer(), app.producer._new_producer(transactional_id="tw-0")]
    try:
        assert all(isinstance(p, TopicTrackingProducer) for p in made)
    finally:
        for producer in made:
            await producer.client.close()
