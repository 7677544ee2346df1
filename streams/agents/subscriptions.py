"""Subscriptions API on the worker's web server: JSON in and out, a bearer token on every call.

    POST   /subscriptions                 create (201)
    GET    /subscriptions                 list
    GET    /subscriptions/{id}            one
    PUT    /subscriptions/{id}            replace (the secret is kept when left out)
    DELETE /subscriptions/{id}            delete (204)
    POST   /subscriptions/{id}/test       send a sample alert now (one attempt)

Subscriptions live on the compacted ``subscriptions`` topic; every worker reads it whole
(the app's ``subscriptions`` reader). Secrets are never logged and come back masked,
except once, in full, when the worker generated them.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import orjson
from aiohttp import web as aiohttp_web
from aiokafka.errors import KafkaError
from faust.web import Request, Response, View

from streams.alerting.subscriptions import (
    Subscription,
    TopicTarget,
    WebhookTarget,
    new_subscription_id,
    parse_subscription,
)
from streams.clock import utc_now
from streams.compacted import CompactedTopicReader
from streams.delivery.clients import KafkaWriter
from streams.delivery.dispatcher import WebhookDispatcher
from streams.delivery.urlguard import URLGuard
from streams.delivery.webhook import endpoint_of, sample_alert
from streams.errors import InvalidSubscription, SubscriptionConflict, SubscriptionNotFound
from streams.faust_app import TickerwireApp, app_of
from streams.settings import Settings

log = logging.getLogger(__name__)

READY_WAIT_SECONDS = 5.0
JSON_TYPES = frozenset({"application/json"})


def register(app: TickerwireApp) -> None:
    """Put the subscriptions API on ``app``."""
    app.page("/subscriptions")(SubscriptionCollection)
    app.page("/subscriptions/{subscription_id}")(SubscriptionItem)
    app.page("/subscriptions/{subscription_id}/test")(SubscriptionTest)


def reserved_topics(settings: Settings) -> frozenset[str]:
    """Topics a subscription may not write to: the worker's own."""
    return frozenset(
        getattr(settings.topics, name) for name in settings.topics.__dataclass_fields__
    )


class ApiError(Exception):
    """An HTTP error answer: ``status`` and the message for ``{"error": ...}``."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra


Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Response]])


def api(handler: Handler) -> Handler:
    """Token check first, then the handler; errors become ``{"error": ...}`` with their status."""

    @functools.wraps(handler)
    async def wrapper(self: SubscriptionsView, request: Request, **kwargs: Any) -> Response:
        try:
            self.authorise(request)
            return await handler(self, request, **kwargs)
        except ApiError as exc:
            headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
            return self.error(exc.status, str(exc), headers=headers, **exc.extra)
        except InvalidSubscription as exc:
            return self.error(422, str(exc))
        except SubscriptionNotFound as exc:
            return self.error(404, str(exc))
        except SubscriptionConflict as exc:
            return self.error(409, str(exc))
        except KafkaError as exc:
            log.warning("subscriptions API: Kafka unavailable (%s)", exc)
            return self.error(503, "the subscription store is unavailable; try again")

    return cast(Handler, wrapper)


class SubscriptionsView(View):
    """Shared checks; every method answers, so unsupported ones give a JSON 405."""

    allowed: tuple[str, ...] = ()

    def _not_allowed(self, request: Request) -> Response:
        return self.error(
            405,
            f"method {request.method} not allowed here (allowed: {', '.join(self.allowed)})",
            headers={"Allow": ", ".join(self.allowed)},
        )

    async def get(self, request: Request, **kwargs: Any) -> Response:
        return self._not_allowed(request)

    async def post(self, request: Request, **kwargs: Any) -> Response:
        return self._not_allowed(request)

    async def put(self, request: Request, **kwargs: Any) -> Response:
        return self._not_allowed(request)

    async def patch(self, request: Request, **kwargs: Any) -> Response:
        return self._not_allowed(request)

    async def delete(self, request: Request, **kwargs: Any) -> Response:
        return self._not_allowed(request)

    # The app's services this view uses.
    @property
    def settings(self) -> Settings:
        return app_of(self).settings

    @property
    def subscriptions(self) -> CompactedTopicReader[Subscription]:
        return app_of(self).subscriptions

    @property
    def writer(self) -> KafkaWriter:
        return app_of(self).writer

    @property
    def guard(self) -> URLGuard:
        return app_of(self).url_guard

    @property
    def dispatcher(self) -> WebhookDispatcher:
        return app_of(self).dispatcher

    def authorise(self, request: Request) -> None:
        token = self.settings.api_token
        if not token:
            raise ApiError(
                503, "the subscriptions API is disabled: set TICKERWIRE_API_TOKEN on the worker"
            )
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(401, "missing bearer token: send 'Authorization: Bearer <token>'")
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "wrong bearer token")

    async def body(self, request: Request) -> Any:
        content_type = getattr(request, "content_type", "") or ""
        if content_type.lower() not in JSON_TYPES:
            raise ApiError(415, "the body must be JSON: send 'Content-Type: application/json'")
        length = getattr(request, "content_length", None)
        if length is not None and length > self.settings.api_max_body_bytes:
            raise ApiError(413, f"the body is larger than {self.settings.api_max_body_bytes} bytes")
        try:
            raw = await request.read()
        except aiohttp_web.HTTPRequestEntityTooLarge:
            raise ApiError(
                413, f"the body is larger than {self.settings.api_max_body_bytes} bytes"
            ) from None
        if len(raw) > self.settings.api_max_body_bytes:
            raise ApiError(413, f"the body is larger than {self.settings.api_max_body_bytes} bytes")
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ApiError(400, f"the body is not valid JSON: {exc}") from None

    async def ready(self) -> None:
        try:
            await self.subscriptions.wait_ready(READY_WAIT_SECONDS)
        except TimeoutError:
            raise ApiError(503, "subscriptions are still loading; try again shortly") from None

    def find(self, subscription_id: str) -> Subscription:
        found = self.subscriptions.get(subscription_id.encode())
        if found is None:
            raise SubscriptionNotFound(f"no subscription {subscription_id!r}")
        return found

    async def check_target(self, subscription: Subscription) -> None:
        if isinstance(subscription.target, WebhookTarget):
            await self.guard.check(subscription.target.url, at_delivery=False)
        else:
            await self.writer.ensure_topic(subscription.target.topic)

    async def store(self, subscription_id: str, value: bytes | None) -> None:
        """Write to the topic and wait until this worker has read it back (read your writes)."""
        meta = await self.writer.send(
            self.settings.topics.subscriptions, key=subscription_id.encode(), value=value
        )
        try:
            await self.subscriptions.wait_for(meta.partition, meta.offset)
        except TimeoutError:
            log.warning("subscription %s written but not read back yet", subscription_id)

    def shown(self, subscription: Subscription, *, generated: bool = False) -> dict[str, Any]:
        """What the API answers: the secret masked, unless the worker has just generated it."""
        return subscription.to_dict(mask=not generated)


def _describe(subscription: Subscription) -> str:
    target = subscription.target
    if isinstance(target, TopicTarget):
        return f"topic {target.topic}"
    return f"webhook {endpoint_of(target.url)}"


class SubscriptionCollection(SubscriptionsView):
    """List and create."""

    allowed = ("GET", "POST")

    @api
    async def get(self, request: Request, **kwargs: Any) -> Response:
        await self.ready()
        items = sorted(self.subscriptions.values(), key=lambda s: (s.created_at, s.id))
        return self.json({"subscriptions": [self.shown(s) for s in items]})

    @api
    async def post(self, request: Request, **kwargs: Any) -> Response:
        data = await self.body(request)
        await self.ready()
        subscription_id = data.get("id") if isinstance(data, dict) else None
        if subscription_id is None:
            subscription_id = new_subscription_id()
        elif not isinstance(subscription_id, str):
            raise InvalidSubscription("'id' must be a string")
        if self.subscriptions.get(subscription_id.encode()) is not None:
            raise SubscriptionConflict(f"subscription {subscription_id!r} exists already")
        subscription, generated = parse_subscription(
            data, id=subscription_id, now=utc_now(), reserved_topics=reserved_topics(self.settings)
        )
        await self.check_target(subscription)
        await self.store(subscription.id, orjson.dumps(subscription.to_dict()))
        log.info("subscription %s created (%s)", subscription.id, _describe(subscription))
        return self.json(self.shown(subscription, generated=generated), status=201)


class SubscriptionItem(SubscriptionsView):
    """Read, replace, delete."""

    allowed = ("GET", "PUT", "DELETE")

    @api
    async def get(self, request: Request, subscription_id: str, **kwargs: Any) -> Response:  # type: ignore[override]
        await self.ready()
        return self.json(self.shown(self.find(subscription_id)))

    @api
    async def put(self, request: Request, subscription_id: str, **kwargs: Any) -> Response:  # type: ignore[override]
        data = await self.body(request)
        await self.ready()
        previous = self.find(subscription_id)
        subscription, generated = parse_subscription(
            data,
            id=subscription_id,
            now=utc_now(),
            previous=previous,
            reserved_topics=reserved_topics(self.settings),
        )
        await self.check_target(subscription)
        await self.store(subscription.id, orjson.dumps(subscription.to_dict()))
        log.info("subscription %s replaced (%s)", subscription.id, _describe(subscription))
        return self.json(self.shown(subscription, generated=generated))

    @api
    async def delete(self, request: Request, subscription_id: str, **kwargs: Any) -> Response:  # type: ignore[override]
        await self.ready()
        self.find(subscription_id)
        await self.store(subscription_id, None)
        log.info("subscription %s deleted", subscription_id)
        return self.bytes(b"", status=204)


class SubscriptionTest(SubscriptionsView):
    """Send a sample alert to the subscription's target now: one attempt, no retries."""

    allowed = ("POST",)

    @api
    async def post(self, request: Request, subscription_id: str, **kwargs: Any) -> Response:  # type: ignore[override]
        await self.ready()
        subscription = self.find(subscription_id)
        alert = sample_alert(f"alrt_{secrets.token_hex(12)}", now=utc_now())
        target = subscription.target
        if isinstance(target, TopicTarget):
            await self.writer.ensure_topic(target.topic)
            meta = await self.writer.send(
                target.topic, key=b"tickerwire-test", value=orjson.dumps(alert)
            )
            return self.json(
                {
                    "delivered": True,
                    "topic": target.topic,
                    "partition": meta.partition,
                    "offset": meta.offset,
                    "alert_id": alert["alert_id"],
                }
            )
        outcome = await self.dispatcher.send_test(subscription, alert)
        log.info(
            "subscription %s test to %s: %s %s",
            subscription.id,
            endpoint_of(target.url),
            outcome.result,
            outcome.status,
        )
        if outcome.result == "delivered":
            return self.json({"delivered": True, "outcome": outcome.to_dict()})
        raise ApiError(502, f"test delivery failed: {outcome.error}", outcome=outcome.to_dict())
