"""Dead letters from any agent: a ``Rejected`` outcome -> the dead-letter topic, whatever the broker says.

A helper the agents share (it registers nothing): it takes the app's ``TopicSet``."""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import Any

import orjson

from streams import metrics
from streams.delivery.sending import is_retriable, send_bounded
from streams.process import Rejected, Where, reject
from streams.topics import TopicSet

log = logging.getLogger(__name__)


async def dead_letter_event(topics: TopicSet, error: BaseException, event: Any) -> None:
    """Dead-letter the Faust ``event`` that ``error`` stopped."""
    message = event.message
    where = Where(message.topic, message.partition, message.offset)
    await send_dead_letter(topics, reject(error, value=event.value, key=event.key, where=where))


async def send_dead_letter(topics: TopicSet, rejected: Rejected) -> None:
    """Send the dead letter; kept trying while the broker is away, slimmed when it is too large."""
    record = rejected.record
    log.warning(
        "dead letter %s/%s@%s: %s", record.topic, record.partition, record.offset, record.error
    )
    value = rejected.value
    while True:
        error = await send_bounded(
            functools.partial(topics.send, topics.deadletter, key=rejected.key, value=value),
            what=f"dead letter of {record.topic}/{record.partition}@{record.offset}",
        )
        if error is None:
            break
        if is_retriable(error) or value is not rejected.value:
            continue  # the broker is away: nothing else can go on either, so wait for it
        # Not retriable (too large, most likely): keep the reason and where, drop the bytes.
        slim = dataclasses.replace(
            record,
            error=f"{record.error} [original value dropped from the dead letter: {error!r}]",
            value_b64="",
        )
        value = orjson.dumps(slim.to_dict())
    metrics.dead_lettered(rejected.error)
