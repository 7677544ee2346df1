"""Alert builder: ``Article`` + ``Analysis`` -> ``Alert`` (or None when no tag fired)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from streams.records import Alert, Analysis, Article


def alert_id(article_id: str, revision: int) -> str:
    """Deterministic alert id: the same story revision always gives the same id."""
    digest = hashlib.sha256(f"{article_id}\x1f{revision}".encode()).hexdigest()
    return f"alrt_{digest[:24]}"


def utc_now() -> str:
    """The current time as RFC 3339 UTC with milliseconds."""
    return rfc3339(datetime.now(UTC))


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_alert(
    article: Article, analysis: Analysis, *, received_at: str, alerted_at: str | None = None
) -> Alert | None:
    """The alert for an analysed article; None when no tag fired (nothing to alert on)."""
    if not analysis.tags:
        return None
    return Alert(
        alert_id=alert_id(article.id, article.revision),
        article_id=article.id,
        revision=article.revision,
        headline=article.headline,
        language=analysis.language,
        published_at=article.published_at,
        source=article.source,
        url=article.url,
        tags=analysis.tags,
        partnership=analysis.partnership,
        entities=analysis.entities,
        received_at=received_at,
        alerted_at=alerted_at or utc_now(),
    )
