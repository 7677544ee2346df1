"""The consumer's commit rule, fetch and seek (streams/kafka_consumer.py), on Faust's own objects.

No broker: the consumer is built but never started; the tests drive the bookkeeping a
fetch, a rebalance and the streams' acks would drive, and read the offset it would commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from aiokafka.errors import KafkaTimeoutError
from faust.types import TP, Message

from streams import kafka_consumer
from streams.settings import Settings
from streams.topics import TopicSet

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


class FakeKafkaConsumer:
    """Just enough of aiokafka's consumer for the consumer thread's fetch and seek: buffered
    records by partition, returned as aiokafka does (an empty partition set means all of
    them), committed offsets, and positions that a return or a seek moves."""

    def __init__(self, records: dict[TP, list[int]], committed: dict[TP, int | None]) -> None:
        self.records = records
        self.committed_offsets = committed
        self.positions: dict[TP, int] = {}
        self.log_start = 3
        self.while_fetching: Any = None
        self._fetcher = self
        self._subscriptions = self
        self._closed = False
        self._subscription = SimpleNamespace(
            subscription=SimpleNamespace(assignment=SimpleNamespace(state_value=self._state))
        )

    def _state(self, tp: TP) -> SimpleNamespace:
        return SimpleNamespace(
            has_valid_position=tp in self.positions, position=self.positions.get(tp)
        )

    @contextlib.contextmanager
    def fetch_context(self) -> Iterator[None]:
        yield

    async def fetched_records(self, partitions: Any, **_: Any) -> dict[TP, list[Any]]:
        if self.while_fetching is not None:
            self.while_fetching()  # the event loop pauses partitions meanwhile
        out = {}
        for tp, offsets in self.records.items():
            if partitions and tp not in partitions:
                continue
            out[tp] = [SimpleNamespace(offset=o) for o in offsets]
            self.positions[tp] = offsets[-1] + 1
        return out

    def assignment(self) -> set[TP]:
        return set(self.committed_offsets)

    async def committed(self, tp: TP) -> int | None:
        return self.committed_offsets[tp]

    def seek(self, tp: TP, offset: int) -> None:
        self.positions[tp] = offset

    async def beginning_offsets(self, tps: list[TP]) -> dict[TP, int]:
        return dict.fromkeys(tps, self.log_start)


TP1 = TP(RAW, 1)
CHANGELOG = TP("app-stories-changelog", 0)


def test_a_fetch_whose_active_partitions_are_all_paused_meanwhile_reads_no_paused_partition(
    consumer: kafka_consumer.Consumer,
) -> None:
    kafka = FakeKafkaConsumer({TP0: [10, 11], TP1: [20, 21]}, {TP0: None, TP1: None})
    active = {TP0}  # TP1 paused all along; TP0 paused while the fetch waits
    kafka.while_fetching = active.clear
    thread = consumer._thread
    fetched = asyncio.get_event_loop().run_until_complete(
        thread._fetch_records(kafka, active, timeout=1.0, max_records=None)
    )
    assert TP1 not in fetched and TP1 not in kafka.positions  # not read past
    active.clear()
    fetched = asyncio.get_event_loop().run_until_complete(
        thread._fetch_records(kafka, active, timeout=1.0, max_records=None)
    )
    assert fetched == {} and TP1 not in kafka.positions


def test_the_seek_to_committed_offsets_puts_a_stream_partition_without_a_commit_at_its_start(
    consumer: kafka_consumer.Consumer,
) -> None:
    # A fetch Faust dropped (its partition paused meanwhile) left TP0 read past 10..11;
    # with nothing committed the seek must go back to the start, not stay there.
    kafka = FakeKafkaConsumer({}, {TP0: None, TP1: 50, CHANGELOG: None})
    kafka.positions = {TP0: 12, TP1: 60, CHANGELOG: 7}
    consumer._thread._ensure_consumer = lambda: kafka  # type: ignore[method-assign]
    committed = asyncio.get_event_loop().run_until_complete(consumer._thread._seek_to_committed())
    assert committed == {TP0: None, TP1: 50, CHANGELOG: None}
    assert kafka.positions == {TP0: kafka.log_start, TP1: 50, CHANGELOG: 7}
    assert consumer._thread._fetch_start[TP0] == kafka.log_start  # holes counted from there
    assert consumer._thread.log_starts == {TP0: kafka.log_start, TP1: kafka.log_start}


@pytest.fixture
def committed(
    consumer: kafka_consumer.Consumer, monkeypatch: pytest.MonkeyPatch
) -> list[dict[TP, int]]:
    """The offsets the consumer commits to the broker (the partition stays assigned)."""
    done: list[dict[TP, int]] = []

    async def commit(offsets: dict[TP, int]) -> bool:
        done.append(dict(offsets))
        return True

    monkeypatch.setattr(consumer, "_commit", commit)
    monkeypatch.setattr(consumer, "assignment", lambda: {TP0})
    return done


def test_a_failed_send_of_an_acked_event_stops_the_commit_before_that_event(
    consumer: kafka_consumer.Consumer, committed: list[dict[TP, int]]
) -> None:
    # The news agent acks a story once its candidate is handed to the producer; the commit
    # flushes the producer, and a candidate the broker refused must keep its story uncommitted.
    loop = asyncio.get_event_loop()
    consumer._next_to_commit[TP0] = 100
    delivered, refused = loop.create_future(), loop.create_future()
    consumer.watch_send(TP0, 101, delivered)
    consumer.watch_send(TP0, 102, refused)
    ack(consumer, 100, 101, 102, 103, 104)
    delivered.set_result(None)
    refused.set_exception(KafkaTimeoutError())
    assert loop.run_until_complete(consumer.commit())
    assert committed == [{TP0: 102}]
    ack(consumer, 105)  # nothing past the refused story until a seek reads it again
    assert not loop.run_until_complete(consumer.commit())
    assert committed == [{TP0: 102}]


def test_sends_delivered_do_not_hold_the_commit(
    consumer: kafka_consumer.Consumer, committed: list[dict[TP, int]]
) -> None:
    loop = asyncio.get_event_loop()
    consumer._next_to_commit[TP0] = 100
    deliveries = [loop.create_future() for _ in range(3)]
    for offset, delivery in zip((100, 101, 102), deliveries, strict=True):
        consumer.watch_send(TP0, offset, delivery)
        delivery.set_result(None)
    ack(consumer, 100, 101, 102)
    assert loop.run_until_complete(consumer.commit())
    assert committed == [{TP0: 103}]


def test_a_send_made_while_an_event_is_processed_is_watched_for_that_event(
    consumer: kafka_consumer.Consumer, committed: list[dict[TP, int]]
) -> None:
    # The agents' one way out (TopicSet.send) hands each delivery to the consumer.
    loop = asyncio.get_event_loop()
    app = consumer.app
    app.consumer = consumer
    topics = TopicSet(app, Settings.from_env({}))
    refused = loop.create_future()

    class Topic:
        async def send(self, **_: Any) -> asyncio.Future[Any]:
            return refused

    event = faust.Event(app, b"k", b"v", {}, message(101))
    consumer._next_to_commit[TP0] = 100

    async def process() -> None:
        faust.streams._current_event.set(weakref.ref(event))  # what Faust's stream sets
        assert await topics.send(Topic(), key=b"k", value=b"v") is refused  # type: ignore[arg-type]

    loop.run_until_complete(process())
    ack(consumer, 100, 101, 102)
    refused.set_exception(KafkaTimeoutError())
    assert loop.run_until_complete(consumer.commit())
    assert committed == [{TP0: 101}]


@pytest.fixture
def sought(
    consumer: kafka_consumer.Consumer, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[TP, int]]:
    """The partitions the consumer seeks back, and where to."""
    done: list[tuple[TP, int]] = []

    async def seek_back(tp: TP, offset: int) -> None:
        done.append((tp, offset))

    monkeypatch.setattr(consumer, "_seek_back", seek_back)
    return done


def test_only_a_record_read_past_and_never_processed_is_read_again(
    consumer: kafka_consumer.Consumer,
    committed: list[dict[TP, int]],
    sought: list[tuple[TP, int]],
) -> None:
    # One agent acks a partition's events in order: 101 acked while 100 is not means Faust
    # skipped 100 (dropped or taken while flow was stopped); only a seek reads it again.
    loop = asyncio.get_event_loop()
    consumer._next_to_commit[TP0] = 96
    for offset in range(96, 100):  # in order, and nothing new acked: nothing skipped
        ack(consumer, offset)
        loop.run_until_complete(consumer.commit())
    loop.run_until_complete(consumer.commit())
    assert sought == []
    ack(consumer, 101, 102)
    loop.run_until_complete(consumer.commit())
    assert sought == []  # once may be an event still on its way
    ack(consumer, 103)
    loop.run_until_complete(consumer.commit())
    assert sought == [(TP0, 100)]
    ack(consumer, 100)  # read again and processed: the commit moves on
    loop.run_until_complete(consumer.commit())
    assert committed[-1] == {TP0: 104}
    assert sought == [(TP0, 100)]
