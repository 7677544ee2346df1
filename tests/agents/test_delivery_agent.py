"""The alert router: a broker error that waiting cannot cure ends the attempt (-> dead letter), no loop."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.errors import MessageSizeTooLargeError, NotLeaderForPartitionError

from streams.agents import delivery


class FailingWriter:
    """Raises the given errors in turn on ``send_many``, then succeeds; counts the calls."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def send_many(self, items: Any) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)


@pytest.fixture
def one_target(monkeypatch: pytest.MonkeyPatch) -> None:
    async def route(alert: Any, *, key: Any, value: bytes) -> list[tuple[str, Any, bytes]]:
        return [("subscriber.topic", key, value)]

    monkeypatch.setattr(delivery, "route", route)


async def test_deliver_gives_up_at_once_on_a_message_too_large(
    one_target: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = FailingWriter(MessageSizeTooLargeError())
    monkeypatch.setattr(delivery, "writer", writer)
    with pytest.raises(MessageSizeTooLargeError):
        await asyncio.wait_for(
            delivery._deliver({"alert_id": "a"}, b"k", b"{}", ("alerts", 0, 1)), timeout=5
        )
    assert writer.calls == 1


async def test_deliver_retries_a_retriable_broker_error(
    one_target: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = FailingWriter(NotLeaderForPartitionError())
    monkeypatch.setattr(delivery, "writer", writer)
    await asyncio.wait_for(
        delivery._deliver({"alert_id": "a"}, b"k", b"{}", ("alerts", 0, 1)), timeout=5
    )
    assert writer.calls == 2
