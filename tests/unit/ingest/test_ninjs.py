"""IPTC ninjs 1.x and 2.x items are recognised by their shape and mapped to raw-news.v1."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
import pytest

from streams.errors import InvalidMessage
from streams.ingest.ninjs import html_text, is_ninjs, raw_news_from_ninjs
from streams.ingest.parse import parse_article
from streams.metrics import dead_letter_reason
from streams.schemas import validator

NINJS = Path(__file__).parents[2] / "fixtures" / "ninjs"


def _bytes(name: str) -> bytes:
    return (NINJS / name).read_bytes()


def test_ninjs1_item_maps_uri_headline_body_time_and_subjects() -> None:
    article = parse_article(_bytes("ninjs1-alibaba-ford.json"))
    assert article.id == "urn:newsml:news.example.com:20190110:alibaba-ford"
    assert article.headline.startswith("Alibaba and Ford to explore cooperation")
    assert article.body.startswith("HANGZHOU (Example Wire) - Alibaba Group")
    assert article.language == "en"
    assert article.revision == 1
    # versioncreated wins over firstcreated; a time without an offset is taken as UTC
    assert article.published_at == "2019-01-10T08:05:00Z"
    assert article.source == "Example Wire"
    assert article.url is None  # a urn is not an address
    assert article.extra == {"subjects": ["automotive industry", "e-commerce"], "ninjs": "1"}


def test_ninjs2_item_prefers_the_main_plain_headline_and_strips_html_bodies() -> None:
    article = parse_article(_bytes("ninjs2-lidar.json"))
    assert article.headline == "Continental shows new lidar sensor for self-driving cars"
    assert article.body == (
        "HANOVER (Example Wire) - Continental presented a solid-state lidar sensor for "
        "autonomous driving on Monday.\n"
        "It is aimed at carmakers building driver assistance systems & robotaxis."
    )
    assert article.language == "en"
    assert article.revision == 3
    assert article.published_at == "2024-03-04T09:15:00+01:00"
    assert article.source == "Example Wire"
    assert article.url == "https://news.example.com/items/2024/continental-lidar"
    assert article.extra["ninjs"] == "2"


def test_ninjs1_html_only_body_is_reduced_to_text_and_a_word_version_is_no_revision() -> None:
    article = parse_article(_bytes("ninjs1-html-only.json"))
    assert article.body == (
        "LONDON (Example Wire) - Unilever reported a rise in first-quarter sales.\nSoaps\nIce cream"
    )
    assert article.revision == 0


def test_ninjs_mapping_gives_valid_raw_news() -> None:
    for path in sorted(NINJS.glob("*.json")):
        raw = raw_news_from_ninjs(orjson.loads(path.read_bytes()))
        validator("raw-news.v1").validate(raw)


def test_ninjs_is_recognised_by_uri_without_id() -> None:
    assert is_ninjs({"uri": "u", "headline": "h"})
    assert not is_ninjs({"id": "a", "uri": "u", "headline": "h"})  # raw-news.v1 with a uri field
    assert not is_ninjs({"id": "a", "headline": "h"})
    assert not is_ninjs(["uri"])


def test_raw_news_with_a_uri_field_stays_raw_news() -> None:
    article = parse_article(orjson.dumps({"id": "a1", "uri": "x", "headline": "H"}))
    assert article.id == "a1" and article.extra == {"uri": "x"}


@pytest.mark.parametrize(
    ("item", "where"),
    [
        ({"uri": "u1", "headlines": []}, "headlines"),  # no headline or body at all
        ({"uri": "u2", "headlines": [{"role": "main"}]}, "headlines/0"),
        ({"uri": "u3", "headline": 7}, "headline"),
        ({"uri": "", "headline": "h"}, "uri"),
    ],
)
def test_bad_ninjs_is_an_invalid_message_with_its_path(item: dict, where: str) -> None:
    with pytest.raises(InvalidMessage, match=f"ninjs.*at {re.escape(where)}") as caught:
        parse_article(orjson.dumps(item))
    assert dead_letter_reason(caught.value) == "schema"


def test_ninjs_with_blank_texts_fails_the_raw_news_rule() -> None:
    with pytest.raises(InvalidMessage, match="non-empty headline or body"):
        parse_article(orjson.dumps({"uri": "u", "headline": " ", "body_html": "<p> </p>"}))


def test_html_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_text("<div>a <i>b</i></div><script>x()</script><p>c&nbsp;d</p>")
    assert text == "a b\nc d"  # a no-break space is space too
