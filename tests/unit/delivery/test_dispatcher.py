"""Dispatcher bookkeeping without a broker: replay, ownership, and what each outcome writes."""

from __future__ import annotations

import time
from typing import Any

import httpx
import orjson

from streams.delivery.dispatcher import WebhookDispatcher
from streams.delivery.pending import new_delivery
from streams.delivery.retry import RetryPolicy
from streams.delivery.signing import new_secret
from streams.delivery.urlguard import URLGuard
from streams.records import Filter, Outcome, Subscription, WebhookTarget
from streams.settings import Settings

SETTINGS = Settings()
SUB = Subscription(
    id="sub_1",
    filter=Filter(),
    target=WebhookTarget("https://hooks.test/h", new_secret()),
    created_at="2026-01-05T08:00:00Z",
    updated_at="2026-01-05T08:00:00Z",
)


class FakeWriter:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, bytes | None, int | None]] = []

    async def send(
        self, topic: str, *, key: bytes, value: bytes | None, partition: int | None = None
    ) -> None:
        self.sent.append((topic, key, value, partition))


class FakeHTTP:
    def __init__(self, handler: Any) -> None:
        self.client = httpx.AsyncClient(transport=httpx.MockTransport(handler))


class FakeSubscriptions:
    ready = True

    def get(self, key: bytes) -> Subscription | None:
        return SUB if key == SUB.id.encode() else None

    async def wait_ready(self) -> None:
        return None


def dispatcher(
    handler: Any = lambda r: httpx.Response(200),
) -> tuple[WebhookDispatcher, FakeWriter]:
    writer = FakeWriter()
    d = WebhookDispatcher(
        SETTINGS,
        http=FakeHTTP(handler),  # type: ignore[arg-type]
        writer=writer,  # type: ignore[arg-type]
        subscriptions=FakeSubscriptions(),  # type: ignore[arg-type]
        guard=URLGuard.of(["hooks.test"]),
        policy=RetryPolicy(schedule=(0, 60, 60), jitter=0),
    )
    return d, writer


def job(n: int, *, next_in: float = 3600.0):  # type: ignore[no-untyped-def]
    alert = {"schema": "alert.v1", "alert_id": f"alrt_{n:024x}"}
    return new_delivery(SUB.id, alert, now=time.time() + next_in, now_text="2026-01-05T08:00:00Z")


async def test_dispatcher_replay_keeps_only_live_entries() -> None:
    d, _ = dispatcher()
    a, b = job(1), job(2)
    d._loading[0] = 3
    d._replay[0] = {}
    d._on_record(0, a.key, a.to_bytes(), 0)
    d._on_record(0, b.key, b.to_bytes(), 1)
    d._on_record(0, a.key, None, 2)
    assert d.pending == 0, "nothing runs before the partition is replayed"
    d._replayed(0)
    assert set(d._jobs) == {b.delivery_id}
    d.release({0})
    assert d.pending == 0 and not d._timers


async def test_dispatcher_ignores_its_own_writes_of_finished_deliveries() -> None:
    d, _ = dispatcher()
    a = job(1)
    d._done[a.delivery_id] = None
    d._on_record(1, a.key, a.to_bytes(), 5)
    assert d.pending == 0


async def test_dispatcher_retry_persists_the_attempt_and_rearms() -> None:
    d, writer = dispatcher(lambda r: httpx.Response(503))
    a = job(1)
    d._adopt(a.to_bytes(), 2, 0)
    await d._attempt(a.delivery_id)
    [(topic, key, value, partition)] = writer.sent
    assert topic == SETTINGS.topics.webhook_pending and key == a.key and partition == 2
    saved = orjson.loads(value or b"")
    assert [x["status"] for x in saved["attempts"]] == [503]
    assert saved["next_at"] >= time.time() + 59
    assert a.delivery_id in d._timers


async def test_dispatcher_permanent_failure_dead_letters_then_tombstones() -> None:
    d, writer = dispatcher(lambda r: httpx.Response(410))
    a = job(1)
    d._adopt(a.to_bytes(), 0, 0)
    await d._attempt(a.delivery_id)
    assert [(t, v is None) for t, _, v, _ in writer.sent] == [
        (SETTINGS.topics.webhook_deadletter, False),
        (SETTINGS.topics.webhook_pending, True),
    ]
    letter = orjson.loads(writer.sent[0][2] or b"")
    assert (
        letter["reason"].startswith("permanent failure")
        and letter["endpoint"] == "https://hooks.test:443"
    )
    assert d.pending == 0


async def test_dispatcher_last_scheduled_failure_dead_letters() -> None:
    d, writer = dispatcher(lambda r: httpx.Response(500))
    a = job(1)
    for n in (1, 2):  # two attempts made; the schedule allows three
        a = a.after(Outcome(n, "2026-01-05T08:00:00Z", "retry", 500, "HTTP 500"), next_at=0)
    d._adopt(a.to_bytes(), 0, 0)
    await d._attempt(a.delivery_id)
    letter = orjson.loads(writer.sent[0][2] or b"")
    assert letter["reason"].startswith("gave up after 3 attempts")
    assert writer.sent[1][2] is None
