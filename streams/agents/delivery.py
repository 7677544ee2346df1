"""Delivery agent: ``alerts`` -> each matching subscription's topic, or a pending webhook delivery.

The router only persists: a Kafka target gets the alert's key and value bytes unchanged, a
webhook target gets a ``webhook.pending`` entry (acked before the alert's offset can be
committed). The app's ``WebhookDispatcher`` service makes the calls, off the stream, per endpoint.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import orjson
from aiokafka.errors import KafkaError

from streams import logs
from streams.agents.deadletters import dead_letter_event
from streams.alerting.matcher import matches
from streams.alerting.subscriptions import Subscription, TopicTarget
from streams.clock import utc_now
from streams.compacted import CompactedTopicReader
from streams.delivery.clients import KafkaWriter
from streams.delivery.pending import new_delivery
from streams.delivery.sending import is_retriable
from streams.errors import InvalidMessage
from streams.faust_app import TickerwireApp

log = logging.getLogger(__name__)


def register(app: TickerwireApp) -> None:
    """Put the delivery agent on ``app``."""
    router = AlertRouter(
        app.subscriptions, app.writer, pending_topic=app.settings.topics.webhook_pending
    )

    @app.agent(app.topic_set.alerts, concurrency=1, name=f"{__name__}.route_alerts")
    async def route_alerts(stream: Any) -> None:
        """One alert at a time (concurrency 1 keeps commits in order): match, then persist per target."""
        # Matching against a half-read table would silently skip subscribers.
        await app.subscriptions.wait_ready()
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
                await router.deliver(alert, event.key, event.value, where)
            except Exception as exc:  # one alert must not stop the deliveries of the others
                log.warning("alert at %s/%s@%s not delivered: %r", *where, exc)
                await dead_letter_event(app.topic_set, exc, event)


class AlertRouter:
    """Alert -> the messages its matching subscriptions get, persisted before the alert is done."""

    def __init__(
        self,
        subscriptions: CompactedTopicReader[Subscription],
        writer: KafkaWriter,
        *,
        pending_topic: str,
    ) -> None:
        self.subscriptions = subscriptions
        self.writer = writer
        self.pending_topic = pending_topic

    async def route(
        self, alert: dict[str, Any], *, key: bytes | None, value: bytes
    ) -> list[tuple[str, bytes | None, bytes]]:
        """The messages one alert makes: ``(topic, key, value)`` per matching subscription."""
        now, now_text = time.time(), utc_now()
        items: list[tuple[str, bytes | None, bytes]] = []
        for subscription in self.subscriptions.values():
            if not matches(subscription.filter, alert):
                continue
            if isinstance(subscription.target, TopicTarget):
                await self.writer.ensure_topic(subscription.target.topic)
                items.append((subscription.target.topic, key, value))
            else:
                delivery = new_delivery(subscription.id, alert, now=now, now_text=now_text)
                items.append((self.pending_topic, delivery.key, delivery.to_bytes()))
        return items

    async def deliver(
        self, alert: dict[str, Any], key: bytes | None, value: bytes, where: tuple[str, int, int]
    ) -> None:
        """Route and write the alert's messages; broker errors worth waiting out are retried."""
        # Until every message is acked the alert's offset must not be committed: keep trying.
        delay = 0.5
        while True:
            try:
                items = await self.route(alert, key=key, value=value)
                if items:
                    await self.writer.send_many(items)
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
