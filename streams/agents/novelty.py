"""Novelty agents: candidate alerts -> copy check (by fingerprint) -> story check (by article id) -> alerts.

The news agent hands every candidate (``streams.process``) to ``submit_candidate``. Two repartitions make each
check run where its state is, so the checks hold across any number of workers:

``news.by-fingerprint`` (key: text fingerprint) -> ``check_copies`` with the ``copies`` table
``news.by-story`` (key: article id) -> ``check_stories`` with the ``stories`` table -> ``alerts``

Both tables are ordinary Faust tables with changelog topics
(``<app id>-copies-changelog``, ``<app id>-stories-changelog``): they survive restarts and
move with their partitions. Entries past their window are deleted as their partition's
events go by.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import orjson
from aiokafka.errors import KafkaError
from faust.web import Request, Response, View

from streams import logs, metrics, topics
from streams.agents.deadletters import dead_letter_event
from streams.alerting.build import build_retraction, utc_now
from streams.alerting.novelty import Candidate, ExpiryIndex, decide_copy, decide_story
from streams.app import app, settings
from streams.delivery.sending import send_bounded
from streams.errors import InvalidMessage

log = logging.getLogger(__name__)

#: The Kafka header ``tickerwire replay --realert`` sets: publish even if seen before.
REALERT_HEADER = "tickerwire-realert"

# Keys and values are bytes (orjson records) with the app's raw serializers.
copies = app.Table(
    "copies",
    partitions=settings.partitions,
    key_type=bytes,
    value_type=bytes,
    help="fingerprint -> the alert first made from that text, and the copies counted on it",
)
stories = app.Table(
    "stories",
    partitions=settings.partitions,
    key_type=bytes,
    value_type=bytes,
    help="article id -> its last revision and the alert it stands for",
)
_copy_expiry = ExpiryIndex()
_story_expiry = ExpiryIndex()

#: Outcomes of the checks in this worker since start: alert, update, retract, replay, late, copy, ...
counts: Counter[str] = Counter()


def realert_requested(headers: Iterable[tuple[str, bytes]] | Mapping[str, bytes] | None) -> bool:
    """Does the raw message carry the ``tickerwire-realert`` header (set by ``replay --realert``)?"""
    if not headers:
        return False
    items = headers.items() if isinstance(headers, Mapping) else headers
    return any(name == REALERT_HEADER and value in (b"1", "1") for name, value in items)


async def submit_candidate(key: bytes, value: bytes) -> KafkaError | None:
    """Send the news agent's candidate on to the copy check; the broker error if it could not."""
    return await send_bounded(
        lambda: topics.send(topics.by_fingerprint, key=key, value=value), what="candidate"
    )


async def _each_candidate(stream: Any, check: Callable[[Any, Candidate], Awaitable[None]]) -> None:
    """Run ``check`` on each event's candidate; an error dead-letters that event, not the agent."""
    async for event in stream.events():
        try:
            await check(event, _decode(event))
        except Exception as exc:  # one message must not stop the agent
            log.exception("candidate at %s could not be checked", _where(event))
            await dead_letter_event(exc, event)


@app.agent(topics.by_fingerprint, concurrency=1)
async def check_copies(stream: Any) -> None:
    """One candidate at a time per partition: is its text already alerted from another article?"""
    await _each_candidate(stream, _check_copy)


async def _check_copy(event: Any, candidate: Candidate) -> None:
    """Record the candidate under its fingerprint and pass it on to the story check."""
    now = time.time()
    key = candidate.fingerprint.encode()
    partition = event.message.partition
    verdict = decide_copy(_load(copies.get(key)), candidate, now=now, window=settings.copy_window)
    if verdict.record is not None:
        copies[key] = orjson.dumps({**verdict.record, "p": partition})
        _copy_expiry.add(partition, float(verdict.record["first_seen"]) + settings.copy_window, key)
    if verdict.candidate.copy_of is not None:
        log.debug(
            "article %s rev %d at %s is copy %d of alert %s (fingerprint %s)",
            candidate.article_id,
            candidate.revision,
            _where(event),
            verdict.copies,
            verdict.candidate.copy_of,
            candidate.fingerprint,
        )
    _expire(copies, _copy_expiry, partition, now, "first_seen", settings.copy_window)
    await topics.send(
        topics.by_story,
        key=candidate.article_id.encode(),
        value=orjson.dumps(verdict.candidate.to_dict()),
    )


@app.agent(topics.by_story, concurrency=1)
async def check_stories(stream: Any) -> None:
    """One candidate at a time per partition: new alert, update, retraction, or nothing."""
    await _each_candidate(stream, _check_story)


async def _check_story(event: Any, candidate: Candidate) -> None:
    """Decide on the candidate by its story; publish the alert or retraction that follows."""
    now = time.time()
    key = candidate.article_id.encode()
    partition = event.message.partition
    verdict = decide_story(
        _load(stories.get(key)), candidate, now=now, retention=settings.dedup_retention
    )
    if verdict.action == "alert" and verdict.alert is not None:
        alert = {**verdict.alert, "alerted_at": utc_now()}
        await _publish(candidate.key or candidate.article_id, alert, _tag_names(alert))
        metrics.alert_published(_tag_names(alert), _arrived(alert), time.monotonic())
        outcome = "update" if alert["supersedes"] else "alert"
        log.debug(  # per alert: DEBUG only (counted in metrics and ``counts``)
            "alert %s for article %s rev %d at %s%s",
            alert["alert_id"],
            candidate.article_id,
            candidate.revision,
            _where(event),
            f" supersedes {alert['supersedes']}" if alert["supersedes"] else "",
        )
    elif verdict.action == "retract" and verdict.retracted is not None:
        retraction = build_retraction(
            verdict.retracted,
            article_id=candidate.article_id,
            revision=candidate.revision,
            reason=f"revision {candidate.revision} no longer qualifies: no tag fired",
        )
        await _publish(verdict.retracted["key"], retraction, _tag_names(retraction))
        outcome = "retract"
        log.info(
            "alert %s retracted by article %s rev %d at %s",
            retraction["alert_id"],
            candidate.article_id,
            candidate.revision,
            _where(event),
        )
    else:
        outcome = verdict.reason or "drop"
        log.debug(
            "article %s rev %d at %s: no alert (%s)",
            candidate.article_id,
            candidate.revision,
            _where(event),
            outcome,
        )
    # Only once the alert is on the broker does the table say "seen": a crash in between
    # publishes it again after the restart (at least once) instead of dropping it as a replay.
    if verdict.record is not None:
        stories[key] = orjson.dumps({**verdict.record, "p": partition})
        _story_expiry.add(partition, now + settings.dedup_retention, key)
    counts[outcome] += 1
    _expire(stories, _story_expiry, partition, now, "seen_at", settings.dedup_retention)


async def _publish(key: str, message: dict[str, Any], tags: Iterable[str]) -> None:
    """Send to ``alerts`` and to the topic of each tag, keyed by the primary company; returns
    once the broker has acknowledged every copy."""
    raw_key, value = key.encode(), orjson.dumps(message)
    sent = [await topics.send(topics.alerts, key=raw_key, value=value)]
    for name in tags:
        sent.append(await topics.send(topics.alerts_by_tag[name], key=raw_key, value=value))
    await asyncio.gather(*sent)


def _arrived(alert: Mapping[str, Any]) -> float:
    """The monotonic clock reading when the story reached the news agent (from ``received_at``)."""
    try:
        received = datetime.fromisoformat(str(alert["received_at"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return time.monotonic()
    return time.monotonic() - max(0.0, time.time() - received.timestamp())


def _tag_names(message: Mapping[str, Any]) -> list[str]:
    return [t["name"] for t in message.get("tags", []) if t.get("name") in topics.alerts_by_tag]


def _where(event: Any) -> str:
    message = event.message
    return f"{message.topic}/{message.partition}@{message.offset}"


def _decode(event: Any) -> Candidate:
    """The candidate an event carries; binds its coordinates (and article) to the log lines."""
    message = event.message
    logs.bind_message(message.topic, message.partition, message.offset)
    data = orjson.loads(event.value)
    if not isinstance(data, dict):
        # Only our own agents write these topics: a bad message is a bug, not bad input.
        raise InvalidMessage(f"a candidate must be a JSON object, got {type(data).__name__}")
    candidate = Candidate.from_dict(data)
    logs.bind_article(candidate.article_id)
    return candidate


def _load(raw: bytes | None) -> dict[str, Any] | None:
    return orjson.loads(raw) if raw is not None else None


def _expire(
    table: Any, index: ExpiryIndex, partition: int, now: float, field: str, ttl: float
) -> None:
    """Delete this partition's entries whose window ran out (the index may hold stale times)."""
    for key in index.due(partition, now):
        record = _load(table.get(key))
        if record is None or record.get("p") != partition:
            continue
        if now - float(record[field]) > ttl:
            del table[key]
        else:
            index.add(partition, float(record[field]) + ttl, key)


async def _index_copies() -> None:
    _reindex(copies, _copy_expiry, "first_seen", settings.copy_window)


async def _index_stories() -> None:
    _reindex(stories, _story_expiry, "seen_at", settings.dedup_retention)


def _reindex(table: Any, index: ExpiryIndex, field: str, ttl: float) -> None:
    """After recovery (each rebalance): every entry held goes into a fresh expiry index."""
    index.clear()
    for key, raw in list(table.items()):
        record = _load(raw)
        if record is not None and "p" in record:
            index.add(int(record["p"]), float(record[field]) + ttl, key)


copies.on_recover(_index_copies)
stories.on_recover(_index_stories)


@app.page("/novelty")
class NoveltyCounts(View):
    """``GET /novelty``: this worker's check outcomes since start (alert, update, retract, replay, ...)."""

    async def get(self, request: Request) -> Response:
        return self.json(dict(counts))
