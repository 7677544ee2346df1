"""The per-message path (``streams.process``): any bytes or JSON -> a valid candidate or a dead letter."""

from __future__ import annotations

import base64
import json
from functools import cache
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.pipeline import Pipeline, default_pipeline
from streams.process import MAX_REASON, Processed, Rejected, Where, process_story
from streams.schemas import validator
from tests.fixtures.stories import ALIBABA_FORD_FR, QUIET_EARNINGS_EN

WHERE = Where("news.raw", 3, 42)
FUZZ = settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@cache
def _pipeline() -> Pipeline:
    return default_pipeline()


def _run(value: Any, key: Any = b"k") -> Processed | Rejected:
    return process_story(value, key=key, where=WHERE, pipeline=_pipeline)


def _encode(data: Any) -> bytes:
    """JSON text of ``data`` with the stdlib (it writes integers beyond 64 bits, orjson does not)."""
    return json.dumps(data).encode()


def _assert_well_formed(outcome: Processed | Rejected, value: Any) -> None:
    """Either a candidate whose alert fits alert.v2, or a dead letter that fits dead-letter.v1."""
    if isinstance(outcome, Rejected):
        record = orjson.loads(outcome.value)
        assert not list(validator("dead-letter.v1").iter_errors(record))
        assert record["source"] == {"topic": "news.raw", "partition": 3, "offset": 42}
        assert record["error"] and len(record["error"]) <= MAX_REASON + 40
        if isinstance(value, bytes):
            assert base64.b64decode(record["value_b64"]) == value
        return
    assert isinstance(outcome, Processed)
    if outcome.value is None:
        assert outcome.alert is None and outcome.article.revision == 0
        return
    candidate = orjson.loads(outcome.value)
    assert candidate["article_id"] == outcome.article.id
    if candidate["alert"] is not None:
        message = {**candidate["alert"], "supersedes": None}
        assert not list(validator("alert.v2").iter_errors(message))


def test_process_dead_letters_a_date_that_is_not_rfc3339() -> None:
    outcome = _run(b'{"id":"n","headline":"x","published_at":"T1"}')
    assert isinstance(outcome, Rejected)
    assert "published_at" in outcome.reason and "RFC 3339" in outcome.reason


def test_process_dead_letters_a_revision_beyond_64_bits() -> None:
    raw = orjson.dumps({**ALIBABA_FORD_FR}).replace(
        b'"id"', b'"revision":18446744073709551616,"id"'
    )
    outcome = _run(raw)
    assert isinstance(outcome, Rejected)
    assert "revision" in outcome.reason and "maximum" in outcome.reason


def test_process_dead_letters_a_url_that_is_not_a_uri() -> None:
    outcome = _run(orjson.dumps({**ALIBABA_FORD_FR, "url": "not a url"}))
    assert isinstance(outcome, Rejected)
    assert "url" in outcome.reason and "URI" in outcome.reason


def test_process_cuts_a_reason_that_quotes_a_huge_value() -> None:
    outcome = _run(orjson.dumps({"id": "n", "headline": "x" * 5000}))
    assert isinstance(outcome, Rejected)
    assert len(outcome.reason) < MAX_REASON + 40 and "more characters" in outcome.reason


def test_process_turns_a_bug_in_the_analysis_into_a_dead_letter() -> None:
    class Broken:
        def analyse(self, article: Any, **options: Any) -> Any:
            raise RuntimeError("tagger exploded")

    outcome = process_story(
        orjson.dumps(ALIBABA_FORD_FR),
        key=None,
        where=WHERE,
        pipeline=lambda: Broken(),  # type: ignore[arg-type,return-value]
    )
    assert isinstance(outcome, Rejected)
    assert outcome.record.error_type == "RuntimeError" and "tagger exploded" in outcome.reason
    assert outcome.key is None


def test_process_gives_a_candidate_for_a_tagged_story_and_nothing_for_a_quiet_one() -> None:
    tagged = _run(orjson.dumps(ALIBABA_FORD_FR))
    quiet = _run(orjson.dumps(QUIET_EARNINGS_EN))
    assert isinstance(tagged, Processed) and tagged.alert is not None and tagged.value
    assert isinstance(quiet, Processed) and quiet.alert is None and quiet.value is None
    _assert_well_formed(tagged, None)


@FUZZ
@given(st.binary(max_size=400))
def test_process_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    _assert_well_formed(_run(raw), raw)


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=60)
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
#: Values a field could well hold: the replaced story often stays valid and reaches the analysis.
_plausible = (
    st.text(max_size=200)
    | st.integers(min_value=0, max_value=2**63 - 1)
    | st.sampled_from(["en", "fr", "zh-CN", "2024-02-29T23:59:60Z", "https://example.com/a?b=c"])
    | st.lists(st.text(min_size=1, max_size=8), max_size=4)
)
_fields = st.sampled_from(
    ["id", "revision", "headline", "body", "language", "published_at", "source", "url", "tickers"]
)


@FUZZ
@given(_json)
def test_process_never_raises_on_arbitrary_json(data: Any) -> None:
    raw = _encode(data)
    _assert_well_formed(_run(raw), raw)


@FUZZ
@given(
    st.sampled_from([ALIBABA_FORD_FR, QUIET_EARNINGS_EN]),
    st.dictionaries(_fields, _json, max_size=3),
)
def test_process_never_raises_on_good_stories_with_fields_replaced(
    story: dict[str, Any], replaced: dict[str, Any]
) -> None:
    raw = _encode({**story, **replaced})
    _assert_well_formed(_run(raw), raw)


@FUZZ
@given(st.text(max_size=300), st.text(max_size=2000))
def test_process_never_raises_on_arbitrary_text_in_a_story(headline: str, body: str) -> None:
    raw = _encode({"id": "fuzz", "headline": headline, "body": body})
    _assert_well_formed(_run(raw), raw)
