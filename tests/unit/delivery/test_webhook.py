"""One attempt: status classification, and ``attempt()`` over an injected httpx transport."""

from __future__ import annotations

import httpx
import orjson
import pytest
from standardwebhooks.webhooks import Webhook

from streams.delivery.signing import new_secret
from streams.delivery.urlguard import URLGuard
from streams.delivery.webhook import attempt, classify_status, endpoint_of, event_body


@pytest.mark.parametrize("status", [200, 201, 202, 204, 299])
def test_webhook_2xx_is_delivered(status: int) -> None:
    assert classify_status(status) == ("delivered", None)


@pytest.mark.parametrize("status", [408, 409, 425, 429, 500, 502, 503, 504, 599])
def test_webhook_retriable_statuses_retry(status: int) -> None:
    assert classify_status(status)[0] == "retry"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 410, 413, 422, 301, 302, 307, 308])
def test_webhook_other_4xx_and_redirects_fail_at_once(status: int) -> None:
    assert classify_status(status)[0] == "failed"


def test_webhook_endpoint_is_the_origin_only() -> None:
    assert endpoint_of("https://h.example.com/secret/path?token=x") == "https://h.example.com:443"
    assert endpoint_of("http://127.0.0.1:8080/hook") == "http://127.0.0.1:8080"


def test_webhook_event_body_wraps_the_alert() -> None:
    body = orjson.loads(event_body({"alert_id": "a"}, timestamp="2026-01-01T00:00:00Z"))
    assert body == {
        "type": "alert.created",
        "timestamp": "2026-01-01T00:00:00Z",
        "data": {"alert_id": "a"},
    }


ALLOW_ALL = URLGuard.of(["hooks.test"])


async def run(handler, url: str = "https://hooks.test/h", guard: URLGuard = ALLOW_ALL):  # type: ignore[no-untyped-def]
    secret = new_secret()
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        outcome = await attempt(
            client,
            guard,
            url=url,
            secret=secret,
            msg_id="msg_1",
            body=b'{"a":1}',
            number=3,
            timeout=2,
        )
    return outcome, secret


async def test_webhook_attempt_sends_signed_json() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    outcome, secret = await run(handler)
    assert outcome.result == "delivered" and outcome.status == 204 and outcome.attempt == 3
    [request] = seen
    assert request.headers["content-type"] == "application/json"
    Webhook(secret).verify(request.content, dict(request.headers))


async def test_webhook_attempt_reads_retry_after_on_429() -> None:
    outcome, _ = await run(lambda r: httpx.Response(429, headers={"Retry-After": "17"}))
    assert (outcome.result, outcome.status, outcome.retry_after) == ("retry", 429, 17.0)


async def test_webhook_attempt_410_fails() -> None:
    outcome, _ = await run(lambda r: httpx.Response(410))
    assert (outcome.result, outcome.status) == ("failed", 410)


async def test_webhook_attempt_connection_error_retries() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    outcome, _ = await run(handler)
    assert (
        outcome.result == "retry"
        and outcome.status is None
        and "ConnectError" in (outcome.error or "")
    )


async def test_webhook_attempt_timeout_retries() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    outcome, _ = await run(handler)
    assert outcome.result == "retry" and "timeout" in (outcome.error or "")


async def test_webhook_attempt_redirect_is_not_followed() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(302, headers={"Location": "https://hooks.test/elsewhere"})

    outcome, _ = await run(handler)
    assert outcome.result == "failed" and calls == ["https://hooks.test/h"]


async def test_webhook_attempt_unsafe_address_fails_without_a_call() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    async def to_loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    outcome, _ = await run(
        handler, url="https://rebound.example.com/h", guard=URLGuard.of((), to_loopback)
    )
    assert outcome.result == "failed" and "loopback" in (outcome.error or "")
    assert not calls
