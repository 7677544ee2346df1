"""Novelty agents: candidate alerts -> copy check (by fingerprint) -> story check (by article id) -> alerts.

The news agent sends every candidate (``streams.process``) to ``news.by-fingerprint``. Two repartitions make each
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
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

import orjson
from faust.web import Request, Response, View

from streams import logs, metrics
from streams.agents.deadletters import dead_letter_event
from streams.alerting.build import build_retraction
from streams.alerting.novelty import Candidate, ExpiryIndex, decide_copy, decide_story
from streams.clock import utc_now
from streams.errors import InvalidMessage
from streams.faust_app import TickerwireApp, app_of

log = logging.getLogger(__name__)


def register(app: TickerwireApp) -> None:
    """Put the copy check, the story check, their tables and ``GET /novelty`` on ``app``."""
    checks = NoveltyChecks(app)

    @app.agent(app.topic_set.by_fingerprint, concurrency=1, name=f"{__name__}.check_copies")
    async def check_copies(stream: Any) -> None:
        """One candidate at a time per partition: is its text already alerted from another article?"""
        await checks.each_candidate(stream, checks.check_copy)

    @app.agent(app.topic_set.by_story, concurrency=1, name=f"{__name__}.check_stories")
    async def check_stories(stream: Any) -> None:
        """One candidate at a time per partition: new alert, update, retraction, or nothing."""
        await checks.each_candidate(stream, checks.check_story)

    app.page("/novelty")(NoveltyCounts)


class NoveltyChecks:
    """The two checks of one app, with their tables (``copies``, ``stories``) and expiry indexes."""

    def __init__(self, app: TickerwireApp) -> None:
        self.settings = app.settings
        self.topics = app.topic_set
        self.counts = app.novelty_counts
        # Keys and values are bytes (orjson records) with the app's raw serializers.
        self.copies = app.Table(
            "copies",
            partitions=self.settings.partitions,
            key_type=bytes,
            value_type=bytes,
            help="fingerprint -> the alert first made from that text, and the copies counted on it",
        )
        self.stories = app.Table(
            "stories",
            partitions=self.settings.partitions,
            key_type=bytes,
            value_type=bytes,
            help="article id -> its last revision and the alert it stands for",
        )
        self.copy_expiry = ExpiryIndex()
        self.story_expiry = ExpiryIndex()
        self.copies.on_recover(self._index_copies)
        self.stories.on_recover(self._index_stories)

    async def each_candidate(
        self, stream: Any, check: Callable[[Any, Candidate], Awaitable[None]]
    ) -> None:
        """Run ``check`` on each event's candidate; an error dead-letters that event, not the agent."""
        async for event in stream.events():
            try:
                await check(event, _decode(event))
            except Exception as exc:  # one message must not stop the agent
                log.exception("candidate at %s could not be checked", _where(event))
                await dead_letter_event(self.topics, exc, event)

    async def check_copy(self, event: Any, candidate: Candidate) -> None:
        """Record the candidate under its fingerprint and pass it on to the story check."""
        settings, copies = self.settings, self.copies
        now = time.time()
        key = candidate.fingerprint.encode()
        partition = event.message.partition
        verdict = decide_copy(
            _load(copies.get(key)), candidate, now=now, window=settings.copy_window
        )
        if verdict.record is not None:
            copies[key] = orjson.dumps({**verdict.record, "p": partition})
            self.copy_expiry.add(
                partition, float(verdict.record["first_seen"]) + settings.copy_window, key
            )
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
        _expire(copies, self.copy_expiry, partition, now, "first_seen", settings.copy_window)
        await self.topics.send(
            self.topics.by_story,
            key=candidate.article_id.encode(),
            value=orjson.dumps(verdict.candidate.to_dict()),
        )

    async def check_story(self, event: Any, candidate: Candidate) -> None:
        """Decide on the candidate by its story; publish the alert or retraction that follows."""
        settings, stories = self.settings, self.stories
        now = time.time()
        key = candidate.article_id.encode()
        partition = event.message.partition
        verdict = decide_story(
            _load(stories.get(key)), candidate, now=now, retention=settings.dedup_retention
        )
        if verdict.action == "alert" and verdict.alert is not None:
            alert = {**verdict.alert, "alerted_at": utc_now()}
            await self._publish(candidate.key or candidate.article_id, alert)
            metrics.alert_published(self._tag_names(alert), _arrived(alert), time.monotonic())
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
            await self._publish(verdict.retracted["key"], retraction)
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
            self.story_expiry.add(partition, now + settings.dedup_retention, key)
        self.counts[outcome] += 1
        _expire(stories, self.story_expiry, partition, now, "seen_at", settings.dedup_retention)

    async def _publish(self, key: str, message: dict[str, Any]) -> None:
        """Send to ``alerts`` and to the topic of each tag, keyed by the primary company; returns
        once the broker has acknowledged every copy."""
        topics = self.topics
        raw_key, value = key.encode(), orjson.dumps(message)
        sent = [await topics.send(topics.alerts, key=raw_key, value=value)]
        for name in self._tag_names(message):
            sent.append(await topics.send(topics.alerts_by_tag[name], key=raw_key, value=value))
        await asyncio.gather(*sent)

    def _tag_names(self, message: Mapping[str, Any]) -> list[str]:
        by_tag = self.topics.alerts_by_tag
        return [t["name"] for t in message.get("tags", []) if t.get("name") in by_tag]

    async def _index_copies(self) -> None:
        _reindex(self.copies, self.copy_expiry, "first_seen", self.settings.copy_window)

    async def _index_stories(self) -> None:
        _reindex(self.stories, self.story_expiry, "seen_at", self.settings.dedup_retention)


class NoveltyCounts(View):
    """``GET /novelty``: this worker's check outcomes since start (alert, update, retract, replay, ...)."""

    async def get(self, request: Request) -> Response:
        return self.json(dict(app_of(self).novelty_counts))


def _arrived(alert: Mapping[str, Any]) -> float:
    """The monotonic clock reading when the story reached the news agent (from ``received_at``)."""
    try:
        received = datetime.fromisoformat(str(alert["received_at"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return time.monotonic()
    return time.monotonic() - max(0.0, time.time() - received.timestamp())


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


def _reindex(table: Any, index: ExpiryIndex, field: str, ttl: float) -> None:
    """After recovery (each rebalance): every entry held goes into a fresh expiry index."""
    index.clear()
    for key, raw in list(table.items()):
        record = _load(raw)
        if record is not None and "p" in record:
            index.add(int(record["p"]), float(record[field]) + ttl, key)
