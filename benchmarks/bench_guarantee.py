"""Throughput cost of exactly-once: the same burst through a worker at least once, then
exactly once (Faust's transactions), alternating, on a real broker.

Needs a running broker (`make kafka-up`). Each run starts a worker on fresh topic names,
sends a burst of stories, each of its own text, and times until every one has alerted (read
with ``read_committed`` for exactly once). Prints the medians and their ratio.

    .venv/bin/python benchmarks/bench_guarantee.py [--runs 3] [--burst 400]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from bench_e2e import STORIES, start_worker, stop, unique, worker_env

from streams.broker import topic_partitions
from streams.settings import Settings


async def burst_rate(settings: Settings, count: int, isolation: str) -> float:
    """Stories per second from the first send to the last alert read."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        enable_auto_commit=False,
        isolation_level=isolation,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5
    )
    await consumer.start()
    await producer.start()
    try:
        tps = await topic_partitions(consumer, settings.topics.alerts, timeout=60)
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)
        for tp in tps:
            await consumer.position(tp)
        started = time.monotonic()
        sent = []
        for i in range(count):
            story = unique(STORIES[i % len(STORIES)], f"eos-{i}")
            sent.append(
                await producer.send(
                    settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story)
                )
            )
        await asyncio.gather(*sent)
        seen: set[str] = set()
        deadline = started + 300
        while len(seen) < count and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    seen.add(orjson.loads(record.value)["article_id"])
        if len(seen) < count:
            raise SystemExit(f"only {len(seen)} of {count} stories alerted in 300 s")
        return count / (time.monotonic() - started)
    finally:
        await producer.stop()
        await consumer.stop()


def one_run(guarantee: str, burst: int, tmp: Path) -> float:
    run = uuid.uuid4().hex[:8]
    env = worker_env(run, 6191, tmp / run)
    env["TICKERWIRE_PROCESSING_GUARANTEE"] = guarantee
    env["TICKERWIRE_WORKER_ID"] = f"bench-{run}"
    proc, _ = start_worker(env, tmp / f"worker-{guarantee}.log")
    try:
        isolation = "read_committed" if guarantee == "exactly_once" else "read_uncommitted"
        return asyncio.run(burst_rate(Settings.from_env(env), burst, isolation))
    finally:
        stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burst", type=int, default=400)
    args = parser.parse_args()
    rates: dict[str, list[float]] = {"at_least_once": [], "exactly_once": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for guarantee in rates:  # alternate, so both see the same machine load
                rates[guarantee].append(one_run(guarantee, args.burst, Path(tmp)))
    alo, eos = (statistics.median(rates[g]) for g in ("at_least_once", "exactly_once"))
    for guarantee, values in rates.items():
        print(
            f"{guarantee}: burst of {args.burst}: median {statistics.median(values):.0f} stories/s "
            f"over {len(values)} runs ({', '.join(f'{v:.0f}' for v in values)})"
        )
    print(f"exactly_once / at_least_once throughput: {eos / alo:.2f} (medians)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
