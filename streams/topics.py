"""The worker's topics: names from ``Settings`` -> Faust topics of one app, carrying raw bytes (orjson payloads)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

import faust

from streams.records import TAG_NAMES
from streams.settings import Settings


class TopicSet:
    """The topics the agents read and write, declared on ``app``; ``send`` is their one way out."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        names = settings.topics
        self.raw_news = self._topic(names.raw)
        self.deadletter = self._topic(names.deadletter)
        self.alerts = self._topic(names.alerts)
        self.alerts_by_tag: dict[str, faust.TopicT] = {
            tag: self._topic(names.for_tag(tag)) for tag in TAG_NAMES
        }
        #: Internal repartitions of the novelty checks (see ``streams/agents/novelty.py``).
        self.by_fingerprint = self._topic(names.by_fingerprint)
        self.by_story = self._topic(names.by_story)

    @property
    def outputs(self) -> tuple[faust.TopicT, ...]:
        """Topics only written to: declared at start-up so subscribers can attach before the first alert."""
        return (self.deadletter, self.alerts, *self.alerts_by_tag.values())

    def _topic(self, name: str) -> faust.TopicT:
        return self._app.topic(
            name,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            partitions=self._settings.partitions,
            config=self._settings.topic_config or None,
            # "internal" makes Faust create the topic (with these partitions) before subscribing.
            internal=True,
        )

    async def send(self, topic: faust.TopicT, *, key: bytes | None, value: bytes) -> Awaitable[Any]:
        """Send ``value`` to ``topic`` from an agent; gives the future the broker's ack resolves.

        With ``exactly_once`` the message joins the transaction of the event being processed
        (the transactional id of its *source* partition), so the output and that event's offset
        are committed together or not at all. Faust's own ``Topic.send`` picks the transaction
        of the *destination* partition, which differs whenever a message is repartitioned (a
        candidate keyed by fingerprint, an alert keyed by company): a crash between the two
        transactions' commits then lost the output (9 of 400 alerts over 2 kills).
        """
        app = self._app
        if not app.in_transaction:
            delivery = await topic.send(key=key, value=value)
            event = faust.current_event()
            watch = getattr(app.consumer, "watch_send", None)
            if event is not None and watch is not None and isinstance(delivery, asyncio.Future):
                # The agent acks the event without awaiting this: a failure must hold the
                # commit before the event (streams/kafka_consumer.py), not pass silently.
                source = event.message
                watch(source.tp, source.offset, delivery)
            return delivery
        event = faust.current_event()
        if event is None:
            raise RuntimeError(f"exactly-once send to {topic.get_topic_name()} outside an event")
        source = event.message
        group = app.assignor.group_for_topic(source.topic)
        transactional_id = f"{app.conf.id}-{group}-{source.partition}"
        name = topic.get_topic_name()
        partition = app.consumer.key_partition(name, key, None)
        return await app.consumer.transactions.producer.send(
            name, key, value, partition, None, None, transactional_id=transactional_id
        )
