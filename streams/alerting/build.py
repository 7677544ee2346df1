"""Alert builder: ``Article`` + ``Analysis`` -> ``Alert`` (or None when no tag fired); the
``alert.v2`` and ``alert-retraction.v1`` messages (records in ``streams.records``)."""

from __future__ import annotations

import hashlib
from typing import Any

from streams.clock import utc_now
from streams.records import Alert, AlertMessage, Analysis, Article, Retraction


def alert_id(article_id: str, revision: int) -> str:
    """Deterministic alert id: the same story revision always gives the same id."""
    digest = hashlib.sha256(f"{article_id}\x1f{revision}".encode()).hexdigest()
    return f"alrt_{digest[:24]}"


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


def alert_message(
    alert: Alert, *, fingerprint: str, supersedes: str | None = None
) -> dict[str, Any]:
    """The ``alert.v2`` message of an alert: v1's fields, its text fingerprint and what it supersedes."""
    return AlertMessage(alert, fingerprint=fingerprint, supersedes=supersedes).to_dict()


def retraction_id(alert_id: str, revision: int) -> str:
    """Deterministic retraction id: the same retracting revision always gives the same id."""
    digest = hashlib.sha256(f"{alert_id}\x1fretract\x1f{revision}".encode()).hexdigest()
    return f"rtrc_{digest[:24]}"


def build_retraction(
    retracted: dict[str, Any], *, article_id: str, revision: int, reason: str, at: str | None = None
) -> dict[str, Any]:
    """The ``alert-retraction.v1`` message withdrawing ``retracted`` (a stored match summary)."""
    return Retraction(
        retraction_id=retraction_id(retracted["alert_id"], revision),
        alert_id=retracted["alert_id"],
        article_id=article_id,
        revision=revision,
        retracted_revision=retracted.get("revision"),
        reason=reason,
        headline=retracted.get("headline"),
        language=retracted.get("language"),
        tags=tuple(retracted.get("tags") or ()),
        partnership=retracted.get("partnership"),
        entities=tuple(retracted.get("entities") or ()),
        retracted_at=at or utc_now(),
    ).to_dict()
