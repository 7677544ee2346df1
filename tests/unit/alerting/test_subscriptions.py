"""Subscription validation: what the API accepts, and the clear errors for what it does not."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from streams.alerting.subscriptions import parse_subscription
from streams.errors import InvalidSubscription
from streams.records import TopicTarget, WebhookTarget, subscription_from_dict
from streams.schemas import validator

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NOW = "2026-01-05T08:00:00.000Z"


def parse(data: Any, **kw: Any):  # type: ignore[no-untyped-def]
    return parse_subscription(data, id=kw.pop("id", "sub_1"), now=kw.pop("now", NOW), **kw)


def body(**filter_: Any) -> dict[str, Any]:
    return {
        "filter": filter_,
        "target": {"webhook": {"url": "https://example.com/h", "secret": SECRET}},
    }


def test_subscriptions_parse_full_webhook_subscription() -> None:
    sub, generated = parse(
        body(
            tags=["partnership"],
            companies=["7203.T"],
            languages=["en"],
            countries=["jp"],
            sectors=["Technology"],
            min_score=0.5,
            partnership_status=["formed"],
        )
    )
    assert not generated
    assert sub.filter.countries == ("JP",)
    assert sub.filter.min_score == 0.5
    assert sub.target == WebhookTarget("https://example.com/h", SECRET)
    validator("subscription.v1").validate(sub.to_dict())
    assert subscription_from_dict(orjson.loads(orjson.dumps(sub.to_dict()))) == sub


def test_subscriptions_parse_topic_target() -> None:
    sub, _ = parse({"target": {"topic": "alerts.desk-a"}})
    assert sub.target == TopicTarget("alerts.desk-a")
    validator("subscription.v1").validate(sub.to_dict())


def test_subscriptions_generate_secret_when_missing() -> None:
    sub, generated = parse({"target": {"webhook": {"url": "https://example.com/h"}}})
    assert (
        generated
        and isinstance(sub.target, WebhookTarget)
        and sub.target.secret.startswith("whsec_")
    )


def test_subscriptions_update_keeps_secret_and_created_at() -> None:
    first, _ = parse(body())
    second, generated = parse(
        {"target": {"webhook": {"url": "https://example.com/other"}}},
        previous=first,
        now="2026-02-01T00:00:00Z",
    )
    assert not generated
    assert isinstance(second.target, WebhookTarget) and second.target.secret == SECRET
    assert second.created_at == NOW and second.updated_at == "2026-02-01T00:00:00Z"


def test_subscriptions_masked_dict_hides_the_secret() -> None:
    sub, _ = parse(body())
    shown = orjson.dumps(sub.to_dict(mask=True)).decode()
    assert SECRET not in shown and SECRET[6:-4] not in shown
    assert "secret" not in repr(sub.target)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "at \\(root\\): \\[\\] is not of type 'object'"),
        ({"filter": {}}, "'target' is a required property"),
        (body(tags=["weather"]), "at filter/tags/0: 'weather' is not one of"),
        (body(tags="partnership"), "at filter/tags: 'partnership' is not of type 'array'"),
        (body(languages=["xx"]), "at filter/languages/0: 'xx' is not one of"),
        (body(countries=["Japan"]), "at filter/countries/0: 'Japan' does not match"),
        (body(min_score=1.5), "at filter/min_score: 1.5 is greater than the maximum of 1"),
        (body(min_score=True), "at filter/min_score: True is not of type 'number'"),
        (body(min_score="0.5"), "at filter/min_score: '0.5' is not of type 'number'"),
        (body(partnership_status=["rumoured"]), "at filter/partnership_status/0: 'rumoured'"),
        (body(colour=["red"]), "at filter: Additional properties .*'colour' was unexpected"),
        ({"target": {"webhook": {"url": "https://e.com", "secret": "nope"}}}, "secret: 'nope'"),
        ({"target": {"webhook": {"url": "https://e.com", "secret": "whsec_!!"}}}, "base64"),
        ({"target": {"webhook": {"url": "https://e.com", "secret": 5}}}, "not of type 'string'"),
        ({"target": {"webhook": {"secret": SECRET}}}, "at target/webhook: 'url' is a required"),
        (
            {"target": {"webhook": {"url": "https://e.com"}, "topic": "t"}},
            "at target: must be exactly one of {'webhook': ...} or {'topic': ...}",
        ),
        ({"target": {"email": "a@b.c"}}, "at target: must be exactly one of"),
        ({"target": {"topic": "bad topic!"}}, "at target/topic: 'bad topic!' does not match"),
        ({"target": {"topic": "__consumer_offsets"}}, "Kafka-internal"),
        ({"target": {"topic": ".."}}, "not a Kafka topic name"),
        ({"target": {"topic": "t"}, "extra": 1}, "'extra' was unexpected"),
        ({"target": {"topic": "t"}, "description": 5}, "at description: 5 is not of type"),
    ],
)
def test_subscriptions_invalid_bodies_name_the_problem(data: Any, message: str) -> None:
    with pytest.raises(InvalidSubscription, match=message):
        parse(data)


def test_subscriptions_refuse_the_workers_own_topics() -> None:
    with pytest.raises(InvalidSubscription, match="own topics"):
        parse({"target": {"topic": "news.raw"}}, reserved_topics={"news.raw"})


@pytest.mark.parametrize("bad_id", ["", "-x", "a b", "x" * 65])
def test_subscriptions_refuse_bad_ids(bad_id: str) -> None:
    with pytest.raises(InvalidSubscription, match=r"at id: .* does not match"):
        parse({"target": {"topic": "t"}}, id=bad_id)


def test_subscriptions_body_id_must_match() -> None:
    with pytest.raises(InvalidSubscription, match="does not match"):
        parse({"id": "other", "target": {"topic": "t"}}, id="sub_1")
