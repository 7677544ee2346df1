"""Sentence segmentation and wire boilerplate in the eight languages."""

from __future__ import annotations

from streams.layout import boilerplate
from streams.tagging.sentences import split_sentences
from streams.text import Document


def boilerplate_ranges(text: str, body_offset: int) -> list[tuple[int, int]]:
    """The text layer's dateline and credit ranges of a story (headline before ``body_offset``)."""
    headline = text[: max(0, body_offset - 2)]
    return list(boilerplate(Document(headline=headline, body=text[body_offset:])).regions)


def texts(text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def test_split_sentences_keeps_english_abbreviations_together() -> None:
    text = "Apple Inc. and the U.S. government met Mr. Smith on Monday. Talks went well."
    assert texts(text, "en") == [
        "Apple Inc. and the U.S. government met Mr. Smith on Monday.",
        "Talks went well.",
    ]


def test_split_sentences_keeps_french_and_german_abbreviations_together() -> None:
    assert len(texts("M. Dupont a signé l'accord. Il part demain.", "fr")) == 2
    assert texts("Das gilt z.B. für Autos. Neu ist das nicht.", "de") == [
        "Das gilt z.B. für Autos.",
        "Neu ist das nicht.",
    ]


def test_split_sentences_cuts_cjk_on_full_width_punctuation() -> None:
    assert texts("双方签署协议。合作将于明年启动！是否扩大？", "zh") == [
        "双方签署协议。",
        "合作将于明年启动！",
        "是否扩大？",
    ]
    assert len(texts("両社は提携した。「詳細は未定だ」と述べた。", "ja")) == 2


def test_split_sentences_cuts_korean_on_period_and_space() -> None:
    assert len(texts("양사는 협약을 체결했다. 내년에 출시한다.", "ko")) == 2


def test_split_sentences_marks_the_headline_and_cuts_on_newlines() -> None:
    text = "Headline here\n\nFirst line\nSecond line"
    sentences = split_sentences(text, "en", headline_end=len("Headline here"))
    assert [s.headline for s in sentences] == [True, False, False]


def test_boilerplate_finds_latin_dateline_and_credit_line() -> None:
    body_offset = len("Title\n\n")
    text = "Title\n\nPARIS (Agence) - Le groupe a signé.\n(Bureau de Pékin ; édité par Paul)"
    ranges = boilerplate_ranges(text, body_offset)
    found = [text[a:b] for a, b in ranges]
    assert found[0] == "PARIS (Agence) - "
    assert found[1].startswith("(Bureau de Pékin")


def test_boilerplate_finds_cjk_datelines() -> None:
    for body in (
        "【上海＝アジア経済通信】三菱電機は",
        "(서울=한빛통신) LG전자가",
        "华商社北京9月23日电 奔驰",
    ):
        ranges = boilerplate_ranges(body, 0)
        assert ranges and ranges[0][0] == 0
        assert body[ranges[0][1] - 1] in "】) 电"


def test_boilerplate_ignores_a_body_without_dateline() -> None:
    assert boilerplate_ranges("Title\n\nThe group said on Monday.", 7) == []
