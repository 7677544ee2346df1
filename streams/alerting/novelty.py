"""Novelty: a candidate alert and what is known of its text and its story -> publish, update, retract or drop.

Two decisions, each made where its state lives (see README, *One alert per news event*):

- ``decide_copy`` runs on the partition of the story's **fingerprint** (the ``copies``
  table): a fingerprint first seen from another article within the copy window makes
  the candidate a syndicated copy of that article's alert, counted on it.
- ``decide_story`` runs on the partition of the **article id** (the ``stories`` table):
  a revision already seen is a replay, a lower one is late (both dropped and counted), a
  higher one updates (``supersedes``) or retracts the alert the story stands for.

Both are pure: they take the stored record (a dict, as kept in the Faust table) and
return the verdict and the record to store. Records older than their window count as
absent. ``realert`` (``tickerwire replay --realert``) bypasses both checks.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from streams.records import Candidate as Candidate  # the record; named here for the novelty agent

#: Copies remembered per fingerprint (the count goes on past it).
MAX_LISTED_COPIES = 20
#: The Kafka header ``tickerwire replay --realert`` sets: publish even if seen before.
REALERT_HEADER = "tickerwire-realert"

Action = Literal["alert", "retract", "drop"]
DropReason = Literal["replay", "late", "copy", "no_alert", "not_own"]


def realert_requested(headers: Iterable[tuple[str, bytes]] | Mapping[str, bytes] | None) -> bool:
    """Does the raw message carry the ``tickerwire-realert`` header (set by ``replay --realert``)?"""
    if not headers:
        return False
    items = headers.items() if isinstance(headers, Mapping) else headers
    return any(name == REALERT_HEADER and value in (b"1", "1") for name, value in items)


@dataclass(frozen=True, slots=True)
class CopyVerdict:
    """The copy check's answer and the ``copies`` record to store (None: leave it)."""

    candidate: Candidate
    record: dict[str, Any] | None
    #: The number of copies counted on the alert so far, when the candidate is one.
    copies: int = 0


def decide_copy(
    record: dict[str, Any] | None, candidate: Candidate, *, now: float, window: float
) -> CopyVerdict:
    """Is ``candidate`` a syndicated copy of an alert already made from the same text?"""
    if candidate.alert is None:
        return CopyVerdict(candidate, None)  # nothing to alert on: nothing to group
    if record is not None and now - float(record["first_seen"]) > window:
        record = None
    if record is None or candidate.realert:
        new = record or _copy_record(candidate, now)
        return CopyVerdict(candidate, new if record is None else None)
    if record["article_id"] == candidate.article_id:
        # The same article again: a replay, or a revision with the same text; the story
        # check decides. A higher revision becomes the alert later copies count on.
        if candidate.revision > int(record["revision"]):
            return CopyVerdict(
                candidate,
                {**record, "revision": candidate.revision, "alert_id": candidate.alert_id},
            )
        return CopyVerdict(candidate, None)
    copy = Candidate(**{**_fields(candidate), "copy_of": record["alert_id"]})
    if any(c[0] == candidate.article_id for c in record["copies"]):
        return CopyVerdict(copy, None, copies=int(record["count"]))  # counted already
    count = int(record["count"]) + 1
    copies = record["copies"]
    if len(copies) < MAX_LISTED_COPIES:
        copies = [*copies, [candidate.article_id, candidate.revision, candidate.source, now]]
    return CopyVerdict(copy, {**record, "count": count, "copies": copies}, copies=count)


def _copy_record(candidate: Candidate, now: float) -> dict[str, Any]:
    return {
        "alert_id": candidate.alert_id,
        "article_id": candidate.article_id,
        "revision": candidate.revision,
        "first_seen": now,
        "count": 0,
        "copies": [],
    }


def _fields(candidate: Candidate) -> dict[str, Any]:
    return {name: getattr(candidate, name) for name in Candidate.__slots__}


@dataclass(frozen=True, slots=True)
class StoryVerdict:
    """The story check's answer: what to publish (or why not), and the ``stories`` record."""

    action: Action
    record: dict[str, Any] | None
    #: For ``alert``: the alert to publish, with ``supersedes`` filled in.
    alert: dict[str, Any] | None = None
    #: For ``retract``: the alert retracted, its key, tags and what subscribers filter on.
    retracted: dict[str, Any] | None = None
    #: For ``drop``: why nothing is published.
    reason: DropReason | None = None


def decide_story(
    record: dict[str, Any] | None, candidate: Candidate, *, now: float, retention: float
) -> StoryVerdict:
    """What a candidate means for its story: a new alert, an update, a retraction or nothing."""
    if record is not None and now - float(record["seen_at"]) > retention:
        record = None
    if candidate.realert:
        return _realert(record, candidate, now)
    if record is not None:
        last = int(record["revision"])
        if candidate.revision == last:
            return _drop(record, "replay", now)
        if candidate.revision < last:
            return _drop(record, "late", now)
    previous = record.get("alert_id") if record else None
    own = bool(record.get("own")) if record else False
    if candidate.alert is not None and candidate.copy_of is None:
        alert = {**candidate.alert, "supersedes": previous}
        return StoryVerdict("alert", _story_record(candidate, now, alert, record), alert=alert)
    if candidate.alert is not None:
        # A copy of an alert another article made: this story now stands for that alert.
        new = _story_record(candidate, now, None, record)
        new.update(alert_id=candidate.copy_of, own=False, summary=None)
        return StoryVerdict("drop", new, reason="copy")
    new = _story_record(candidate, now, None, record)
    if record is not None and previous is not None and own:
        retracted = {"alert_id": previous, "key": record["key"], **(record.get("summary") or {})}
        return StoryVerdict("retract", new, retracted=retracted)
    return StoryVerdict("drop", new, reason="no_alert" if previous is None else "not_own")


def _realert(record: dict[str, Any] | None, candidate: Candidate, now: float) -> StoryVerdict:
    if candidate.alert is None:
        return (
            _drop(record, "no_alert", now)
            if record
            else StoryVerdict("drop", None, reason="no_alert")
        )
    last = int(record["revision"]) if record else -1
    if candidate.revision > last:
        supersedes = record.get("alert_id") if record else None
    elif candidate.revision == last and record is not None:
        supersedes = record.get("supersedes")
    else:
        supersedes = None
    alert = {**candidate.alert, "supersedes": supersedes}
    if candidate.revision < last:
        return StoryVerdict("alert", None, alert=alert)  # a re-run of an old revision
    return StoryVerdict("alert", _story_record(candidate, now, alert, record), alert=alert)


def _drop(record: dict[str, Any] | None, reason: DropReason, now: float) -> StoryVerdict:
    counted = None
    if record is not None:
        counted = {**record, "ignored": int(record.get("ignored", 0)) + 1}
    return StoryVerdict("drop", counted, reason=reason)


def _story_record(
    candidate: Candidate,
    now: float,
    alert: dict[str, Any] | None,
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "revision": candidate.revision,
        "alert_id": alert["alert_id"] if alert else None,
        "own": alert is not None,
        "supersedes": alert.get("supersedes") if alert else None,
        "key": candidate.key if alert else None,
        "summary": match_summary(alert) if alert else None,
        "seen_at": now,
        "ignored": int(previous.get("ignored", 0)) if previous else 0,
    }


def match_summary(alert: dict[str, Any]) -> dict[str, Any]:
    """What subscriptions filter on, kept so that a retraction reaches whoever got the alert."""
    return {
        "article_id": alert.get("article_id"),
        "revision": alert.get("revision"),
        "headline": alert.get("headline"),
        "language": alert.get("language"),
        "tags": [{"name": t["name"], "score": t["score"]} for t in alert.get("tags", [])],
        "partnership": (
            {"status": alert["partnership"]["status"]} if alert.get("partnership") else None
        ),
        "entities": [
            {
                k: v
                for k, v in e.items()
                if k in ("id", "name", "role", "listed", "listings", "sector", "country")
            }
            for e in alert.get("entities", [])
        ],
    }


class ExpiryIndex:
    """When each stored key runs out, per partition: the keys a partition's next event may delete.

    Faust writes a table's changelog to the partition of the event being processed, so a
    key can only be deleted while an event of its own partition is in hand.
    """

    def __init__(self) -> None:
        self._heaps: dict[int, list[tuple[float, bytes]]] = {}

    def add(self, partition: int, expires_at: float, key: bytes) -> None:
        heapq.heappush(self._heaps.setdefault(partition, []), (expires_at, key))

    def due(self, partition: int, now: float, *, limit: int = 100) -> list[bytes]:
        """Keys of ``partition`` whose time ran out (at most ``limit``; check them before deleting)."""
        heap = self._heaps.get(partition)
        out: list[bytes] = []
        while heap and heap[0][0] <= now and len(out) < limit:
            out.append(heapq.heappop(heap)[1])
        return out

    def clear(self) -> None:
        self._heaps.clear()

    def __len__(self) -> int:
        return sum(len(h) for h in self._heaps.values())
