"""Datelines, credit lines and the context of ambiguous names."""

from __future__ import annotations

import pytest

from streams.layout import dateline_and_credits, sentence_around
from streams.linking.context import has_company_cue, is_ordinary_word
from streams.linking.names import fold_width, is_cjk
from streams.text import Document


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The text layer's sentence around ``text[start:end]`` (the text as a story's body)."""
    language = "zh" if any(is_cjk(ch) for ch in text) else "en"
    return sentence_around(Document(headline="", body=text), language, start, end)


def _regions(body: str) -> tuple[list[str], set[str]]:
    text = fold_width(body)
    regions, agencies = dateline_and_credits(text, 0)
    return [text[s:e].strip() for s, e in regions], agencies


@pytest.mark.parametrize(
    ("body", "dateline", "agency"),
    [
        ("PARIS (Reuters) - Renault said on Monday.", "PARIS (Reuters) -", "Reuters"),
        ("BEIJING, March 3 (Xinhua) -- BYD said.", "BEIJING, March 3 (Xinhua) --", "Xinhua"),
        ("東京 (共同) トヨタ自動車は発表した。", "東京 (共同)", "共同"),
        ("TORINO (ANSA) - Stellantis metterà fine.", "TORINO (ANSA) -", "ANSA"),
        ("新华社北京3月3日电 比亚迪宣布。", "新华社北京3月3日电", "新华社"),
        ("【広州＝アジア経済通信】マツダは発表した。", "【広州=アジア経済通信】", "アジア経済通信"),
        ("(서울=연합뉴스) 현대차가 밝혔다.", "(서울=연합뉴스)", "연합뉴스"),
        ("PARIS/PÉKIN (Agence) - Danone a signé.", "PARIS/PÉKIN (Agence) -", "Agence"),
    ],
)
def test_context_finds_dateline_and_agency(body: str, dateline: str, agency: str) -> None:
    regions, agencies = _regions(body)
    assert regions == [dateline]
    assert agency in agencies


@pytest.mark.parametrize(
    "credit",
    [
        "(Reporting by Paul Nolan; Editing by Grace Lim)",
        "(Bureau de Pékin ; édité par Paul Girard)",
        "(Redazione Milano)",
        "(Redaktion Peking; Bearbeitet von Markus Lang)",
        "(編集：山田太郎)",
    ],
)
def test_context_finds_trailing_credit_line(credit: str) -> None:
    regions, _ = _regions(f"Renault said on Monday it would build cars.\n{credit}")
    assert regions == [fold_width(credit)]


def test_context_finds_credit_tail_in_last_paragraph() -> None:
    regions, agencies = _regions("Renault said it would. (Reporting by Ann Lee for Reuters)")
    assert regions == ["(Reporting by Ann Lee for Reuters)"]
    assert "reuters" in agencies


def test_context_ignores_parentheses_that_are_not_a_dateline() -> None:
    body = "Renault, which makes cars in many countries and sells them worldwide (mostly in Europe), said."
    assert _regions(body) == ([], set())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Actor Harrison Ford said he liked it.", "Ford"),
        ("The Ford Foundation said it would sell bonds.", "Ford"),
        ("Der frühere Präsident Gerald Ford starb.", "Ford"),
        ("Deforestation in the Amazon rainforest grew.", "Amazon"),
        ("游客在长城脚下拍照。", "长城"),
        ("这是理想的选择。", "理想"),
    ],
)
def test_context_recognises_ordinary_words(text: str, name: str) -> None:
    start = text.index(name)
    s, _ = sentence_bounds(text, start, start + len(name))
    assert is_ordinary_word(text, start, start + len(name), s)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shares rose after the automaker Ford said so.", "Ford"),
        ("Ford's chief executive said so.", "Ford"),
        ("Le constructeur américain Ford a annoncé.", "Ford"),
        ("Der US-Autobauer Ford teilte mit.", "Ford"),
        ("Ein Ford-Sprecher sagte.", "Ford"),
        ("小米集团宣布。", "小米"),
        ("小米表示，", "小米"),
    ],
)
def test_context_finds_company_cues(text: str, name: str) -> None:
    start = text.index(name)
    s, _ = sentence_bounds(text, start, start + len(name))
    assert not is_ordinary_word(text, start, start + len(name), s)
    assert has_company_cue(text, start, start + len(name), s)


def test_context_no_company_cue_in_plain_sentence() -> None:
    text = "Ford was mentioned."
    assert not has_company_cue(text, 0, 4, 0)
