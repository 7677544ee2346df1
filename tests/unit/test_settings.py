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


def test_worker_id_defaults_to_host_and_web_port_and_can_be_set() -> None:
    import socket

    host = socket.gethostname()
    assert Settings.from_env({}).worker_id == f"{host}-6066"
    # Two workers on one machine have two web ports, hence two group instance ids.
    assert Settings.from_env({"TICKERWIRE_WEB_PORT": "6067"}).worker_id == f"{host}-6067"
    assert Settings.from_env({"TICKERWIRE_WORKER_ID": " pod-3 "}).worker_id == "pod-3"
    with pytest.raises(ConfigurationError, match="TICKERWIRE_WORKER_ID"):
        Settings.from_env({"TICKERWIRE_WORKER_ID": "bad\nid"})


def test_group_timeouts_default_to_fast_recovery_and_are_checked() -> None:
    s = Settings.from_env({})
    assert (s.session_timeout, s.heartbeat_interval, s.rebalance_timeout) == (6.0, 1.0, 10.0)
    assert s.stop_timeout < 10.0
    tuned = Settings.from_env(
        {"TICKERWIRE_SESSION_TIMEOUT": "30", "TICKERWIRE_HEARTBEAT_INTERVAL": "3"}
    )
    assert (tuned.session_timeout, tuned.heartbeat_interval) == (30.0, 3.0)
    with pytest.raises(ConfigurationError, match="at most a third"):
        Settings.from_env({"TICKERWIRE_HEARTBEAT_INTERVAL": "5"})
    with pytest.raises(ConfigurationError, match="TICKERWIRE_SESSION_TIMEOUT"):
        Settings.from_env({"TICKERWIRE_SESSION_TIMEOUT": "2"})  # the broker's minimum is 6 s


def test_processing_guarantee_is_one_of_two() -> None:
    assert Settings.from_env({}).processing_guarantee == "at_least_once"
    eos = Settings.from_env({"TICKERWIRE_PROCESSING_GUARANTEE": "EXACTLY_ONCE"})
    assert eos.processing_guarantee == "exactly_once"
    with pytest.raises(ConfigurationError, match="TICKERWIRE_PROCESSING_GUARANTEE"):
        Settings.from_env({"TICKERWIRE_PROCESSING_GUARANTEE": "maybe"})
