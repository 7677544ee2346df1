"""Time stamps as the messages carry them: RFC 3339, UTC, milliseconds (shared by every layer)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The current time as RFC 3339 UTC with milliseconds."""
    return rfc3339(datetime.now(UTC))


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
