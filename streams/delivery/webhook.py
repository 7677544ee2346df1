"""One webhook attempt: URL, secret, message id and body -> an ``Outcome`` (delivered, retry, failed).

The caller owns the ``httpx.AsyncClient`` (one per worker, opened and closed by a service).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from streams.clock import utc_now
from streams.delivery.pinning import pinned
from streams.delivery.retry import parse_retry_after
from streams.delivery.signing import webhook_headers
from streams.delivery.urlguard import URLGuard
from streams.errors import DeliveryError, UnsafeWebhookURL
from streams.records import Outcome, Result, WebhookEvent

EVENT_TYPE = "alert.created"
UPDATED_EVENT_TYPE = "alert.updated"
RETRACTED_EVENT_TYPE = "alert.retracted"
TEST_EVENT_TYPE = "alert.test"
USER_AGENT = "Tickerwire-Webhooks/1"
#: 4xx answers that say "later" rather than "never".
RETRIABLE_CLIENT_ERRORS = frozenset({408, 409, 425, 429})


def classify_status(status: int) -> tuple[Result, str | None]:
    """An HTTP status -> delivered / retry / failed, and the reason when not delivered."""
    if 200 <= status < 300:
        return "delivered", None
    if status in RETRIABLE_CLIENT_ERRORS or 500 <= status < 600:
        return "retry", f"HTTP {status}"
    if 300 <= status < 400:
        return "failed", f"HTTP {status}: redirects are not followed"
    return "failed", f"HTTP {status}"


def endpoint_of(url: str) -> str:
    """The origin of a URL (``https://host:port``): the unit of queueing, and safe to log."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{parts.hostname}:{port}"


def event_type_of(message: Mapping[str, Any]) -> str:
    """The event a message on ``alerts`` makes: a retraction, an alert that supersedes one, or a new alert."""
    if message.get("schema") == "alert-retraction.v1":
        return RETRACTED_EVENT_TYPE
    return UPDATED_EVENT_TYPE if message.get("supersedes") else EVENT_TYPE


def event_body(alert: Mapping[str, Any], *, timestamp: str, event_type: str | None = None) -> bytes:
    """The webhook payload (``webhook-event.v2``): the message wrapped with its type and timestamp."""
    kind = event_type or event_type_of(alert)
    return WebhookEvent(type=kind, timestamp=timestamp, data=alert).to_bytes()


async def attempt(
    client: httpx.AsyncClient,
    guard: URLGuard,
    *,
    url: str,
    secret: str,
    msg_id: str,
    body: bytes,
    number: int,
    timeout: float,
) -> Outcome:
    """POST ``body`` once, signed; never raises for a failed call, only reports it."""
    started = time.monotonic()
    at = utc_now()

    def outcome(result: Result, status: int | None, error: str | None, **kw: Any) -> Outcome:
        ms = int((time.monotonic() - started) * 1000)
        return Outcome(number, at, result, status, error, ms, **kw)

    try:
        addresses = await guard.check(url, at_delivery=True)
    except UnsafeWebhookURL as exc:
        return outcome("failed", None, str(exc))
    except DeliveryError as exc:
        return outcome("retry" if exc.retriable else "failed", None, str(exc))
    headers = webhook_headers(secret, msg_id, int(time.time()), body)
    headers["content-type"] = "application/json"
    headers["user-agent"] = USER_AGENT
    try:
        # Dial the address the guard vetted, not whatever a second lookup would give.
        with pinned(url, addresses[0] if addresses else None):
            async with asyncio.timeout(timeout):
                request = client.build_request("POST", url, content=body, headers=headers)
                # stream=True: the status and headers are all we need; a huge body is never read.
                response = await client.send(request, stream=True, follow_redirects=False)
                await response.aclose()
    except (TimeoutError, httpx.TimeoutException):
        return outcome("retry", None, f"timeout after {timeout:g}s")
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        return outcome("failed", None, f"{type(exc).__name__}: {exc}")
    except httpx.TransportError as exc:
        return outcome(
            "retry", None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        )
    result, error = classify_status(response.status_code)
    retry_after = None
    if result == "retry":
        retry_after = parse_retry_after(response.headers.get("retry-after"))
    return outcome(result, response.status_code, error, retry_after=retry_after)


def sample_alert(alert_id: str, *, now: str) -> dict[str, Any]:
    """A made-up ``alert.v2`` for the API's test call (sent as ``alert.test``, never as a real alert)."""
    return {
        "schema": "alert.v2",
        "alert_id": alert_id,
        "article_id": "tickerwire-test",
        "revision": 0,
        "headline": "Tickerwire test alert: Toyota and Panasonic sign an EV battery agreement",
        "language": "en",
        "published_at": now,
        "source": "tickerwire",
        "url": None,
        "tags": [{"name": "partnership", "score": 0.9, "evidence": []}],
        "partnership": {
            "status": "formed",
            "partners": [["Toyota Motor", "Panasonic Holdings"]],
            "scope": ["batteries"],
        },
        "entities": [],
        "received_at": now,
        "alerted_at": now,
        "fingerprint": "fp_" + "0" * 24,
        "supersedes": None,
    }
