"""Diagnostic probe for the lost-raw-messages investigation (tools/lostmsgs/repro.py).

Imported by Python at start-up when this folder is on ``PYTHONPATH`` (only the worker
processes that the reproduction starts). It wraps a few of Faust's consumer methods to log,
with the prefix ``PROBE``, what decides which offsets are committed: acks of events whose
generation is stale or taken while flow is stopped (Faust skips those events and acks them
unprocessed), commits, gaps, seeks and rebalances. With ``PROBE_REJOIN_EVERY=<seconds>`` it
also asks the group coordinator to rejoin that often, which forces a rebalance (a new
generation) while messages are being fetched and processed.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from faust.transport import consumer as _consumer_module

log = logging.getLogger("probe")
Consumer = _consumer_module.Consumer

_orig_ack = Consumer.ack
_orig_commit_offsets = Consumer._commit_offsets
_orig_add_gap = Consumer._add_gap
_orig_perform_seek = Consumer.perform_seek
_orig_revoked = Consumer.on_partitions_revoked
_orig_assigned = Consumer.on_partitions_assigned


def _ack(self: Any, message: Any) -> bool:
    app = self.app
    stale = message.generation_id != app.consumer_generation_id
    flowing = app.flow_control.is_active()
    committed = self._committed_offset[message.tp]
    accepted = _orig_ack(self, message)
    if stale or not flowing or committed is None:
        log.warning(
            "PROBE ack %s[%s]@%s msg_gen=%s app_gen=%s flow=%s committed=%s accepted=%s",
            message.topic,
            message.partition,
            message.offset,
            message.generation_id,
            app.consumer_generation_id,
            flowing,
            committed,
            accepted,
        )
    return accepted


async def _commit_offsets(self: Any, offsets: Any, start_new_transaction: bool = True) -> bool:
    before = {tp: self._committed_offset[tp] for tp in offsets}
    did = await _orig_commit_offsets(self, offsets, start_new_transaction)
    log.warning(
        "PROBE commit gen=%s %s did=%s",
        self.app.consumer_generation_id,
        " ".join(
            f"{tp.topic}[{tp.partition}]:{before[tp]}->{off}" for tp, off in sorted(offsets.items())
        ),
        did,
    )
    return did


async def _add_gap(self: Any, tp: Any, offset_from: int, offset_to: int) -> None:
    log.warning(
        "PROBE gap %s[%s] %s..%s committed=%s",
        tp.topic,
        tp.partition,
        offset_from,
        offset_to,
        self._committed_offset[tp],
    )
    await _orig_add_gap(self, tp, offset_from, offset_to)


async def _perform_seek(self: Any) -> None:
    await _orig_perform_seek(self)
    log.warning(
        "PROBE seek gen=%s read=%s",
        self.app.consumer_generation_id,
        {f"{tp.topic}[{tp.partition}]": v for tp, v in self._read_offset.items()},
    )


async def _revoked(self: Any, revoked: Any) -> None:
    log.warning(
        "PROBE revoked gen=%s acked=%s",
        self.app.consumer_generation_id,
        {f"{tp.topic}[{tp.partition}]": list(v)[:20] for tp, v in self._acked.items() if v},
    )
    await _orig_revoked(self, revoked)


_rejoin_started = False
_tasks: list[asyncio.Future[None]] = []


async def _assigned(self: Any, assigned: Any, generation_id: int = 0) -> None:
    global _rejoin_started
    log.warning("PROBE assigned gen=%s n=%s", generation_id, len(assigned))
    await _orig_assigned(self, assigned, generation_id)
    every = float(os.environ.get("PROBE_REJOIN_EVERY", "0"))
    if every and not _rejoin_started:
        _rejoin_started = True
        _tasks.append(asyncio.ensure_future(_rejoin_loop(self, every)))


async def _rejoin_loop(consumer: Any, every: float) -> None:
    thread = consumer._thread
    until = asyncio.get_running_loop().time() + float(os.environ.get("PROBE_REJOIN_FOR", "1e9"))
    while asyncio.get_running_loop().time() < until:
        await asyncio.sleep(every)
        coordinator = thread._ensure_consumer()._coordinator
        log.warning("PROBE request rejoin (gen=%s)", consumer.app.consumer_generation_id)
        thread.thread_loop.call_soon_threadsafe(coordinator.request_rejoin)


Consumer.ack = _ack  # type: ignore[method-assign]
Consumer._commit_offsets = _commit_offsets  # type: ignore[method-assign]
Consumer._add_gap = _add_gap  # type: ignore[method-assign]
Consumer.perform_seek = _perform_seek  # type: ignore[method-assign]
Consumer.on_partitions_revoked = _revoked  # type: ignore[method-assign]
Consumer.on_partitions_assigned = _assigned  # type: ignore[method-assign]


_orig_getmany = Consumer.getmany
_orig_inner_getmany = _consumer_module.ThreadDelegateConsumer._getmany


def _span(offsets: list[int]) -> str:
    return f"{offsets[0]}..{offsets[-1]}({len(offsets)})" if offsets else "-"


async def _inner_getmany(self: Any, active_partitions: Any, timeout: float) -> Any:
    records = await _orig_inner_getmany(self, active_partitions, timeout)
    raw = {
        tp: [r.offset for r in rs] for tp, rs in records.items() if "news.raw" in tp.topic and rs
    }
    if raw:
        log.warning(
            "PROBE fetched gen=%s %s",
            self.app.consumer_generation_id,
            " ".join(f"{tp.topic}[{tp.partition}]:{_span(o)}" for tp, o in sorted(raw.items())),
        )
    self._probe_fetched = raw
    return records


async def _getmany(self: Any, timeout: float) -> Any:
    self._probe_fetched = {}
    yielded: dict[Any, list[int]] = {}
    async for tp, message in _orig_getmany(self, timeout):
        yielded.setdefault(tp, []).append(message.offset)
        yield tp, message
    for tp, offsets in getattr(self, "_probe_fetched", {}).items():
        got = yielded.get(tp, [])
        if len(got) != len(offsets):
            log.warning(
                "PROBE dropped gen=%s %s[%s] fetched %s yielded %s read_offset=%s",
                self.app.consumer_generation_id,
                tp.topic,
                tp.partition,
                _span(offsets),
                _span(got),
                self._read_offset[tp],
            )


_consumer_module.ThreadDelegateConsumer._getmany = _inner_getmany  # type: ignore[method-assign]
Consumer.getmany = _getmany  # type: ignore[method-assign]


from faust.sensors import base as _sensors  # noqa: E402

_orig_event_in = _sensors.SensorDelegate.on_stream_event_in


def _event_in(self: Any, tp: Any, offset: int, stream: Any, event: Any) -> Any:
    if "news.raw" in tp.topic:
        log.warning(
            "PROBE in %s[%s]@%s gen=%s", tp.topic, tp.partition, offset, event.message.generation_id
        )
    return _orig_event_in(self, tp, offset, stream, event)


_sensors.SensorDelegate.on_stream_event_in = _event_in  # type: ignore[method-assign]
