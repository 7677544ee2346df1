"""Metrics: every documented series is exposed, dead-letter reasons are a closed set."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from streams import metrics
from streams.errors import InvalidMessage
from streams.ingest.parse import parse_article

DOCUMENTED = {
    "tickerwire_stories_consumed",
    "tickerwire_alerts_published",
    "tickerwire_dead_letters",
    "tickerwire_processing_seconds",
    "tickerwire_consumer_lag",
    "tickerwire_webhook_attempts",
    "tickerwire_webhook_pending_deliveries",
    "tickerwire_reference_data_records",
}


def _families() -> dict[str, object]:
    return {f.name: f for f in text_string_to_metric_families(metrics.exposition().decode())}


def test_every_documented_series_is_exposed_and_nothing_else() -> None:
    assert set(_families()) == DOCUMENTED


def test_documented_names_are_in_the_module_docstring() -> None:
    for name in DOCUMENTED:
        assert name in (metrics.__doc__ or "")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"{nope", "invalid_json"),
        (b"[1]", "not_object"),
        (b'{"id": 3, "headline": "h"}', "schema"),
        (b'{"uri": "u", "headlines": [{"role": "main"}]}', "schema"),
    ],
)
def test_dead_letter_reason_of_each_parse_failure(raw: bytes, reason: str) -> None:
    with pytest.raises(InvalidMessage) as caught:
        parse_article(raw)
    assert metrics.dead_letter_reason(caught.value) == reason
    assert reason in metrics.DEAD_LETTER_REASONS


def test_a_bug_is_a_processing_error() -> None:
    assert metrics.dead_letter_reason(KeyError("x")) == "processing_error"


def test_alert_published_counts_each_tag_and_observes_the_time() -> None:
    def value(name: str, **labels: str) -> float:
        found = metrics.registry.get_sample_value(name, labels or None)
        return found or 0.0

    before = value("tickerwire_alerts_published_total", tag="auto_tech")
    count = value("tickerwire_processing_seconds_count")
    total = value("tickerwire_processing_seconds_sum")
    metrics.alert_published(["auto_tech", "partnership"], 10.0, 10.25)
    assert value("tickerwire_alerts_published_total", tag="auto_tech") == before + 1
    assert value("tickerwire_processing_seconds_count") == count + 1
    assert value("tickerwire_processing_seconds_sum") == pytest.approx(total + 0.25)


def test_consumer_lag_keeps_only_the_partitions_given() -> None:
    metrics.set_consumer_lag([("news.raw", 0, 5), ("news.raw", 1, -2)])
    metrics.set_consumer_lag([("news.raw", 1, 3)])
    lag = {
        s.labels["partition"]: s.value
        for s in _families()["tickerwire_consumer_lag"].samples  # type: ignore[attr-defined]
    }
    assert lag == {"1": 3.0}
    metrics.set_consumer_lag([])
