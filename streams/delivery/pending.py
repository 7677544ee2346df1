"""Pending webhook deliveries and their dead letters: ids, bodies, and making them.

The messages themselves (``PendingDelivery``, ``WebhookDeadLetter``) live in ``streams.records``.

A pending delivery is one alert for one webhook subscription, with every attempt so far and
when the next is due. It lives on the compacted ``webhook.pending`` topic keyed by its id until
it is delivered or dead-lettered (then a tombstone removes it), so a restart loses none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from streams.delivery.webhook import event_body
from streams.records import PendingDelivery, WebhookDeadLetter


def delivery_id(subscription_id: str, alert_id: str) -> str:
    """The ``webhook-id``: the same for an alert and a subscription on every attempt and worker."""
    digest = hashlib.sha256(f"{subscription_id}\x1f{alert_id}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


def event_of(delivery: PendingDelivery) -> bytes:
    """The webhook body of a delivery: the same bytes on every attempt (fixed timestamp)."""
    return event_body(delivery.alert, timestamp=delivery.event_timestamp)


def dead_letter(
    delivery: PendingDelivery, *, endpoint: str | None, reason: str, failed_at: str
) -> WebhookDeadLetter:
    """The dead letter of a delivery that finally failed (``endpoint``: the URL's origin only)."""
    return WebhookDeadLetter(
        delivery_id=delivery.delivery_id,
        subscription_id=delivery.subscription_id,
        alert_id=delivery.alert_id,
        endpoint=endpoint,
        reason=reason,
        attempts=delivery.attempts,
        created_at=delivery.created_at,
        failed_at=failed_at,
        alert=delivery.alert,
    )


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
