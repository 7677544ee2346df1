"""One Kafka send -> done, or the error to dead-letter: bounded retries for retriable broker errors.

A broker error that cannot get better by waiting (a message too large, a bad topic name)
is not retried at all; one that can (no leader, a timeout, a lost connection) is retried
a few times with a doubling pause. Either way the caller gets the error back instead of
an endless loop, and sends the message to its dead-letter topic.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka.errors import KafkaError, KafkaTimeoutError

log = logging.getLogger(__name__)

#: Attempts in all for a retriable error, and the pause before the second one (then doubled).
ATTEMPTS = 5
FIRST_PAUSE = 0.2


def is_retriable(error: BaseException) -> bool:
    """Can trying again help? aiokafka's own flag, and its timeout (a broker that is away)."""
    return isinstance(error, KafkaTimeoutError) or bool(getattr(error, "retriable", False))


async def send_bounded(
    send: Callable[[], Awaitable[Any]],
    *,
    what: str,
    attempts: int = ATTEMPTS,
    first_pause: float = FIRST_PAUSE,
) -> KafkaError | None:
    """Run ``send`` until it succeeds (None) or gives a broker error it should not retry (returned)."""
    pause = first_pause
    for attempt in range(1, attempts + 1):
        try:
            await send()
            return None
        except KafkaError as exc:
            if not is_retriable(exc) or attempt == attempts:
                log.warning(
                    "%s: broker error %r after %d attempt(s), giving up", what, exc, attempt
                )
                return exc
            log.warning(
                "%s: broker error %r (attempt %d of %d); retrying", what, exc, attempt, attempts
            )
            await asyncio.sleep(pause)
            pause *= 2
    return None
