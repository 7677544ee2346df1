"""Subscriptions: API JSON -> a validated ``Subscription`` (``subscription.v1``), and back.

A subscription is a filter over alerts and one target: a webhook (URL and ``whsec_`` secret)
or a Kafka topic. Validation here is about form; whether a webhook URL is safe to call is
``streams.delivery.urlguard``'s job, since it needs DNS.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from streams.delivery.signing import new_secret, secret_key
from streams.errors import InvalidSubscription
from streams.records import (
    LANGUAGES,
    TAG_NAMES,
    Filter,
    Subscription,
    Target,
    TopicTarget,
    WebhookTarget,
    subscription_from_dict,
)

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

SCHEMA = "subscription.v1"
PARTNERSHIP_STATUSES: tuple[str, ...] = ("exploring", "formed", "expanded", "terminated")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
TOPIC_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
MAX_VALUES = 500
MAX_VALUE_LENGTH = 100
MAX_DESCRIPTION = 500


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

    ``previous`` is the stored version on update: its ``created_at`` is kept, and so is its
    secret when the body leaves the secret out.
    """
    if not isinstance(data, Mapping):
        raise InvalidSubscription("the body must be a JSON object")
    _no_unknown(data, {"id", "description", "filter", "target", "schema"}, "subscription")
    if "id" in data and data["id"] != id:
        raise InvalidSubscription("'id' does not match the subscription's id")
    if not ID_PATTERN.match(id):
        raise InvalidSubscription(
            "'id' must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"
        )
    if "schema" in data and data["schema"] != SCHEMA:
        raise InvalidSubscription(f"'schema' must be {SCHEMA!r}")
    description = data.get("description")
    if description is not None and (
        not isinstance(description, str) or len(description) > MAX_DESCRIPTION
    ):
        raise InvalidSubscription(f"'description' must be a string of at most {MAX_DESCRIPTION}")
    filter_ = parse_filter(data.get("filter", {}))
    if "target" not in data:
        raise InvalidSubscription('\'target\' is required: {"webhook": {...}} or {"topic": ...}')
    previous_secret = (
        previous.target.secret
        if previous is not None and isinstance(previous.target, WebhookTarget)
        else None
    )
    target, generated = parse_target(
        data["target"], previous_secret=previous_secret, reserved_topics=reserved_topics
    )
    subscription = Subscription(
        id=id,
        filter=filter_,
        target=target,
        created_at=previous.created_at if previous else now,
        updated_at=now,
        description=description,
    )
    return subscription, generated


def parse_filter(data: Any) -> Filter:
    if not isinstance(data, Mapping):
        raise InvalidSubscription("'filter' must be a JSON object")
    _no_unknown(
        data,
        {
            "tags",
            "companies",
            "languages",
            "countries",
            "sectors",
            "min_score",
            "partnership_status",
        },
        "filter",
    )
    min_score = data.get("min_score")
    if min_score is not None:
        if isinstance(min_score, bool) or not isinstance(min_score, int | float):
            raise InvalidSubscription("'filter.min_score' must be a number from 0 to 1")
        if not 0 <= min_score <= 1:
            raise InvalidSubscription("'filter.min_score' must be a number from 0 to 1")
        min_score = float(min_score)
    return Filter(
        tags=_strings(data, "tags", allowed=TAG_NAMES),
        companies=_strings(data, "companies"),
        languages=_strings(data, "languages", allowed=LANGUAGES),
        countries=tuple(
            _check_country(c) for c in _strings(data, "countries", transform=str.upper)
        ),
        sectors=_strings(data, "sectors"),
        min_score=min_score,
        partnership_status=_strings(data, "partnership_status", allowed=PARTNERSHIP_STATUSES),
    )


def parse_target(
    data: Any, *, previous_secret: str | None = None, reserved_topics: Iterable[str] = ()
) -> tuple[Target, bool]:
    if (
        not isinstance(data, Mapping)
        or len(data) != 1
        or next(iter(data)) not in ("webhook", "topic")
    ):
        raise InvalidSubscription(
            '\'target\' must be exactly one of {"webhook": {"url": ..., "secret": ...}} '
            'or {"topic": "..."}'
        )
    if "topic" in data:
        return TopicTarget(_check_topic(data["topic"], reserved_topics)), False
    hook = data["webhook"]
    if not isinstance(hook, Mapping):
        raise InvalidSubscription("'target.webhook' must be a JSON object with 'url' and 'secret'")
    _no_unknown(hook, {"url", "secret"}, "target.webhook")
    url = hook.get("url")
    if not isinstance(url, str) or not url:
        raise InvalidSubscription("'target.webhook.url' is required")
    secret = hook.get("secret")
    generated = False
    if secret is None:
        secret = previous_secret
        if secret is None:
            secret, generated = new_secret(), True
    elif not isinstance(secret, str):
        raise InvalidSubscription("'target.webhook.secret' must be a string 'whsec_<base64>'")
    else:
        secret_key(secret)
    return WebhookTarget(url=url, secret=secret), generated


def _no_unknown(data: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise InvalidSubscription(
            f"unknown field(s) in {where}: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )


def _strings(
    data: Mapping[str, Any],
    name: str,
    *,
    allowed: tuple[str, ...] | None = None,
    transform: Any = None,
) -> tuple[str, ...]:
    values = data.get(name)
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InvalidSubscription(f"'filter.{name}' must be a list of non-empty strings")
    if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE_LENGTH for v in values):
        raise InvalidSubscription(
            f"'filter.{name}' takes at most {MAX_VALUES} values of {MAX_VALUE_LENGTH} characters"
        )
    out = [v.strip() for v in values]
    if transform is not None:
        out = [transform(v) for v in out]
    if allowed is not None:
        bad = [v for v in out if v not in allowed]
        if bad:
            raise InvalidSubscription(
                f"'filter.{name}' has unknown value(s) {', '.join(bad)} (known: {', '.join(allowed)})"
            )
    return tuple(dict.fromkeys(out))


def _check_country(code: str) -> str:
    if not COUNTRY_PATTERN.match(code):
        raise InvalidSubscription(f"'filter.countries' takes ISO 3166 alpha-2 codes, not {code!r}")
    return code


def _check_topic(topic: Any, reserved: Iterable[str]) -> str:
    if not isinstance(topic, str) or not TOPIC_PATTERN.match(topic) or topic in (".", ".."):
        raise InvalidSubscription(
            "'target.topic' must be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'"
        )
    if topic.startswith("__"):
        raise InvalidSubscription("'target.topic' must not be a Kafka-internal topic ('__...')")
    if topic in set(reserved):
        raise InvalidSubscription(f"'target.topic' {topic!r} is one of Tickerwire's own topics")
    return topic
