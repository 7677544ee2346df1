"""Every schema is valid draft 2020-12, and every example beside it validates against it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator, ValidationError

from streams.schemas import SCHEMAS_DIR, load_schema, validator

SCHEMA_NAMES = sorted(p.stem for p in SCHEMAS_DIR.glob("*.json"))
EXAMPLES = sorted((SCHEMAS_DIR / "examples").glob("*.json"))


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_schema_example_validates(path: Path) -> None:
    name = path.name.removesuffix(".json")
    validator(name).validate(orjson.loads(path.read_bytes()))


def test_schema_every_schema_has_an_example() -> None:
    example_names = {p.name.removesuffix(".json") for p in EXAMPLES}
    assert set(SCHEMA_NAMES) <= example_names


def test_schema_alert_rejects_unknown_tag_and_score_out_of_range() -> None:
    alert = orjson.loads((SCHEMAS_DIR / "examples" / "alert.v1.json").read_bytes())
    alert["tags"][0]["name"] = "weather"
    with pytest.raises(ValidationError):
        validator("alert.v1").validate(alert)
    alert["tags"][0]["name"] = "partnership"
    alert["tags"][0]["score"] = 1.5
    with pytest.raises(ValidationError):
        validator("alert.v1").validate(alert)


# The compiled validator answers "valid" alone (the hot path): it must never pass a message
# that jsonschema rejects. Edge cases of the two formats and of the bounds, both ways.
FORMAT_CASES = [
    ("published_at", "2026-12-03T07:05:19Z"),
    ("published_at", "2026-12-03T07:05:19.123+05:30"),
    ("published_at", "2026-12-03t07:05:19z"),
    ("published_at", "2026-12-03 07:05:19Z"),
    ("published_at", "2026-12-03T07:05:19"),
    ("published_at", "2026-02-30T07:05:19Z"),
    ("published_at", "2026-12-03T24:00:00Z"),
    ("published_at", "2016-12-31T23:59:60Z"),
    ("published_at", "yesterday"),
    ("url", "https://example.com/a?b=c#d"),
    ("url", "http://[::1]:8080/x"),
    ("url", "example.com/no-scheme"),
    ("url", "https://exa mple.com/"),
    ("url", "mailto:desk@example.com"),
    ("url", ""),
    ("headline", "x" * 100_000),
    ("id", ""),
]


@pytest.mark.parametrize(("field", "value"), FORMAT_CASES)
def test_the_fast_validator_never_passes_what_jsonschema_rejects(field: str, value: str) -> None:
    from streams.schemas import _compiled, fits, validator

    story = {"id": "s-1", "headline": "h", "body": "b", field: value}
    python = validator("raw-news.v1").is_valid(story)
    assert fits("raw-news.v1", story) == python
    if not python:
        assert not _compiled("raw-news.v1").is_valid(story), (field, value)
