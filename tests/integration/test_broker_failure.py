"""A broker dies while stories flow: a 3-broker KRaft cluster (scripts/kafka-cluster.sh), topics
with replication factor 3 and min.insync.replicas=2, one broker SIGKILLed and started again.

Asserts: no alert lost, processing goes on (the time to resume is printed), and the restarted
broker catches up (every partition of the worker's topics has 3 in-sync replicas again).
The cluster runs on free ports of its own, so it never meets the shared broker.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import statistics
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from streams.broker import ensure_topic, topic_partitions
from streams.settings import Settings
from tests.fixtures.stories import numbered_story
from tests.integration.conftest import Worker, free_port, worker_env

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "scripts" / "kafka-cluster.sh"
STORIES = 300
#: Stories per second sent; the kill comes after a third of them, the restart 15 s later.
RATE = 15.0
DOWN_SECONDS = 15.0
#: Bounds for a loaded two-core machine: all alerts in, and the ISR back to 3.
ALERTS_BOUND = 120.0
CATCH_UP_BOUND = 60.0


@dataclass
class Cluster:
    env: dict[str, str]
    bootstrap: str

    def run(self, *args: str) -> None:
        subprocess.run([str(CLUSTER), *args], env=self.env, check=True, timeout=180)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    ports = [free_port() for _ in range(6)]
    env = {
        **os.environ,
        "TICKERWIRE_CLUSTER_HOME": str(tmp_path_factory.mktemp("cluster")),
        "TICKERWIRE_CLUSTER_PORTS": ",".join(map(str, ports[:3])),
        "TICKERWIRE_CLUSTER_CONTROLLER_PORTS": ",".join(map(str, ports[3:])),
    }
    cluster = Cluster(env, ",".join(f"127.0.0.1:{p}" for p in ports[:3]))
    cluster.run("up")
    try:
        yield cluster
    finally:
        cluster.run("down")


async def _leader_of_raw(settings: Settings) -> int:
    """The node id leading partition 0 of the raw topic (the broker whose loss hurts most)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        [described] = await admin.describe_topics([settings.topics.raw])
        return int(next(p["leader"] for p in described["partitions"] if p["partition"] == 0))
    finally:
        await admin.close()


async def _under_replicated(settings: Settings, topics: list[str]) -> int:
    """How many partitions of ``topics`` have fewer than 3 in-sync replicas."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
        return sum(1 for t in described for p in t["partitions"] if len(p["isr"]) < 3)
    finally:
        await admin.close()


async def _send_stories(settings: Settings, sent_at: dict[str, float], kill: asyncio.Event) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, acks="all", enable_idempotence=True
    )
    await producer.start()
    try:
        for n in range(STORIES):
            if n == STORIES // 3:
                kill.set()
            story = numbered_story(n, prefix="bf")
            while True:  # a send the cluster refused is sent again: the test loses nothing either
                try:
                    await producer.send_and_wait(
                        settings.topics.raw, key=story["id"].encode(), value=orjson.dumps(story)
                    )
                    break
                except KafkaError:
                    await asyncio.sleep(0.5)
            sent_at[story["id"]] = time.monotonic()
            await asyncio.sleep(1 / RATE)
    finally:
        await producer.stop()


async def _collect_alerts(
    settings: Settings, arrived: dict[str, float], done: asyncio.Event
) -> None:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    try:
        tps = await topic_partitions(consumer, settings.topics.alerts, timeout=60)
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        while not done.is_set():
            try:
                batch = await consumer.getmany(timeout_ms=500)
            except KafkaError:
                await asyncio.sleep(0.5)
                continue
            now = time.monotonic()
            for records in batch.values():
                for record in records:
                    arrived.setdefault(orjson.loads(record.value)["article_id"], now)
    finally:
        with contextlib.suppress(asyncio.CancelledError):
            await consumer.stop()


async def test_broker_killed_while_stories_flow_loses_no_alert_and_catches_up(
    cluster: Cluster, tmp_path: Path
) -> None:
    run_id = uuid.uuid4().hex[:8]
    env = worker_env(
        tmp_path,
        run_id,
        KAFKA_BOOTSTRAP_SERVERS=cluster.bootstrap,
        TICKERWIRE_TOPIC_REPLICATION_FACTOR="3",
        TICKERWIRE_MIN_INSYNC_REPLICAS="2",
    )
    settings = Settings.from_env(env)
    # The input topic exists before the worker subscribes: a static member that subscribed to
    # a topic not yet created was not seen to pick it up later (README, open problems).
    await ensure_topic(settings, settings.topics.raw)
    worker = Worker(env=env, settings=settings, log_path=tmp_path / "worker.log")
    worker.start()
    s = worker.settings
    sent_at: dict[str, float] = {}
    arrived: dict[str, float] = {}
    kill, done = asyncio.Event(), asyncio.Event()
    try:
        collector = asyncio.create_task(_collect_alerts(s, arrived, done))
        sender = asyncio.create_task(_send_stories(s, sent_at, kill))
        await kill.wait()
        victim = await _leader_of_raw(s)
        killed_at = time.monotonic()
        await asyncio.to_thread(cluster.run, "kill", str(victim))
        topics = [s.topics.raw, s.topics.alerts, s.topics.by_fingerprint, s.topics.by_story]
        # The measure of catching up below means something: partitions come to lack a
        # replica once the controller fences the dead broker (its session timeout, 9 s by
        # default in KRaft), so look until then rather than once at a fixed time.
        lacking = 0
        while not lacking and time.monotonic() - killed_at < DOWN_SECONDS:
            await asyncio.sleep(1.0)
            with contextlib.suppress(KafkaError):  # the admin client may pick the dead broker
                lacking = await _under_replicated(s, topics)
        assert lacking > 0
        await asyncio.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - killed_at)))
        await asyncio.to_thread(cluster.run, "start", str(victim))
        restarted_at = time.monotonic()
        await sender
        deadline = time.monotonic() + ALERTS_BOUND
        while len(arrived) < STORIES and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        done.set()
        await collector

        lost = sorted(set(sent_at) - set(arrived), key=lambda i: int(i.split("-")[1]))
        assert not lost, f"{len(lost)} alerts lost: {lost[:10]}"

        caught_up = None
        while time.monotonic() - restarted_at < CATCH_UP_BOUND:
            if await _under_replicated(s, topics) == 0:
                caught_up = time.monotonic() - restarted_at
                break
            await asyncio.sleep(1.0)
        assert caught_up is not None, "the restarted broker is not back in every ISR"
    finally:
        worker.stop()

    after = [arrived[i] for i, t in sent_at.items() if t >= killed_at]
    resumed = min(after) - killed_at
    times = sorted(arrived.values())
    gap = max(b - a for a, b in itertools.pairwise(times) if b >= killed_at)
    latency = statistics.median(arrived[i] - sent_at[i] for i in sent_at)
    log = worker.log_text()
    assert "Crashed reason" not in log
    print(
        f"broker {victim} of 3 killed after {STORIES // 3} of {STORIES} stories: 0 alerts lost; "
        f"first alert of a story sent after the kill {resumed:.1f}s after it; longest pause "
        f"between alerts {gap:.1f}s; median story->alert {latency:.2f}s; restarted broker back "
        f"in every ISR {caught_up:.1f}s after its restart"
    )
