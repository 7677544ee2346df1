"""Tagger behaviour: each tag fires on what the spec includes and stays silent on each "Not"."""

from __future__ import annotations

import pytest

from streams.linking.refdata import Company
from streams.tagging.tagger import Tagger, TagResult
from streams.text import Document
from tests.unit.tagging import factories as f


def run(
    tagger: Tagger, language: str, headline: str, body: str, names: dict[str, Company]
) -> TagResult:
    doc = Document(headline, body)
    return tagger.tag(doc, language, f.mentions(doc, names))


def names_of(result: TagResult) -> set[str]:
    return {t.name for t in result.tags}


# ---------------------------------------------------------------- partnership: positives


def test_tagger_partnership_mou_is_exploring_with_pair_and_scope(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Ford and Alibaba sign memorandum to explore cloud and connected-car cooperation",
        "HANGZHOU (Wire) - Ford Motor and Alibaba signed a memorandum of understanding to explore "
        "cooperation in cloud computing and connected cars in China, the companies said. "
        "They will study selling Ford vehicles on Alibaba's online marketplace.",
        {"Ford Motor": f.FORD, "Ford": f.FORD, "Alibaba": f.ALIBABA},
    )
    assert "partnership" in names_of(result)
    assert result.partnership is not None
    assert result.partnership.status == "exploring"
    assert result.partnership.partners == (("Ford Motor", "Alibaba Group Holding"),)
    assert "cloud" in result.partnership.scope


def test_tagger_partnership_joint_venture_ended_is_terminated_in_german(tagger: Tagger) -> None:
    result = run(
        tagger,
        "de",
        "Volkswagen und SAIC beenden ihr Gemeinschaftsunternehmen",
        "WOLFSBURG (Agentur) - Volkswagen und SAIC lösen ihr Gemeinschaftsunternehmen auf und "
        "beenden damit ihre Zusammenarbeit in der Produktion, wie die Unternehmen mitteilten.",
        {"Volkswagen": f.VW, "SAIC": f.SAIC},
    )
    assert result.partnership is not None
    assert result.partnership.status == "terminated"


def test_tagger_partnership_deepened_cooperation_is_expanded_in_chinese(tagger: Tagger) -> None:
    result = run(
        tagger,
        "zh",
        "比亚迪与百度深化战略合作",
        "华商社深圳3月1日电 比亚迪与百度1日宣布深化战略合作，双方将把合作扩展至智能驾驶和智能座舱等领域。"
        "首批搭载百度自动驾驶芯片和车载软件的车型计划于明年上市。",
        {"比亚迪": f.BYD, "百度": f.BAIDU},
    )
    assert result.partnership is not None
    assert result.partnership.status == "expanded"
    assert "auto_tech" in names_of(result)


def test_tagger_partnership_evidence_points_at_the_cue(tagger: Tagger) -> None:
    result = run(
        tagger,
        "fr",
        "Renault et Airbus nouent une alliance stratégique",
        "PARIS (Agence) - Renault et Airbus ont signé un accord de partenariat stratégique pour "
        "développer ensemble des logiciels, ont annoncé les deux groupes.",
        {"Renault": f.RENAULT, "Airbus": f.AIRBUS},
    )
    tag = next(t for t in result.tags if t.name == "partnership")
    assert 0.5 <= tag.score <= 1.0
    ev = tag.evidence[0]
    text = {"headline": "Renault et Airbus nouent une alliance stratégique"}.get(ev.span.field)
    if text is not None:
        assert text[ev.span.start : ev.span.end] == ev.span.text
    assert ev.span.text.lower() in ev.sentence.lower()
    assert ev.rule.startswith("cue:partnership")


# ---------------------------------------------------------------- partnership: the "Not"s


def test_tagger_partnership_not_for_takeover_in_english(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Sony to acquire U.S. game studio for $1 billion",
        "TOKYO (Wire) - Sony Group agreed to acquire all of the shares of a U.S. game studio for "
        "$1 billion, making it a wholly owned subsidiary. The acquisition is expected to close next year.",
        {"Sony Group": f.SONY, "Sony": f.SONY},
    )
    assert "partnership" not in names_of(result)
    assert result.partnership is None


def test_tagger_partnership_not_for_stake_purchase_in_japanese(tagger: Tagger) -> None:
    result = run(
        tagger,
        "ja",
        "トヨタ、ホンダ株を取得　筆頭株主に",
        "【東京＝アジア経済通信】トヨタ自動車は、ホンダの株式の5%を市場で取得し筆頭株主になったと発表した。"
        "純投資が目的だという。",
        {"トヨタ自動車": f.TOYOTA, "トヨタ": f.TOYOTA, "ホンダ": f.HONDA},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_plain_order_in_french(tagger: Tagger) -> None:
    result = run(
        tagger,
        "fr",
        "Renault commande 500 robots industriels à un fournisseur japonais",
        "PARIS (Agence) - Renault a passé une commande ferme de 500 robots auprès d'un fournisseur "
        "japonais pour ses usines françaises. Les livraisons débuteront en 2027.",
        {"Renault": f.RENAULT},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_supply_contract_in_italian(tagger: Tagger) -> None:
    result = run(
        tagger,
        "it",
        "Enel, contratto di fornitura di turbine con Airbus",
        "ROMA (Wire) - Enel ha firmato un contratto di fornitura con Airbus per la consegna di "
        "componenti. Le consegne inizieranno nel 2026, ha detto un portavoce.",
        {"Enel": f.ENEL, "Airbus": f.AIRBUS},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_lawsuit_in_english(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Nike sues Adidas-style rival over patents",
        "NEW YORK (Wire) - Nike filed a lawsuit in a federal court accusing a rival of infringing "
        "its patents on knitted shoe uppers and seeking damages. The companies had held talks in the past.",
        {"Nike": f.NIKE},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_sponsorship_in_spanish(tagger: Tagger) -> None:
    result = run(
        tagger,
        "es",
        "Banco Santander renueva su patrocinio de la Liga",
        "MADRID (Wire) - Banco Santander renovó su acuerdo de patrocinio con la Liga de fútbol durante "
        "tres temporadas más y seguirá siendo socio oficial de la competición.",
        {"Banco Santander": f.SEAT},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_sponsorship_in_korean(tagger: Tagger) -> None:
    result = run(
        tagger,
        "ko",
        "기아, 축구 대표팀 공식 파트너 계약 연장",
        "(서울=한빛통신) 기아가 축구 대표팀과 공식 후원사 계약을 4년 연장했다고 밝혔다.",
        {"기아": f.KIA},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_denied_rumour_in_chinese(tagger: Tagger) -> None:
    result = run(
        tagger,
        "zh",
        "比亚迪否认与百度合资传闻",
        "华商社深圳5月10日电 针对网传比亚迪将与百度成立合资公司的消息，比亚迪回应称相关传闻不实，"
        "公司没有成立合资公司的计划。",
        {"比亚迪": f.BYD, "百度": f.BAIDU},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_for_denied_rumour_in_english(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "BMW denies report it is in talks with Toyota on joint venture",
        "MUNICH (Wire) - BMW said it was not in talks with Toyota Motor about a joint venture, "
        'denying a newspaper report. "There are no such plans," a spokesperson said.',
        {"BMW": f.BMW, "Toyota Motor": f.TOYOTA},
    )
    assert "partnership" not in names_of(result)


def test_tagger_partnership_not_when_plant_is_built_without_a_partner(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Toyota to build wholly owned plant in China",
        "TOKYO (Wire) - Toyota Motor will build a wholly owned plant in China without a joint "
        "venture partner, selling the cars mainly to Chinese customers, the company said.",
        {"Toyota Motor": f.TOYOTA},
    )
    assert "partnership" not in names_of(result)
    assert "china_strategy" in names_of(result)


# ---------------------------------------------------------------- china strategy


def test_tagger_china_for_foreign_company_localising(tagger: Tagger) -> None:
    result = run(
        tagger,
        "it",
        "Nike punta sulla Cina con prodotti locali",
        "MILANO (Wire) - Nike accelera lo sviluppo di prodotti per i consumatori cinesi e apre nuovi "
        "negozi in Cina, dove il mercato resta strategico, ha detto un portavoce di Nike.",
        {"Nike": f.NIKE},
    )
    assert "china_strategy" in names_of(result)


@pytest.mark.xfail(
    strict=True,
    reason="known miss since the fit on real news: China with no linked company weighs little",
)
def test_tagger_china_for_chinese_company_abroad_with_foreign_partner(tagger: Tagger) -> None:
    result = run(
        tagger,
        "es",
        "Baidu y Renault llevarán robotaxis a Europa",
        "MADRID (Wire) - Baidu y Renault firmaron una alianza para desplegar robotaxis en Europa, "
        "como parte de la expansión internacional del grupo chino, anunciaron ambas empresas.",
        {"Baidu": f.BAIDU, "Renault": f.RENAULT},
    )
    assert {"partnership", "china_strategy", "auto_tech"} <= names_of(result)


def test_tagger_china_not_for_dateline_and_credit_line(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Sony quarterly profit rises on games",
        "BEIJING, China (Wire) - Sony Group reported a 10% rise in quarterly profit on strong sales "
        "of games and music, the company said.\n(Reporting by Li Wei in Beijing; Editing by Anna Park)",
        {"Sony Group": f.SONY},
    )
    assert "china_strategy" not in names_of(result)


def test_tagger_china_not_for_macro_data_in_german(tagger: Tagger) -> None:
    result = run(
        tagger,
        "de",
        "Chinas Einkaufsmanagerindex sinkt erneut",
        "PEKING (Agentur) - Die chinesische Industrie ist im Mai geschrumpft. Der Einkaufsmanagerindex "
        "fiel auf 49,2 Punkte, wie das Statistikamt mitteilte. Ökonomen erwarten neue Konjunkturhilfen.",
        {},
    )
    assert names_of(result) == set()


def test_tagger_china_not_for_domestic_business_of_chinese_companies(tagger: Tagger) -> None:
    result = run(
        tagger,
        "zh",
        "比亚迪与百度签署合作协议",
        "华商社深圳3月1日电 比亚迪与百度1日签署合作协议，双方将在国内市场共同开发地图导航服务。",
        {"比亚迪": f.BYD, "百度": f.BAIDU},
    )
    assert "partnership" in names_of(result)
    assert "china_strategy" not in names_of(result)


def test_tagger_china_not_for_geopolitics_without_company_in_french(tagger: Tagger) -> None:
    result = run(
        tagger,
        "fr",
        "Tensions commerciales entre Bruxelles et la Chine",
        "BRUXELLES (Agence) - L'Union européenne a relevé ses droits de douane sur l'acier chinois, "
        "provoquant la colère de Pékin, qui dénonce une guerre commerciale.",
        {},
    )
    assert "china_strategy" not in names_of(result)


# ---------------------------------------------------------------- auto tech


def test_tagger_auto_for_driver_assistance_software(tagger: Tagger) -> None:
    result = run(
        tagger,
        "en",
        "Honda rolls out new driver-assistance software",
        "TOKYO (Wire) - Honda Motor will roll out a new driver-assistance system with over-the-air "
        "software updates in its electric vehicles from next year, the carmaker said.",
        {"Honda Motor": f.HONDA},
    )
    assert "auto_tech" in names_of(result)
    ev = next(t for t in result.tags if t.name == "auto_tech").evidence
    assert ev and ev[0].rule.startswith("cue:auto_tech")


def test_tagger_auto_not_for_sales_figures_in_korean(tagger: Tagger) -> None:
    result = run(
        tagger,
        "ko",
        "기아, 월간 판매 역대 최대",
        "(서울=한빛통신) 기아가 지난달 28만 대를 판매해 역대 최대 판매량을 기록했다고 밝혔다. "
        "SUV 판매가 호조를 보였다.",
        {"기아": f.KIA},
    )
    assert "auto_tech" not in names_of(result)


def test_tagger_auto_not_for_mechanical_recall_in_japanese(tagger: Tagger) -> None:
    result = run(
        tagger,
        "ja",
        "トヨタ、ブレーキ部品の不具合で12万台をリコール",
        "【名古屋＝アジア経済通信】トヨタ自動車は、ブレーキのホースが劣化する不具合で乗用車約12万台の"
        "リコールを届け出た。販売店で部品を無償交換する。",
        {"トヨタ自動車": f.TOYOTA},
    )
    assert "auto_tech" not in names_of(result)


def test_tagger_auto_not_for_tariffs_in_german(tagger: Tagger) -> None:
    result = run(
        tagger,
        "de",
        "EU verhängt Zölle auf Elektroautos aus China",
        "BRÜSSEL (Agentur) - Auf Elektroautos aus China werden Ausgleichszölle fällig, wie die "
        "EU-Kommission mitteilte. Die Autoindustrie fürchtet einen Handelskonflikt.",
        {},
    )
    assert "auto_tech" not in names_of(result)


def test_tagger_auto_not_for_motor_racing_in_italian(tagger: Tagger) -> None:
    result = run(
        tagger,
        "it",
        "Gran Premio, doppietta della scuderia",
        "MONZA (Wire) - La scuderia ha conquistato il primo e il secondo posto nel Gran Premio d'Italia "
        "di Formula 1 davanti a migliaia di tifosi. La corsa ha rilanciato il campionato.",
        {},
    )
    assert "auto_tech" not in names_of(result)


# ---------------------------------------------------------------- general


def test_tagger_scores_are_probabilities_and_every_tag_is_scored(tagger: Tagger) -> None:
    doc = Document("Nike quarterly revenue rises", "NEW YORK (Wire) - Nike said revenue rose 5%.")
    scored = tagger.score(doc, "en", f.mentions(doc, {"Nike": f.NIKE}))
    assert set(scored.scores) == {"partnership", "china_strategy", "auto_tech"}
    assert all(0.0 <= s.score <= 1.0 for s in scored.scores.values())
    assert scored.result.tags == ()


def test_tagger_unknown_language_falls_back_without_error(tagger: Tagger) -> None:
    doc = Document("Nieuws", "Een gewone dag.")
    assert tagger.tag(doc, "nl", []).tags == ()


def test_tagger_empty_document_gives_no_tags(tagger: Tagger) -> None:
    assert tagger.tag(Document("", ""), "en", []) == TagResult((), None)
