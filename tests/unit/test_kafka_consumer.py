"""The consumer's commit rule (streams/kafka_consumer.py), on Faust's own consumer objects.

No broker: the consumer is built but never started; the tests drive the bookkeeping a
fetch, a rebalance and the streams' acks would drive, and read the offset it would commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import faust
import pytest
from faust.types import TP, Message

from streams import kafka_consumer

RAW = "news.raw"


@pytest.fixture
def consumer() -> Iterator[kafka_consumer.Consumer]:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    app = faust.App("kafka-consumer-test", broker="kafka://127.0.0.1:1", loop=loop)
    transport = kafka_consumer.Transport(app.conf.broker_consumer, app)

    async def ignore(*_: Any) -> None:
        return None

    made = transport.create_consumer(
        callback=ignore, on_partitions_revoked=ignore, on_partitions_assigned=ignore
    )
    assert isinstance(made, kafka_consumer.Consumer)
    app.topics.acking_topics.add(RAW)
    app.flow_control.resume()
    app.consumer_generation_id = 7
    yield made
    asyncio.set_event_loop(None)
    loop.close()


TP0 = TP(RAW, 0)


def message(offset: int, generation: int = 7) -> Message:
    return Message(RAW, 0, offset, 0.0, 0, None, b"k", b"v", None, tp=TP0, generation_id=generation)


def ack(consumer: kafka_consumer.Consumer, *offsets: int, generation: int = 7) -> None:
    for offset in offsets:
        consumer.ack(message(offset, generation))


def test_commit_stops_before_the_first_offset_not_acked(
    consumer: kafka_consumer.Consumer,
) -> None:
    consumer._next_to_commit[TP0] = 100
    ack(consumer, 100, 101, 103, 104)
    assert consumer._new_offset(TP0) == 102
    assert consumer._new_offset(TP0) is None  # 102 still missing
    ack(consumer, 102)
    assert consumer._new_offset(TP0) == 105


def test_nothing_is_committed_before_the_committed_offset_is_known(
    consumer: kafka_consumer.Consumer,
) -> None:
    # Between a revocation and the seek to the committed offsets Faust commits the first
    # run of acks it holds, whatever lies before it: here nothing may be committed.
    ack(consumer, 105, 106, 107)
    assert consumer._new_offset(TP0) is None
    consumer._next_to_commit[TP0] = 100
    assert consumer._new_offset(TP0) is None
    ack(consumer, 100, 101, 102, 103, 104)
    assert consumer._new_offset(TP0) == 108


def test_a_revocation_forgets_where_commits_start(consumer: kafka_consumer.Consumer) -> None:
    consumer._next_to_commit[TP0] = 10
    asyncio.get_event_loop().run_until_complete(consumer.on_partitions_revoked({TP0}))
    ack(consumer, 10, 11)
    assert consumer._new_offset(TP0) is None


def test_a_hole_the_broker_skipped_counts_as_processed(
    consumer: kafka_consumer.Consumer,
) -> None:
    consumer._next_to_commit[TP0] = 100
    consumer._gap[TP0].addi(102, 104)  # e.g. transaction markers seen inside one fetch
    ack(consumer, 100, 101, 104)
    assert consumer._new_offset(TP0) == 105


def test_a_jump_in_the_offsets_faust_read_is_not_a_gap(
    consumer: kafka_consumer.Consumer,
) -> None:
    consumer._next_to_commit[TP0] = 100
    asyncio.get_event_loop().run_until_complete(consumer._add_gap(TP0, 101, 103))
    ack(consumer, 100, 103, 104)
    assert consumer._new_offset(TP0) == 101


def test_an_event_of_a_past_generation_acked_unprocessed_does_not_count(
    consumer: kafka_consumer.Consumer,
) -> None:
    consumer._next_to_commit[TP0] = 100
    ack(consumer, 101, generation=6)  # skipped by Faust's stream after the rebalance
    ack(consumer, 100)
    assert consumer._new_offset(TP0) == 101
    ack(consumer, 101)  # read again and processed in this generation
    assert consumer._new_offset(TP0) == 102


def test_an_ack_while_flow_is_stopped_does_not_count(consumer: kafka_consumer.Consumer) -> None:
    consumer._next_to_commit[TP0] = 0
    consumer.app.flow_control.suspend()
    ack(consumer, 0)
    consumer.app.flow_control.resume()
    assert consumer._new_offset(TP0) is None
