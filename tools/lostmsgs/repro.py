"""Reproduce the raw messages a worker skips around a rebalance, and show their offsets.

Starts one worker (with the diagnostic probe of ``tools/lostmsgs/probe`` unless ``--no-probe``)
on fresh topics of the broker in ``KAFKA_BOOTSTRAP_SERVERS``, sends ``--stories`` stories
(each must make one alert) round-robin over 3 raw partitions at ``--rate`` a second, and
forces rebalances while they flow: ``--rejoin-every`` seconds the worker's group coordinator
is asked to rejoin (a new generation, no restart), and/or ``--kill-every`` seconds the worker
is SIGKILLed and restarted. Then it waits for the alerts and prints the raw offsets whose
story never alerted, in runs, with the probe's log lines for those partitions.

    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 .venv/bin/python -m tools.lostmsgs.repro \
        --stories 1500 --rate 60 --rejoin-every 3

Exit status 1 when a story was lost. Diagnostic tool: it prints its findings.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import os
import re
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson
from aiokafka import AIOKafkaProducer

from streams.broker import tail
from streams.settings import Settings

# The integration suite's worker harness and stories (imported by name: the suite's modules
# are outside the type-checked tree).
_harness = importlib.import_module("tests.integration.conftest")
_recovery = importlib.import_module("tests.integration.test_recovery")
Worker, worker_env, unique_story = _harness.Worker, _harness.worker_env, _recovery.unique_story

PROBE = Path(__file__).parent / "probe"
PARTITIONS = 3


async def collect(settings: Settings, seen: set[str]) -> None:
    """The article id of every alert, from the topic's start, until cancelled."""
    async for value in tail(settings, settings.topics.alerts, from_start=True):
        seen.add(orjson.loads(value)["article_id"])


async def feed(
    settings: Settings, count: int, rate: float, sent: dict[str, tuple[int, int]]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        started = time.monotonic()
        for n in range(count):
            lag = started + n / rate - time.monotonic()
            if lag > 0:
                await asyncio.sleep(lag)
            item = unique_story(n)
            meta = await producer.send_and_wait(
                settings.topics.raw,
                key=item["id"].encode(),
                value=orjson.dumps(item),
                partition=n % PARTITIONS,
            )
            sent[item["id"]] = (meta.partition, meta.offset)
    finally:
        await producer.stop()


def runs(offsets: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for o in sorted(offsets):
        if out and o == out[-1][1] + 1:
            out[-1] = (out[-1][0], o)
        else:
            out.append((o, o))
    return out


async def run(args: argparse.Namespace) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="lostmsgs-"))
    run_id = uuid.uuid4().hex[:8]
    extra = {
        "TICKERWIRE_TOPIC_PARTITIONS": str(PARTITIONS),
        "TICKERWIRE_WORKER_ID": f"lost-{run_id}",
    }
    if not args.no_probe:
        extra["PYTHONPATH"] = os.pathsep.join([str(PROBE), os.environ.get("PYTHONPATH", "")])
        extra["PROBE_REJOIN_EVERY"] = str(args.rejoin_every)
        # Rebalances are forced while the stories are being sent, then the worker catches up.
        extra["PROBE_REJOIN_FOR"] = str(args.stories / args.rate)
    env = worker_env(tmp, run_id, **extra)
    log_path = tmp / "worker.log"
    worker = Worker(env=env, settings=Settings.from_env(env), log_path=log_path)
    settings = worker.settings
    await asyncio.to_thread(worker.start)
    seen: set[str] = set()
    sent: dict[str, tuple[int, int]] = {}
    collector = asyncio.create_task(collect(settings, seen))
    feeder = asyncio.create_task(feed(settings, args.stories, args.rate, sent))
    restarts = 0
    try:
        while not feeder.done():
            if args.kill_every:
                await asyncio.sleep(args.kill_every)
                if feeder.done():
                    break
                assert worker.proc is not None
                worker.proc.send_signal(signal.SIGKILL)
                worker.proc.wait()
                worker.proc = None
                await asyncio.to_thread(worker.start)
                restarts += 1
            else:
                await asyncio.sleep(0.5)
        await feeder
        deadline = time.monotonic() + args.drain
        while set(sent) - seen and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
    finally:
        collector.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await collector
        await asyncio.to_thread(worker.stop)
    lost = {sid: sent[sid] for sid in set(sent) - seen}
    text = log_path.read_text(errors="replace")
    rebalances = len(re.findall(r"PROBE assigned", text))
    print(
        f"{len(sent)} stories, {len(lost)} lost, {restarts} restarts, {rebalances} assignments; log {log_path}"
    )
    for p in range(PARTITIONS):
        offs = [o for (pp, o) in lost.values() if pp == p]
        if offs:
            print(
                f"  raw partition {p}: lost offsets "
                + ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in runs(offs))
            )
    return 1 if lost else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=1500)
    parser.add_argument("--rate", type=float, default=60.0)
    parser.add_argument("--rejoin-every", type=float, default=3.0)
    parser.add_argument("--kill-every", type=float, default=0.0)
    parser.add_argument("--drain", type=float, default=120.0)
    parser.add_argument("--no-probe", action="store_true")
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
