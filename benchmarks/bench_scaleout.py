"""Scale-out on a real broker: one worker against two in one group, and a rebalance mid-run.

Part 1 (throughput): the tagged-only workload of ``bench_e2e.py`` sent to 1 worker, then to
2 workers of one consumer group (runs interleaved, medians printed): stories/s from the first
story sent to the last alert out, the ratio, and where the machine's CPU went (the workers,
everything else: broker, this load generator, other jobs) — on a 2-core machine the broker
and the load generator share the cores the two workers would need.

Part 2 (rebalance): stories sent at a steady rate to one worker; a second worker joins
a fifth of the way in, the first one is stopped (SIGTERM) after the second is ready. Every
alert on the alert topic is read back (``read_committed``): lost = tagged stories without an
alert, duplicated = alerts beyond the first for one story revision.

    .venv/bin/python benchmarks/bench_scaleout.py [--stories 3000] [--runs 3] [--quick]
        [--rate 80 --seconds 40] [--guarantee at_least_once|exactly_once]

Needs a broker: ``make bench-scaleout`` starts one (scripts/with-broker.sh).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_e2e as e2e

from streams.ingest.parse import parse_article
from streams.pipeline import default_pipeline
from streams.settings import Settings

WORKER = [sys.executable, "-m", "streams", "worker", "-l", "warn"]


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    hz = os.sysconf("SC_CLK_TCK")
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / hz, sum(ticks) / hz


def ready(port: int) -> dict | None:
    """The worker's /ready answer when it is ready, else None."""
    with contextlib.suppress(OSError, ValueError):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as answer:
            body = json.loads(answer.read())
            return body if answer.status == 200 and body.get("ready") else None
    return None


class Workers:
    """Worker processes of one group (same app id and topics), each on its own web port."""

    def __init__(self, servers: str, run: str, first_port: int, tmp: Path, guarantee: str):
        self.servers, self.run, self.tmp = servers, run, tmp
        self.first_port, self.guarantee = first_port, guarantee
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self.settings = Settings.from_env(self.env(first_port))

    def env(self, port: int) -> dict[str, str]:
        env = e2e.worker_env(self.servers, self.run, port, self.tmp / f"{self.run}-{port}")
        env["TICKERWIRE_PROCESSING_GUARANTEE"] = self.guarantee
        return env

    def start(self, index: int) -> int:
        port = self.first_port + index
        log = (self.tmp / f"worker-{self.run}-{port}.log").open("ab")
        self.procs[port] = subprocess.Popen(
            WORKER, env=self.env(port), stdout=log, stderr=subprocess.STDOUT
        )
        return port

    def wait_ready(self, ports: list[int], *, all_partitions: bool, limit: float = 180) -> None:
        """Until every worker in ``ports`` is ready and (``all_partitions``) together they own
        every raw partition, each once."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            for port in ports:
                if self.procs[port].poll() is not None:
                    raise SystemExit(f"worker on {port} exited:\n{self.log_tail(port)}")
            answers = [ready(p) for p in ports]
            if all(answers):
                owned = sorted(p for a in answers if a for p in a["raw_partitions"])
                if not all_partitions or owned == list(range(e2e.PARTITIONS)):
                    return
            time.sleep(0.3)
        raise SystemExit(f"workers {ports} not ready after {limit:.0f} s")

    def stop(self, port: int) -> None:
        proc = self.procs.pop(port)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self) -> None:
        for port in list(self.procs):
            self.stop(port)

    def consumed(self) -> float:
        return sum(e2e.consumed(p) for p in self.procs)

    def cpu(self) -> float:
        return sum(e2e.cpu_seconds(p.pid) for p in self.procs.values())

    def log_tail(self, port: int) -> str:
        path = self.tmp / f"worker-{self.run}-{port}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextlib.contextmanager
def group(servers: str, count: int, port: int, tmp: Path, guarantee: str) -> Iterator[Workers]:
    workers = Workers(servers, uuid.uuid4().hex[:8], port, tmp, guarantee)
    asyncio.run(e2e.create_topics(servers, [workers.settings.topics.raw]))
    try:
        ports = [workers.start(i) for i in range(count)]
        workers.wait_ready(ports, all_partitions=True)
        yield workers
    finally:
        workers.stop_all()


def throughput(
    servers: str, stories: list[dict], alerts: int, count: int, port: int, tmp: Path, guarantee: str
) -> tuple[float, float, float]:
    """Stories/s of ``count`` workers, the workers' CPU (cores busy on average) and the
    machine's (cores busy on average) over the run."""
    with group(servers, count, port, tmp, guarantee) as workers:
        time.sleep(2.0)  # let the group settle after the last join
        cpu, (busy, total) = workers.cpu(), machine_busy()
        first = time.time()
        asyncio.run(e2e.preload(servers, workers.settings.topics.raw, stories))
        seen, moved = workers.consumed(), time.monotonic()
        while seen < len(stories):
            time.sleep(0.1)
            now = workers.consumed()
            if now != seen:
                seen, moved = now, time.monotonic()
            elif time.monotonic() - moved > 120:
                raise SystemExit(f"{count} worker(s) stalled at {seen:.0f} of {len(stories)}")
        done = time.time()
        stamps = asyncio.run(
            e2e.output_span(servers, workers.settings.topics.alerts, alerts, quiet=20)
        )
        end = max([done, *stamps])
        wall = end - first
        cpu = workers.cpu() - cpu
        busy2, total2 = machine_busy()
        cores = os.cpu_count() or 1
        return len(stories) / wall, cpu / wall, (busy2 - busy) / (total2 - total) * cores


async def send_steadily(servers: str, topic: str, stories: list[dict], rate: float) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=servers, acks="all", linger_ms=5)
    await producer.start()
    try:
        start = time.perf_counter()
        for i, story in enumerate(stories):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await producer.send(topic, key=story["id"].encode(), value=orjson.dumps(story))
        await producer.flush()
    finally:
        await producer.stop()


async def read_alerts(servers: str, topic: str, expected: set[str], quiet: float) -> list[dict]:
    """Every committed alert on ``topic``: until each of ``expected`` has one and no more came
    for a few seconds, or none came for ``quiet`` seconds."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=servers,
        group_id=None,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
    )
    await consumer.start()
    alerts: list[dict] = []
    try:
        last = time.monotonic()
        while time.monotonic() - last < (5.0 if expected <= _articles(alerts) else quiet):
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                alerts += [orjson.loads(r.value) for r in records]
                last = time.monotonic()
        return alerts
    finally:
        await consumer.stop()


def _articles(alerts: list[dict]) -> set[str]:
    return {a["article_id"] for a in alerts}


def rebalance(
    servers: str,
    stories: list[dict],
    tagged: set[str],
    rate: float,
    port: int,
    tmp: Path,
    guarantee: str,
) -> dict[str, float]:
    """One worker; a second joins, then the first stops, while stories flow at ``rate``."""
    seconds = len(stories) / rate
    workers = Workers(servers, uuid.uuid4().hex[:8], port, tmp, guarantee)
    topic = workers.settings.topics.raw
    asyncio.run(e2e.create_topics(servers, [topic]))
    marks: dict[str, float] = {}
    try:
        first = workers.start(0)
        workers.wait_ready([first], all_partitions=True)
        sender = threading.Thread(
            target=lambda: asyncio.run(send_steadily(servers, topic, stories, rate))
        )
        t0 = time.monotonic()
        sender.start()
        time.sleep(seconds * 0.2)
        marks["second worker started (s)"] = time.monotonic() - t0
        second = workers.start(1)
        workers.wait_ready([second], all_partitions=False)
        marks["second worker ready (s)"] = time.monotonic() - t0
        time.sleep(max(0.0, seconds * 0.5 - (time.monotonic() - t0)))
        marks["first worker stopped (s)"] = time.monotonic() - t0
        taken = e2e.consumed(first)
        workers.stop(first)
        sender.join()
        marks["last story sent (s)"] = time.monotonic() - t0
        alerts = asyncio.run(read_alerts(servers, workers.settings.topics.alerts, tagged, 90))
        marks["stories taken by the workers (repeats included)"] = taken + workers.consumed()
    finally:
        workers.stop_all()
    per_story = Counter((a["article_id"], a.get("revision")) for a in alerts)
    per_id = Counter(a["alert_id"] for a in alerts)
    marks["stories sent"] = len(stories)
    marks["tagged stories (alerts due)"] = len(tagged)
    marks["alerts read"] = len(alerts)
    marks["lost (tagged story, no alert)"] = len(tagged - _articles(alerts))
    marks["duplicated (alerts beyond the first per story revision)"] = sum(
        n - 1 for n in per_story.values()
    )
    marks["duplicated alert ids"] = sum(n - 1 for n in per_id.values())
    marks["alerts for stories not due one"] = len(_articles(alerts) - tagged)
    return marks


def due_alerts(stories: list[dict]) -> set[str]:
    """Ids of the stories that offline link + tag tags (each must make one alert)."""
    pipeline = default_pipeline()
    return {s["id"] for s in stories if pipeline.analyse(parse_article(orjson.dumps(s))).tags}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=3000, help="stories per throughput run")
    parser.add_argument("--runs", type=int, default=3, help="runs per worker count (median)")
    parser.add_argument("--rate", type=float, default=80.0, help="stories/s in the rebalance run")
    parser.add_argument("--seconds", type=float, default=40.0, help="length of the rebalance run")
    parser.add_argument("--guarantee", default="at_least_once", help="processing guarantee")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-rebalance", action="store_true")
    parser.add_argument("--quick", action="store_true", help="1,000 stories, one run, 25 s")
    parser.add_argument("--port", type=int, default=6380, help="first web port of the workers")
    parser.add_argument("--logs", type=Path, help="keep the workers' logs in this folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.quick:
        args.stories, args.runs, args.seconds = 1000, 1, 25.0
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    run = uuid.uuid4().hex[:6]
    print(
        f"broker {servers}, {os.cpu_count()} cores, {e2e.PARTITIONS} partitions, "
        f"guarantee {args.guarantee}, load average {os.getloadavg()[0]:.1f} at start"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            tmp = args.logs
        if not args.skip_throughput:
            stories = e2e.tagged_only(args.stories, run)
            alerts = len(due_alerts(stories))
            results: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
            for _ in range(args.runs):
                for count in (1, 2):
                    results[count].append(
                        throughput(servers, stories, alerts, count, args.port, tmp, args.guarantee)
                    )
                    rate, cpu, busy = results[count][-1]
                    print(
                        f"  {count} worker(s): {rate:,.0f} stories/s; workers {cpu:.2f} cores, "
                        f"machine {busy:.2f} cores busy",
                        flush=True,
                    )
            med = {
                c: [statistics.median(r[i] for r in rs) for i in range(3)]
                for c, rs in results.items()
            }
            print(f"\ntagged-only, {args.stories} stories, medians of {args.runs} runs:")
            print("| workers | stories/s | workers' CPU (cores) | machine busy (cores) |")
            print("|---:|---:|---:|---:|")
            for count, (rate, cpu, busy) in med.items():
                print(f"| {count} | {rate:,.0f} | {cpu:.2f} | {busy:.2f} |")
            print(f"two workers / one worker: {med[2][0] / med[1][0]:.2f}")
        if not args.skip_rebalance:
            total = int(args.rate * args.seconds)
            stories = e2e.tagged_only(total, f"{run}rb")
            tagged = due_alerts(stories)
            marks = rebalance(
                servers, stories, tagged, args.rate, args.port + 10, tmp, args.guarantee
            )
            print(
                f"\nrebalance run ({args.guarantee}, {args.rate:g} stories/s for {args.seconds:g} s):"
            )
            for name, value in marks.items():
                print(
                    f"  {name}: {value:,.1f}"
                    if isinstance(value, float)
                    else f"  {name}: {value:,}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
