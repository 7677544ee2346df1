"""``TickerwireApp``: the Faust app, the services it runs (built from ``Settings``), and its stop.

The agents get everything from the app they are registered on (``streams.app.create_app``):
``app.settings``, ``app.topic_set`` and the services below. Nothing here is built at import.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

import faust
import orjson
from faust.web import View
from mode import Service

from streams import kafka_consumer
from streams.alerting.subscriptions import subscription_from_dict
from streams.compacted import CompactedTopicReader
from streams.delivery.clients import HTTPClient, KafkaWriter
from streams.delivery.dispatcher import WebhookDispatcher
from streams.delivery.retry import RetryPolicy
from streams.delivery.urlguard import URLGuard
from streams.live.feed import AlertFeed
from streams.records import Subscription
from streams.reference import CompanyReader, PipelineHolder, decode_company
from streams.settings import Settings
from streams.topics import TopicSet

log = logging.getLogger(__name__)


def decode_subscription(raw: bytes) -> Subscription:
    return subscription_from_dict(orjson.loads(raw))


class TickerwireApp(faust.App):
    """Faust's app with the worker's services as attributes, and a stop that commits once, first
    thing, and ends in bounded time.

    The services (Kafka writer, webhook client, subscriptions reader, webhook dispatcher,
    company reader, live alert feed) start with the worker, once its tables are recovered,
    in that order, and stop in reverse.

    On stop, Faust cancels the agents, and a cancelled agent's stream acks the event it was
    in the middle of (and events dropped from the agents' buffers can be taken for
    processed), so a commit after that point can skip stories that never alerted. Only
    what was acked before the stop began is committed; the rest is read again on restart.

    A stop can hang in a client: the Kafka consumer thread waits for a group request in
    flight, and Faust gives that thread 60 s. Past ``stop_timeout`` the process exits:
    offsets are committed already and pending webhook deliveries live in their topic.
    """

    def __init__(self, settings: Settings, id: str, **options: Any) -> None:
        super().__init__(id, **options)
        self.settings = settings
        self.topic_set = TopicSet(self, settings)
        #: Reference data: the compacted company topic, and the pipeline built over it.
        self.companies = CompanyReader(settings, settings.topics.companies, decode_company)
        self.pipelines = PipelineHolder(self.companies)
        #: Delivery: every subscription on every worker (the compacted topic read into memory),
        #: the writer of subscriber topics, and the webhook calls.
        self.subscriptions: CompactedTopicReader[Subscription] = CompactedTopicReader(
            settings, settings.topics.subscriptions, decode_subscription
        )
        self.url_guard = URLGuard.of(settings.webhook_allowed_hosts)
        self.writer = KafkaWriter(settings)
        self.webhook_http = HTTPClient(settings)
        self.dispatcher = WebhookDispatcher(
            settings,
            http=self.webhook_http,
            writer=self.writer,
            subscriptions=self.subscriptions,
            guard=self.url_guard,
            policy=RetryPolicy(
                schedule=settings.webhook_retry_schedule,
                jitter=settings.webhook_retry_jitter,
                max_retry_after=settings.webhook_max_retry_after,
            ),
        )
        #: The live page's feed of recent alerts.
        self.alert_feed = AlertFeed(settings, settings.topics.alerts)
        #: Outcomes of the novelty checks in this worker since start: alert, update, replay, ...
        self.novelty_counts: Counter[str] = Counter()
        self.service(
            _started_together(
                [
                    self.writer,
                    self.webhook_http,
                    self.subscriptions,
                    self.dispatcher,
                    self.companies,
                    self.alert_feed,
                ]
            )
        )
        self._stop_deadline: threading.Timer | None = None

    def _new_transport(self) -> Any:
        # A consumer whose commits never pass an unprocessed offset (streams/kafka_consumer.py)
        # and a producer that keeps every topic's metadata (streams/kafka_producer.py).
        return kafka_consumer.Transport(self.conf.broker_consumer, self)

    async def _stop_consumer(self) -> None:
        self._exit_after(self.settings.stop_timeout)
        consumer = self._consumer
        if consumer is not None and not getattr(consumer, "_tickerwire_frozen", False):
            try:
                await consumer.commit()
            except Exception as exc:  # a failed commit means repeats after restart, not loss
                log.warning("commit at stop failed (%s): the next start reads again", exc)
            consumer._tickerwire_frozen = True  # type: ignore[attr-defined]
            consumer.commit = _no_commit  # type: ignore[method-assign]
        await super()._stop_consumer()

    def _exit_after(self, seconds: float) -> None:
        """End the process ``seconds`` from now unless it has exited by then (started once)."""
        if self._stop_deadline is not None:
            return

        def overdue() -> None:
            log.error("worker still stopping after %.0f s: exiting now", seconds)
            logging.shutdown()
            os._exit(0)

        self._stop_deadline = threading.Timer(seconds, overdue)
        self._stop_deadline.daemon = True
        self._stop_deadline.start()


def app_of(view: View) -> TickerwireApp:
    """The app a web view is served by (Faust hands every view its app)."""
    return cast(TickerwireApp, view.app)


async def _no_commit(*args: Any, **kwargs: Any) -> bool:
    return False


def _started_together(services: Sequence[Service]) -> type[Service]:
    """A service class for ``app.service`` that starts ``services`` in order (stops them in reverse)."""

    class WorkerServices(Service):
        def on_init_dependencies(self) -> list[Service]:
            return list(services)

    return WorkerServices
