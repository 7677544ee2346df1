"""A running worker exposes its counts on /metrics, takes ninjs beside raw-news.v1, and with
TICKERWIRE_LOG_FORMAT=json logs one JSON object per line naming the message it concerns."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from prometheus_client.parser import text_string_to_metric_families

from streams.linking.refdata import load_companies
from tests.integration.conftest import consume, produce

NINJS = Path(__file__).parents[1] / "fixtures" / "ninjs"
TOKEN = "metrics-token"
PARTNERSHIP_ONLY = {
    "id": "m-partnership",
    "language": "en",
    "headline": "Microsoft and OpenAI expand their cloud computing partnership",
    "body": "REDMOND (Wire) - Microsoft and OpenAI said on Tuesday they would extend their "
    "strategic partnership, with Microsoft supplying more cloud computing capacity.",
}


class _Hook(BaseHTTPRequestHandler):
    """Path /ok answers 204; /down answers 503 (retried later)."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204 if self.path == "/ok" else 503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hooks() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def scrape(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on /metrics: (name, sorted labels) -> value."""
    response = httpx.get(f"{url}/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def wait_for(url: str, check: Any, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        samples = scrape(url)
        if check(samples) or time.monotonic() > deadline:
            return samples
        time.sleep(0.3)


def subscribe(worker: Any, url: str) -> None:
    response = httpx.post(
        f"{worker.web_url}/subscriptions",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"filter": {"tags": ["partnership"]}, "target": {"webhook": {"url": url}}},
        timeout=20,
    )
    assert response.status_code == 201, response.text


def test_metrics_count_stories_alerts_dead_letters_webhooks_and_lag(make_worker, hooks) -> None:
    worker = make_worker(
        args=("-l", "debug"),  # the per-message lines are DEBUG (counters at INFO)
        TICKERWIRE_LOG_FORMAT="json",
        TICKERWIRE_API_TOKEN=TOKEN,
        TICKERWIRE_WEBHOOK_ALLOWED_HOSTS="127.0.0.1",
        TICKERWIRE_WEBHOOK_RETRY_SCHEDULE="0,600",  # the failing call waits 10 min: stays pending
        TICKERWIRE_WEBHOOK_RETRY_JITTER="0",
    )
    subscribe(worker, f"{hooks}/ok")
    subscribe(worker, f"{hooks}/down")
    topics = worker.settings.topics
    asyncio.run(
        produce(
            worker.settings,
            topics.raw,
            [
                (b"m-partnership", orjson.dumps(PARTNERSHIP_ONLY)),
                (None, (NINJS / "ninjs2-lidar.json").read_bytes()),
                (b"bad-json", b'{"id": "half'),
                (b"bad-schema", orjson.dumps({"id": 5, "headline": "h"})),
            ],
        )
    )

    def done(s: dict) -> bool:
        return (
            s.get(("tickerwire_stories_consumed_total", ()), 0) >= 4
            and s.get(("tickerwire_webhook_attempts_total", (("outcome", "retry"),)), 0) >= 1
            and s.get(("tickerwire_webhook_attempts_total", (("outcome", "delivered"),)), 0) >= 1
            and all(
                v == 0
                for (name, labels), v in s.items()
                if name == "tickerwire_consumer_lag" and ("topic", topics.raw) in labels
            )
        )

    s = wait_for(worker.web_url, done)
    assert s[("tickerwire_stories_consumed_total", ())] == 4
    assert s[("tickerwire_alerts_published_total", (("tag", "partnership"),))] == 1
    assert s[("tickerwire_alerts_published_total", (("tag", "auto_tech"),))] == 1
    assert s[("tickerwire_alerts_published_total", (("tag", "china_strategy"),))] == 0
    assert s[("tickerwire_dead_letters_total", (("reason", "invalid_json"),))] == 1
    assert s[("tickerwire_dead_letters_total", (("reason", "schema"),))] == 1
    assert s[("tickerwire_processing_seconds_count", ())] == 2
    assert 0 < s[("tickerwire_processing_seconds_sum", ())] < 10
    assert s[("tickerwire_webhook_attempts_total", (("outcome", "delivered"),))] == 1
    assert s[("tickerwire_webhook_attempts_total", (("outcome", "retry"),))] == 1
    assert s[("tickerwire_webhook_pending_deliveries", ())] == 1  # the /down call, waiting
    assert s[("tickerwire_reference_data_records", ())] == len(load_companies())
    lag = {labels: v for (name, labels), v in s.items() if name == "tickerwire_consumer_lag"}
    raw_partitions = {
        dict(labels)["partition"] for labels in lag if ("topic", topics.raw) in labels
    }
    assert raw_partitions == {"0", "1", "2"}
    assert not any("__assignor" in dict(labels)["topic"] for labels in lag)

    # The ninjs item became an alert keyed by its uri, like any raw-news.v1 story.
    alerts = [v for _, v in asyncio.run(consume(worker.settings, topics.alerts, count=2))]
    ninjs = [a for a in alerts if a["article_id"].endswith("/continental-lidar")]
    assert ninjs and ninjs[0]["headline"].startswith("Continental shows new lidar sensor")

    # Every line of the worker's output is one JSON object; message lines say which message.
    lines = [line for line in worker.log_text().splitlines() if line.strip()]
    records = [orjson.loads(line) for line in lines]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    news = [r for r in records if r["logger"] == "streams.agents.news"]
    by_article = {
        r["article_id"]: r for r in news if r["message"].startswith("candidate alert alrt_")
    }
    assert set(by_article) == {"m-partnership", ninjs[0]["article_id"]}
    for record in by_article.values():
        assert record["topic"] == topics.raw
        assert isinstance(record["partition"], int) and isinstance(record["offset"], int)
        assert f"{record['topic']}/{record['partition']}@{record['offset']}" in record["message"]
    routed = [r for r in records if r["message"].endswith("deliveries")]
    assert routed and all(r["topic"] == topics.alerts and "article_id" in r for r in routed)
    dead = [r for r in records if r["message"].startswith("dead letter")]
    assert len(dead) == 2
    assert all(r["topic"] == topics.raw and "offset" in r for r in dead)
    assert not any("article_id" in r for r in dead)  # no article could be read from them
