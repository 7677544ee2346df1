"""Parsing keeps what the feed sent and rejects bad messages with a reason."""

from __future__ import annotations

import orjson
import pytest

from streams.errors import InvalidMessage
from streams.ingest.parse import parse_article


def test_parse_keeps_unknown_fields_and_normalises_language() -> None:
    article = parse_article(
        orjson.dumps(
            {"id": "a1", "headline": "H", "language": "FR-ca", "desk": "autos", "tickers": ["F"]}
        )
    )
    assert article.language == "fr"
    assert article.extra == {"desk": "autos"}
    assert article.tickers == ("F",)
    assert article.to_dict()["desk"] == "autos"


def test_parse_accepts_body_only_and_rfc3339_offsets() -> None:
    article = parse_article(
        orjson.dumps({"id": "a2", "body": "text", "published_at": "2024-01-01T08:00:00+08:00"})
    )
    assert article.headline == "" and article.body == "text"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"headline": "no id"}', "'id' is a required property"),
        (b'{"id": "x"}', "needs a non-empty headline or body"),
        (b'{"id": "x", "headline": " ", "body": "\\n"}', "needs a non-empty headline or body"),
        (b'{"id": 7, "headline": "h"}', "at id"),
        (b'{"id": "x", "body": "b", "published_at": "yesterday"}', "RFC 3339"),
        (b'{"id": "x", "body": "b", "published_at": "2024-13-01T00:00:00Z"}', "RFC 3339"),
        (b'{"id": "x", "body": "b", "tickers": "F"}', "at tickers"),
        (b'{"id": "x", "body": "b", "language": "french"}', "at language"),
    ],
)
def test_parse_rejects_bad_messages_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(InvalidMessage, match=None) as info:
        parse_article(raw)
    assert reason in str(info.value)
    assert info.value.retriable is False
