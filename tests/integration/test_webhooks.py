"""Webhook delivery against the real broker and real HTTP receivers on 127.0.0.1.

Alerts are produced straight onto the worker's ``alerts`` topic (what the delivery agent
consumes), so these tests do not depend on the tagger.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
from aiohttp import web
from standardwebhooks.webhooks import Webhook

from streams.delivery.signing import new_secret
from tests.integration.conftest import consume, free_port, produce, read_all

TOKEN = "test-token"
#: Short schedules: retries within seconds, and enough of them to outlast a restart.
FAST_ENV = {
    "TICKERWIRE_API_TOKEN": TOKEN,
    "TICKERWIRE_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
    "TICKERWIRE_WEBHOOK_RETRY_SCHEDULE": "0,0.5,0.5,0.5,0.5,0.5,0.5,0.5",
    "TICKERWIRE_WEBHOOK_TIMEOUT": "8",
}


@dataclass
class Call:
    at: float
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """An HTTP receiver on 127.0.0.1: ``answer(n)`` gives the status of the n-th call (from 1)."""

    answer: Callable[[int], int] = lambda n: 200
    delay: float = 0.0
    port: int = field(default_factory=free_port)
    calls: list[Call] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.answer(len(self.calls) + 1)
        self.calls.append(Call(time.monotonic(), status, dict(request.headers), body))
        return web.Response(status=status, headers={"Retry-After": "2"} if status == 429 else {})

    def delivered(self) -> list[Call]:
        return [c for c in self.calls if 200 <= c.status < 300]

    def delivered_ids(self) -> set[str]:
        return {c.headers["webhook-id"] for c in self.delivered()}


def alert(
    n: int, *, language: str = "en", tag: str = "partnership", score: float = 0.9
) -> dict[str, Any]:
    """A small valid ``alert.v1``."""
    return {
        "schema": "alert.v1",
        "alert_id": f"alrt_{n:024x}",
        "article_id": f"story-{n}",
        "revision": 0,
        "headline": f"Toyota and Panasonic sign an agreement ({n})",
        "language": language,
        "published_at": "2026-01-05T08:00:00Z",
        "source": "test",
        "url": None,
        "tags": [{"name": tag, "score": score, "evidence": []}],
        "partnership": {"status": "formed", "partners": [["Toyota", "Panasonic"]], "scope": []},
        "entities": [
            {
                "id": "toyota-motor",
                "name": "Toyota Motor",
                "role": "partner",
                "listed": True,
                "listings": [
                    {"symbol": "7203", "mic": "XTKS", "yahoo": "7203.T", "currency": "JPY"}
                ],
                "mentions": [],
                "country": "JP",
            }
        ],
        "received_at": "2026-01-05T08:00:01.000Z",
        "alerted_at": "2026-01-05T08:00:01.100Z",
    }


async def subscribe(worker: Any, body: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=worker.web_url, timeout=15) as client:
        response = await client.post(
            "/subscriptions", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def webhook(worker: Any, receiver: Receiver, filter_: dict[str, Any] | None = None) -> str:
    """Subscribe ``receiver``; gives the secret."""
    secret = new_secret()
    await subscribe(
        worker,
        {"filter": filter_ or {}, "target": {"webhook": {"url": receiver.url, "secret": secret}}},
    )
    return secret


async def send_alerts(worker: Any, alerts: list[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    items = [(b"toyota-motor", orjson.dumps(a)) for a in alerts]
    await produce(worker.settings, worker.settings.topics.alerts, items)
    return items


async def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.1)


def assert_signed(receiver: Receiver, secret: str) -> None:
    hook = Webhook(secret)
    for call in receiver.calls:
        payload = hook.verify(call.body, call.headers)
        assert payload["type"] == "alert.created"
        assert payload["data"]["schema"] == "alert.v1"


async def test_webhooks_retry_dead_letter_isolation_and_topic_targets(make_worker: Any) -> None:
    worker = await asyncio.to_thread(make_worker, **FAST_ENV)
    flaky = await Receiver(answer=lambda n: 500 if n <= 2 else 200).start()
    gone = await Receiver(answer=lambda n: 410).start()
    slow = await Receiver(delay=4.0).start()
    fast = await Receiver().start()
    late = Receiver()  # down (connection refused) until started below
    only_french = await Receiver().start()
    try:
        secrets = {
            "flaky": await webhook(worker, flaky),
            "gone": await webhook(worker, gone),
            "slow": await webhook(worker, slow),
            "fast": await webhook(worker, fast),
            "late": await webhook(worker, late),
        }
        await webhook(worker, only_french, {"languages": ["fr"]})
        desk = f"{worker.settings.topics.alerts}.desk-a"
        await subscribe(
            worker, {"filter": {"tags": ["auto_tech"], "min_score": 0.5}, "target": {"topic": desk}}
        )

        alerts = [
            alert(1),
            alert(2),
            alert(3, tag="auto_tech", score=0.8),
            alert(4, tag="auto_tech", score=0.2),
        ]
        items = await send_alerts(worker, alerts)

        # A slow receiver (4 s per call) does not hold back a fast one.
        await wait_until(lambda: len(fast.delivered()) == 4, 10, "the fast receiver")
        # The slow receiver answers each call after 4 s: had it held the fast one back,
        # one of its calls would have completed first.
        assert not slow.calls, "the fast receiver waited for the slow one"

        # 500, 500, then 200: retried until delivered.
        await wait_until(lambda: len(flaky.delivered_ids()) == 4, 20, "the flaky receiver")
        # Down for a while, then up: every alert arrives.
        await asyncio.sleep(1.5)
        await late.start()
        await wait_until(lambda: len(late.delivered_ids()) == 4, 20, "the late receiver")
        await wait_until(lambda: len(slow.delivered()) == 4, 20, "the slow receiver")

        # 410 is final: one call per alert, then the dead-letter topic, with every attempt.
        letters = await consume(
            worker.settings, worker.settings.topics.webhook_deadletter, count=4, timeout=20
        )
        assert {v["alert_id"] for _, v in letters} == {a["alert_id"] for a in alerts}
        assert all(v["schema"] == "webhook-dead-letter.v1" for _, v in letters)
        assert all([a["status"] for a in v["attempts"]] == [410] for _, v in letters)
        assert len(gone.calls) == 4

        # Kafka target: exactly the alerts its filter selects, with the same key and value bytes.
        selected = await consume(worker.settings, desk, count=1, timeout=15)
        assert [v["alert_id"] for _, v in selected] == [alerts[2]["alert_id"]]
        assert selected[0][0] == items[2][0]
        await asyncio.sleep(1.0)
        assert len(await read_all(worker.settings, desk)) == 1

        for name, receiver in [
            ("flaky", flaky),
            ("gone", gone),
            ("slow", slow),
            ("fast", fast),
            ("late", late),
        ]:
            assert_signed(receiver, secrets[name])
            # One successful call per webhook-id: receivers see each alert once.
            ids = [c.headers["webhook-id"] for c in receiver.delivered()]
            assert len(ids) == len(set(ids)), name
        # Stable ids: every attempt of one alert to one subscription has the same webhook-id.
        assert len({c.headers["webhook-id"] for c in flaky.calls}) == 4
        assert len(flaky.calls) == 6
        assert not only_french.calls
    finally:
        for receiver in (flaky, gone, slow, fast, late, only_french):
            await receiver.stop()


async def test_webhooks_survive_a_sigterm_during_retries_and_the_stop_is_quick(
    make_worker: Any,
) -> None:
    env = dict(FAST_ENV, TICKERWIRE_WEBHOOK_RETRY_SCHEDULE=",".join(["0"] + ["1"] * 40))
    worker = await asyncio.to_thread(make_worker, **env)
    down = {"yes": True}
    receiver = await Receiver(answer=lambda n: 503 if down["yes"] else 200).start()
    try:
        secret = await webhook(worker, receiver)
        alerts = [alert(n) for n in range(10, 15)]
        await send_alerts(worker, alerts)
        await wait_until(
            lambda: len({c.headers["webhook-id"] for c in receiver.calls}) == 5,
            15,
            "first attempts",
        )
        # SIGTERM while deliveries are pending: the worker stops within 10 s (issue 14).
        stopping = time.monotonic()
        await asyncio.to_thread(worker.stop)
        stop_s = time.monotonic() - stopping
        assert stop_s <= 10.0, f"SIGTERM took {stop_s:.1f} s"
        before = len(receiver.calls)
        down["yes"] = False
        await asyncio.sleep(0.5)
        assert len(receiver.calls) == before, "the worker is stopped"

        await asyncio.to_thread(worker.start)
        await wait_until(lambda: len(receiver.delivered_ids()) == 5, 30, "deliveries after restart")
        await asyncio.sleep(1.5)
        assert_signed(receiver, secret)
        ids = [c.headers["webhook-id"] for c in receiver.delivered()]
        assert len(ids) == 5 == len(set(ids))
        # The restarted worker took the deliveries over from webhook.pending, attempts and all.
        second_run = worker.log_text().rsplit("[^Worker]: Starting", 1)[-1]
        replayed = re.findall(r"replayed: (\d+) deliveries pending", second_run)
        assert sum(int(n) for n in replayed) == 5
        assert "attempt 2 to" in second_run
        assert await read_all(worker.settings, worker.settings.topics.webhook_deadletter) == []
    finally:
        await receiver.stop()


async def test_webhooks_retry_429_after_its_retry_after(make_worker: Any) -> None:
    worker = await asyncio.to_thread(make_worker, **FAST_ENV)
    receiver = await Receiver(answer=lambda n: 429 if n == 1 else 200).start()
    try:
        secret = await webhook(worker, receiver)
        await send_alerts(worker, [alert(99)])
        await wait_until(lambda: len(receiver.delivered()) == 1, 15, "delivery after 429")
        assert [c.status for c in receiver.calls] == [429, 200]
        # The schedule says 0.5 s; the receiver's "Retry-After: 2" wins.
        assert receiver.calls[1].at - receiver.calls[0].at >= 1.9
        assert_signed(receiver, secret)
    finally:
        await receiver.stop()
