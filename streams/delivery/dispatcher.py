"""Webhook dispatcher: pending deliveries on ``webhook.pending`` -> signed attempts, retries, dead letters.

Ownership follows Kafka: the dispatcher consumes ``webhook.pending`` in its own consumer group,
so each pending partition has one owning worker. On assignment it replays the partition from the
start (the topic is compacted: one entry per live delivery) and arms a timer per delivery; later
entries (new deliveries from the alert router) are adopted as they arrive. Each attempt's result
is written back before the next is armed, and a tombstone ends the entry, so a stopped worker's
deliveries resume, where they were, on whichever worker next owns the partition.

Delivery is at least once: a worker that dies between a successful call and its tombstone calls
again after the restart, with the same ``webhook-id``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import OrderedDict
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from mode import Service

from streams import metrics
from streams.broker import poll
from streams.clock import utc_now
from streams.compacted import CompactedTopicReader
from streams.delivery.clients import HTTPClient, KafkaWriter
from streams.delivery.pending import dead_letter, event_of
from streams.delivery.queue import EndpointQueues
from streams.delivery.retry import RetryPolicy
from streams.delivery.sending import is_retriable
from streams.delivery.urlguard import URLGuard
from streams.delivery.webhook import TEST_EVENT_TYPE, attempt, endpoint_of, event_body
from streams.records import Outcome, PendingDelivery, Subscription, WebhookTarget
from streams.settings import Settings

log = logging.getLogger(__name__)

#: How long a delivery waits for its subscription to show up (another worker may have just made it).
SUBSCRIPTION_GRACE_SECONDS = 30.0
#: How soon to offer a delivery again when its endpoint's lane is full.
LANE_FULL_RETRY_SECONDS = 1.0
#: How many finished delivery ids to remember, to ignore our own late writes when they come back.
DONE_MEMORY = 50_000


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, dispatcher: WebhookDispatcher) -> None:
        self.dispatcher = dispatcher

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self.dispatcher.release({tp.partition for tp in revoked})

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        await self.dispatcher.claim(assigned)


class WebhookDispatcher(Service):
    """Owns the pending deliveries of its ``webhook.pending`` partitions and carries them out."""

    def __init__(
        self,
        settings: Settings,
        *,
        http: HTTPClient,
        writer: KafkaWriter,
        subscriptions: CompactedTopicReader[Subscription],
        guard: URLGuard,
        policy: RetryPolicy,
        **kwargs: Any,
    ) -> None:
        self.settings = settings
        self.http = http
        self.writer = writer
        self.subscriptions = subscriptions
        self.guard = guard
        self.policy = policy
        self.topic = settings.topics.webhook_pending
        self.deadletter_topic = settings.topics.webhook_deadletter
        self._consumer: AIOKafkaConsumer | None = None
        self._jobs: dict[str, PendingDelivery] = {}
        self._partition: dict[str, int] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._in_flight: set[str] = set()
        #: In flight when their partition was revoked: finish the call and record it, nothing more.
        self._orphans: set[str] = set()
        self._done: OrderedDict[str, None] = OrderedDict()
        #: Partitions being replayed -> the end offset to reach; their entries wait in ``_replay``.
        self._loading: dict[int, int | None] = {}
        self._replay: dict[int, dict[bytes, bytes | None]] = {}
        self._lanes: EndpointQueues[str] = EndpointQueues(
            self._attempt,
            concurrency=settings.webhook_concurrency,
            size=settings.webhook_queue_size,
        )
        super().__init__(**kwargs)

    # -- what the API and tests see -------------------------------------------------------

    @property
    def pending(self) -> int:
        """Deliveries this worker owns that are not finished."""
        return len(self._jobs)

    async def send_test(self, subscription: Subscription, alert: dict[str, Any]) -> Outcome:
        """One signed attempt of a sample alert (type ``alert.test``), no retries; gives its outcome."""
        assert isinstance(subscription.target, WebhookTarget)
        body = event_body(alert, timestamp=utc_now(), event_type=TEST_EVENT_TYPE)
        return await attempt(
            self.http.client,
            self.guard,
            url=subscription.target.url,
            secret=subscription.target.secret,
            msg_id=f"msg_test_{secrets.token_hex(12)}",
            body=body,
            number=1,
            timeout=self.settings.webhook_timeout,
        )

    # -- life cycle -------------------------------------------------------------------------

    async def on_start(self) -> None:
        await self.writer.ensure_topic(self.topic, compacted=True)
        await self.writer.ensure_topic(self.deadletter_topic)
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.bootstrap_servers,
            group_id=f"{self.settings.app_id}-webhook-delivery",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        self._consumer.subscribe([self.topic], listener=_Rebalance(self))
        await self._consumer.start()
        self.add_future(self._read())

    async def on_stop(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        await self._lanes.close()
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None

    # -- ownership --------------------------------------------------------------------------

    async def claim(self, assigned: set[TopicPartition]) -> None:
        """Start replaying newly assigned partitions from their beginning."""
        if not assigned or self._consumer is None:
            return
        tps = sorted(assigned)
        # Buffer from now on, before any await: records fetched meanwhile are part of the replay.
        for tp in tps:
            self._loading[tp.partition] = None
            self._replay[tp.partition] = {}
        await self._consumer.seek_to_beginning(*tps)
        ends = await self._consumer.end_offsets(tps)
        for tp, end in ends.items():
            if tp.partition in self._loading:
                self._loading[tp.partition] = end
        log.info("webhook.pending partitions %s assigned", sorted(tp.partition for tp in tps))

    def release(self, partitions: set[int]) -> None:
        """Forget the deliveries of revoked partitions; calls in flight finish and record."""
        for partition in partitions:
            self._loading.pop(partition, None)
            self._replay.pop(partition, None)
        for delivery_id, partition in list(self._partition.items()):
            if partition not in partitions:
                continue
            if delivery_id in self._in_flight:
                self._orphans.add(delivery_id)
            else:
                self._forget(delivery_id)
        if partitions:
            log.info("webhook.pending partitions %s revoked", sorted(partitions))

    async def _read(self) -> None:
        # No delivery before every subscription is known, or live ones would look deleted.
        await self.subscriptions.wait_ready()
        consumer = self._consumer
        assert consumer is not None
        while not self.should_stop:
            batch = await poll(self, consumer, self.topic)
            if batch is None:
                continue
            for tp, records in batch.items():
                for record in records:
                    self._on_record(tp.partition, record.key, record.value, record.offset)
            for partition, end in list(self._loading.items()):
                tp = TopicPartition(self.topic, partition)
                if end is None or tp not in consumer.assignment():
                    continue
                if await consumer.position(tp) >= end:
                    self._replayed(partition)

    def _on_record(
        self, partition: int, key: bytes | None, value: bytes | None, offset: int
    ) -> None:
        if key is None:
            return
        if partition in self._loading:
            self._replay[partition][key] = value
            return
        delivery_id = key.decode()
        if value is None:
            if delivery_id in self._jobs and delivery_id not in self._in_flight:
                self._forget(delivery_id)
            return
        if delivery_id in self._jobs or delivery_id in self._done:
            return  # our own write coming back
        self._adopt(value, partition, offset)

    def _replayed(self, partition: int) -> None:
        self._loading.pop(partition, None)
        entries = self._replay.pop(partition, {})
        adopted = 0
        for key, value in entries.items():
            delivery_id = key.decode()
            if value is None or delivery_id in self._jobs or delivery_id in self._done:
                continue
            adopted += self._adopt(value, partition, -1)
        log.info("webhook.pending/%s replayed: %d deliveries pending", partition, adopted)

    def _adopt(self, value: bytes, partition: int, offset: int) -> int:
        try:
            job = PendingDelivery.from_bytes(value)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s/%s@%s: not a pending delivery (%s)", self.topic, partition, offset, exc)
            return 0
        self._jobs[job.delivery_id] = job
        self._partition[job.delivery_id] = partition
        self._arm(job.delivery_id, job.next_at)
        return 1

    def _forget(self, delivery_id: str) -> None:
        timer = self._timers.pop(delivery_id, None)
        if timer is not None:
            timer.cancel()
        self._jobs.pop(delivery_id, None)
        self._partition.pop(delivery_id, None)

    # -- scheduling -------------------------------------------------------------------------

    def _arm(self, delivery_id: str, at: float) -> None:
        old = self._timers.pop(delivery_id, None)
        if old is not None:
            old.cancel()
        delay = max(at - time.time(), 0.0)
        self._timers[delivery_id] = asyncio.get_running_loop().call_later(
            delay, self._due, delivery_id
        )

    def _due(self, delivery_id: str) -> None:
        self._timers.pop(delivery_id, None)
        job = self._jobs.get(delivery_id)
        if job is None or delivery_id in self._in_flight:
            return
        target = self._target(job)
        if target is None:
            return
        if not self._lanes.offer(endpoint_of(target.url), delivery_id):
            log.warning(
                "webhook %s: lane of %s is full; held back", delivery_id, endpoint_of(target.url)
            )
            self._arm(delivery_id, time.time() + LANE_FULL_RETRY_SECONDS)

    def _target(self, job: PendingDelivery) -> WebhookTarget | None:
        """The subscription's current webhook; None (and the delivery dropped or delayed) if gone."""
        subscription = self.subscriptions.get(job.subscription_id.encode())
        if subscription is not None and isinstance(subscription.target, WebhookTarget):
            return subscription.target
        age = time.time() - job.next_at if not job.attempts else SUBSCRIPTION_GRACE_SECONDS
        if subscription is None and age < SUBSCRIPTION_GRACE_SECONDS:
            self._arm(job.delivery_id, time.time() + 1.0)
            return None
        log.info(
            "webhook %s: subscription %s deleted or no longer a webhook; delivery dropped",
            job.delivery_id,
            job.subscription_id,
        )
        self.add_future(self._finish(job))
        return None

    # -- one attempt ------------------------------------------------------------------------

    async def _attempt(self, delivery_id: str) -> None:
        job = self._jobs.get(delivery_id)
        if job is None or delivery_id in self._in_flight:
            return
        target = self._target(job)
        if target is None:
            return
        endpoint = endpoint_of(target.url)
        self._in_flight.add(delivery_id)
        try:
            outcome = await attempt(
                self.http.client,
                self.guard,
                url=target.url,
                secret=target.secret,
                msg_id=delivery_id,
                body=event_of(job),
                number=len(job.attempts) + 1,
                timeout=self.settings.webhook_timeout,
            )
            metrics.webhook_attempt(outcome.result)
            log.info(
                "webhook %s (subscription %s, alert %s) attempt %d to %s: %s %s%s",
                delivery_id,
                job.subscription_id,
                job.alert_id,
                outcome.attempt,
                endpoint,
                outcome.result,
                outcome.status if outcome.status is not None else "-",
                f" ({outcome.error})" if outcome.error else "",
            )
            delay = None
            if outcome.result == "retry":
                delay = self.policy.next_delay(outcome.attempt, retry_after=outcome.retry_after)
            job = job.after(outcome, next_at=time.time() + (delay or 0.0))
            if outcome.result == "delivered":
                await self._finish(job)
            elif delay is None:
                await self._dead_letter(job, endpoint, outcome)
                await self._finish(job)
            else:
                self._jobs[delivery_id] = job
                await self._write(
                    self.topic, job.key, job.to_bytes(), self._partition.get(delivery_id)
                )
                if delivery_id not in self._orphans and delivery_id in self._jobs:
                    self._arm(delivery_id, job.next_at)
        finally:
            self._in_flight.discard(delivery_id)
            if delivery_id in self._orphans:
                self._orphans.discard(delivery_id)
                self._forget(delivery_id)

    async def _dead_letter(self, job: PendingDelivery, endpoint: str, last: Outcome) -> None:
        if last.result == "failed":
            reason = f"permanent failure: {last.error}"
        else:
            reason = f"gave up after {len(job.attempts)} attempts: {last.error}"
        record = dead_letter(job, endpoint=endpoint, reason=reason, failed_at=utc_now())
        await self._write(self.deadletter_topic, job.key, orjson.dumps(record.to_dict()), None)
        log.warning(
            "webhook %s (subscription %s, alert %s) to %s dead-lettered: %s",
            job.delivery_id,
            job.subscription_id,
            job.alert_id,
            endpoint,
            reason,
        )

    async def _finish(self, job: PendingDelivery) -> None:
        """End a delivery: tombstone its pending entry and forget it."""
        partition = self._partition.get(job.delivery_id)
        self._done[job.delivery_id] = None
        while len(self._done) > DONE_MEMORY:
            self._done.popitem(last=False)
        self._forget(job.delivery_id)
        await self._write(self.topic, job.key, None, partition)

    async def _write(
        self, topic: str, key: bytes, value: bytes | None, partition: int | None
    ) -> None:
        """Produce with retries: a delivery's state must reach Kafka or the delivery repeats."""
        delay = 0.5
        while True:
            try:
                await self.writer.send(topic, key=key, value=value, partition=partition)
                return
            except KafkaError as exc:
                if self.should_stop:
                    raise
                if not is_retriable(exc):
                    # Waiting cannot help (too large, say); the router dead-lettered what it
                    # could not write, so a state update that cannot be written is dropped.
                    log.error("write to %s failed for good (%r); not retried", topic, exc)
                    return
                log.warning("write to %s failed (%s); retrying in %.1fs", topic, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
