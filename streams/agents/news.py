"""News agent: ``news.raw`` bytes -> a candidate alert for the novelty checks, or a dead letter."""

from __future__ import annotations

import logging
from typing import Any

from streams import logs, metrics, topics
from streams.agents.deadletters import send_dead_letter
from streams.agents.novelty import realert_requested, submit_candidate
from streams.agents.reference import current_pipeline, wait_for_reference_data
from streams.app import app
from streams.process import Rejected, Where, process_story, reject

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
        where = Where(message.topic, message.partition, message.offset)
        metrics.story_consumed()
        logs.bind_message(message.topic, message.partition, message.offset)
        outcome = process_story(
            event.value,
            key=event.key,
            where=where,
            pipeline=current_pipeline,
            realert=realert_requested(message.headers),
        )
        if isinstance(outcome, Rejected):
            await send_dead_letter(outcome)
            continue
        article, alert = outcome.article, outcome.alert
        logs.bind_article(article.id)
        if outcome.key is not None and outcome.value is not None:
            # Novelty checks (replays, revisions, copies) decide what reaches the alert topics.
            error = await submit_candidate(outcome.key, outcome.value)
            if error is not None:
                await send_dead_letter(reject(error, value=event.value, key=event.key, where=where))
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


def _coords(where: Where) -> tuple[str, int, int]:
    return (where.topic, where.partition, where.offset)
