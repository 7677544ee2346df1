"""The live page's filter and fan-out: tag, company (id, name or ticker) and language."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from multidict import MultiDict

from streams.errors import InvalidMessage
from streams.live.access import allowed, given_token
from streams.live.feed import PAGE_QUEUE_SIZE, AlertFeed, AlertFilter
from streams.settings import Settings

ALERT = orjson.loads(
    (Path(__file__).parents[3] / "schemas" / "examples" / "alert.v1.json").read_bytes()
)


def test_filter_by_tag_language_and_company_in_any_of_its_names() -> None:
    assert AlertFilter.from_query({}).matches(ALERT)
    assert AlertFilter.from_query({"tag": "auto_tech"}).matches(ALERT)
    assert not AlertFilter.from_query({"tag": "china_strategy"}).matches(ALERT)
    assert AlertFilter.from_query({"language": "EN"}).matches(ALERT)
    assert not AlertFilter.from_query({"language": "fr"}).matches(ALERT)
    for company in ("toyota-motor", "Toyota Motor", "7203.t", "7203", "PONY"):
        assert AlertFilter.from_query({"company": company}).matches(ALERT), company
    assert not AlertFilter.from_query({"company": "Honda"}).matches(ALERT)


def test_filter_values_may_repeat_or_be_comma_separated_and_all_fields_must_match() -> None:
    query = MultiDict([("tag", "china_strategy"), ("tag", "partnership"), ("language", "de,en")])
    assert AlertFilter.from_query(query).matches(ALERT)
    both = MultiDict([("tag", "partnership"), ("company", "honda")])
    assert not AlertFilter.from_query(both).matches(ALERT)


def test_filter_rejects_unknown_tags_and_long_values() -> None:
    with pytest.raises(InvalidMessage, match="unknown tag 'weather'"):
        AlertFilter.from_query({"tag": "weather"})
    with pytest.raises(InvalidMessage, match="at most"):
        AlertFilter.from_query({"company": "x" * 101})


def test_feed_keeps_recent_alerts_and_a_slow_page_loses_its_oldest() -> None:
    feed = AlertFeed(Settings(), "alerts")
    queue = feed.subscribe()
    for n in range(PAGE_QUEUE_SIZE + 5):
        feed.publish({"alert_id": f"a{n}"})
    assert queue.qsize() == PAGE_QUEUE_SIZE
    assert queue.get_nowait() == {"alert_id": "a5"}
    assert feed.recent()[-1] == {"alert_id": f"a{PAGE_QUEUE_SIZE + 4}"}
    feed.unsubscribe(queue)
    assert feed.pages == 0


def test_token_from_header_query_or_cookie() -> None:
    assert given_token({"Authorization": "Bearer abc"}, {}, {}) == "abc"
    assert given_token({}, {"token": "q"}, {"tickerwire_token": "c"}) == "q"
    assert given_token({}, {}, {"tickerwire_token": "c"}) == "c"
    assert given_token({"Authorization": "Basic x"}, {}, {}) is None
    assert allowed(None, None) and allowed("", "anything")
    assert allowed("s3cret", "s3cret")
    assert not allowed("s3cret", None) and not allowed("s3cret", "s3cre")
