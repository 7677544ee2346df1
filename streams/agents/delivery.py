"""Delivery agent: ``alerts`` -> each matching subscription's topic, or a pending webhook delivery.

The router only persists: a Kafka target gets the alert's key and value bytes unchanged, a
webhook target gets a ``webhook.pending`` entry (acked before the alert's offset can be
committed). The ``WebhookDispatcher`` service makes the calls, off the stream, per endpoint.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import orjson
from aiokafka.errors import KafkaError
from mode import Service

from streams import logs, topics
from streams.agents.deadletters import dead_letter_event
from streams.alerting.build import utc_now
from streams.alerting.matcher import matches
from streams.alerting.subscriptions import Subscription, TopicTarget, subscription_from_dict
from streams.app import app, settings
from streams.compacted import CompactedTopicReader
from streams.delivery.clients import HTTPClient, KafkaWriter
from streams.delivery.dispatcher import WebhookDispatcher
from streams.delivery.pending import new_delivery
from streams.delivery.retry import RetryPolicy
from streams.delivery.sending import is_retriable
from streams.delivery.urlguard import URLGuard
from streams.errors import InvalidMessage

log = logging.getLogger(__name__)


def _decode_subscription(raw: bytes) -> Subscription:
    return subscription_from_dict(orjson.loads(raw))


guard = URLGuard.of(settings.webhook_allowed_hosts)
writer = KafkaWriter(settings)
http = HTTPClient(settings)
#: Every subscription, on every worker: the compacted ``subscriptions`` topic read into memory.
subscriptions: CompactedTopicReader[Subscription] = CompactedTopicReader(
    settings, settings.topics.subscriptions, _decode_subscription
)
dispatcher = WebhookDispatcher(
    settings,
    http=http,
    writer=writer,
    subscriptions=subscriptions,
    guard=guard,
    policy=RetryPolicy(
        schedule=settings.webhook_retry_schedule,
        jitter=settings.webhook_retry_jitter,
        max_retry_after=settings.webhook_max_retry_after,
    ),
)


@app.service
class Delivery(Service):
    """Starts the delivery clients and services in order (and stops them in reverse)."""

    def on_init_dependencies(self) -> list[Service]:
        return [writer, http, subscriptions, dispatcher]


@app.agent(topics.alerts, concurrency=1)
async def route_alerts(stream: Any) -> None:
    """One alert at a time (concurrency 1 keeps commits in order): match, then persist per target."""
    # Matching against a half-read table would silently skip subscribers.
    await subscriptions.wait_ready()
    async for event in stream.events():
        message = event.message
        where = (message.topic, message.partition, message.offset)
        logs.bind_message(*where)
        try:
            alert = orjson.loads(event.value)
            if not isinstance(alert, dict) or not isinstance(alert.get("alert_id"), str):
                raise InvalidMessage("not an alert or retraction object")
            if isinstance(alert.get("article_id"), str):
                logs.bind_article(alert["article_id"])
            await _deliver(alert, event.key, event.value, where)
        except Exception as exc:  # one alert must not stop the deliveries of the others
            log.warning("alert at %s/%s@%s not delivered: %r", *where, exc)
            await dead_letter_event(exc, event)


async def route(
    alert: dict[str, Any], *, key: bytes | None, value: bytes
) -> list[tuple[str, bytes | None, bytes]]:
    """The messages one alert makes: ``(topic, key, value)`` per matching subscription."""
    now, now_text = time.time(), utc_now()
    items: list[tuple[str, bytes | None, bytes]] = []
    for subscription in subscriptions.values():
        if not matches(subscription.filter, alert):
            continue
        if isinstance(subscription.target, TopicTarget):
            await writer.ensure_topic(subscription.target.topic)
            items.append((subscription.target.topic, key, value))
        else:
            delivery = new_delivery(subscription.id, alert, now=now, now_text=now_text)
            items.append((settings.topics.webhook_pending, delivery.key, delivery.to_bytes()))
    return items


async def _deliver(
    alert: dict[str, Any], key: bytes | None, value: bytes, where: tuple[str, int, int]
) -> None:
    # Until every message is acked the alert's offset must not be committed: keep trying.
    delay = 0.5
    while True:
        try:
            items = await route(alert, key=key, value=value)
            if items:
                await writer.send_many(items)
            break
        except KafkaError as exc:
            if not is_retriable(exc):
                raise  # waiting cannot help (too large, say): the alert goes to dead letters
            log.warning(
                "alert %s at %s/%s@%s: delivery write failed (%s); retrying",
                alert["alert_id"],
                *where,
                exc,
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
    if items:
        log.debug("alert %s at %s/%s@%s: %d deliveries", alert["alert_id"], *where, len(items))
