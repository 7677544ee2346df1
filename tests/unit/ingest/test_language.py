"""Language detection: scripts settle CJK; a declared Latin-script language is trusted unless clearly wrong."""

from __future__ import annotations

import pytest

from streams.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("マツダは中国で新型車を発売した。", "ja"),
        ("삼성전자가 3분기 실적을 발표했다.", "ko"),
        ("长城汽车与地平线深化智能驾驶合作。", "zh"),
        ("Nike調整中國業務策略，加快本地化產品開發。", "zh"),
    ],
)
def test_detect_language_settles_cjk_by_script(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_ja_wins_over_han_when_kana_present() -> None:
    assert detect_language("三菱電機、上海交通大学と共同研究拠点を設立", "zh") == "ja"


def test_detect_language_overrides_cjk_declaration_on_latin_text() -> None:
    text = (
        "Volkswagen und SAIC wollen gemeinsam Elektroautos für den chinesischen Markt entwickeln."
    )
    assert detect_language(text, "zh") == "de"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le groupe a signé un accord de partenariat stratégique avec le géant chinois.", "fr"),
        ("Die beiden Autobauer wollen gemeinsam die nächste Generation entwickeln.", "de"),
        ("Las dos compañías firmaron un acuerdo de código compartido el miércoles.", "es"),
        ("Le due società studieranno lo sviluppo congiunto di un sistema frenante.", "it"),
        ("The two companies signed a memorandum of understanding on Tuesday.", "en"),
    ],
)
def test_detect_language_finds_latin_languages_without_declaration(
    text: str, expected: str
) -> None:
    assert detect_language(text) == expected


def test_detect_language_trusts_declared_language_on_ambiguous_short_text() -> None:
    assert detect_language("Stellantis Jeep GAC", "it") == "it"


def test_detect_language_returns_a_project_language_for_empty_text() -> None:
    assert detect_language("", None) in ("en", "fr", "de", "es", "it", "zh", "ja", "ko")


def test_detect_language_chinese_with_katakana_brand_stays_chinese() -> None:
    text = "索尼集团旗下品牌ソニー今日在上海发布新款相机，公司表示将扩大在中国市场的销售网络和研发投入。"
    assert detect_language(text, "zh") == "zh"


def test_detect_language_chinese_with_hangul_brand_stays_chinese() -> None:
    text = "韩国企业삼성与中国合作伙伴签署协议，双方将在上海共同建设研发中心并扩大在华生产规模。"
    assert detect_language(text) == "zh"
