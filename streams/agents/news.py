"""News agent: ``news.raw`` bytes -> a candidate alert for the novelty checks, or a dead letter."""

from __future__ import annotations

import logging
from typing import Any

from aiokafka.errors import KafkaError

from streams import logs, metrics
from streams.agents.deadletters import send_dead_letter
from streams.alerting.novelty import realert_requested
from streams.delivery.sending import send_bounded
from streams.faust_app import TickerwireApp
from streams.process import Rejected, Where, process_story, reject
from streams.topics import TopicSet

log = logging.getLogger(__name__)


def register(app: TickerwireApp) -> None:
    """Put the news agent, and the task that declares the output topics, on ``app``."""

    @app.task
    async def declare_output_topics() -> None:
        """Create the output topics up front, so subscribers can attach before the first alert."""
        for topic in app.topic_set.outputs:
            await topic.maybe_declare()

    @app.agent(app.topic_set.raw_news, concurrency=1, name=f"{__name__}.process_news")
    async def news_agent(stream: Any) -> None:
        """One raw story at a time: parse, analyse, publish (concurrency 1 keeps commits in order)."""
        await process_news(app, stream)


async def process_news(app: TickerwireApp, stream: Any) -> None:
    """The news agent's loop: each raw story -> a candidate for the copy check, or a dead letter."""
    topics = app.topic_set
    # Linking against half-read reference data would miss published companies.
    await app.companies.wait_ready()
    app.pipelines.get()  # build the automata now, not on the first story
    async for event in stream.events():
        message = event.message
        where = Where(message.topic, message.partition, message.offset)
        metrics.story_consumed()
        logs.bind_message(message.topic, message.partition, message.offset)
        outcome = process_story(
            event.value,
            key=event.key,
            where=where,
            pipeline=app.pipelines.get,
            realert=realert_requested(message.headers),
        )
        if isinstance(outcome, Rejected):
            await send_dead_letter(topics, outcome)
            continue
        article, alert = outcome.article, outcome.alert
        logs.bind_article(article.id)
        if outcome.key is not None and outcome.value is not None:
            # Novelty checks (replays, revisions, copies) decide what reaches the alert topics.
            error = await submit_candidate(topics, outcome.key, outcome.value)
            if error is not None:
                await send_dead_letter(
                    topics, reject(error, value=event.value, key=event.key, where=where)
                )
                continue
        if alert is None:
            log.debug("article %s at %s/%s@%s: no tag", article.id, *_coords(where))
            continue
        log.debug(  # per alert: DEBUG only (tickerwire_alerts_published_total counts them)
            "candidate alert %s for article %s (%s) at %s/%s@%s",
            alert.alert_id,
            article.id,
            ",".join(alert.tag_names),
            *_coords(where),
        )


async def submit_candidate(topics: TopicSet, key: bytes, value: bytes) -> KafkaError | None:
    """Send a candidate on to the copy check; the broker error if it could not."""
    return await send_bounded(
        lambda: topics.send(topics.by_fingerprint, key=key, value=value), what="candidate"
    )


def _coords(where: Where) -> tuple[str, int, int]:
    return (where.topic, where.partition, where.offset)
