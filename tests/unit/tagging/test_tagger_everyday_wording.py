"""Tagger recall on stories unlike the dev corpus: ordinary vocabulary and evidence outside the linker.

Each test is a short story written for the test, in one of several languages: car
technology words (thermal management, steering by wire, zonal control, updates over the
air), ordinary ways of saying a company's China play ("Chinageschäft", "中国事業",
"중국 사업", "mercado chino"), a strategy story whose company the linker missed, and a
Chinese company abroad with an unlisted partner. Negative guards sit beside each one.
"""

from __future__ import annotations

import pytest

from streams.tagging.tagger import Tagger
from streams.text import Document
from tests.unit.tagging import factories as f
from tests.unit.tagging.factories import families_of, score, tags_of

# ---------------------------------------------------------------- auto tech vocabulary


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "a zonal controller"),
        ("en", "software updated over the air"),
        ("en", "a thermal management system"),
        ("fr", "la gestion thermique"),
        ("de", "das Thermomanagement"),
        ("es", "la gestión térmica"),
        ("it", "sistemi di gestione termica"),
        ("zh", "热管理系统"),
        ("zh", "线控转向"),
        ("ja", "ステアバイワイヤ"),
        ("ko", "전자식 조향장치"),
        ("ko", "열관리 시스템"),
    ],
)
def test_lexicon_auto_strong_for_thermal_steering_and_zonal_words(language: str, text: str) -> None:
    assert "auto_strong" in families_of(language, text)


def test_lexicon_heat_pump_alone_is_only_weak_in_english() -> None:
    # a heat pump also heats houses: it needs a vehicle in its sentence
    families = families_of("en", "a heat pump")
    assert "auto_weak" in families
    assert "auto_strong" not in families


def test_tagger_auto_tech_zonal_controller_over_the_air_in_english(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "en",
        "Ford unveils zonal controller for software-defined cars",
        "DETROIT (Wire) - Ford Motor on Tuesday showed a zonal controller that cuts the wiring "
        "in its cars. Its software can be updated over the air.",
        {"Ford Motor": f.FORD},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_steering_by_wire_in_korean(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "ko",
        "기아, 전자식 조향장치 개발",
        "(서울=통신) 기아가 차세대 전자식 조향장치와 열관리 시스템을 개발해 전기차에 탑재한다고 밝혔다.",
        {"기아": f.KIA},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_not_for_home_heat_pumps_in_english(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "en",
        "Siemens sells more heat pumps to homeowners",
        "MUNICH (Wire) - Siemens said sales of heat pumps for homes rose 12% in the quarter "
        "as cooling demand grew.",
        {"Siemens": f.company("siemens", "Siemens", "DE", "SIE.DE")},
    )
    assert "auto_tech" not in tags_of(scores)


# ---------------------------------------------------------------- china strategy vocabulary


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "das Chinageschäft"),
        ("ja", "中国事業"),
        ("ko", "중국 사업"),
        ("zh", "在华业务"),
        ("zh", "进军中国"),
        ("es", "el mercado chino"),
        ("it", "il mercato cinese"),
        ("fr", "le marché chinois"),
    ],
)
def test_lexicon_china_business_phrases_are_market_sentences(language: str, text: str) -> None:
    assert {"china", "china_market"} <= families_of(language, text)


def test_lexicon_economic_viability_is_not_macro_in_chinese() -> None:
    # 经济性 is a project's viability, not the economy
    assert "macro" not in families_of("zh", "项目不具备经济性")


def test_tagger_china_strategy_chinageschaeft_in_german(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "de",
        "BMW baut Chinageschäft aus",
        "MÜNCHEN (Agentur) - BMW will sein Chinageschäft ausbauen und investiert in ein neues Werk. "
        "Der Konzern will dort mehr Kunden erreichen.",
        {"BMW": f.BMW},
    )
    assert "china_strategy" in tags_of(scores)


# ---------------------------------------------------------------- china without a linked company


def test_tagger_china_strategy_story_without_linked_company_in_spanish(tagger: Tagger) -> None:
    # the linker knows no company here, yet the story is a company's retreat from China
    scores = score(
        tagger,
        "es",
        "Fabricante navarro cierra su planta en China y atenderá el mercado chino desde Europa",
        "PAMPLONA (Agencia) - El grupo cerrará su fábrica de Suzhou, en China, y abastecerá a sus "
        "clientes chinos desde otras plantas. La empresa mantendrá una oficina comercial en "
        "Shanghái para seguir en el mercado chino.",
        {},
    )
    assert "china_strategy" in tags_of(scores)
    assert scores.scores["china_strategy"].features["market_no_company"] == 3.0


def test_tagger_china_strategy_story_without_linked_company_in_chinese(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "zh",
        "某食品集团追加投资中国市场",
        "上海（通讯社）——该集团宣布将在中国追加投资，扩建生产基地。公司表示中国是增长最快的市场之一。"
        "集团将在华新设研发中心，开发符合中国消费者口味的产品。",
        {},
    )
    assert "china_strategy" in tags_of(scores)


def test_tagger_china_not_for_tourists_without_company_in_spanish(tagger: Tagger) -> None:
    # China and buyer words, but no step a company takes
    scores = score(
        tagger,
        "es",
        "Los turistas chinos vuelven a las tiendas de Madrid",
        "MADRID (Agencia) - Los turistas chinos vuelven a las tiendas de lujo de Madrid este verano. "
        "Los comercios registran más clientes chinos, aunque la demanda del mercado chino sigue "
        "por debajo de 2019.",
        {},
    )
    assert scores.scores["china_strategy"].features["market_no_company"] == 0.0
    assert "china_strategy" not in tags_of(scores)


def test_tagger_china_not_for_macro_without_company_in_italian(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "it",
        "Cina, la produzione industriale rallenta e il mercato si espande meno",
        "PECHINO (Agenzia) - La produzione industriale in Cina è cresciuta del 4% a ottobre, "
        "secondo l'ufficio nazionale di statistica. L'economia cinese si espande meno del previsto "
        "e il mercato attende nuovi stimoli.",
        {},
    )
    assert "china_strategy" not in tags_of(scores)


# ---------------------------------------------------------------- chinese company abroad


def test_tagger_china_strategy_chinese_company_ends_venture_abroad_in_chinese(
    tagger: Tagger,
) -> None:
    # the foreign partner is unlisted, so no Chinese-foreign pair is linked
    scores = score(
        tagger,
        "zh",
        "比亚迪终止斯洛伐克电池合资项目",
        "深圳（通讯社）——比亚迪宣布终止与斯洛伐克一家电池企业的合资项目。"
        "比亚迪表示，终止合资不会影响公司在欧洲的其他业务，将继续服务海外客户。",
        {"比亚迪": f.BYD},
    )
    assert scores.scores["china_strategy"].features["cn_partner_abroad"] == 1.0
    assert "china_strategy" in tags_of(scores)


def test_tagger_china_not_for_chinese_domestic_partnership_in_chinese(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "zh",
        "比亚迪与百度签署战略合作协议",
        "深圳（通讯社）——比亚迪与百度签署战略合作协议，双方将在智能座舱领域联合开发新产品。",
        {"比亚迪": f.BYD, "百度": f.BAIDU},
    )
    assert "partnership" in tags_of(scores)
    assert "china_strategy" not in tags_of(scores)


# ---------------------------------------------------------------- partnership without companies


def test_tagger_partnership_signed_between_unlinked_firms_in_italian(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "it",
        "Due gruppi della componentistica firmano un'alleanza",
        "MILANO (Agenzia) - I due gruppi hanno firmato un accordo di sviluppo congiunto e "
        "un'alleanza strategica per i sistemi di raffreddamento.",
        {},
    )
    assert "partnership" in tags_of(scores)


def test_tagger_partnership_not_for_unlinked_supply_order_in_italian(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "it",
        "Commessa da 20 milioni per un fornitore lombardo",
        "MILANO (Agenzia) - Il gruppo ha ricevuto un ordine di fornitura di componenti per "
        "20 milioni di euro da un costruttore tedesco.",
        {},
    )
    assert "partnership" not in tags_of(scores)


def test_tagger_auto_evidence_shows_the_strong_cue_before_a_weak_one(tagger: Tagger) -> None:
    doc = Document(
        "",
        "The carmaker will use cloud computing, artificial intelligence and connected vehicles "
        "to sell cars online. Its in-car operating system will also be part of the plan.",
    )
    # the evidence the tag would show (its score is the model's business, not this test's)
    auto = tagger.score(doc, "en", []).scores["auto_tech"]
    assert auto.evidence[0].rule.endswith("auto_strong")
    assert auto.evidence[0].span.text.lower().startswith("connected vehicle")


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        (
            "de",
            "Städte schmieden Allianz für mehr Radwege",
            "KÖLN (Agentur) - Zwölf Städte haben sich zu einer Allianz für sichere Radwege "
            "zusammengeschlossen und eine gemeinsame Erklärung unterzeichnet.",
        ),
        (
            "en",
            "Coastal states form alliance on flood defences",
            "BOSTON (Wire) - Five coastal states signed an agreement to form an alliance on flood "
            "defences and will jointly ask Washington for funding.",
        ),
        (
            "fr",
            "Des villes s'allient pour le vélo",
            "LYON (Agence) - Dix villes ont signé un accord de partenariat pour développer "
            "ensemble des pistes cyclables.",
        ),
    ],
)
def test_tagger_alliance_of_public_bodies_without_a_company_is_not_a_partnership(
    tagger: Tagger, language: str, headline: str, body: str
) -> None:
    scores = score(tagger, language, headline, body, {})
    assert "partnership" not in tags_of(scores)
    assert scores.scores["partnership"].features["public_bodies_only"] == 1.0


@pytest.mark.parametrize(
    "text",
    ["eine Plattform für vernetzte Elektroautos", "vernetzte E-Autos", "vernetzte Fahrzeuge"],
)
def test_lexicon_german_connected_cars_are_strong_also_as_compounds(text: str) -> None:
    """'vernetzt' before a compound of Auto (Elektroauto, E-Auto) is connected-car technology,
    as before the plain noun; 'vernetzt' alone stays a weak cue."""
    assert "auto_strong" in families_of("de", text)
    assert "auto_strong" not in families_of("de", "vernetzte Büros")
