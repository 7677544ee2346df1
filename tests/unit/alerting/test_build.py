"""The alert builder: deterministic ids, no alert without tags, schema-valid output."""

from __future__ import annotations

from streams.alerting.build import alert_id, build_alert
from streams.records import Analysis
from streams.schemas import validator
from tests.factories import article, partnership, tag


def _analysis(*tags: str) -> Analysis:
    return Analysis(
        article_id="a-1",
        language="en",
        tags=tuple(tag(t) for t in tags),
        partnership=partnership(("A", "B")) if "partnership" in tags else None,
        entities=(),
    )


def test_alert_id_is_stable_per_article_and_revision() -> None:
    assert alert_id("a-1", 0) == alert_id("a-1", 0)
    assert alert_id("a-1", 0) != alert_id("a-1", 1)
    assert alert_id("a-1", 0) != alert_id("a-2", 0)


def test_build_alert_none_when_no_tag_fired() -> None:
    assert build_alert(article(), _analysis(), received_at="2024-01-01T00:00:00.000Z") is None


def test_build_alert_validates_and_keys_on_article_without_entities() -> None:
    alert = build_alert(
        article(published_at="2024-01-01T00:00:00Z"),
        _analysis("partnership", "auto_tech"),
        received_at="2024-01-01T00:00:01.000Z",
    )
    assert alert is not None
    validator("alert.v1").validate(alert.to_dict())
    assert alert.key == "a-1"
    assert alert.tag_names == ("partnership", "auto_tech")
    assert alert.to_dict()["partnership"]["partners"] == [["A", "B"]]


def test_alert_key_prefers_a_listed_partner_over_an_unlisted_one() -> None:
    from streams.records import Entity, Listing

    unlisted = Entity(
        id="org:zephyr-labs",
        name="Zephyr Labs",
        role="partner",
        listings=(),
        mentions=(),
        listed=False,
    )
    listed = Entity(
        id="acme",
        name="Acme Motors",
        role="partner",
        listings=(Listing(symbol="ACME", mic="XNYS", yahoo="ACME", currency="USD"),),
        mentions=(),
    )
    analysis = Analysis(
        article_id="a-1",
        language="en",
        tags=(tag("partnership"),),
        partnership=None,
        entities=(unlisted, listed),
    )
    alert = build_alert(article(), analysis, received_at="2024-01-01T00:00:00.000Z")
    assert alert is not None and alert.key == "acme"
