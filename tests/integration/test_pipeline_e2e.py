"""The whole pipe on a real broker: raw news in, alerts on four topics and dead letters out."""

from __future__ import annotations

import base64
import time

import orjson

from streams.schemas import validator
from tests.fixtures.stories import QUIET_EARNINGS_EN, story
from tests.integration.conftest import consume, produce, quiet

ALERT_TOPICS = ("alerts", "partnership", "china_strategy", "auto_tech")


async def test_pipeline_seed_story_alerts_on_all_topics_and_bad_input_is_dead_lettered(make_worker):
    worker = make_worker()
    s = worker.settings
    good = story(id="e2e-seed-1")
    malformed = b'{"id": "broken", "headline": '
    no_text = orjson.dumps({"id": "empty", "headline": " ", "body": ""})
    sent_at = time.monotonic()
    await produce(
        s,
        s.topics.raw,
        [
            (b"e2e-seed-1", orjson.dumps(good)),
            (b"broken", malformed),
            (b"empty", no_text),
            (b"quiet", orjson.dumps(QUIET_EARNINGS_EN)),
        ],
    )

    [(key, alert)] = await consume(s, s.topics.alerts, count=1)
    latency = time.monotonic() - sent_at
    validator("alert.v2").validate(alert)
    assert alert["article_id"] == "e2e-seed-1"
    assert sorted(t["name"] for t in alert["tags"]) == [
        "auto_tech",
        "china_strategy",
        "partnership",
    ]
    assert alert["partnership"]["status"] == "exploring"
    by_name = {e["name"]: e for e in alert["entities"]}
    symbols = {x["yahoo"] for e in alert["entities"] for x in e["listings"]}
    assert {"BABA", "9988.HK", "F", "600104.SS"} <= symbols
    pairs = [sorted(p) for p in alert["partnership"]["partners"]]
    assert ["Alibaba Group Holding", "Ford Motor"] in pairs
    assert by_name["Alibaba Group Holding"]["role"] == "partner"
    assert key == by_name[alert["entities"][0]["name"]]["id"].encode()
    assert not any("Presse" in e["name"] for e in alert["entities"])

    for tag in ("partnership", "china_strategy", "auto_tech"):
        [(tag_key, tagged)] = await consume(s, s.topics.for_tag(tag), count=1)
        assert tagged == alert and tag_key == key

    letters = await consume(s, s.topics.deadletter, count=2)
    by_value = {base64.b64decode(d["value_b64"]): d for _, d in letters}
    assert set(by_value) == {malformed, no_text}
    for letter in by_value.values():
        validator("dead-letter.v1").validate(letter)
        assert letter["source"]["topic"] == s.topics.raw
        assert letter["error_type"] == "InvalidMessage"
    assert "JSON" in by_value[malformed]["error"]
    assert "headline or body" in by_value[no_text]["error"]

    # Nothing else: the earnings story made no alert, and the worker is still alive.
    assert len(await quiet(s, s.topics.alerts, seconds=2)) == 1
    assert worker.proc is not None and worker.proc.poll() is None
    print(f"worker ready after {worker.ready_s:.1f}s; seed alert after {latency:.2f}s")


async def test_pipeline_same_story_twice_gives_one_alert_and_its_revision_supersedes_it(
    make_worker,
):
    worker = make_worker()
    s = worker.settings
    first = story(id="e2e-rev")
    await produce(
        s, s.topics.raw, [(b"e2e-rev", orjson.dumps(first)), (b"e2e-rev", orjson.dumps(first))]
    )
    [(_, alert)] = await consume(s, s.topics.alerts, count=1)
    await produce(s, s.topics.raw, [(b"e2e-rev", orjson.dumps({**first, "revision": 1}))])
    alerts = [a for _, a in await consume(s, s.topics.alerts, count=2)]
    assert [a["supersedes"] for a in alerts] == [None, alert["alert_id"]]
    assert len(await quiet(s, s.topics.alerts, seconds=1)) == 2
