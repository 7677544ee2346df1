"""Thousands of hostile messages mixed into a feed on a real broker: every good story alerts,
every bad message is dead-lettered, and no agent crashes.

The bound (``BOUND_SECONDS``, from the first message sent to the last alert and dead letter
read) is generous for a loaded two-core machine; the figures are printed for the README.
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import time
from collections import Counter

import orjson
from aiokafka import AIOKafkaProducer

from streams.schemas import validator
from tests.fixtures.stories import numbered_story
from tests.integration.conftest import consume, read_all

HOSTILE = 5000
GOOD = 60
#: Strange but valid stories (markup, control characters, deep extra fields): processed, not dead-lettered.
NASTY = 200
BOUND_SECONDS = 90.0


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _markup(rng: random.Random, size: int) -> str:
    tags = ["<b>", "</b>", "<div class='x'>", "</div>", "<script>", "&amp;", "&#x0;", "<!--", "-->"]
    return "".join(
        rng.choice(tags) + rng.choice(["Ford", "阿里巴巴", "", "x" * 5]) for _ in range(size)
    )


def _hostile(rng: random.Random, n: int) -> tuple[str, bytes]:
    """One bad message of a kind drawn by ``n``: (kind, bytes)."""
    good = orjson.dumps(numbered_story(10_000 + n))
    kind = n % 12
    if kind == 0:
        return "truncated", good[: rng.randrange(1, len(good) - 1)]
    if kind == 1:
        return "broken", good.replace(b'":', b'"', 1)
    if kind == 2:
        field, value = rng.choice(
            [
                ("id", 7),
                ("headline", ["x"]),
                ("revision", "2"),
                ("tickers", {"a": 1}),
                ("body", None),
            ]
        )
        return "wrong_type", orjson.dumps({**numbered_story(n), field: value})
    if kind == 3:
        date = rng.choice(["T1", "2024-13-45T00:00:00Z", "yesterday", "2024-02-30T10:00:00Z", "1"])
        return "bad_date", orjson.dumps({"id": f"d{n}", "headline": "x", "published_at": date})
    if kind == 4:
        revision = rng.choice([2**64, 2**64 + n, 10**30, -1])
        return "huge_int", json.dumps(
            {"id": f"r{n}", "headline": "x", "revision": revision}
        ).encode()
    if kind == 5:
        if n % 240 == 5:  # a few bodies past the schema's size, not thousands of them
            return "huge_text", orjson.dumps({"id": f"h{n}", "body": "Ford " * 45_000})
        return "huge_text", orjson.dumps({"id": f"h{n}", "headline": "Alibaba " * 400})
    if kind == 6:
        return "deep", (
            b'{"id":"deep","headline":' + _nested(rng.choice([500, 2000])).encode() + b"}"
        )
    if kind == 7:
        return "invalid_utf8", b'{"id":"u' + bytes([0xFF, 0xFE, 0xC3]) + b'","headline":"x"}'
    if kind == 8:
        control = bytes(rng.randrange(0, 32) for _ in range(8))
        return "control_chars", b'{"id":"c","headline":"' + control + b'"}'
    if kind == 9:
        return "markup_storm", orjson.dumps({"id": f"m{n}", "headline": _markup(rng, 400)})
    if kind == 10:
        return "not_object", rng.choice([b"[]", b"42", b'"story"', b"null", b"true"])
    return "empty", rng.choice([b"", b"   ", b"\n"])


def _nasty(rng: random.Random, n: int) -> bytes:
    """A valid story that is hard to analyse: markup, escaped controls, bidi marks, deep extras."""
    kind = n % 4
    if kind == 0:
        return orjson.dumps({"id": f"nasty-{n}", "headline": "x", "body": _markup(rng, 1500)})
    if kind == 1:
        text = "".join(
            chr(rng.randrange(0, 32)) + rng.choice(["Ford", "‮", "é", "😀"]) for _ in range(300)
        )
        return orjson.dumps({"id": f"nasty-{n}", "headline": text[:2000], "body": text})
    if kind == 2:
        head = orjson.dumps({"id": f"nasty-{n}", "headline": "Ford"})[:-1]
        return head + b',"extra":' + _nested(900).encode() + b"}"
    return orjson.dumps({"id": f"nasty-{n}", "body": "\u0000" * 5000 + " Alibaba Ford"})


async def _send_all(bootstrap: str, topic: str, items: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", linger_ms=20, max_request_size=2_000_000
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, key=k, value=v) for k, v in items]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def test_hostile_feed_every_good_story_alerts_every_bad_one_is_dead_lettered(make_worker):
    worker = make_worker()
    s = worker.settings
    rng = random.Random(9)
    bad = [_hostile(rng, n) for n in range(HOSTILE)]
    good = [orjson.dumps(numbered_story(n)) for n in range(GOOD)]
    items: list[tuple[bytes, bytes]] = [(b"bad", value) for _, value in bad]
    for n in range(NASTY):
        items.insert(rng.randrange(len(items)), (b"nasty", _nasty(rng, n)))
    every = HOSTILE // GOOD
    for n, value in enumerate(good):
        items.insert(n * (every + 1), (f"good-{n}".encode(), value))

    started = time.monotonic()
    await _send_all(s.bootstrap_servers, s.topics.raw, items)
    alerts = await consume(s, s.topics.alerts, count=GOOD, timeout=BOUND_SECONDS)
    alerts = [a for a in alerts if not a[1]["article_id"].startswith("nasty-")]
    letters = await consume(
        s,
        s.topics.deadletter,
        count=HOSTILE,
        timeout=max(5.0, BOUND_SECONDS - (time.monotonic() - started)),
    )
    elapsed = time.monotonic() - started

    # Alerts from the strange but valid stories are not counted here (some name companies).
    all_alerts = [a for _, a in await read_all(s, s.topics.alerts)]
    good_alerts = sorted(a["article_id"] for a in all_alerts if a["article_id"].startswith("good-"))
    assert good_alerts == sorted(f"good-{n}" for n in range(GOOD))
    lettered = Counter(base64.b64decode(d["value_b64"]) for _, d in letters)
    assert lettered == Counter(value for _, value in bad)
    for _, letter in letters[:: max(1, HOSTILE // 200)]:
        validator("dead-letter.v1").validate(letter)
        assert letter["source"]["topic"] == s.topics.raw and letter["error"]
    assert len(await read_all(s, s.topics.deadletter)) == HOSTILE  # no valid story among them
    log = worker.log_text()
    assert "Crashed reason" not in log and "Traceback" not in log
    assert worker.proc is not None and worker.proc.poll() is None
    assert elapsed < BOUND_SECONDS
    kinds = Counter(kind for kind, _ in bad)
    print(
        f"hostile feed: {HOSTILE} bad ({dict(kinds)}) + {NASTY} strange valid + {GOOD} good "
        f"in {elapsed:.1f}s: {len(good_alerts)} good alerts, {len(letters)} dead letters, "
        "0 agent crashes "
        f"({len(items) / elapsed:.0f} messages/s)"
    )
