"""End-to-end timings on a real broker: worker start to ready, story to alert, and a burst.

Needs a running broker (`make kafka-up`). Starts its own worker on fresh topic names,
prints medians over repeated measurements (this machine is shared and noisy).

    .venv/bin/python benchmarks/bench_e2e.py [--starts 3] [--stories 40] [--burst 400]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.settings import Settings, Topics

ROOT = Path(__file__).resolve().parent.parent
STORIES = [
    orjson.loads(line) for line in (ROOT / "examples" / "news.jsonl").read_bytes().splitlines()[:6]
]


def unique(story: dict, story_id: str) -> dict:
    """The story under a new id with a sentence of its own: the same text under another id
    would be grouped as a syndicated copy (and make no alert)."""
    body = f"{story['body']}\nThe desk reference for this story is {story_id}."
    return {**story, "id": story_id, "body": body}


def worker_env(run: str, port: int, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "TICKERWIRE_APP_ID": f"tickerwire-bench-{run}",
            "TICKERWIRE_WEB_PORT": str(port),
            "TICKERWIRE_DATA_DIR": str(data),
        }
    )
    for name in Topics.__dataclass_fields__:
        env[f"TICKERWIRE_TOPIC_{name.upper()}"] = f"b{run}.{getattr(Topics(), name)}"
    return env


def start_worker(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], float]:
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams", "worker", "-l", "warn"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{env['TICKERWIRE_WEB_PORT']}/ready"
    while time.monotonic() - started < 120:
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return proc, time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"worker not ready:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


async def story_latencies(settings: Settings, count: int) -> list[float]:
    consumer = AIOKafkaConsumer(
        settings.topics.alerts,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="latest",
        group_id=None,
    )
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await consumer.start()
    await producer.start()
    await asyncio.sleep(1.0)  # let the consumer take its position before sending
    try:
        latencies = []
        for i in range(count):
            story = unique(STORIES[i % len(STORIES)], f"lat-{i}")
            sent = time.monotonic()
            await producer.send_and_wait(
                settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story)
            )
            while True:
                record = await asyncio.wait_for(consumer.getone(), timeout=30)
                if orjson.loads(record.value)["article_id"] == story["id"]:
                    latencies.append(time.monotonic() - sent)
                    break
        return latencies
    finally:
        await producer.stop()
        await consumer.stop()


async def burst(settings: Settings, count: int) -> float:
    consumer = AIOKafkaConsumer(
        settings.topics.alerts,
        bootstrap_servers=settings.bootstrap_servers,
        auto_offset_reset="latest",
        group_id=None,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", linger_ms=5
    )
    await consumer.start()
    await producer.start()
    await asyncio.sleep(1.0)
    try:
        started = time.monotonic()
        futures = []
        for i in range(count):
            story = unique(STORIES[i % len(STORIES)], f"burst-{i}")
            futures.append(
                await producer.send(
                    settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story)
                )
            )
        await asyncio.gather(*futures)
        seen: set[str] = set()
        while len(seen) < count:
            record = await asyncio.wait_for(consumer.getone(), timeout=60)
            article = orjson.loads(record.value)["article_id"]
            if article.startswith("burst-"):
                seen.add(article)
        return count / (time.monotonic() - started)
    finally:
        await producer.stop()
        await consumer.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--burst", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ready = []
        for _ in range(args.starts):
            run = uuid.uuid4().hex[:8]
            env = worker_env(run, 6190, Path(tmp) / run)
            proc, seconds = start_worker(env, Path(tmp) / "worker.log")
            ready.append(seconds)
            stop(proc)
        run = uuid.uuid4().hex[:8]
        env = worker_env(run, 6190, Path(tmp) / run)
        proc, _ = start_worker(env, Path(tmp) / "worker.log")
        try:
            settings = Settings.from_env(env)
            latencies = asyncio.run(story_latencies(settings, args.stories))
            rate = asyncio.run(burst(settings, args.burst))
        finally:
            stop(proc)
    latencies.sort()
    print(
        f"worker start -> ready: median {statistics.median(ready):.2f}s over {len(ready)} starts "
        f"(min {min(ready):.2f}s, max {max(ready):.2f}s)"
    )
    print(
        f"story -> alert (one at a time): median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms over {len(latencies)} stories"
    )
    print(f"burst of {args.burst} stories: {rate:.0f} stories/s through one worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
