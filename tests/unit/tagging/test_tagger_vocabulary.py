"""Tagger behaviour on general wire vocabulary beyond the dev corpus, in several languages.

Each test is one short story written for the test: a family of words a journalist uses in
many stories (power chips, battery plants, hands-off driving, "not renewed", a retreat from
China, a foreign market for a Chinese firm), and the tag or step it must produce.
"""

from __future__ import annotations

import pytest

from streams.linking.refdata import Company
from streams.tagging.tagger import Tagger
from tests.unit.tagging import factories as f
from tests.unit.tagging.factories import families_of, score, tags_of

# ---------------------------------------------------------------- auto tech vocabulary


def test_tagger_auto_tech_power_semiconductors_and_fast_charging_in_german(
    tagger: Tagger,
) -> None:
    scores = score(
        tagger,
        "de",
        "BMW setzt auf Leistungshalbleiter aus Siliziumkarbid",
        "MÜNCHEN (Agentur) - BMW will in seinen Elektroautos künftig Leistungshalbleiter aus "
        "Siliziumkarbid einsetzen. Die Bauteile sollen das Schnellladen mit 800 Volt ermöglichen "
        "und die Reichweite der Fahrzeuge erhöhen, teilte der Konzern mit.",
        {"BMW": f.BMW},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_battery_plant_and_cathodes_in_french(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "fr",
        "Renault va construire une usine de batteries dans le Nord",
        "PARIS (Agence) - Renault construira une usine de batteries près de Douai pour ses "
        "voitures électriques. Le site produira des cellules lithium-ion et des cathodes à "
        "partir de 2027, a indiqué le constructeur.",
        {"Renault": f.RENAULT},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_hands_off_driving_system_in_english(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "en",
        "Honda to offer hands-off highway driving on its next sedan",
        "TOKYO (Wire) - Honda Motor said its next sedan will come with a hands-off driving "
        "system for motorways, using cameras and a central computer developed in-house.",
        {"Honda Motor": f.HONDA, "Honda": f.HONDA},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_cathode_material_plant_in_korean(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "ko",
        "기아, 전기차 배터리 양극재 공장 투자",
        "(서울=통신) 기아가 이차전지 양극재를 생산하는 배터리 공장에 투자한다고 밝혔다. "
        "이 공장에서 만든 소재는 기아의 보급형 전기차에 쓰인다.",
        {"기아": f.KIA},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_silicon_carbide_modules_in_chinese(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "zh",
        "比亚迪推出碳化硅功率模块 支持超充",
        "比亚迪发布新一代碳化硅功率模块，用于旗下电动汽车，可支持超充，充电十分钟续航四百公里。",
        {"比亚迪": f.BYD},
    )
    assert "auto_tech" in tags_of(scores)


def test_tagger_auto_tech_not_for_a_car_sales_story_with_new_words(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "en",
        "Ford's European car sales fell 4% in May",
        "LONDON (Wire) - Ford Motor's car registrations in Europe fell 4% in May as demand for "
        "family cars weakened and dealers cut prices along the motorway service network.",
        {"Ford Motor": f.FORD, "Ford": f.FORD},
    )
    assert "auto_tech" not in tags_of(scores)


# ---------------------------------------------------------------- partnership steps


@pytest.mark.parametrize(
    ("language", "headline", "body", "names"),
    [
        (
            "es",
            "Nike y Alibaba no renovarán su acuerdo de distribución",
            "MADRID (Agencia) - Nike dejará de vender sus zapatillas en la plataforma de Alibaba "
            "tras no renovar el acuerdo de distribución que ambas compañías firmaron en 2018.",
            {"Nike": f.NIKE, "Alibaba": f.ALIBABA},
        ),
        (
            "en",
            "Sony and Honda will not renew their distribution agreement",
            "TOKYO (Wire) - Sony Group and Honda Motor decided not to renew the distribution "
            "agreement that expires in March, the companies said.",
            {"Sony Group": f.SONY, "Sony": f.SONY, "Honda Motor": f.HONDA, "Honda": f.HONDA},
        ),
    ],
)
def test_tagger_partnership_not_renewed_is_terminated(
    tagger: Tagger, language: str, headline: str, body: str, names: dict[str, Company]
) -> None:
    scores = score(tagger, language, headline, body, names)
    assert "partnership" in tags_of(scores)
    assert scores.result.partnership is not None
    assert scores.result.partnership.status == "terminated"


def test_tagger_partnership_exit_after_allegations_in_german(tagger: Tagger) -> None:
    # allegations ("Vorwürfe") are not a lawsuit: the exit from the joint venture still counts
    scores = score(
        tagger,
        "de",
        "BMW steigt aus Gemeinschaftsunternehmen mit SAIC aus",
        "MÜNCHEN (Agentur) - BMW beendet das Gemeinschaftsunternehmen mit SAIC. Anlass seien "
        "Vorwürfe gegen einen Zulieferer des Partners, teilte BMW mit.",
        {"BMW": f.BMW, "SAIC": f.SAIC},
    )
    assert "partnership" in tags_of(scores)


def test_tagger_partnership_stake_purchase_in_joint_venture_alone_is_not_partnership(
    tagger: Tagger,
) -> None:
    scores = score(
        tagger,
        "en",
        "Toyota buys more of its joint venture with SAIC",
        "NAGOYA (Wire) - Toyota Motor will buy 25% more shares in its joint venture with SAIC "
        "Motor, lifting its holding to 75%, for about $900 million.",
        {"Toyota Motor": f.TOYOTA, "Toyota": f.TOYOTA, "SAIC Motor": f.SAIC, "SAIC": f.SAIC},
    )
    assert "partnership" not in tags_of(scores)


def test_tagger_partnership_not_when_worldwide_and_teams_appear_in_spanish(
    tagger: Tagger,
) -> None:
    # "mundial" (worldwide) and "equipos" (staff teams) are not sport
    scores = score(
        tagger,
        "es",
        "Santander y Enel estudian una alianza en pagos",
        "MADRID (Agencia) - Banco Santander, líder mundial en banca minorista, firmó un memorando "
        "de entendimiento con Enel para explorar una alianza en pagos. Equipos de ambas "
        "compañías trabajarán en un piloto durante seis meses.",
        {"Banco Santander": f.SEAT, "Santander": f.SEAT, "Enel": f.ENEL},
    )
    assert scores.scores["partnership"].features["sport"] == 0.0
    assert "partnership" in tags_of(scores)


# ---------------------------------------------------------------- china strategy


def test_tagger_china_for_retreat_from_chinese_region_in_german(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "de",
        "Volkswagen zieht sich aus Werk in Nordwestchina zurück",
        "WOLFSBURG (Agentur) - Volkswagen verkauft sein Werk in der nordwestchinesischen Region "
        "und zieht sich aus dem Gemeinschaftsunternehmen zurück. Am Markt in China hält der "
        "Konzern fest und investiert in neue Modelle für chinesische Kunden.",
        {"Volkswagen": f.VW},
    )
    assert "china_strategy" in tags_of(scores)


def test_tagger_china_for_chinese_company_entering_named_market_in_japanese(
    tagger: Tagger,
) -> None:
    scores = score(
        tagger,
        "ja",
        "比亜迪、日本市場で販売網拡大",
        "【東京＝通信】中国の電気自動車大手、比亜迪は日本市場での販売店を倍増すると発表した。"
        "比亜迪は日本で新型車を投入し、海外事業を伸ばす。",
        {"比亜迪": f.BYD},
    )
    assert "china_strategy" in tags_of(scores)


def test_tagger_china_not_for_shoppers_story_without_company_in_english(
    tagger: Tagger,
) -> None:
    # no linked company: China and shop words describe tourists, not a company's strategy
    scores = score(
        tagger,
        "en",
        "Chinese tourists return to Paris department stores",
        "PARIS (Wire) - Chinese tourists are returning to Paris department stores this summer, "
        "with shops reporting more customers from China. Retailers said demand from Chinese "
        "shoppers was still below its 2019 level.",
        {},
    )
    assert "china_strategy" not in tags_of(scores)


def test_tagger_china_not_for_macro_story_without_company_in_french(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "fr",
        "La production industrielle de la Chine ralentit",
        "PÉKIN (Agence) - La production industrielle de la Chine a ralenti en mai, selon le "
        "Bureau national des statistiques. Les ventes au détail ont aussi déçu, et les "
        "économistes attendent de nouvelles mesures de relance pour soutenir la demande.",
        {},
    )
    assert "china_strategy" not in tags_of(scores)


# ---------------------------------------------------------------- lexicon hygiene, calibration


def test_lexicon_korean_establish_is_not_a_rumour() -> None:
    # "설" alone matched inside 설립 (establish), 증설 (expansion), 설명 (explanation)
    assert "rumour" not in families_of(
        "ko", "양사는 합작법인을 설립하고 공장을 증설한다고 설명했다."
    )


def test_lexicon_new_cue_keeps_the_families_of_the_cue_it_covers() -> None:
    # a longer cue hides the shorter one inside it, so it must carry its families itself
    assert {"auto_strong", "china_market"} <= families_of("en", "a new battery plant in Hungary")
    assert {"terminate", "partner_strong"} <= families_of("ja", "合弁を解消する")


def test_scoring_a_clear_partnership_is_confident(tagger: Tagger) -> None:
    scores = score(
        tagger,
        "en",
        "Ford and Baidu form autonomous-driving joint venture",
        "BEIJING (Wire) - Ford Motor and Baidu signed an agreement to form a joint venture "
        "that will jointly develop self-driving software, the two companies said. The "
        "partnership is Ford's largest in China.",
        {"Ford Motor": f.FORD, "Ford": f.FORD, "Baidu": f.BAIDU},
    )
    assert scores.scores["partnership"].score >= 0.97
