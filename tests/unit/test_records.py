"""Every topic message's record type round-trips through its schema: example -> record -> same JSON."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from streams.ingest.parse import article_from_dict
from streams.records import (
    Alert,
    AlertMessage,
    Candidate,
    DeadLetter,
    Outcome,
    PendingDelivery,
    Retraction,
    WebhookDeadLetter,
    WebhookEvent,
    company_from_dict,
    subscription_from_dict,
)
from streams.schemas import SCHEMAS_DIR, validator


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads((SCHEMAS_DIR / "examples" / f"{name}.json").read_bytes())
    return data


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("company.v1", company_from_dict),
        ("subscription.v1", subscription_from_dict),
        ("webhook-pending.v1", lambda d: PendingDelivery.from_bytes(orjson.dumps(d))),
    ],
)
def test_record_read_from_its_example_gives_the_example_back(name: str, read: Any) -> None:
    record = read(example(name))
    back = orjson.loads(orjson.dumps(record.to_dict()))
    validator(name).validate(back)
    assert back == example(name)


def test_webhook_dead_letter_record_gives_its_example_back() -> None:
    d = example("webhook-dead-letter.v1")
    record = WebhookDeadLetter(
        delivery_id=d["delivery_id"],
        subscription_id=d["subscription_id"],
        alert_id=d["alert_id"],
        endpoint=d["endpoint"],
        reason=d["reason"],
        attempts=tuple(Outcome.from_dict(a) for a in d["attempts"]),
        created_at=d["created_at"],
        failed_at=d["failed_at"],
        alert=d["alert"],
    )
    back = orjson.loads(orjson.dumps(record.to_dict()))
    validator("webhook-dead-letter.v1").validate(back)
    assert back == d


def test_dead_letter_record_gives_its_example_back() -> None:
    d = example("dead-letter.v1")
    record = DeadLetter(
        error=d["error"],
        error_type=d["error_type"],
        topic=d["source"]["topic"],
        partition=d["source"]["partition"],
        offset=d["source"]["offset"],
        value_b64=d["value_b64"],
        key_b64=d["key_b64"],
        failed_at=d["failed_at"],
        retriable=d["retriable"],
    )
    back = orjson.loads(orjson.dumps(record.to_dict()))
    validator("dead-letter.v1").validate(back)
    assert back == d


def test_a_changed_record_no_longer_matches_its_schema() -> None:
    """The round trip can fail: a company without provenance is not a company.v1."""
    record = company_from_dict(example("company.v1")).to_dict()
    record["as_of"] = "yesterday"
    assert list(validator("company.v1").iter_errors(record))


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("alert.v1", Alert.from_dict),
        ("alert.v2", AlertMessage.from_dict),
        ("alert-retraction.v1", Retraction.from_dict),
        ("webhook-event.v1", WebhookEvent.from_dict),
        ("webhook-event.v2", WebhookEvent.from_dict),
    ],
)
def test_message_read_from_its_example_gives_the_example_back(name: str, read: Any) -> None:
    record = read(example(name))
    back = orjson.loads(orjson.dumps(record.to_dict()))
    validator(name).validate(back)
    assert back == example(name)
    assert read(back) == record


def test_article_round_trips_leaving_out_defaults() -> None:
    """raw-news.v1: ``revision`` 0 is the default, left out when writing; nothing else changes."""
    article = article_from_dict(example("raw-news.v1"))
    back = orjson.loads(orjson.dumps(article.to_dict()))
    validator("raw-news.v1").validate(back)
    assert article_from_dict(back) == article
    assert back == {k: v for k, v in example("raw-news.v1").items() if (k, v) != ("revision", 0)}


def test_candidate_survives_its_internal_topics() -> None:
    message = AlertMessage.from_dict(example("alert.v2"))
    candidate = Candidate(
        article_id="a-1",
        revision=2,
        fingerprint="fp",
        alert=message.to_dict(),
        key="toyota-motor",
        source="wire",
        realert=True,
        copy_of="alrt_x",
    )
    assert Candidate.from_dict(orjson.loads(orjson.dumps(candidate.to_dict()))) == candidate
