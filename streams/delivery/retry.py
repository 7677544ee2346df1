"""Retry policy as data: a schedule, jitter and ``Retry-After`` -> the delay before the next attempt."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to try again: one entry of ``schedule`` per attempt, each a delay in seconds."""

    #: Delay before each attempt; ``schedule[0]`` is the first attempt (usually 0: at once).
    schedule: Sequence[float]
    #: Relative jitter on each delay (0.2 = anywhere from 80 % to 120 %).
    jitter: float = 0.2
    #: The longest ``Retry-After`` honoured, in seconds; a receiver cannot park a delivery forever.
    max_retry_after: float = 3600.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    @property
    def attempts(self) -> int:
        """How many attempts a delivery gets in all."""
        return len(self.schedule)

    def jittered(self, delay: float) -> float:
        """``delay`` spread by ±``jitter`` so that many failed deliveries do not retry in step."""
        if delay <= 0 or self.jitter <= 0:
            return max(delay, 0.0)
        return delay * self.rng.uniform(1.0 - self.jitter, 1.0 + self.jitter)

    def next_delay(self, attempts_made: int, *, retry_after: float | None = None) -> float | None:
        """Seconds to wait before attempt ``attempts_made + 1``; None when the schedule is spent.

        A ``Retry-After`` longer than the scheduled delay wins, up to ``max_retry_after``.
        """
        if attempts_made >= self.attempts:
            return None
        delay = self.jittered(float(self.schedule[attempts_made]))
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after))
        return delay


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """The seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP-date); None if absent or bad."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        # RFC 9110 dates are GMT; a naive result means the zone was "-0000" or missing.
        moment = moment.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max((moment - now).total_seconds(), 0.0)
