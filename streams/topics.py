"""Topic declarations: names from ``Settings`` -> Faust topics carrying raw bytes (orjson payloads)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import faust

from streams.app import app, settings

names = settings.topics


def _topic(name: str, **options: object) -> faust.TopicT:
    return app.topic(
        name,
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.partitions,
        config=settings.topic_config or None,
        # "internal" makes Faust create the topic (with these partitions) before subscribing.
        internal=True,
        **options,  # type: ignore[arg-type]
    )


raw_news = _topic(names.raw)
deadletter = _topic(names.deadletter)
alerts = _topic(names.alerts)
alerts_by_tag: dict[str, faust.TopicT] = {
    tag: _topic(names.for_tag(tag)) for tag in ("partnership", "china_strategy", "auto_tech")
}

#: Topics only written to: declared at start-up so subscribers can attach before the first alert.
OUTPUT_TOPICS: tuple[faust.TopicT, ...] = (deadletter, alerts, *alerts_by_tag.values())

#: Internal repartitions of the novelty checks (see ``streams/agents/novelty.py``).
by_fingerprint = _topic(names.by_fingerprint)
by_story = _topic(names.by_story)


async def send(topic: faust.TopicT, *, key: bytes | None, value: bytes) -> Awaitable[Any]:
    """Send ``value`` to ``topic`` from an agent; gives the future the broker's ack resolves.

    With ``exactly_once`` the message joins the transaction of the event being processed
    (the transactional id of its *source* partition), so the output and that event's offset
    are committed together or not at all. Faust's own ``Topic.send`` picks the transaction
    of the *destination* partition, which differs whenever a message is repartitioned (a
    candidate keyed by fingerprint, an alert keyed by company): a crash between the two
    transactions' commits then lost the output (9 of 400 alerts over 2 kills).
    """
    if not app.in_transaction:
        return await topic.send(key=key, value=value)
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
