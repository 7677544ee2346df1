"""aiokafka's producer with metadata kept for every topic it sends to (Faust's and our own).

aiokafka's client refreshes the metadata of the topics it tracks, or of every topic while it
tracks none. A send looks the topic up in the metadata it has and tracks the topic only when
it is missing there. A producer that learnt its topics from an all-topics refresh (at start,
or after Faust's topic creation forces one) therefore tracks none of them, until the first
send to a topic it has not seen yet (one created a moment ago, one whose leader was not
elected yet): from then on it tracks that topic alone, the next refresh replaces the
metadata with that topic's, and every batch waiting for another topic finds no leader. The
sender asks for metadata again and again and gets the same; the batch waits until the request
timeout (Faust's producer: 20 min), and so does the agent awaiting it and every commit, which
flushes the producer. Seen: a fresh worker took 40 stories and made no alert
(README, "Crashes, restarts and stops", *A stalled producer*).

Tracking every topic before its first send keeps each one in every refresh.
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaProducer
from faust.transport.drivers import aiokafka as faust_aiokafka


class TopicTrackingProducer(AIOKafkaProducer):  # type: ignore[misc]  # aiokafka is untyped
    """An ``AIOKafkaProducer`` whose client keeps the metadata of every topic sent to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tracked_topics: set[str] = set()

    async def send(self, topic: str, *args: Any, **kwargs: Any) -> Any:
        if topic not in self._tracked_topics:
            self._tracked_topics.add(topic)
            # Public aiokafka call: adds the topic to every later metadata refresh (and asks
            # for one now). Nothing to await: the send below waits for the topic's metadata.
            self.client.add_topic(topic)
        return await super().send(topic, *args, **kwargs)


class Producer(faust_aiokafka.Producer):
    """Faust's aiokafka producer (and its transactional ones) built as ``TopicTrackingProducer``."""

    @property
    def _producer_type(self) -> type[AIOKafkaProducer]:
        return TopicTrackingProducer
