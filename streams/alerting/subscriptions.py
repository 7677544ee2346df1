"""Subscriptions: an API body (``subscription-request.v1``) -> a ``Subscription`` (``subscription.v1``).

A subscription is a filter over alerts and one target: a webhook (URL and ``whsec_`` secret)
or a Kafka topic. Validation here is about form; whether a webhook URL is safe to call is
``streams.delivery.urlguard``'s job, since it needs DNS.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from streams.delivery.signing import new_secret, secret_key
from streams.errors import InvalidSubscription
from streams.records import (
    Filter,
    Subscription,
    Target,
    TopicTarget,
    WebhookTarget,
    subscription_from_dict,
)
from streams.schemas import first_problem

#: The records are ``streams.records``'; named here too for the modules that parse with them.
__all__ = [
    "Filter",
    "Subscription",
    "TopicTarget",
    "WebhookTarget",
    "new_subscription_id",
    "parse_subscription",
    "subscription_from_dict",
]

REQUEST_SCHEMA = "subscription-request.v1"


def new_subscription_id() -> str:
    return "sub_" + secrets.token_hex(12)


def parse_subscription(
    data: Any,
    *,
    id: str,
    now: str,
    previous: Subscription | None = None,
    reserved_topics: Iterable[str] = (),
) -> tuple[Subscription, bool]:
    """A subscription from an API body; also whether its secret was generated here.

    The body is checked against ``schemas/subscription-request.v1.json`` (the first problem is
    reported with its JSON path, as ``streams.ingest.parse`` does); what a schema cannot say is
    checked after: the body's id against the path's, the secret's base64, and topics that are
    Tickerwire's own or Kafka-internal. ``previous`` is the stored version on update: its
    ``created_at`` is kept, and so is its secret when the body leaves the secret out.
    """
    if isinstance(data, Mapping) and "id" in data and data["id"] != id:
        raise InvalidSubscription("'id' does not match the subscription's id")
    request = {**data, "id": id} if isinstance(data, Mapping) else data
    problem = first_problem(REQUEST_SCHEMA, request)
    if problem:
        raise InvalidSubscription(problem)
    previous_secret = (
        previous.target.secret
        if previous is not None and isinstance(previous.target, WebhookTarget)
        else None
    )
    target, generated = _target(data["target"], previous_secret, reserved_topics)
    subscription = Subscription(
        id=id,
        filter=_filter(data.get("filter", {})),
        target=target,
        created_at=previous.created_at if previous else now,
        updated_at=now,
        description=data.get("description"),
    )
    return subscription, generated


def _filter(data: Mapping[str, Any]) -> Filter:
    """The schema-valid filter, normalised: values trimmed and once, countries upper-case."""

    def values(name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.strip() for v in data.get(name, ())))

    min_score = data.get("min_score")
    return Filter(
        tags=values("tags"),
        companies=values("companies"),
        languages=values("languages"),
        countries=tuple(dict.fromkeys(c.upper() for c in values("countries"))),
        sectors=values("sectors"),
        min_score=None if min_score is None else float(min_score),
        partnership_status=values("partnership_status"),
    )


def _target(
    data: Mapping[str, Any], previous_secret: str | None, reserved_topics: Iterable[str]
) -> tuple[Target, bool]:
    if "topic" in data:
        topic = data["topic"]
        if topic in (".", ".."):
            raise InvalidSubscription(f"'target.topic' {topic!r} is not a Kafka topic name")
        if topic.startswith("__"):
            raise InvalidSubscription("'target.topic' must not be a Kafka-internal topic ('__...')")
        if topic in set(reserved_topics):
            raise InvalidSubscription(f"'target.topic' {topic!r} is one of Tickerwire's own topics")
        return TopicTarget(topic), False
    hook = data["webhook"]
    secret = hook.get("secret")
    if secret is not None:
        secret_key(secret)  # raises InvalidSubscription naming what is wrong with it
        return WebhookTarget(url=hook["url"], secret=secret), False
    if previous_secret is not None:
        return WebhookTarget(url=hook["url"], secret=previous_secret), False
    return WebhookTarget(url=hook["url"], secret=new_secret()), True
