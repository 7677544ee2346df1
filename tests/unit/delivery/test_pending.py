"""Pending deliveries: stable ids, byte-stable bodies, round trips that validate against the schemas."""

from __future__ import annotations

import orjson

from streams.delivery.pending import dead_letter, delivery_id, event_of, new_delivery
from streams.records import Outcome, PendingDelivery
from streams.schemas import SCHEMAS_DIR, validator

ALERT = orjson.loads((SCHEMAS_DIR / "examples" / "alert.v1.json").read_bytes())


def test_pending_delivery_id_is_stable_per_alert_and_subscription() -> None:
    assert delivery_id("sub_a", "alrt_1") == delivery_id("sub_a", "alrt_1")
    assert delivery_id("sub_a", "alrt_1") != delivery_id("sub_b", "alrt_1")
    assert delivery_id("sub_a", "alrt_1") != delivery_id("sub_a", "alrt_2")


def test_pending_round_trip_keeps_attempts_and_body() -> None:
    job = new_delivery("sub_a", ALERT, now=1000.0, now_text="2026-01-05T08:00:00.000Z")
    outcome = Outcome(1, "2026-01-05T08:00:00.100Z", "retry", 503, "HTTP 503", 12, 5.0)
    job = job.after(outcome, next_at=1005.0)
    back = PendingDelivery.from_bytes(job.to_bytes())
    assert back == job
    assert event_of(back) == event_of(job)
    validator("webhook-pending.v1").validate(orjson.loads(job.to_bytes()))


def test_pending_dead_letter_validates_and_keeps_every_attempt() -> None:
    job = new_delivery("sub_a", ALERT, now=1000.0, now_text="2026-01-05T08:00:00.000Z")
    for n in (1, 2):
        job = job.after(
            Outcome(n, "2026-01-05T08:00:00.100Z", "retry", 500, "HTTP 500", 3), next_at=0
        )
    record = dead_letter(
        job, endpoint="https://h:443", reason="gave up", failed_at="2026-01-05T09:00:00Z"
    )
    validator("webhook-dead-letter.v1").validate(record.to_dict())
    assert [a["attempt"] for a in record.to_dict()["attempts"]] == [1, 2]


def test_pending_event_body_validates_against_webhook_event_schema() -> None:
    job = new_delivery("sub_a", ALERT, now=1000.0, now_text="2026-01-05T08:00:00.000Z")
    validator("webhook-event.v1").validate(orjson.loads(event_of(job)))


def test_pending_retraction_has_its_own_webhook_id_and_event_type() -> None:
    retraction = orjson.loads((SCHEMAS_DIR / "examples" / "alert-retraction.v1.json").read_bytes())
    job = new_delivery("sub_a", retraction, now=1000.0, now_text="2026-01-05T08:00:00.000Z")
    assert job.alert_id == retraction["alert_id"]
    assert job.delivery_id != delivery_id("sub_a", retraction["alert_id"])
    body = orjson.loads(event_of(job))
    validator("webhook-event.v2").validate(body)
    assert body["type"] == "alert.retracted" and body["data"] == retraction
    validator("webhook-pending.v1").validate(orjson.loads(job.to_bytes()))


def test_pending_alert_v2_event_type_says_created_or_updated() -> None:
    alert = orjson.loads((SCHEMAS_DIR / "examples" / "alert.v2.json").read_bytes())
    updated = orjson.loads(event_of(new_delivery("s", alert, now=0.0, now_text="t")))
    assert updated["type"] == "alert.updated"
    created = orjson.loads(
        event_of(new_delivery("s", {**alert, "supersedes": None}, now=0.0, now_text="t"))
    )
    assert created["type"] == "alert.created"
    validator("webhook-event.v2").validate({**created, "timestamp": "2026-01-05T08:00:00Z"})
