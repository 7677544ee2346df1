"""Live alert page: ``GET /`` (the page), ``GET /static/...`` (its files), ``GET /alerts/stream`` (SSE).

The stream sends one ``alert`` event per alert (its alert.v1 JSON), filtered by ``?tag=``,
``?company=`` and ``?language=``; first a ``ready`` event once the feed is reading, then
the recent alerts that pass the filter. With ``TICKERWIRE_API_TOKEN`` set, page and stream
need the token (see ``streams.live.access``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import orjson
from aiohttp import web as aiohttp_web
from faust.web import Request, Response, View

from streams.errors import InvalidMessage
from streams.faust_app import TickerwireApp, app_of
from streams.live.access import COOKIE, allowed, given_token
from streams.live.feed import AlertFilter

log = logging.getLogger(__name__)

#: Seconds between keep-alive comments on an idle stream (proxies drop silent connections).
KEEP_ALIVE_SECONDS = 15.0
#: How long a stream waits for the feed to start before it answers 503.
FEED_READY_SECONDS = 10.0
STATIC = files("streams.live") / "static"
STATIC_FILES = {
    "live.js": "text/javascript",
    "live.css": "text/css",
}


def register(app: TickerwireApp) -> None:
    """Put the page, its files and the alert stream on ``app`` (its ``alert_feed`` feeds them)."""
    app.page("/")(LivePage)
    app.page("/static/{name}")(LiveStatic)
    app.page("/alerts/stream")(AlertStream)


def _token(request: Request) -> str | None:
    return given_token(request.headers, request.query, request.cookies)


def _headers() -> dict[str, str]:
    return {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:",
    }


class LivePage(View):
    """The page; ``?token=`` sets the cookie and redirects to the same page without it."""

    async def get(self, request: Request) -> Response:
        settings = app_of(self).settings
        token = _token(request)
        if not allowed(settings.api_token, token):
            page = (STATIC / "login.html").read_bytes()
            status = 401 if token is None else 403
            return self._html(page, status)
        if "token" in request.query and settings.api_token:
            rest = urlencode([(k, v) for k, v in request.query.items() if k != "token"])
            response = self.bytes(
                b"", status=303, headers={"Location": "/" + (f"?{rest}" if rest else "")}
            )
            response.set_cookie(  # type: ignore[attr-defined]
                COOKIE, request.query["token"], httponly=True, samesite="Strict", path="/"
            )
            return response
        return self._html((STATIC / "index.html").read_bytes(), 200)

    def _html(self, body: bytes, status: int) -> Response:
        headers = {"Content-Type": "text/html; charset=utf-8", **_headers()}
        return self.bytes(body, status=status, headers=headers)


class LiveStatic(View):
    """The page's script and style sheet (served by the worker: no build step, no CDN)."""

    async def get(self, request: Request, name: str) -> Response:  # type: ignore[override]
        content_type = STATIC_FILES.get(name)
        if content_type is None:
            return self.json({"error": f"no file {name!r}"}, status=404)
        body = (STATIC / name).read_bytes()
        return self.bytes(
            body, headers={"Content-Type": f"{content_type}; charset=utf-8", **_headers()}
        )


class AlertStream(View):
    """Server-Sent Events: one ``alert`` event per alert that passes the filter."""

    async def get(self, request: Request) -> Any:
        app = app_of(self)
        if not allowed(app.settings.api_token, _token(request)):
            return self.json({"error": "this stream needs the API token"}, status=401)
        feed = app.alert_feed
        try:
            wanted = AlertFilter.from_query(request.query)
        except InvalidMessage as exc:
            return self.json({"error": str(exc)}, status=400)
        try:
            await feed.wait_ready(FEED_READY_SECONDS)
        except TimeoutError:
            return self.json({"error": "the alert feed is starting; try again"}, status=503)
        stream = aiohttp_web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
            }
        )
        queue = feed.subscribe()
        try:
            await stream.prepare(request)  # type: ignore[arg-type]
            await stream.write(b"retry: 2000\nevent: ready\ndata: {}\n\n")
            for alert in feed.recent():
                if wanted.matches(alert):
                    await stream.write(sse_event(alert))
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), KEEP_ALIVE_SECONDS)
                except TimeoutError:
                    await stream.write(b": keep-alive\n\n")
                    continue
                if item is None:  # the worker is stopping
                    break
                if wanted.matches(item):
                    await stream.write(sse_event(item))
        except (ConnectionResetError, aiohttp_web.HTTPException) as exc:
            log.debug("alert stream closed: %s", exc)
        finally:
            feed.unsubscribe(queue)
        with contextlib.suppress(ConnectionResetError):
            await stream.write_eof()
        return stream


def sse_event(alert: dict[str, Any]) -> bytes:
    """One ``alert`` event (JSON has no raw newlines, so one ``data:`` line holds it)."""
    alert_id = str(alert.get("alert_id", "")).replace("\n", "")
    return b"event: alert\nid: " + alert_id.encode() + b"\ndata: " + orjson.dumps(alert) + b"\n\n"
