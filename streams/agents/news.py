"""News agent: ``news.raw`` bytes -> a candidate alert for the novelty checks, or a dead letter."""

from __future__ import annotations

import logging
from typing import Any

import orjson

from streams import logs, metrics, topics
from streams.agents.novelty import realert_requested, submit_candidate
from streams.agents.reference import current_pipeline, wait_for_reference_data
from streams.alerting.build import build_alert, utc_now
from streams.app import app
from streams.errors import InvalidMessage
from streams.ingest.deadletter import dead_letter
from streams.ingest.parse import parse_article

log = logging.getLogger(__name__)


@app.task
async def declare_output_topics() -> None:
    """Create the output topics up front, so subscribers can attach before the first alert."""
    for topic in topics.OUTPUT_TOPICS:
        await topic.maybe_declare()


@app.agent(topics.raw_news, concurrency=1)
async def process_news(stream: Any) -> None:
    """One raw story at a time: parse, analyse, publish (concurrency 1 keeps commits in order)."""
    # Linking against half-read reference data would miss published companies.
    await wait_for_reference_data()
    current_pipeline()  # build the automata now, not on the first story
    async for event in stream.events():
        message = event.message
        where = (message.topic, message.partition, message.offset)
        metrics.story_consumed()
        logs.bind_message(*where)
        try:
            article = parse_article(event.value)
        except InvalidMessage as exc:
            log.warning("dead letter %s/%s@%s: %s", *where, exc)
            await send_dead_letter(exc, event.value, event.key, *where)
            continue
        logs.bind_article(article.id)
        received_at = utc_now()
        try:
            analysis = current_pipeline().analyse(article)
            alert = build_alert(article, analysis, received_at=received_at)
        except Exception as exc:  # a bug in our own code must not stop the stream
            log.exception("article %s at %s/%s@%s could not be processed", article.id, *where)
            await send_dead_letter(exc, event.value, event.key, *where)
            continue
        # Novelty checks (replays, revisions, copies) decide what reaches the alert topics.
        await submit_candidate(article, alert, realert=realert_requested(message.headers))
        if alert is None:
            log.debug("article %s at %s/%s@%s: no tag", article.id, *where)
            continue
        log.info(
            "candidate alert %s for article %s (%s) at %s/%s@%s",
            alert.alert_id,
            article.id,
            ",".join(alert.tag_names),
            *where,
        )


async def send_dead_letter(
    error: BaseException, value: Any, key: Any, topic: str, partition: int, offset: int
) -> None:
    record = dead_letter(
        error,
        value=_as_bytes(value),
        key=_as_bytes(key) if key is not None else None,
        topic=topic,
        partition=partition,
        offset=offset,
    )
    await topics.send(
        topics.deadletter,
        key=_as_bytes(key) if key is not None else None,
        value=orjson.dumps(record.to_dict()),
    )
    metrics.dead_lettered(error)


def _as_bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    return str(value).encode()
