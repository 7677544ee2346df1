"""The alert router: a broker error that waiting cannot cure ends the attempt (-> dead letter), no loop."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.errors import MessageSizeTooLargeError, NotLeaderForPartitionError

from streams.agents.delivery import AlertRouter


class FailingWriter:
    """Raises the given errors in turn on ``send_many``, then succeeds; counts the calls."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def send_many(self, items: Any) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)


class OneTargetRouter(AlertRouter):
    """Every alert goes to one subscriber topic (no subscriptions to read)."""

    async def route(self, alert: Any, *, key: Any, value: bytes) -> list[tuple[str, Any, bytes]]:
        return [("subscriber.topic", key, value)]


def _router(writer: FailingWriter) -> AlertRouter:
    return OneTargetRouter(None, writer, pending_topic="webhook.pending")  # type: ignore[arg-type]


async def test_deliver_gives_up_at_once_on_a_message_too_large() -> None:
    writer = FailingWriter(MessageSizeTooLargeError())
    with pytest.raises(MessageSizeTooLargeError):
        await asyncio.wait_for(
            _router(writer).deliver({"alert_id": "a"}, b"k", b"{}", ("alerts", 0, 1)), timeout=5
        )
    assert writer.calls == 1


async def test_deliver_retries_a_retriable_broker_error() -> None:
    writer = FailingWriter(NotLeaderForPartitionError())
    await asyncio.wait_for(
        _router(writer).deliver({"alert_id": "a"}, b"k", b"{}", ("alerts", 0, 1)), timeout=5
    )
    assert writer.calls == 2
