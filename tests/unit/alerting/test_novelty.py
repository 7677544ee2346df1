"""Novelty decisions: copies counted on the first alert of a text; replays and late revisions
dropped and counted; higher revisions supersede or retract; ``realert`` bypasses; windows expire."""

from __future__ import annotations

from typing import Any

from streams.alerting.build import alert_id
from streams.alerting.novelty import (
    Candidate,
    ExpiryIndex,
    decide_copy,
    decide_story,
)

HOUR = 3600.0


def candidate(
    article_id: str = "a1",
    revision: int = 0,
    *,
    fp: str = "fp_1",
    qualifies: bool = True,
    copy_of: str | None = None,
    realert: bool = False,
) -> Candidate:
    alert: dict[str, Any] | None = None
    if qualifies:
        alert = {
            "schema": "alert.v2",
            "alert_id": alert_id(article_id, revision),
            "article_id": article_id,
            "revision": revision,
            "headline": f"headline {revision}",
            "language": "en",
            "tags": [{"name": "partnership", "score": 0.9, "evidence": []}],
            "partnership": {"status": "formed", "partners": [], "scope": []},
            "entities": [
                {
                    "id": "toyota",
                    "name": "Toyota",
                    "role": "partner",
                    "listed": True,
                    "listings": [],
                    "mentions": [{"field": "body"}],
                }
            ],
        }
    return Candidate(article_id, revision, fp, alert, key="toyota" if qualifies else None,
                     source="feed", realert=realert, copy_of=copy_of)  # fmt: skip


def story(record: dict | None, c: Candidate, now: float = 0.0):
    return decide_story(record, c, now=now, retention=24 * HOUR)


def copy(record: dict | None, c: Candidate, now: float = 0.0):
    return decide_copy(record, c, now=now, window=2 * HOUR)


# ------------------------------------------------------------------ copies


def test_copy_first_text_is_original_and_recorded() -> None:
    verdict = copy(None, candidate())
    assert verdict.candidate.copy_of is None
    assert verdict.record is not None and verdict.record["alert_id"] == alert_id("a1", 0)


def test_copy_same_text_from_another_article_is_counted_once_per_article() -> None:
    record = copy(None, candidate()).record
    first = copy(record, candidate("b1"), now=60)
    assert first.candidate.copy_of == alert_id("a1", 0) and first.copies == 1
    again = copy(first.record, candidate("b1", 1), now=90)
    assert again.candidate.copy_of == alert_id("a1", 0)
    assert again.record is None and again.copies == 1
    second = copy(first.record, candidate("c1"), now=120)
    assert second.copies == 2 and [c[0] for c in second.record["copies"]] == ["b1", "c1"]


def test_copy_after_the_window_is_a_new_original() -> None:
    record = copy(None, candidate()).record
    late = copy(record, candidate("b1"), now=3 * HOUR)
    assert late.candidate.copy_of is None and late.record["article_id"] == "b1"


def test_copy_same_article_passes_on_and_a_higher_revision_becomes_the_reference() -> None:
    record = copy(None, candidate()).record
    replay = copy(record, candidate())
    assert replay.candidate.copy_of is None and replay.record is None
    revised = copy(record, candidate("a1", 2))
    assert revised.candidate.copy_of is None
    assert revised.record["alert_id"] == alert_id("a1", 2)


def test_copy_story_without_alert_and_realert_are_never_copies() -> None:
    record = copy(None, candidate()).record
    assert copy(record, candidate("b1", 1, qualifies=False)).candidate.copy_of is None
    assert copy(record, candidate("b1", realert=True)).candidate.copy_of is None


# ------------------------------------------------------------------ stories


def test_story_first_alert_has_no_supersedes() -> None:
    verdict = story(None, candidate())
    assert verdict.action == "alert" and verdict.alert["supersedes"] is None
    assert verdict.record["alert_id"] == alert_id("a1", 0) and verdict.record["own"]


def test_story_replay_and_late_revision_dropped_and_counted() -> None:
    record = story(None, candidate("a1", 1)).record
    replay = story(record, candidate("a1", 1))
    assert (replay.action, replay.reason, replay.record["ignored"]) == ("drop", "replay", 1)
    late = story(replay.record, candidate("a1", 0))
    assert (late.action, late.reason, late.record["ignored"]) == ("drop", "late", 2)
    assert late.record["revision"] == 1


def test_story_higher_revision_supersedes_the_previous_alert() -> None:
    record = story(None, candidate()).record
    verdict = story(record, candidate("a1", 1))
    assert verdict.action == "alert"
    assert verdict.alert["supersedes"] == alert_id("a1", 0)
    assert verdict.record["revision"] == 1


def test_story_revision_that_no_longer_qualifies_retracts_with_what_subscribers_match() -> None:
    record = story(None, candidate()).record
    verdict = story(record, candidate("a1", 1, qualifies=False))
    assert verdict.action == "retract"
    assert verdict.retracted["alert_id"] == alert_id("a1", 0)
    assert verdict.retracted["key"] == "toyota"
    assert verdict.retracted["tags"] == [{"name": "partnership", "score": 0.9}]
    assert "mentions" not in verdict.retracted["entities"][0]
    assert verdict.record["alert_id"] is None
    # Retracted once: a further non-qualifying revision retracts nothing more.
    again = story(verdict.record, candidate("a1", 2, qualifies=False))
    assert (again.action, again.reason) == ("drop", "no_alert")


def test_story_copy_stands_for_the_group_alert_and_is_not_retracted_by_its_feed() -> None:
    group = alert_id("a1", 0)
    verdict = story(None, candidate("b1", copy_of=group))
    assert (verdict.action, verdict.reason) == ("drop", "copy")
    assert verdict.record["alert_id"] == group and not verdict.record["own"]
    # The copying feed revises its story into a new text: it supersedes the group alert.
    update = story(verdict.record, candidate("b1", 1, fp="fp_2"))
    assert update.action == "alert" and update.alert["supersedes"] == group
    # A copy's revision that no longer qualifies does not withdraw another feed's alert.
    denied = story(verdict.record, candidate("b1", 1, qualifies=False))
    assert (denied.action, denied.reason) == ("drop", "not_own")


def test_story_realert_republishes_with_the_same_supersedes() -> None:
    first = story(None, candidate()).record
    second = story(first, candidate("a1", 1))
    again = story(second.record, candidate("a1", 1, realert=True))
    assert again.action == "alert" and again.alert["supersedes"] == alert_id("a1", 0)
    old = story(second.record, candidate("a1", 0, realert=True))
    assert old.action == "alert" and old.record is None  # the stored revision stays 1


def test_story_record_past_retention_is_forgotten() -> None:
    record = story(None, candidate()).record
    verdict = story(record, candidate(), now=25 * HOUR)
    assert verdict.action == "alert" and verdict.alert["supersedes"] is None


# ------------------------------------------------------------------ expiry


def test_expiry_index_gives_due_keys_per_partition_in_time_order() -> None:
    index = ExpiryIndex()
    index.add(0, 30.0, b"late")
    index.add(0, 10.0, b"early")
    index.add(1, 5.0, b"other")
    assert index.due(0, 20.0) == [b"early"]
    assert index.due(0, 20.0) == []
    assert index.due(0, 40.0, limit=5) == [b"late"]
    assert index.due(1, 40.0) == [b"other"] and len(index) == 0
