"""Prometheus metrics: small calls the agents make -> ``tickerwire_*`` series on ``GET /metrics``.

Every series lives in one registry of its own (not the process-wide default), so the worker
exposes exactly what is listed here. The agents only call the functions below; values that
belong to a running service (consumer lag, pending deliveries) are read at scrape time from
the worker: ``set_consumer_lag`` before each exposition, ``watch_pending`` once.

    tickerwire_stories_consumed_total            counter  raw messages taken from news.raw
    tickerwire_alerts_published_total{tag}       counter  alerts published, per tag
    tickerwire_dead_letters_total{reason}        counter  messages sent to the dead-letter topic
    tickerwire_processing_seconds                histogram  story received -> alert sent (seconds)
    tickerwire_consumer_lag{topic,partition}     gauge    messages behind the end of each partition
    tickerwire_webhook_attempts_total{outcome}   counter  webhook calls: delivered, retry, failed
    tickerwire_webhook_pending_deliveries        gauge    deliveries this worker owns, unfinished
    tickerwire_reference_data_records            gauge    companies the linker knows
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from streams.errors import InvalidMessage

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
#: Seconds from a story's arrival at the news agent to its alert handed to the producer.
PROCESSING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
#: Dead-letter reasons, a short closed set (free text would make one series per message).
DEAD_LETTER_REASONS = ("empty", "invalid_json", "not_object", "schema", "processing_error")
WEBHOOK_OUTCOMES = ("delivered", "retry", "failed")

disable_created_metrics()  # type: ignore[no-untyped-call]  # (untyped in prometheus_client) the *_created series only double the exposition
registry = CollectorRegistry(auto_describe=True)

stories_consumed = Counter(
    "tickerwire_stories_consumed",
    "Raw news messages the news agent has taken from the raw topic.",
    registry=registry,
)
alerts_published = Counter(
    "tickerwire_alerts_published",
    "Alerts published, per tag (an alert with two tags counts once for each).",
    ["tag"],
    registry=registry,
)
dead_letters = Counter(
    "tickerwire_dead_letters",
    "Messages sent to the dead-letter topic, per reason.",
    ["reason"],
    registry=registry,
)
processing_seconds = Histogram(
    "tickerwire_processing_seconds",
    "Seconds from a story's arrival at the news agent to its alert handed to the producer.",
    buckets=PROCESSING_BUCKETS,
    registry=registry,
)
webhook_attempts = Counter(
    "tickerwire_webhook_attempts",
    "Webhook calls, per outcome (delivered, retry, failed).",
    ["outcome"],
    registry=registry,
)
webhook_pending = Gauge(
    "tickerwire_webhook_pending_deliveries",
    "Webhook deliveries this worker owns that are not finished.",
    registry=registry,
)
reference_records = Gauge(
    "tickerwire_reference_data_records",
    "Companies the linker knows (bundled data merged with published records).",
    registry=registry,
)

for _tag in ("partnership", "china_strategy", "auto_tech"):
    alerts_published.labels(tag=_tag)
for _reason in DEAD_LETTER_REASONS:
    dead_letters.labels(reason=_reason)
for _outcome in WEBHOOK_OUTCOMES:
    webhook_attempts.labels(outcome=_outcome)

consumer_lag = Gauge(
    "tickerwire_consumer_lag",
    "Messages between the group's committed offset and the end of each partition the worker owns.",
    ["topic", "partition"],
    registry=registry,
)


# ---------------------------------------------------------------- what the agents call


def story_consumed() -> None:
    stories_consumed.inc()


def alert_published(tags: Iterable[str], received_monotonic: float, now_monotonic: float) -> None:
    """One alert sent with ``tags``; the story arrived at ``received_monotonic`` (time.monotonic)."""
    for tag in tags:
        alerts_published.labels(tag=tag).inc()
    processing_seconds.observe(max(now_monotonic - received_monotonic, 0.0))


def dead_lettered(error: BaseException) -> None:
    dead_letters.labels(reason=dead_letter_reason(error)).inc()


def webhook_attempt(outcome: str) -> None:
    webhook_attempts.labels(outcome=outcome).inc()


def reference_data_loaded(records: int) -> None:
    reference_records.set(records)


def set_consumer_lag(rows: Iterable[tuple[str, int, int]]) -> None:
    """Replace the lag series with ``(topic, partition, lag)`` rows (partitions no longer owned go)."""
    consumer_lag.clear()
    for topic, partition, lag in rows:
        consumer_lag.labels(topic=topic, partition=str(partition)).set(max(lag, 0))


def watch_pending(count: Callable[[], int]) -> None:
    """Read the number of pending webhook deliveries from ``count`` at every scrape."""
    webhook_pending.set_function(lambda: float(count()))


def exposition() -> bytes:
    """Every series in the Prometheus text format."""
    return generate_latest(registry)


def dead_letter_reason(error: BaseException) -> str:
    """The short reason label of a dead letter (one of ``DEAD_LETTER_REASONS``)."""
    if not isinstance(error, InvalidMessage):
        return "processing_error"
    text = str(error)
    if text.startswith("empty"):
        return "empty"
    if text.startswith("not valid JSON"):
        return "invalid_json"
    if text.startswith("expected a JSON object"):
        return "not_object"
    return "schema"
