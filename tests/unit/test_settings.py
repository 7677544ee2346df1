"""Settings read the environment once, with defaults, and reject malformed numbers."""

from __future__ import annotations

import dataclasses

import pytest

from streams.errors import ConfigurationError
from streams.settings import Settings


def test_settings_defaults_match_the_documented_topics() -> None:
    s = Settings.from_env({})
    assert s.bootstrap_servers == "127.0.0.1:9092"
    assert (s.topics.raw, s.topics.deadletter, s.topics.alerts) == (
        "news.raw",
        "news.deadletter",
        "alerts",
    )
    assert s.topics.for_tag("china_strategy") == "alerts.china-strategy"
    assert s.partitions == 6 and s.web_port == 6066


def test_settings_environment_overrides_topics_broker_and_lists() -> None:
    s = Settings.from_env(
        {
            "KAFKA_BOOTSTRAP_SERVERS": "k1:9092, k2:9092",
            "TICKERWIRE_TOPIC_RAW": "wire.in",
            "TICKERWIRE_TOPIC_AUTO_TECH": "desk.auto",
            "TICKERWIRE_TOPIC_PARTITIONS": "12",
            "TICKERWIRE_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1, hooks.internal ,",
        }
    )
    assert s.broker_url == "kafka://k1:9092;kafka://k2:9092"
    assert s.topics.raw == "wire.in" and s.topics.for_tag("auto_tech") == "desk.auto"
    assert s.partitions == 12
    assert s.webhook_allowed_hosts == ("127.0.0.1", "hooks.internal")


@pytest.mark.parametrize("value", ["six", "0", "-3"])
def test_settings_bad_partition_count_is_a_configuration_error(value: str) -> None:
    with pytest.raises(ConfigurationError, match="TICKERWIRE_TOPIC_PARTITIONS"):
        Settings.from_env({"TICKERWIRE_TOPIC_PARTITIONS": value})


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings.from_env({}).web_port = 1  # type: ignore[misc]


def test_settings_dedup_retention_and_copy_window_from_env() -> None:
    s = Settings.from_env({"TICKERWIRE_DEDUP_RETENTION": "3600", "TICKERWIRE_COPY_WINDOW": "600"})
    assert (s.dedup_retention, s.copy_window) == (3600.0, 600.0)
    assert Settings.from_env({}).copy_window == 48 * 3600.0
    with pytest.raises(ConfigurationError):
        Settings.from_env({"TICKERWIRE_COPY_WINDOW": "soon"})


def test_settings_min_insync_replicas_goes_into_the_topic_config() -> None:
    assert Settings.from_env({}).topic_config == {}
    settings = Settings.from_env(
        {"TICKERWIRE_MIN_INSYNC_REPLICAS": "2", "TICKERWIRE_TOPIC_REPLICATION_FACTOR": "3"}
    )
    assert settings.min_insync_replicas == 2 and settings.replication_factor == 3
    assert settings.topic_config == {"min.insync.replicas": "2"}
