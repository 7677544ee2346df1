"""Integration fixtures: a real broker (started by `make test`) and real worker processes.

Each test session uses its own app id and topic names, so runs never see each other's
messages or offsets, and the demo's topics are left alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.broker import topic_partitions
from streams.settings import Settings, Topics

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
WORKER_READY_SECONDS = 90
#: How much of each worker's log a failed test shows (its end: what the worker did last).
LOG_TAIL_CHARS = 6000


def _broker_answers() -> bool:
    host, _, port = BOOTSTRAP.split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def broker() -> str:
    if not _broker_answers():
        pytest.fail(
            f"no Kafka broker at {BOOTSTRAP}: run `make kafka-up` (or `make test`, which starts one), "
            "or set KAFKA_BOOTSTRAP_SERVERS"
        )
    return BOOTSTRAP


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Worker:
    """A `tickerwire worker` subprocess with its own app id, topics, web port and data dir."""

    env: dict[str, str]
    settings: Settings
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    started_s: float = 0.0
    ready_s: float = 0.0
    extra_args: list[str] = field(default_factory=list)

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.web_port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.started_s = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streams", "worker", "-l", "info", *self.extra_args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + WORKER_READY_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited early; log:\n{self.log_text()[-4000:]}")
            try:
                if httpx.get(f"{self.web_url}/ready", timeout=1).status_code == 200:
                    self.ready_s = time.monotonic() - self.started_s
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise RuntimeError(
            f"worker not ready in {WORKER_READY_SECONDS}s; log:\n{self.log_text()[-4000:]}"
        )

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def worker_env(tmp: Path, run_id: str, **extra: str) -> dict[str, str]:
    topics = Topics()
    env = dict(os.environ)
    env.update(
        {
            "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
            "TICKERWIRE_APP_ID": f"tickerwire-test-{run_id}",
            "TICKERWIRE_WEB_PORT": str(free_port()),
            "TICKERWIRE_DATA_DIR": str(tmp / "data"),
            "TICKERWIRE_TOPIC_PARTITIONS": "3",
        }
    )
    for name in Topics.__dataclass_fields__:
        env[f"TICKERWIRE_TOPIC_{name.upper()}"] = f"t{run_id}.{getattr(topics, name)}"
    env.update(extra)
    return env


def log_tails(workers: dict[str, Worker]) -> str:
    """The end of each worker's log, to put in a failure message."""
    return "".join(
        f"\n--- end of {name}'s log ({w.log_path}) ---\n{w.log_text()[-LOG_TAIL_CHARS:]}"
        for name, w in workers.items()
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed test that started workers (``make_worker``) shows the end of their logs."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    workers: list[Worker] = getattr(item, "tickerwire_workers", [])
    if report.when == "call" and report.failed and workers:
        named = {f"worker {n}": w for n, w in enumerate(workers)}
        report.sections.append(("worker logs", log_tails(named)))


@pytest.fixture
def make_worker(broker: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """Factory: ``make_worker(**env)`` starts a worker on fresh topics; all are stopped at the end.

    A failed test shows the end of each worker's log (``pytest_runtest_makereport``)."""
    workers: list[Worker] = []
    request.node.tickerwire_workers = workers

    def factory(
        env: dict[str, str] | None = None, *, args: tuple[str, ...] = (), **extra: str
    ) -> Worker:
        run_id = uuid.uuid4().hex[:8]
        env = env or worker_env(tmp_path, run_id, **extra)
        worker = Worker(
            env=env,
            settings=Settings.from_env(env),
            log_path=tmp_path / f"worker-{len(workers)}.log",
            extra_args=list(args),
        )
        workers.append(worker)
        worker.start()
        return worker

    yield factory
    for worker in workers:
        worker.stop()


async def produce(settings: Settings, topic: str, items: list[tuple[bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    await producer.start()
    try:
        for key, value in items:
            await producer.send_and_wait(topic, key=key, value=value)
    finally:
        await producer.stop()


async def _read(
    settings: Settings, topic: str, *, count: int | None, timeout: float
) -> list[tuple[bytes | None, dict]]:
    """Messages of ``topic`` from the beginning: until ``count`` are read or ``timeout`` passes
    (with ``count=None``, up to the end the topic had when reading started)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    out: list[tuple[bytes | None, dict]] = []
    try:
        deadline = time.monotonic() + timeout
        tps = await topic_partitions(consumer, topic, timeout=timeout)
        if not tps:
            return out
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)

        async def more() -> bool:
            if count is not None:
                return len(out) < count
            return any([await consumer.position(tp) < end for tp, end in ends.items()])

        while time.monotonic() < deadline and await more():
            batch = await consumer.getmany(timeout_ms=1000)
            for records in batch.values():
                out.extend((r.key, orjson.loads(r.value)) for r in records)
    finally:
        # aiokafka's group-less coordinator can raise CancelledError when stopped early.
        with contextlib.suppress(asyncio.CancelledError):
            await consumer.stop()
    return out


async def read_all(settings: Settings, topic: str) -> list[tuple[bytes | None, dict]]:
    """Everything on ``topic`` up to its current end (nothing if the topic does not exist)."""
    return await _read(settings, topic, count=None, timeout=10.0)


async def consume(
    settings: Settings, topic: str, *, count: int, timeout: float = 30.0
) -> list[tuple[bytes | None, dict]]:
    """Read ``count`` messages of ``topic`` from the beginning (fails the test on timeout)."""
    out = await _read(settings, topic, count=count, timeout=timeout)
    assert len(out) >= count, f"expected {count} messages on {topic}, got {len(out)} in {timeout}s"
    return out


async def quiet(settings: Settings, topic: str, *, seconds: float = 3.0) -> list[dict]:
    """Everything on ``topic`` after waiting ``seconds`` (to assert that nothing else came)."""
    await asyncio.sleep(seconds)
    return [value for _, value in await read_all(settings, topic)]
