"""Retry policy: schedule length, jitter bounds, Retry-After (seconds and HTTP-date)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from streams.delivery.retry import RetryPolicy, parse_retry_after
from streams.errors import ConfigurationError
from streams.settings import DEFAULT_WEBHOOK_RETRY_SCHEDULE, Settings


def policy(**kw: object) -> RetryPolicy:
    return RetryPolicy(
        schedule=kw.pop("schedule", DEFAULT_WEBHOOK_RETRY_SCHEDULE), rng=random.Random(7), **kw
    )  # type: ignore[arg-type]


def test_retry_default_schedule_is_eight_attempts_over_hours() -> None:
    p = policy()
    assert p.attempts == 8
    assert DEFAULT_WEBHOOK_RETRY_SCHEDULE[0] == 0
    assert 3 * 3600 <= sum(DEFAULT_WEBHOOK_RETRY_SCHEDULE) <= 5 * 3600


def test_retry_jitter_stays_within_twenty_percent() -> None:
    p = policy(jitter=0.2)
    delays = [p.next_delay(1) for _ in range(500)]
    assert all(delay is not None and 4.0 <= delay <= 6.0 for delay in delays)
    assert len({round(d or 0, 3) for d in delays}) > 100, "jitter must actually vary"


def test_retry_first_attempt_is_immediate() -> None:
    assert policy().next_delay(0) == 0.0


def test_retry_schedule_spent_gives_none() -> None:
    p = policy(schedule=(0, 1, 1))
    assert p.next_delay(2) is not None
    assert p.next_delay(3) is None


def test_retry_after_longer_than_schedule_wins() -> None:
    assert policy(jitter=0).next_delay(1, retry_after=60) == 60


def test_retry_after_shorter_than_schedule_does_not_shorten_it() -> None:
    assert policy(jitter=0).next_delay(2, retry_after=1) == 30


def test_retry_after_is_capped() -> None:
    assert policy(jitter=0, max_retry_after=100).next_delay(1, retry_after=10_000) == 100


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
    ],
)
def test_retry_after_parses_seconds(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_retry_after_parses_http_date() -> None:
    now = datetime(2026, 1, 5, 8, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 05 Jan 2026 08:01:30 GMT", now=now) == 90.0


def test_retry_after_http_date_in_the_past_is_zero() -> None:
    now = datetime(2026, 1, 5, 8, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 05 Jan 2026 07:00:00 GMT", now=now) == 0.0


def test_retry_schedule_setting_reads_comma_separated_seconds() -> None:
    settings = Settings.from_env({"TICKERWIRE_WEBHOOK_RETRY_SCHEDULE": "0, 0.5,2"})
    assert settings.webhook_retry_schedule == (0.0, 0.5, 2.0)
    assert Settings.from_env({}).webhook_retry_schedule == DEFAULT_WEBHOOK_RETRY_SCHEDULE


@pytest.mark.parametrize("raw", ["0,x", "0,-1", "0,,1", "inf"])
def test_retry_schedule_setting_rejects_bad_values(raw: str) -> None:
    with pytest.raises(ConfigurationError):
        Settings.from_env({"TICKERWIRE_WEBHOOK_RETRY_SCHEDULE": raw})
