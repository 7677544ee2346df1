"""Bounded sends: retriable broker errors retried a few times, others given back at once."""

from __future__ import annotations

from aiokafka.errors import (
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
)

from streams.delivery.sending import is_retriable, send_bounded


class FlakySend:
    """Raises the given errors in turn, then succeeds; counts the calls."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> None:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)


async def test_send_bounded_retries_a_retriable_error_until_it_succeeds() -> None:
    send = FlakySend(NotLeaderForPartitionError(), KafkaTimeoutError())
    assert await send_bounded(send, what="t", first_pause=0.0) is None
    assert send.calls == 3


async def test_send_bounded_gives_back_a_non_retriable_error_after_one_attempt() -> None:
    send = FlakySend(MessageSizeTooLargeError())
    error = await send_bounded(send, what="t", first_pause=0.0)
    assert isinstance(error, MessageSizeTooLargeError) and send.calls == 1


async def test_send_bounded_stops_after_its_attempts() -> None:
    send = FlakySend(*[NotLeaderForPartitionError() for _ in range(10)])
    error = await send_bounded(send, what="t", attempts=4, first_pause=0.0)
    assert isinstance(error, NotLeaderForPartitionError) and send.calls == 4


def test_is_retriable_counts_a_timeout_but_not_a_too_large_message() -> None:
    assert is_retriable(KafkaTimeoutError()) and is_retriable(NotLeaderForPartitionError())
    assert not is_retriable(MessageSizeTooLargeError())
