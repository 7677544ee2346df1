"""End-to-end throughput on a real broker: raw aiokafka, bare Faust, offline link + tag, the worker.

One run prints, for two workloads (tagged-only stories of about 2 KB; a real-news mix,
mostly untagged, from ``.cache/realnews`` when ``make realnews`` made it), the stories/s of

  * raw aiokafka: consume -> orjson -> produce (one flush per fetched batch),
  * a bare Faust agent that re-sends each event (``await send`` per event),
  * offline link + tag (``Pipeline.analyse``, this process, one core),
  * the Tickerwire worker, story in -> alert out (its own process),

with the worker's ratio to each, then the story -> alert latency (p50/p99) at a steady rate
and the worker's resident memory. Broker paths run ``--runs`` times (median printed).
Needs a broker: ``make bench-e2e`` starts one (scripts/with-broker.sh).

    .venv/bin/python benchmarks/bench_e2e.py [--stories 10000] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streams.evaluation import load_corpus  # noqa: E402
from streams.ingest.parse import parse_article  # noqa: E402
from streams.pipeline import default_pipeline  # noqa: E402
from streams.settings import Settings, Topics  # noqa: E402

LABELLED = sorted((ROOT / "tests" / "fixtures").glob("corpus/*.jsonl")) + sorted(
    p
    for name in ("holdout", "holdout2", "holdout3")
    for p in (ROOT / "tests" / "fixtures" / name).glob("*.jsonl")
)
REALNEWS = ROOT / ".cache" / "realnews"
PARTITIONS = 6
STORY_BYTES = 2048
FAUST_PASSTHROUGH = Path(__file__).resolve().parent / "faust_passthrough.py"

# ---------------------------------------------------------------- workloads


def _unique(story: dict, story_id: str) -> dict:
    """The story under a new id with a sentence of its own: the same text under another id
    is a syndicated copy to the novelty check (no alert)."""
    body = f"{story.get('body', '')}\nThe desk reference for this story is {story_id}."
    return {**story, "id": story_id, "body": body}


def tagged_only(count: int, run: str) -> list[dict]:
    """Labelled stories a correct system tags, padded to about 2 KB with other bodies of their language."""
    items = [i for i in load_corpus(LABELLED) if i.tags]
    bodies: dict[str, list[str]] = {}
    for item in load_corpus(LABELLED):
        bodies.setdefault(item.article.language or "en", []).append(item.article.body)
    base = []
    for item in items:
        a = item.article
        body = a.body
        others = [b for b in bodies[a.language or "en"] if b != body] or [body]
        k = 0
        while len((a.headline + body).encode()) < STORY_BYTES:
            body += "\n" + others[k % len(others)]
            k += 1
        body = body.encode()[: STORY_BYTES - len(a.headline.encode())].decode(errors="ignore")
        base.append(
            {"id": a.id, "headline": a.headline, "body": body, "language": a.language}
            | {"source": a.source or "wire"}
        )
    return [_unique(base[i % len(base)], f"{run}-t{i}") for i in range(count)]


def real_mix(count: int, run: str) -> tuple[list[dict], str]:
    """Real news as converted (mostly untagged), the languages taken in turn; else ordinary
    business stories of the labelled sets that no tag fits."""
    files = sorted(REALNEWS.glob("*.jsonl"))
    if files:
        per_file = count // len(files) + 1
        pools = []
        for path in files:
            with path.open("rb") as fh:
                stories = []
                for line in fh:
                    d = orjson.loads(line)
                    if d.get("headline") or d.get("body"):
                        stories.append({k: v for k, v in d.items() if k != "meta"})
                    if len(stories) >= per_file:
                        break
            pools.append(stories)
        turns = (s for group in itertools.zip_longest(*pools) for s in group if s)
        base = list(itertools.islice(itertools.cycle(list(turns)), count))
        source = "real news, " + "/".join(p.stem for p in files)
    else:
        plain = [i.article for i in load_corpus(LABELLED) if not i.tags]
        base = [
            {"id": a.id, "headline": a.headline, "body": a.body, "language": a.language}
            for a in plain
        ]
        source = "untagged labelled stories (no .cache/realnews: run `make realnews`)"
    return [_unique(base[i % len(base)], f"{run}-r{i}") for i in range(count)], source


# ---------------------------------------------------------------- broker helpers


async def create_topics(servers: str, names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=servers)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(n, num_partitions=PARTITIONS, replication_factor=1) for n in names]
        )
    finally:
        await admin.close()


async def preload(servers: str, topic: str, stories: list[dict]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=servers, acks="all", linger_ms=20, max_batch_size=1 << 20
    )
    await producer.start()
    try:
        futures = [
            await producer.send(topic, key=s["id"].encode(), value=orjson.dumps(s)) for s in stories
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def raw_passthrough(servers: str, source: str, sink: str, count: int) -> float:
    """Consume ``count`` messages, decode and encode each, produce them; one flush per batch."""
    consumer = AIOKafkaConsumer(
        source,
        bootstrap_servers=servers,
        group_id=f"raw-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        max_partition_fetch_bytes=4 << 20,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=servers, acks="all", linger_ms=5, max_batch_size=1 << 20
    )
    await consumer.start()
    await producer.start()
    try:
        done = 0
        started = 0.0
        while done < count:
            batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
            if not started and batches:
                started = time.perf_counter()
            for records in batches.values():
                for r in records:
                    await producer.send(sink, key=r.key, value=orjson.dumps(orjson.loads(r.value)))
                done += len(records)
            await producer.flush()
            await consumer.commit()
        return count / (time.perf_counter() - started)
    finally:
        await producer.stop()
        await consumer.stop()


async def output_span(servers: str, topic: str, expected: int, quiet: float) -> list[float]:
    """Broker timestamps (s) of the records on ``topic``: until ``expected`` arrived, or none
    came for ``quiet`` seconds."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=servers, group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    stamps: list[float] = []
    try:
        last = time.monotonic()
        while len(stamps) < expected and time.monotonic() - last < quiet:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                stamps += [r.timestamp / 1000 for r in records]
                last = time.monotonic()
        return stamps
    finally:
        await consumer.stop()


# ---------------------------------------------------------------- processes


def wait_ready(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    started = time.monotonic()
    while time.monotonic() - started < 180:
        if proc.poll() is not None:
            raise SystemExit(f"process exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"not ready after 180s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def process(args: list[str], env: dict[str, str], url: str, log: Path) -> Iterator[int]:
    proc = subprocess.Popen(args, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    try:
        wait_ready(proc, url, log)
        yield proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def worker_env(servers: str, run: str, port: int, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "KAFKA_BOOTSTRAP_SERVERS": servers,
            "TICKERWIRE_APP_ID": f"tw-bench-{run}",
            "TICKERWIRE_WEB_PORT": str(port),
            "TICKERWIRE_DATA_DIR": str(data),
            "TICKERWIRE_TOPIC_PARTITIONS": str(PARTITIONS),
        }
    )
    for name in Topics.__dataclass_fields__:
        env[f"TICKERWIRE_TOPIC_{name.upper()}"] = f"b{run}.{getattr(Topics(), name)}"
    return env


def consumed(port: int) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        text = answer.read().decode()
    found = re.search(r"^tickerwire_stories_consumed_total (\S+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far: on a shared machine, the cost that other
    processes' load does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of ``pid`` in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


@dataclass
class WorkerRun:
    rate: float
    #: Stories per second of the worker's own CPU time.
    cpu_rate: float
    alerts: int
    rss: tuple[float, float]
    latencies: list[float] = field(default_factory=list)


def faust_passthrough(
    servers: str, stories: list[dict], port: int, tmp: Path
) -> tuple[float, float]:
    """Stories/s of the bare Faust agent (first to last output), and per second of its CPU."""
    run = uuid.uuid4().hex[:8]
    source, sink = f"bf{run}.in", f"bf{run}.out"
    asyncio.run(create_topics(servers, [source, sink]))
    asyncio.run(preload(servers, source, stories))
    env = dict(os.environ) | {
        "KAFKA_BOOTSTRAP_SERVERS": servers,
        "BENCH_APP_ID": f"bf-{run}",
        "BENCH_SOURCE": source,
        "BENCH_SINK": sink,
        "BENCH_WEB_PORT": str(port),
        "BENCH_DATA_DIR": str(tmp / run),
    }
    args = [sys.executable, str(FAUST_PASSTHROUGH), "worker", "-l", "info"]
    with process(args, env, f"http://127.0.0.1:{port}/", tmp / "faust.log") as pid:
        cpu = cpu_seconds(pid)
        stamps = asyncio.run(output_span(servers, sink, len(stories), quiet=30))
        cpu = cpu_seconds(pid) - cpu
    if len(stamps) < len(stories):
        raise SystemExit(f"bare Faust passed {len(stamps)} of {len(stories)} stories")
    return (len(stamps) - 1) / (max(stamps) - min(stamps)), len(stories) / cpu


def worker(
    servers: str,
    stories: list[dict],
    alerts: int,
    port: int,
    tmp: Path,
    latency: tuple[list[dict], int, float] | None,
    logs: Path,
) -> WorkerRun:
    """The worker's stories/s: from sending ``stories`` to a ready worker until it has taken
    the last one and its last alert is out (at most ``alerts``: copies make none); then optionally the latency at ``latency`` =
    (stories/s, seconds)."""
    run = uuid.uuid4().hex[:8]
    env = worker_env(servers, run, port, tmp / run)
    settings = Settings.from_env(env)
    asyncio.run(create_topics(servers, [settings.topics.raw]))
    args = [sys.executable, "-m", "streams", "worker", "-l", "info"]
    log = logs / f"worker-{run}.log"
    with process(args, env, f"http://127.0.0.1:{port}/ready", log) as pid:
        cpu = cpu_seconds(pid)
        first = time.time()
        asyncio.run(preload(servers, settings.topics.raw, stories))
        seen, moved = consumed(port), time.monotonic()
        while seen < len(stories):
            time.sleep(0.05)
            now = consumed(port)
            if now != seen:
                seen, moved = now, time.monotonic()
            elif time.monotonic() - moved > 120:
                tail = log.read_text(errors="replace")[-4000:]
                raise SystemExit(f"worker stalled at {seen:.0f} of {len(stories)} stories:\n{tail}")
        done = time.time()
        stamps = asyncio.run(output_span(servers, settings.topics.alerts, alerts, quiet=20))
        # fewer alerts than tagged stories: the copy check grouped near-identical stories
        # (real corpora repeat stories); the clock stops at the last alert all the same
        end = max([done, *stamps])
        cpu = cpu_seconds(pid) - cpu
        result = WorkerRun(len(stories) / (end - first), len(stories) / cpu, len(stamps), (0, 0))
        if latency is not None:
            sample, rate, seconds = latency
            result.latencies = asyncio.run(steady_latency(settings, sample, rate, seconds))
        result.rss = rss_mb(pid)
    return result


async def steady_latency(
    settings: Settings, stories: list[dict], rate: int, seconds: float
) -> list[float]:
    """Story -> alert latencies (s) with stories sent at a steady ``rate``."""
    servers = settings.bootstrap_servers
    consumer = AIOKafkaConsumer(
        settings.topics.alerts, bootstrap_servers=servers, group_id=None, auto_offset_reset="latest"
    )
    producer = AIOKafkaProducer(bootstrap_servers=servers, acks="all")
    await consumer.start()
    await producer.start()
    await asyncio.sleep(1.0)  # the consumer takes its position
    sent: dict[str, float] = {}
    latencies: list[float] = []

    async def receive() -> None:
        async for record in consumer:
            article = orjson.loads(record.value)["article_id"]
            if article in sent:
                latencies.append(time.perf_counter() - sent[article])

    reader = asyncio.create_task(receive())
    try:
        total = int(rate * seconds)
        start = time.perf_counter()
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            story = _unique(stories[i % len(stories)], f"lat-{uuid.uuid4().hex[:6]}-{i}")
            sent[story["id"]] = time.perf_counter()
            await producer.send(
                settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story)
            )
        await asyncio.sleep(3.0)
        return latencies
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
        await producer.stop()
        await consumer.stop()


# ---------------------------------------------------------------- offline


def offline(stories: list[dict], runs: int) -> tuple[float, float, int]:
    """Stories/s of ``Pipeline.analyse`` (language, link, tag) on parsed articles, median of
    runs, per wall and per CPU second, and how many stories have a tag (the alerts due)."""
    pipeline = default_pipeline()
    articles = [parse_article(orjson.dumps(s)) for s in stories]
    rates = []
    cpu_rates = []
    tagged = 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        tagged = sum(1 for a in articles if pipeline.analyse(a).tags)
        rates.append(len(articles) / (time.perf_counter() - start))
        cpu_rates.append(len(articles) / (time.process_time() - cpu))
    return statistics.median(rates), statistics.median(cpu_rates), tagged


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000, help="stories per broker run")
    parser.add_argument("--runs", type=int, default=3, help="runs per broker path (median)")
    parser.add_argument("--rate", type=int, default=300, help="steady rate for the latency")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the latency run")
    parser.add_argument("--quick", action="store_true", help="1,000 stories, one run, 5 s latency")
    parser.add_argument("--port", type=int, default=6290, help="first web port of the processes")
    parser.add_argument(
        "--log-dir",
        type=Path,
        help="keep the workers' logs here (worker-<run>.log; default: dropped)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # aiokafka's retry warnings while topics settle
    if args.quick:
        args.stories, args.runs, args.seconds = 1000, 1, 5.0
    servers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    run = uuid.uuid4().hex[:6]
    mix, mix_source = real_mix(args.stories, run)
    workloads = {"tagged-only": tagged_only(args.stories, run), "real-news mix": mix}
    # the latency run: the real-news mix with every tenth story a tagged one (what alerts)
    steady_mix = [
        workloads["tagged-only"][i // 10] if i % 10 == 0 else mix[i]
        for i in range(min(len(mix), 10 * len(workloads["tagged-only"])))
    ]
    offline_runs = max(3, args.runs)
    print(
        f"{args.stories} stories per run, {PARTITIONS} partitions, broker {servers}, "
        f"{os.cpu_count()} cores, medians of {args.runs} broker runs / {offline_runs} offline runs"
    )
    for name, stories in workloads.items():
        size = statistics.mean(len(orjson.dumps(s)) for s in stories)
        extra = f"; {mix_source}" if stories is mix else ""
        print(f"  {name}: {size:,.0f} bytes per message on average{extra}")
    table: dict[str, dict[str, float]] = {}
    rss: list[tuple[float, float]] = []
    latencies: list[float] = []
    sent_alerts: dict[str, tuple[int, int]] = {}
    cpu_table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        logs = args.log_dir or tmp
        for name, stories in workloads.items():
            row = table.setdefault(name, {})

            def raw(stories: list[dict] = stories) -> float:
                source, sink = f"raw{uuid.uuid4().hex[:8]}.in", f"raw{uuid.uuid4().hex[:8]}.out"
                asyncio.run(create_topics(servers, [source, sink]))
                asyncio.run(preload(servers, source, stories))
                return asyncio.run(raw_passthrough(servers, source, sink, len(stories)))

            row["raw aiokafka passthrough"] = statistics.median(raw() for _ in range(args.runs))
            bare = [
                faust_passthrough(servers, stories, args.port + 1, tmp) for _ in range(args.runs)
            ]
            row["bare Faust passthrough"] = statistics.median(r for r, _ in bare)
            row["offline link + tag (1 core)"], offline_cpu, alerts = offline(stories, offline_runs)
            runs = []
            for i in range(args.runs):
                last = stories is mix and i == args.runs - 1
                steady = (steady_mix, args.rate, args.seconds) if last else None
                measured = worker(servers, stories, alerts, args.port, tmp, steady, logs)
                runs.append((measured.rate, measured.cpu_rate))
                rss.append(measured.rss)
                sent_alerts[name] = (measured.alerts, alerts)
                latencies += measured.latencies
            row["Tickerwire worker"] = statistics.median(r for r, _ in runs)
            cpu_row = cpu_table.setdefault(name, {})
            cpu_row["bare Faust passthrough"] = statistics.median(c for _, c in bare)
            cpu_row["offline link + tag (1 core)"] = offline_cpu
            cpu_row["Tickerwire worker"] = statistics.median(c for _, c in runs)
    print()
    print(f"| path | {' | '.join(table)} |")
    print(f"|---|{'---:|' * len(table)}")
    for path in next(iter(table.values())):
        print(f"| {path} | {' | '.join(f'{row[path]:,.0f}' for row in table.values())} |")
    for ref in (
        "offline link + tag (1 core)",
        "bare Faust passthrough",
        "raw aiokafka passthrough",
    ):
        ratios = " | ".join(f"{row['Tickerwire worker'] / row[ref]:.2f}" for row in table.values())
        print(f"| worker / {ref} | {ratios} |")
    print(
        "\nper second of the process's own CPU time (what the load of other processes "
        "does not inflate; offline is in-process, one core):"
    )
    print(f"| path | {' | '.join(cpu_table)} |")
    print(f"|---|{'---:|' * len(cpu_table)}")
    for path in next(iter(cpu_table.values())):
        print(f"| {path} | {' | '.join(f'{row[path]:,.0f}' for row in cpu_table.values())} |")
    for ref in ("offline link + tag (1 core)", "bare Faust passthrough"):
        ratios = " | ".join(
            f"{row['Tickerwire worker'] / row[ref]:.2f}" for row in cpu_table.values()
        )
        print(f"| worker / {ref} | {ratios} |")
    print(
        "\nalerts out of the worker (last run): "
        + "; ".join(f"{n}: {a:,} for {t:,} tagged stories" for n, (a, t) in sent_alerts.items())
        + " (fewer: the copy check grouped near-identical stories)"
    )
    if latencies:
        print(
            f"\nstory -> alert latency at a steady {args.rate} stories/s for {args.seconds:.0f} s "
            f"(real-news mix, one story in ten a tagged one; {len(latencies)} alerts of {int(args.rate * args.seconds)} stories): p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms"
        )
    print(
        f"worker RSS at the end of a run: median {statistics.median(r for r, _ in rss):.0f} MB, "
        f"peak {max(p for _, p in rss):.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
