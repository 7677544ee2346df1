"""Pending webhook deliveries (``webhook-pending.v1``) and their dead letters (``webhook-dead-letter.v1``).

A pending delivery is one alert for one webhook subscription, with every attempt so far and
when the next is due. It lives on the compacted ``webhook.pending`` topic keyed by its id until
it is delivered or dead-lettered (then a tombstone removes it), so a restart loses none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import orjson

from streams.delivery.webhook import Outcome, event_body

PENDING_SCHEMA = "webhook-pending.v1"
DEAD_LETTER_SCHEMA = "webhook-dead-letter.v1"


def delivery_id(subscription_id: str, alert_id: str) -> str:
    """The ``webhook-id``: the same for an alert and a subscription on every attempt and worker."""
    digest = hashlib.sha256(f"{subscription_id}\x1f{alert_id}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


@dataclass(frozen=True, slots=True)
class PendingDelivery:
    """One alert on its way to one webhook subscription."""

    #: Also the ``webhook-id`` header and the Kafka key on ``webhook.pending``.
    delivery_id: str
    subscription_id: str
    alert_id: str
    #: The message (``alert.v2`` or ``alert-retraction.v1`` JSON) as it came from ``alerts``.
    alert: Mapping[str, Any]
    #: The event's ``timestamp`` in the body: fixed at creation, so every attempt sends the same body.
    event_timestamp: str
    created_at: str
    #: When the next attempt is due (Unix seconds).
    next_at: float
    attempts: tuple[Outcome, ...] = ()

    @property
    def key(self) -> bytes:
        return self.delivery_id.encode()

    def body(self) -> bytes:
        return event_body(self.alert, timestamp=self.event_timestamp)

    def after(self, outcome: Outcome, *, next_at: float) -> PendingDelivery:
        return replace(self, attempts=(*self.attempts, outcome), next_at=next_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": PENDING_SCHEMA,
            "delivery_id": self.delivery_id,
            "subscription_id": self.subscription_id,
            "alert_id": self.alert_id,
            "event_timestamp": self.event_timestamp,
            "created_at": self.created_at,
            "next_at": self.next_at,
            "attempts": [a.to_dict() for a in self.attempts],
            "alert": self.alert,
        }

    def to_bytes(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_bytes(cls, raw: bytes) -> PendingDelivery:
        d = orjson.loads(raw)
        if not isinstance(d, dict) or d.get("schema") != PENDING_SCHEMA:
            raise ValueError(f"not a {PENDING_SCHEMA} message")
        return cls(
            delivery_id=d["delivery_id"],
            subscription_id=d["subscription_id"],
            alert_id=d["alert_id"],
            alert=d["alert"],
            event_timestamp=d["event_timestamp"],
            created_at=d["created_at"],
            next_at=float(d["next_at"]),
            attempts=tuple(Outcome.from_dict(a) for a in d.get("attempts", ())),
        )


def dead_letter(
    delivery: PendingDelivery, *, endpoint: str | None, reason: str, failed_at: str
) -> dict[str, Any]:
    """The ``webhook-dead-letter.v1`` message for a delivery that finally failed.

    ``endpoint`` is the URL's origin only: paths and queries often hold tokens.
    """
    return {
        "schema": DEAD_LETTER_SCHEMA,
        "delivery_id": delivery.delivery_id,
        "subscription_id": delivery.subscription_id,
        "alert_id": delivery.alert_id,
        "endpoint": endpoint,
        "reason": reason,
        "attempts": [a.to_dict() for a in delivery.attempts],
        "created_at": delivery.created_at,
        "failed_at": failed_at,
        "alert": delivery.alert,
    }


def new_delivery(
    subscription_id: str, alert: Mapping[str, Any], *, now: float, now_text: str
) -> PendingDelivery:
    """The pending delivery of ``alert`` to a subscription, due at once."""
    alert_id = str(alert["alert_id"])
    # A retraction is about an alert already delivered: its own id keeps the webhook-id apart.
    message_id = str(alert.get("retraction_id") or alert_id)
    return PendingDelivery(
        delivery_id=delivery_id(subscription_id, message_id),
        subscription_id=subscription_id,
        alert_id=alert_id,
        alert=alert,
        event_timestamp=now_text,
        created_at=now_text,
        next_at=now,
    )
