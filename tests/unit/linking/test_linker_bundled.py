"""Linker over the bundled reference data: the product-critical cases (skipped while data is missing)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from streams.linking.linker import Linker
from streams.linking.refdata import DATA_DIR, load_companies
from streams.text import Document


@lru_cache(maxsize=1)
def _linker_and_ids() -> tuple[Linker, frozenset[str]]:
    companies = load_companies()
    return Linker(companies), frozenset(c.id for c in companies)


def _ids(body: str, language: str, *needed: str, headline: str = "") -> list[str]:
    if not any(DATA_DIR.glob("*.jsonl")):
        pytest.skip("bundled reference data not there yet")
    linker, known = _linker_and_ids()
    missing = [n for n in needed if n not in known]
    if missing:
        pytest.skip(f"bundled data lacks {missing}")
    return [m.company.id for m in linker.link(Document(headline, body), language)]


def test_linker_bundled_alibaba_brands_and_markup() -> None:
    body = "HANGZHOU (Wire) - Ford Motor and Alibaba Group (NYSE:BABA) will sell cars on Tmall."
    assert _ids(body, "en", "alibaba", "ford-motor") == ["ford-motor", "alibaba"]


def test_linker_bundled_ford_person_and_foundation_are_not_ford() -> None:
    body = "NEW YORK (Wire) - The Ford Foundation said Harrison Ford and Gerald Ford gave grants."
    assert _ids(body, "en", "ford-motor") == []


def test_linker_bundled_ford_in_auto_sentence_is_ford() -> None:
    body = "DETROIT (Wire) - Ford will cut electric vehicle prices, the carmaker said."
    assert _ids(body, "en", "ford-motor") == ["ford-motor"]


def test_linker_bundled_great_wall_car_maker_not_the_wall() -> None:
    assert _ids("游客在长城脚下拍照。", "zh", "great-wall-motor") == []
    assert _ids("长城汽车（601633.SH）宣布，长城将扩产。", "zh", "great-wall-motor") == [
        "great-wall-motor"
    ]


def test_linker_bundled_chinese_common_words_are_not_companies() -> None:
    body = "智能驾驶正从高端车型走向大众市场，理想的方案是喝小米粥。"
    assert _ids(body, "zh", "volkswagen", "li-auto", "xiaomi") == []


def test_linker_bundled_shanghai_sh_markup_is_saic() -> None:
    assert _ids("上汽集团（600104.SH）发布公告。", "zh", "saic-motor") == ["saic-motor"]


def test_linker_bundled_audi_resolves_to_volkswagen() -> None:
    assert _ids("Audi baut neue Elektroautos in China.", "de", "volkswagen") == ["volkswagen"]


def test_linker_bundled_reuters_dateline_is_not_thomson_reuters() -> None:
    body = (
        "DETROIT (Reuters) - NIO (NYSE: NIO) said.\n(Reporting by Paul Nolan; Editing by Grace Lim)"
    )
    assert _ids(body, "en", "nio", "thomson-reuters") == ["nio"]


def test_linker_bundled_colours_and_shells_are_not_companies() -> None:
    body = "SANIBEL (Wire) - Shell collectors in orange shirts returned. Orange has been popular."
    assert _ids(body, "en", "shell", "orange") == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("国航宣布开通三条新航线。", "zh", ["air-china"]),
        ("三菱重、防衛事業の受注を拡大", "ja", ["mitsubishi-heavy-industries"]),
        ("현대차, 엔비디아와 AI 동맹 강화", "ko", ["hyundai-motor", "nvidia"]),
    ],
)
def test_linker_bundled_press_short_names_link(
    text: str, language: str, expected: list[str]
) -> None:
    """Headlines name companies by the short forms of the local press, not the full name."""
    assert _ids("", language, *expected, headline=text) == expected


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("董事会集中通过多项议案。", "zto-express"),  # 中通 inside 集中通过
        ("其中行业龙头表现亮眼。", "bank-of-china"),  # 中行 inside 其中行业
        ("化工行业景气继续回升。", "icbc"),  # 工行 inside 化工行业
    ],
)
def test_linker_bundled_short_names_inside_common_phrases_do_not_link(
    text: str, company: str
) -> None:
    assert _ids(text, "zh", company) == []
