"""Matcher: one test per filter field, plus how fields combine."""

from __future__ import annotations

from typing import Any

import pytest

from streams.alerting.matcher import matches
from streams.records import Filter


def make_alert(
    *,
    tags: dict[str, float] | None = None,
    language: str = "en",
    status: str | None = "formed",
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "schema": "alert.v1",
        "alert_id": "alrt_000000000000000000000001",
        "language": language,
        "tags": [
            {"name": n, "score": s, "evidence": []}
            for n, s in (tags or {"partnership": 0.9}).items()
        ],
        "partnership": {"status": status, "partners": [], "scope": []} if status else None,
        "entities": entities
        if entities is not None
        else [
            {
                "id": "toyota-motor",
                "name": "Toyota Motor",
                "role": "partner",
                "listed": True,
                "listings": [
                    {"symbol": "7203", "mic": "XTKS", "yahoo": "7203.T", "currency": "JPY"}
                ],
                "mentions": [],
                "sector": "Consumer Cyclical",
                "country": "JP",
            }
        ],
    }


def test_matcher_empty_filter_takes_everything() -> None:
    assert matches(Filter(), make_alert())


@pytest.mark.parametrize(
    ("tags", "expected"),
    [(("partnership",), True), (("auto_tech",), False), (("auto_tech", "partnership"), True)],
)
def test_matcher_tags(tags: tuple[str, ...], expected: bool) -> None:
    assert matches(Filter(tags=tags), make_alert(tags={"partnership": 0.9})) is expected


def test_matcher_min_score_applies_to_the_wanted_tags() -> None:
    alert = make_alert(tags={"partnership": 0.4, "auto_tech": 0.8})
    assert not matches(Filter(tags=("partnership",), min_score=0.5), alert)
    assert matches(Filter(tags=("auto_tech",), min_score=0.5), alert)
    assert matches(Filter(min_score=0.5), alert)  # any tag when no tags given
    assert not matches(Filter(min_score=0.9), alert)


def test_matcher_min_score_is_inclusive() -> None:
    assert matches(Filter(min_score=0.5), make_alert(tags={"partnership": 0.5}))


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("toyota-motor", True), ("7203", True), ("7203.t", True), ("TM", False)],
)
def test_matcher_companies_by_id_symbol_or_yahoo(wanted: str, expected: bool) -> None:
    assert matches(Filter(companies=(wanted,)), make_alert()) is expected


def test_matcher_languages() -> None:
    assert matches(Filter(languages=("fr", "en")), make_alert(language="en"))
    assert not matches(Filter(languages=("fr",)), make_alert(language="en"))


def test_matcher_countries() -> None:
    assert matches(Filter(countries=("JP",)), make_alert())
    assert not matches(Filter(countries=("CN",)), make_alert())


def test_matcher_sectors_case_insensitive() -> None:
    assert matches(Filter(sectors=("consumer cyclical",)), make_alert())
    assert not matches(Filter(sectors=("Technology",)), make_alert())


def test_matcher_partnership_status() -> None:
    assert matches(Filter(partnership_status=("formed",)), make_alert(status="formed"))
    assert not matches(Filter(partnership_status=("terminated",)), make_alert(status="formed"))
    assert not matches(Filter(partnership_status=("formed",)), make_alert(status=None))


def test_matcher_company_fields_need_entities() -> None:
    alert = make_alert(entities=[])
    assert not matches(Filter(companies=("toyota-motor",)), alert)
    assert not matches(Filter(countries=("JP",)), alert)
    assert not matches(Filter(sectors=("Consumer Cyclical",)), alert)


def test_matcher_all_fields_must_match() -> None:
    f = Filter(tags=("partnership",), languages=("en",), countries=("CN",))
    assert not matches(f, make_alert())
    assert matches(
        Filter(tags=("partnership",), languages=("en",), countries=("JP",)), make_alert()
    )
