"""Faust's Kafka consumer with commits that never pass an offset nobody processed.

faust-streaming 0.15 can commit past raw messages that were never handled when the group
rebalances while messages flow (README, "Crashes, restarts and stops"; reproduced by
``tools/lostmsgs/repro.py``). Three things in its consumer combine:

* After a revocation the committed offset of every partition is forgotten until the table
  recovery ends and seeks to the committed offsets. An ack in between (an event finished
  late, or an event of the old generation that a stream skips, which Faust acks unprocessed)
  is committed as the new position without any check of what lies before it.
* An event of a stale generation, or one read while flow is stopped, is acked by Faust's
  stream without being processed; its offset then counts as done in the next generation.
* A jump in the offsets Faust reads (a fetched batch dropped on a generation change, a
  fetch that returns while the seek to the committed offsets is under way) is recorded as a
  "gap" and treated as processed; gaps exist for compacted topics and transaction markers,
  which only the broker can tell apart from messages Faust dropped.

This module's consumer commits an offset only when every offset from the last commit up to
it was acked in the current generation or is a hole the broker itself skipped over (seen
inside one fetch, or between the position a partition was fetched from and its first
record). Anything else waits: the worst case is a repeat after a restart, never a loss.

Two more things keep records from being read past and never processed (a stall, not a loss:
nothing past them is committed): a fetch asks only for the partitions active when it began,
never for "all" when Faust has paused every one meanwhile; and the seek to the committed
offsets puts a stream partition that has none at its beginning (the reset policy), wherever a
dropped fetch left its position. It is set on the app by ``TickerwireApp._new_transport``.

An event's sends (a candidate to a repartition topic, a dead letter) are not awaited by the
agents before the event is acked; Faust flushes the producer before each commit, so each has
its answer by then, but ``flush`` ignores a send that failed. ``watch_send`` notes the source
offset of every failed send, and a commit stops before it (a repeat after the next seek,
not a loss).

A record read past and never processed (Faust skips an event taken while flow is stopped or
of a past generation, and drops a fetched batch on a pause or a generation change) is read
again only by a seek. When no rebalance follows, its partition's commits stop there for
good and its story never alerts (seen: ``news.by-fingerprint[2]`` committed at 5305 for the
rest of a kill-loop run, 5306 on processed, 5305 never). Each partition's events are acked
in offset order (one agent, concurrency 1), so an ack past the first offset not done means
that offset was skipped: when two commits in a row find the same one skipped, the
partition is sought back to it (later ones are read again: repeats, which the novelty
checks drop).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Mapping
from typing import Any, cast

from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message

from streams import kafka_producer

log = logging.getLogger(__name__)

#: (partition, first offset, offset after the last) of an offset range with no message in it.
Hole = tuple[TP, int, int]


class FetchedRecords(dict):  # type: ignore[type-arg]
    """Records of one fetch, by partition, with the offset ranges the broker skipped."""

    holes: list[Hole]


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """The Kafka client's thread; it knows where each partition's next fetch starts.

    Every position change runs on this thread's loop (a fetch consuming records, a seek, a
    rebalance), so the position a batch was fetched from is exact: aiokafka returns a
    partition's records only when they start at its current position.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fetch_start: dict[TP, int] = {}
        #: Each stream partition's first offset in the log, as of the last seek to committed.
        self.log_starts: dict[TP, int] = {}

    async def _fetch_records(
        self, consumer: Any, active_partitions: Any, *args: Any, **kwargs: Any
    ) -> Any:
        # Faust hands over its live set of active partitions, which the event loop's thread
        # changes while this fetch waits; emptied (every partition paused, as between the end
        # of a table recovery and the resumption of the streams), aiokafka takes it for "all
        # partitions" and returns, and reads past, records that Faust then drops. A copy
        # fetches the partitions active when the fetch began, and nothing when none was.
        if active_partitions is not None:
            active_partitions = set(active_partitions)
            if not active_partitions:
                empty = FetchedRecords()
                empty.holes = []
                return empty
        records = await super()._fetch_records(consumer, active_partitions, *args, **kwargs)
        # From here to the return nothing awaits: no seek or fetch can come in between.
        fetched = FetchedRecords(records)
        fetched.holes = []
        for tp, batch in records.items():
            if not batch:
                continue
            offsets = [record.offset for record in batch]
            start = self._fetch_start.get(tp)
            if start is not None and offsets[0] > start:
                fetched.holes.append((tp, start, offsets[0]))
            fetched.holes.extend(
                (tp, before + 1, after)
                for before, after in itertools.pairwise(offsets)
                if after > before + 1
            )
            position = _position(consumer, tp)
            if position is None:
                self._fetch_start.pop(tp, None)
                continue
            if position > offsets[-1] + 1:  # control records or compacted ones at the end
                fetched.holes.append((tp, offsets[-1] + 1, position))
            self._fetch_start[tp] = position
        return fetched

    async def seek_to_committed(self) -> Mapping[TP, int]:
        return await self.call_thread(self._seek_to_committed)  # type: ignore[no-any-return]

    async def _seek_to_committed(self) -> dict[TP, int]:
        consumer = self._ensure_consumer()
        app = self.consumer.app
        tps = consumer.assignment()
        streams = [tp for tp in tps if app.topics.acks_enabled_for(tp.topic)]
        # Asked here, in the same call on this thread as the seek: a call of its own waited
        # in the thread's queue behind a fetch, up to a second per rebalance.
        starts = await consumer.beginning_offsets(streams) if streams else {}
        self.log_starts = dict(starts)
        from_start = app.conf.consumer_auto_offset_reset == "earliest"
        committed: dict[TP, int] = {}
        for tp in tps:
            offset = await consumer.committed(tp)
            committed[tp] = offset
            if offset and offset > 0:
                consumer.seek(tp, offset)
                self._fetch_start[tp] = offset
            elif from_start and tp in starts:
                # Nothing committed yet: the partition starts at its beginning, as the reset
                # policy says, wherever its position is now. Faust drops a fetch that returns
                # for a partition it has paused meanwhile (during a rebalance, until this
                # seek), and that fetch read past its records: with no committed offset to go
                # back to they were never processed (a repartition topic assigned late).
                consumer.seek(tp, starts[tp])
                self._fetch_start[tp] = starts[tp]
            else:  # aiokafka resets the position itself (auto_offset_reset): start unknown
                self._fetch_start.pop(tp, None)
        return committed

    def seek(self, partition: TP, offset: int) -> None:
        super().seek(partition, offset)
        self._fetch_start[partition] = offset

    async def seek_back(self, partition: TP, offset: int) -> None:
        """``seek``, run on this thread (``call_thread``)."""
        self.seek(partition, offset)

    async def on_partitions_revoked(self, revoked: Any) -> None:
        self._fetch_start.clear()  # a new assignment starts where aiokafka puts it
        await super().on_partitions_revoked(revoked)


def _position(consumer: Any, tp: TP) -> int | None:
    """The partition's fetch position, without waiting (aiokafka has no public call for it)."""
    try:
        state = consumer._subscription.subscription.assignment.state_value(tp)
    except AttributeError:
        return None
    if state is None or not state.has_valid_position:
        return None
    return int(state.position)


class Consumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer whose commits skip nothing (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Per partition of an acked topic: the offset the next commit must start from, known
        #: once the partition has been sought to its committed offset in this assignment.
        self._next_to_commit: dict[TP, int] = {}
        #: Per partition: the lowest offset of an event one of whose sends failed since the
        #: partition was last sought to its committed offset.
        self._failed_sends: dict[TP, int] = {}
        #: Per partition: the first offset not done while a later one was acked, as found by
        #: the last commit (``_new_offset``), and as found by the one before.
        self._skipped: dict[TP, int] = {}
        self._skipped_before: dict[TP, int] = {}

    def watch_send(self, tp: TP, offset: int, delivery: asyncio.Future[Any]) -> None:
        """Keep commits of ``tp`` before ``offset`` should ``delivery`` (a send made while
        processing that event) fail; costs one callback per send."""

        def delivered(fut: asyncio.Future[Any]) -> None:
            error = None if fut.cancelled() else fut.exception()
            if error is None and not fut.cancelled():
                return
            log.error(
                "a send made for %s[%s]@%s failed (%r): commits stop before that offset",
                tp.topic,
                tp.partition,
                offset,
                error or "cancelled",
            )
            failed = self._failed_sends.get(tp)
            if failed is None or offset < failed:
                self._failed_sends[tp] = offset

        delivery.add_done_callback(delivered)

    async def _commit_offsets(
        self, offsets: Mapping[TP, int], start_new_transaction: bool = True
    ) -> bool:
        if not self.in_transaction:
            # Every send of the events acked up to ``offsets`` is answered after the flush
            # (Faust flushes again in its commit: nothing of these is left by then).
            await self.app.producer.flush()
            offsets = self._before_failed_sends(offsets)
            if not offsets:
                return False
        return bool(await super()._commit_offsets(offsets, start_new_transaction))

    def _before_failed_sends(self, offsets: Mapping[TP, int]) -> dict[TP, int]:
        """``offsets`` with each partition's commit stopped at its first failed send."""
        kept: dict[TP, int] = {}
        for tp, offset in offsets.items():
            failed = self._failed_sends.get(tp)
            if failed is not None and failed < offset:
                # Nothing past the failed event is committed until a seek reads it again.
                self._next_to_commit[tp] = failed
                committed = self._committed_offset.get(tp)
                if committed is not None and failed <= committed:
                    continue
                offset = failed
            kept[tp] = offset
        return kept

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _getmany(self, active_partitions: Any, timeout: float) -> Any:
        records = await super()._getmany(active_partitions, timeout)
        acks_enabled_for = self.app.topics.acks_enabled_for
        for tp, start, end in getattr(records, "holes", ()):
            if acks_enabled_for(tp.topic):
                self._gap[tp].addi(start, end)
        return records

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """Faust's guess that a jump in offsets is a gap: ignored (holes come from fetches)."""
        log.debug(
            "offsets %s-%s of %s[%s] skipped by the reader: not counted as processed",
            offset_from,
            offset_to,
            tp.topic,
            tp.partition,
        )

    def ack(self, message: Message) -> bool:
        app = self.app
        if message.generation_id != app.consumer_generation_id or not app.flow_control.is_active():
            # Faust's stream acks an event it skips (a stale generation or stopped flow)
            # without processing it: that must not count. The event is read again.
            message.acked = True
            self._unacked_messages.discard(message)
            return False
        return bool(super().ack(message))

    async def perform_seek(self) -> None:
        await super().perform_seek()
        acks_enabled_for = self.app.topics.acks_enabled_for
        tps = [tp for tp in self.assignment() if acks_enabled_for(tp.topic)]
        # Read with the committed offsets just now, on the consumer's thread.
        earliest = cast(ConsumerThread, self._thread).log_starts
        for tp in tps:
            self._failed_sends.pop(tp, None)  # read again from the committed offset
            committed = self._committed_offset[tp] or 0
            # A committed offset below the log start (retention) resumes at the log start.
            self._next_to_commit[tp] = max(committed, earliest.get(tp) or 0)

    async def on_partitions_revoked(self, revoked: Any) -> None:
        for tp in revoked:
            self._next_to_commit.pop(tp, None)
            self._failed_sends.pop(tp, None)
        await super().on_partitions_revoked(revoked)

    def _new_offset(self, tp: TP) -> int | None:
        """The offset to commit for ``tp``: the end of the run of processed offsets (and
        broker holes) that starts at the last commit, or None."""
        base = self._next_to_commit.get(tp)
        acked = self._acked[tp]
        if base is None or not acked:
            return None
        done = {offset for offset in acked if offset >= base}
        gaps = self._gap[tp]
        if gaps:
            for interval in gaps.overlap(base, max(max(acked) + 2, base + 1)):
                done.update(range(max(interval.begin, base), interval.end))
        end = base
        while end in done:
            end += 1
        if gaps:
            gaps.chop(0, end)
        acked[:] = sorted(offset for offset in acked if offset >= end)
        self._acked_index[tp].intersection_update(acked)
        if end == base:
            if acked and acked[-1] > base:
                self._skipped[tp] = base
            return None
        self._next_to_commit[tp] = end
        return end

    async def force_commit(self, *args: Any, **kwargs: Any) -> bool:
        self._skipped.clear()
        done = bool(await super().force_commit(*args, **kwargs))
        skipped, self._skipped_before = self._skipped_before, dict(self._skipped)
        for tp, offset in self._skipped.items():
            if skipped.get(tp) == offset and tp in self.assignment():
                log.warning(
                    "%s[%s]@%s was read past and never processed: reading again from there",
                    tp.topic,
                    tp.partition,
                    offset,
                )
                del self._skipped_before[tp]  # the next stop there waits two commits again
                await self._seek_back(tp, offset)
        return done

    async def _seek_back(self, tp: TP, offset: int) -> None:
        """Read ``tp`` again from ``offset`` (the seek on the client's thread, as Faust's own)."""
        thread = cast(ConsumerThread, self._thread)
        await thread.call_thread(thread.seek_back, tp, offset)
        self._read_offset[tp] = offset  # Faust drops what it reads below this


class Transport(faust_aiokafka.Transport):
    """Faust's Kafka transport with :class:`Consumer` and ``streams.kafka_producer.Producer``."""

    Consumer = Consumer
    Producer = kafka_producer.Producer
