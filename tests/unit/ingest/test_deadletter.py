"""Dead letters keep the original bytes, where they came from and why they failed."""

from __future__ import annotations

import base64

from streams.errors import DeliveryError, InvalidMessage
from streams.ingest.deadletter import dead_letter
from streams.schemas import validator


def test_dead_letter_keeps_bytes_source_and_reason() -> None:
    raw = b"\xff\xfe not utf-8"
    record = dead_letter(
        InvalidMessage("not valid JSON"),
        value=raw,
        key=b"k",
        topic="news.raw",
        partition=2,
        offset=41,
    )
    body = record.to_dict()
    validator("dead-letter.v1").validate(body)
    assert base64.b64decode(body["value_b64"]) == raw
    assert base64.b64decode(body["key_b64"]) == b"k"
    assert body["source"] == {"topic": "news.raw", "partition": 2, "offset": 41}
    assert body["error_type"] == "InvalidMessage" and body["retriable"] is False


def test_dead_letter_carries_retriable_flag_and_unkeyed_messages() -> None:
    record = dead_letter(
        DeliveryError("timeout"), value=None, key=None, topic="t", partition=0, offset=0
    )
    assert record.retriable is True and record.key_b64 is None and record.value_b64 == ""
    assert (
        dead_letter(ValueError(), value=b"", key=None, topic="t", partition=0, offset=0).error
        == "ValueError"
    )
