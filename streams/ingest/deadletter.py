"""Dead letters: a failed message and its error -> a ``DeadLetter`` record that keeps its bytes."""

from __future__ import annotations

import base64

from streams.clock import utc_now
from streams.errors import TickerwireError
from streams.records import DeadLetter


def dead_letter(
    error: BaseException,
    *,
    value: bytes | None,
    key: bytes | None,
    topic: str,
    partition: int,
    offset: int,
) -> DeadLetter:
    """The dead letter for ``error`` raised by the message at ``topic/partition/offset``."""
    retriable = error.retriable if isinstance(error, TickerwireError) else False
    return DeadLetter(
        error=str(error) or type(error).__name__,
        error_type=type(error).__name__,
        topic=topic,
        partition=partition,
        offset=offset,
        value_b64=base64.b64encode(value or b"").decode("ascii"),
        key_b64=base64.b64encode(key).decode("ascii") if key is not None else None,
        failed_at=utc_now(),
        retriable=retriable,
    )
