"""The news agent (through Faust's test context): alerts go to four topics, bad input to dead letters."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import orjson
import pytest

from streams.app import create_app
from streams.faust_app import TickerwireApp
from streams.settings import Settings
from streams.topics import TopicSet
from tests.fixtures.stories import ALIBABA_FORD_FR, QUIET_EARNINGS_EN

# One app for the module (its pipeline is built once); the tables are emptied before each test.
APP: TickerwireApp = create_app(Settings.from_env({}))
topics: TopicSet = APP.topic_set
process_news = APP.agents["streams.agents.news.process_news"]
check_copies = APP.agents["streams.agents.novelty.check_copies"]
check_stories = APP.agents["streams.agents.novelty.check_stories"]


class Recorder:
    """Stands in for ``Topic.send``: keeps (topic, key, value) instead of producing."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any, dict[str, Any]]] = []

    def bind(self, topic: Any) -> Any:
        name = topic.get_topic_name()

        async def send(*, key: Any = None, value: bytes = b"", **_: Any) -> asyncio.Future[None]:
            self.sent.append((name, key, orjson.loads(value)))
            acked: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            acked.set_result(None)  # like Faust's: a future the broker's ack resolves
            return acked

        return send

    def on(self, name: str) -> list[dict[str, Any]]:
        return [v for t, _, v in self.sent if t == name]


async def _no_wait() -> None:
    return None


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    # No broker here: the reference reader is not started, the bundled data is used.
    monkeypatch.setattr(APP.companies, "wait_ready", _no_wait)
    for table in APP.tables.values():  # each test starts with nothing seen
        table.data.clear()
    recorder = Recorder()
    internal = (topics.by_fingerprint, topics.by_story)
    for topic in (topics.alerts, topics.deadletter, *topics.alerts_by_tag.values(), *internal):
        monkeypatch.setattr(topic, "send", recorder.bind(topic))
    return recorder


async def _through_novelty_checks(sent: Recorder) -> None:
    """Hand what the news agent sent on to the copy check, then to the story check."""
    for source, agent_fn in (
        (topics.by_fingerprint, check_copies),
        (topics.by_story, check_stories),
    ):
        async with agent_fn.test_context() as agent:
            for name, key, value in list(sent.sent):
                if name == source.get_topic_name():
                    await agent.put(orjson.dumps(value), key=key)


async def test_news_agent_publishes_alert_to_all_and_tag_topics(sent: Recorder) -> None:
    async with process_news.test_context() as agent:
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
    [candidate] = sent.on(topics.by_fingerprint.get_topic_name())
    assert candidate["article_id"] == ALIBABA_FORD_FR["id"] and candidate["alert"]
    await _through_novelty_checks(sent)
    [alert] = sent.on(topics.alerts.get_topic_name())
    assert alert["article_id"] == ALIBABA_FORD_FR["id"]
    for name in alert["tags"]:
        assert sent.on(topics.alerts_by_tag[name["name"]].get_topic_name()) == [alert]
    keys = {key for name, key, _ in sent.sent if name.startswith(topics.alerts.get_topic_name())}
    assert keys == {alert["entities"][0]["id"].encode()}


async def test_news_agent_dead_letters_bad_input_and_keeps_going(sent: Recorder) -> None:
    async with process_news.test_context() as agent:
        await agent.put(b"\x00garbage", key=b"bad")
        await agent.put(orjson.dumps({"id": "x"}), key=b"x")
        await agent.put(orjson.dumps(QUIET_EARNINGS_EN), key=b"q")
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
    await _through_novelty_checks(sent)
    letters = sent.on(topics.deadletter.get_topic_name())
    assert [base64.b64decode(d["value_b64"]) for d in letters] == [b"\x00garbage", b'{"id":"x"}']
    assert [d["key_b64"] for d in letters] == [
        base64.b64encode(b"bad").decode(),
        base64.b64encode(b"x").decode(),
    ]
    assert len(sent.on(topics.alerts.get_topic_name())) == 1


async def test_news_agent_survives_messages_that_used_to_crash_it(sent: Recorder) -> None:
    crashers = [
        b'{"id":"n","headline":"x","published_at":"T1"}',
        orjson.dumps(ALIBABA_FORD_FR).replace(b'"id"', b'"revision":18446744073709551616,"id"'),
    ]
    async with process_news.test_context() as agent:
        for raw in crashers:
            await agent.put(raw, key=b"bad")
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
    letters = sent.on(topics.deadletter.get_topic_name())
    assert [base64.b64decode(d["value_b64"]) for d in letters] == crashers
    [candidate] = sent.on(topics.by_fingerprint.get_topic_name())
    assert candidate["article_id"] == ALIBABA_FORD_FR["id"]


async def test_copy_check_dead_letters_a_broken_candidate_and_keeps_going(sent: Recorder) -> None:
    async with process_news.test_context() as agent:
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
    good = [v for t, _, v in sent.sent if t == topics.by_fingerprint.get_topic_name()]
    async with check_copies.test_context() as agent:
        for raw in (b"[1, 2]", b'{"article_id": "a"}', orjson.dumps(good[0])):
            await agent.put(raw, key=b"fp")
    letters = sent.on(topics.deadletter.get_topic_name())
    assert [base64.b64decode(d["value_b64"]) for d in letters] == [
        b"[1, 2]",
        b'{"article_id": "a"}',
    ]
    assert len(sent.on(topics.by_story.get_topic_name())) == 1


async def test_news_agent_replay_dropped_and_revision_without_tag_retracts(sent: Recorder) -> None:
    denied = {**QUIET_EARNINGS_EN, "id": ALIBABA_FORD_FR["id"], "revision": 1}
    async with process_news.test_context() as agent:
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
        await agent.put(orjson.dumps(denied), key=b"k")
    await _through_novelty_checks(sent)
    alert, retraction = sent.on(topics.alerts.get_topic_name())
    assert alert["schema"] == "alert.v2" and alert["supersedes"] is None
    assert retraction["schema"] == "alert-retraction.v1"
    assert retraction["alert_id"] == alert["alert_id"] and retraction["revision"] == 1
    for tag in alert["tags"]:
        assert sent.on(topics.alerts_by_tag[tag["name"]].get_topic_name()) == [alert, retraction]
    assert APP.novelty_counts["replay"] >= 1


async def test_an_alert_writes_no_info_line_only_debug_detail(
    sent: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """Per-alert lines cost time at thousands a second: counters count, DEBUG keeps the detail."""
    caplog.set_level("DEBUG", logger="streams")
    async with process_news.test_context() as agent:
        await agent.put(orjson.dumps(ALIBABA_FORD_FR), key=b"k")
    await _through_novelty_checks(sent)
    assert sent.on(topics.alerts.get_topic_name())  # an alert went out
    mine = [r for r in caplog.records if r.name.startswith("streams.agents")]
    assert not [r.getMessage() for r in mine if r.levelno >= 20]  # nothing at INFO or above
    detail = [r.getMessage() for r in mine if r.levelno == 10]
    assert any(m.startswith("candidate alert") for m in detail)
    assert any(m.startswith("alert alrt_") for m in detail)
