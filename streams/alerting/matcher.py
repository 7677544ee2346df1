"""Subscription matching: a ``Filter`` and an alert (``alert.v1`` JSON) -> does the subscriber want it.

Every filter field that is set must match; within a field any one value will do. Names are
compared case-insensitively, except tags, languages and statuses, which are closed lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from streams.records import Filter


def matches(filter_: Filter, alert: Mapping[str, Any]) -> bool:
    """True when ``alert`` passes every field of ``filter_`` (an empty filter takes everything)."""
    tags = alert.get("tags") or []
    if filter_.tags or filter_.min_score is not None:
        wanted = [t for t in tags if not filter_.tags or t.get("name") in filter_.tags]
        if not wanted:
            return False
        if filter_.min_score is not None and max(_score(t) for t in wanted) < filter_.min_score:
            return False
    if filter_.languages and alert.get("language") not in filter_.languages:
        return False
    entities = alert.get("entities") or []
    if filter_.companies and not _any_in(_company_keys(entities), filter_.companies):
        return False
    if filter_.countries and not _any_in((e.get("country") for e in entities), filter_.countries):
        return False
    if filter_.sectors and not _any_in((e.get("sector") for e in entities), filter_.sectors):
        return False
    if filter_.partnership_status:
        partnership = alert.get("partnership") or {}
        if partnership.get("status") not in filter_.partnership_status:
            return False
    return True


def _score(tag: Mapping[str, Any]) -> float:
    score = tag.get("score")
    return float(score) if isinstance(score, int | float) else 0.0


def _company_keys(entities: Iterable[Mapping[str, Any]]) -> Iterable[str | None]:
    for entity in entities:
        yield entity.get("id")
        for listing in entity.get("listings") or []:
            yield listing.get("symbol")
            yield listing.get("yahoo")


def _any_in(values: Iterable[str | None], wanted: Iterable[str]) -> bool:
    folded = {w.casefold() for w in wanted}
    return any(isinstance(v, str) and v.casefold() in folded for v in values)
