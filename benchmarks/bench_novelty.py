"""What the novelty checks cost in latency, on a real broker with two workers.

Starts two workers (ports 19400/19401) on fresh topic names, sends stories one at a time and
then in a burst, and reads back the Kafka timestamps of each story on its way:

    news.raw --(news agent: parse, tag, link)--> news.by-fingerprint --(copy check)-->
    news.by-story --(story check)--> alerts

The added latency of a story is ``t(alert) - t(candidate)``: without the checks the news
agent would have written the alert when it wrote the candidate. Prints p50/p95/p99.

    .venv/bin/python benchmarks/bench_novelty.py [--stories 300] [--burst 400]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_e2e import process, tagged_only, worker_env

from streams.broker import read_to_end
from streams.settings import Settings

PORTS = (19400, 19401)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


async def timestamps(settings: Settings, topic: str, field: str) -> dict[str, int]:
    """``article_id -> Kafka timestamp (ms)`` of every record on ``topic`` (the last one wins)."""
    out: dict[str, int] = {}
    for r in await read_to_end(settings, topic):
        value = r.value if field == "_raw" else orjson.loads(r.value)
        key = orjson.loads(value)["id"] if field == "_raw" else value.get(field)
        out[str(key)] = r.timestamp
    return out


async def send(settings: Settings, stories: list[dict], *, one_at_a_time: bool) -> None:
    consumer = AIOKafkaConsumer(
        settings.topics.alerts,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="latest",
        group_id=None,
    )
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await consumer.start()
    await producer.start()
    await asyncio.sleep(1.0)
    try:
        wanted = {story["id"] for story in stories}
        for story in stories:
            sending = producer.send_and_wait if one_at_a_time else producer.send
            await sending(settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story))
            if one_at_a_time:
                while (
                    orjson.loads((await asyncio.wait_for(consumer.getone(), 30)).value)[
                        "article_id"
                    ]
                    != story["id"]
                ):
                    pass
                wanted.discard(story["id"])
        await producer.flush()
        while wanted:
            record = await asyncio.wait_for(consumer.getone(), timeout=60)
            wanted.discard(orjson.loads(record.value)["article_id"])
    finally:
        await producer.stop()
        await consumer.stop()


def report(name: str, raw: dict, candidates: dict, alerts: dict, prefix: str) -> None:
    ids = [i for i in alerts if i.startswith(prefix + "-t") and i in candidates and i in raw]
    added = [alerts[i] - candidates[i] for i in ids]
    analysis = [candidates[i] - raw[i] for i in ids]
    total = [alerts[i] - raw[i] for i in ids]
    print(f"{name} ({len(ids)} alerts), ms      p50   p95   p99   max")
    for label, values in (
        ("  raw -> candidate (news agent)", analysis),
        ("  candidate -> alert (added)   ", added),
        ("  raw -> alert (total)         ", total),
    ):
        print(
            f"{label} {percentile(values, 50):5.0f} {percentile(values, 95):5.0f} "
            f"{percentile(values, 99):5.0f} {max(values):5.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--burst", type=int, default=400)
    args = parser.parse_args()
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    run = uuid.uuid4().hex[:8]
    # tagged stories under ids of their own (``<prefix>-t<n>``): each makes one alert
    trickle, burst = (
        tagged_only(args.stories, f"trickle{run}"),
        tagged_only(args.burst, f"burst{run}"),
    )
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as workers:
        env = worker_env(servers, run, PORTS[0], Path(tmp) / "data")
        command = [sys.executable, "-m", "streams", "worker", "-l", "info"]
        for port in PORTS:
            worker = {**env, "TICKERWIRE_WEB_PORT": str(port)}
            log = Path(tmp) / f"worker-{port}.log"
            workers.enter_context(process(command, worker, f"http://127.0.0.1:{port}/ready", log))
        time.sleep(5)  # let the second worker's rebalance settle
        settings = Settings.from_env(env)
        asyncio.run(send(settings, trickle, one_at_a_time=True))
        asyncio.run(send(settings, burst, one_at_a_time=False))
        raw = asyncio.run(timestamps(settings, settings.topics.raw, "_raw"))
        candidates = asyncio.run(timestamps(settings, settings.topics.by_fingerprint, "article_id"))
        alerts = asyncio.run(timestamps(settings, settings.topics.alerts, "article_id"))
    report("one story at a time", raw, candidates, alerts, f"trickle{run}")
    report(f"burst of {args.burst}", raw, candidates, alerts, f"burst{run}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
