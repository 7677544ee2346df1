"""Cue lexicons: loading, word boundaries, prefix/suffix and case-sensitive cues, nesting."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.records import LANGUAGES
from streams.tagging.lexicon import LEXICON_DIR, CueMatcher, LexiconError, load_lexicon

REQUIRED = ("partner_strong", "partner_weak", "denial", "sponsorship", "acquisition", "order",
            "lawsuit", "china", "auto_strong", "vehicle", "terminate", "expand", "explore_doc")  # fmt: skip


def found(matcher: CueMatcher, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[m.start : m.end], m.families) for m in matcher.find(text)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_load_lexicon_has_every_family_in_every_language(language: str) -> None:
    families = load_lexicon(language)
    missing = [f for f in REQUIRED if not families.get(f)]
    assert missing == []


def test_load_lexicon_rejects_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(LexiconError):
        load_lexicon("xx", tmp_path)


def test_load_lexicon_rejects_malformed_family(tmp_path: Path) -> None:
    (tmp_path / "en.json").write_text('{"partner_strong": "not a list"}')
    with pytest.raises(LexiconError):
        load_lexicon("en", tmp_path)


def test_cue_matcher_requires_word_boundaries_in_spaced_languages() -> None:
    matcher = CueMatcher("en", {"vehicle": ["car"]})
    assert found(matcher, "The carmaker sold a car.") == [("car", ("vehicle",))]


def test_cue_matcher_prefix_cue_covers_the_whole_word() -> None:
    matcher = CueMatcher("en", {"partner_strong": ["partner*"]})
    assert found(matcher, "A new partnership.") == [("partnership", ("partner_strong",))]


def test_cue_matcher_suffix_cue_matches_inside_german_compounds() -> None:
    matcher = CueMatcher("de", {"auto_strong": ["*antriebsstrang*"]})
    assert [t for t, _ in found(matcher, "Der Elektroantriebsstrang ist neu.")] == [
        "Elektroantriebsstrang"
    ]


def test_cue_matcher_case_sensitive_cue_skips_lower_case_word() -> None:
    matcher = CueMatcher("fr", {"scope:ai": ["=AI"]})
    assert found(matcher, "j'ai vu l'AI") == [("AI", ("scope:ai",))]


def test_cue_matcher_longer_cue_hides_the_one_inside() -> None:
    matcher = CueMatcher("en", {"neutral": ["battery-electric"], "auto_weak": ["battery"]})
    assert found(matcher, "battery-electric models") == [("battery-electric", ("neutral",))]


def test_cue_matcher_matches_cjk_without_boundaries() -> None:
    matcher = CueMatcher("zh", load_lexicon("zh"))
    families = {f for _, fs in found(matcher, "双方签署战略合作备忘录") for f in fs}
    assert {"partner_strong", "explore_doc"} <= families


def test_lexicon_files_are_valid_json_objects() -> None:
    for path in LEXICON_DIR.glob("*.json"):
        assert path.read_text(encoding="utf-8").lstrip().startswith("{")


@pytest.mark.parametrize(
    ("language", "cue", "text"),
    [
        ("fr", "véhicule* connecté*", "des véhicules connectés et du cloud"),
        ("es", "vehículo* conectado*", "los vehículos conectados del grupo"),
        ("de", "vernetzte* fahrzeug*", "für vernetzten Fahrzeugen gedacht"),
        ("it", "motor* elettric*", "nuovi motori elettrici"),
    ],
)
def test_lexicon_starred_word_inside_a_phrase_takes_inflections(
    language: str, cue: str, text: str
) -> None:
    matcher = CueMatcher(language, {"auto_strong": [cue]})
    assert [m.families for m in matcher.find(text)] == [("auto_strong",)]


def test_lexicon_inner_star_does_not_match_another_word() -> None:
    matcher = CueMatcher("fr", {"auto_strong": ["véhicule* connecté*"]})
    assert matcher.find("des véhiculaires connectés") == []
