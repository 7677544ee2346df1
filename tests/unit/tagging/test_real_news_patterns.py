"""The false alarms and misses seen on real news, one test each, on sentences written for the test.

Every pattern here was seen in real wire text (issue 8); the sentences are our own. They run
through the whole pure pipeline (language detection, the bundled reference data, the tagger
with its shipped weights), as a story from the feed would.
"""

from __future__ import annotations

import orjson
import pytest

from streams.ingest.parse import parse_article
from streams.pipeline import Pipeline, default_pipeline
from streams.records import Analysis
from tests.unit.tagging.factories import families_of


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


def analyse(pipeline: Pipeline, language: str, headline: str, body: str = "") -> Analysis:
    raw = {"id": "t-1", "language": language, "headline": headline, "body": body}
    return pipeline.analyse(parse_article(orjson.dumps(raw)))


def tags(analysis: Analysis) -> set[str]:
    return set(analysis.tag_names)


# ---------------------------------------------------------------- partnership: false alarms


def test_limited_partnership_units_are_a_financing_vehicle_not_a_partnership(
    pipeline: Pipeline,
) -> None:
    result = analyse(
        pipeline,
        "en",
        "Harbor Lodging files to sell units of a master limited partnership",
        "DENVER, May 4 - Harbor Lodging Corp said it filed to offer 3.5 mln units of limited "
        "partnership interest in a new master limited partnership that will own 20 of its hotels.\n"
        "The partnership will pay quarterly distributions to unitholders, the company said.",
    )
    assert "partnership" not in tags(result)


def test_limited_partnership_is_not_a_cooperation_cue() -> None:
    families = families_of("en", "units of a master limited partnership")
    assert "financing_vehicle" in families
    assert "partner_strong" not in families


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("en", "Centre-right alliance wins state election as coalition talks begin"),
        ("de", "Parteienbündnis will nach der Wahl eine Koalition mit den Grünen bilden"),
        ("de", "Gewerkschaften loben die Sozialpartnerschaft in der Metallindustrie"),
        ("fr", "Législatives : l'alliance de gauche présente ses candidats"),
    ],
)
def test_political_alliances_are_not_partnerships(
    pipeline: Pipeline, language: str, headline: str
) -> None:
    assert "partnership" not in tags(analyse(pipeline, language, headline))


def test_a_memorandum_between_two_governments_is_not_a_partnership(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "ko",
        "한-베트남 정부, 공급망 협력 양해각서 체결",
    )
    assert "partnership" not in tags(result)


def test_an_airline_buying_jets_is_a_sale_not_a_partnership(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Lufthansa signs agreement to buy 20 Airbus jets",
        "FRANKFURT - Deutsche Lufthansa AG signed a purchase agreement for 20 Airbus A350 jets "
        "worth about 6 billion euros at list prices, the airline said.",
    )
    assert "partnership" not in tags(result)


def test_a_consortium_buying_a_stake_is_an_acquisition(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Investor consortium agrees to buy 30 pct stake in Siemens Energy unit",
        "MUNICH - A consortium of pension funds agreed to buy a 30 pct stake in a wind unit of "
        "Siemens Energy AG for 2 billion euros, the companies said.",
    )
    assert "partnership" not in tags(result)


def test_an_bord_alone_is_not_a_strong_cooperation_cue() -> None:
    assert "partner_strong" not in families_of("de", "Der neue Finanzchef ist seit Mai an Bord")


def test_kumi_inside_kumiawase_is_not_a_tie_up_cue() -> None:
    assert "partner_strong" not in families_of("ja", "色の組み合わせと組み立ての手順")


def test_loi_inside_vocaloid_is_not_a_letter_of_intent() -> None:
    families = families_of("ja", "音声合成ソフトVOCALOIDの新作")
    assert "explore_doc" not in families


def test_an_app_feature_linking_two_services_is_not_a_partnership(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "ja", "新しい家計簿アプリ、銀行口座との連携機能を追加")
    assert "partnership" not in tags(result)


def test_an_ended_tie_up_is_a_partnership_that_terminated(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Renault and Nissan end their alliance",
        "PARIS - Renault SA and Nissan Motor Co said they would dissolve their alliance and "
        "unwind their cross-shareholding over the next two years.",
    )
    assert "partnership" in tags(result)
    assert result.partnership is not None
    assert result.partnership.status == "terminated"


# ---------------------------------------------------------------- china strategy: false alarms


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("en", "Police in China detain dozens after protest over factory pollution"),
        ("en", "China's M2 money supply grew 8.1 percent in October, central bank says"),
        ("en", "China beat Japan 3-1 to reach the final of the Asian volleyball championship"),
        ("en", "Hong Kong lender issues 500 million dollars of certificates of deposit"),
        ("de", "Zensur in China: Behörden sperren weitere Webseiten"),
    ],
)
def test_china_only_as_a_place_is_not_china_strategy(
    pipeline: Pipeline, language: str, headline: str
) -> None:
    assert "china_strategy" not in tags(analyse(pipeline, language, headline))


def test_joint_venture_brand_cars_are_a_market_segment_not_a_partnership_cue() -> None:
    # "合资车": a car of a foreign brand's Chinese joint venture, the buyer's category
    assert "partner_strong" not in families_of("zh", "十万元级别的合资车和合资品牌SUV怎么选")
    assert "partner_strong" in families_of("zh", "两家车企宣布成立合资公司生产电池")


def test_a_league_table_is_not_an_alliance_cue() -> None:
    assert "partner_strong" not in families_of("zh", "这名后卫本赛季得分联盟第一")
    assert "partner_strong" in families_of("zh", "十家企业组建产业联盟")


def test_chinese_city_names_and_hong_kong_count_as_china_in_chinese_text() -> None:
    for text in ("某外资企业计划在上海建厂", "这家公司下月在香港开设首店"):
        assert {"china", "china_market"} <= families_of("zh", text)
    # the capital's clock in a sports report is not a place of business
    assert "china" not in families_of("zh", "北京时间今晨的比赛中主队获胜")


def test_japans_chugoku_region_is_not_china() -> None:
    assert "china" not in families_of("ja", "中国地方で大雨、岡山と広島に警報")
    assert "china" not in families_of("ja", "中国新聞によると、広島市で式典が開かれた")


def test_chinese_as_a_translation_language_is_not_china_strategy(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "ja", "翻訳アプリ、中国語と韓国語の音声入力に対応")
    assert "china_strategy" not in tags(result)


# ---------------------------------------------------------------- auto tech: false alarms


def test_lidar_inside_solidaritaet_is_not_a_cue() -> None:
    assert "auto_strong" not in families_of("de", "Solidarität mit den Beschäftigten")


@pytest.mark.parametrize(
    ("language", "text"),
    [("ja", "ZOTACの新型グラフィックボード"), ("ja", "ドコモの新機種N-04Dを発売")],
)
def test_latin_cues_do_not_match_inside_latin_words_in_cjk_text(language: str, text: str) -> None:
    assert "auto_strong" not in families_of(language, text)


def test_rider_inside_glider_is_not_a_lidar_cue() -> None:
    assert "auto_strong" not in families_of("ja", "グライダーの大会が開かれた")


def test_phone_fast_charging_is_not_auto_tech(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "ja", "新型スマートフォン、急速充電に対応し30分で8割")
    assert "auto_tech" not in tags(result)


# ---------------------------------------------------------------- misses


def test_korean_cooperation_between_two_named_companies_is_a_partnership(
    pipeline: Pipeline,
) -> None:
    result = analyse(pipeline, "ko", "삼성전자, 네이버와 AI 반도체 전방위 협력")
    assert "partnership" in tags(result)


# Known miss of the fitted model (issue 8 note): "개발" (develop) in a headline weighs against a
# partnership in the real fit half, and these headlines score just under the threshold.
@pytest.mark.parametrize("verb", ["손잡았다", "손 잡았다", "손을 잡았다", "맞손"])
def test_korean_hand_in_hand_counts_with_or_without_a_space(pipeline: Pipeline, verb: str) -> None:
    result = analyse(pipeline, "ko", f"현대차, 엔비디아와 자율주행 개발 {verb}")
    assert "partnership" in tags(result)


def test_korean_short_form_of_sk_hynix_is_linked(pipeline: Pipeline) -> None:
    result = analyse(pipeline, "ko", "SK하닉, 엔비디아와 차세대 HBM 공동 개발")
    assert any(e.name.casefold() == "sk hynix" for e in result.entities)


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("zh", "小鹏汽车发布新一代自动驾驶芯片，城市道路实现无人驾驶"),
        ("zh", "宁德时代推出新款动力电池，电动汽车充电十分钟续航四百公里"),
        ("ko", "현대차, 차세대 전기차 배터리와 자율주행 소프트웨어 공개"),
    ],
)
def test_chinese_and_korean_car_technology_is_auto_tech(
    pipeline: Pipeline, language: str, headline: str
) -> None:
    assert "auto_tech" in tags(analyse(pipeline, language, headline))


def test_partnership_stated_only_in_the_body_through_a_subsidiary(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Lexus to offer new navigation service next year",
        "TOKYO - Toyota Motor's Lexus brand will offer a new in-car navigation service next "
        "year. The service was developed jointly with Alphabet's Google unit under a "
        "partnership agreement signed in March, Toyota said.",
    )
    assert "partnership" in tags(result)


# ---------------------------------------------------------------- status and partners


def test_strengthening_an_alliance_is_not_terminated(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Nvidia and Hyundai Motor strengthen their AI alliance",
        "SEOUL - Nvidia Corp and Hyundai Motor Co agreed to strengthen their artificial "
        "intelligence alliance, widening joint work on autonomous driving and robotics.",
    )
    assert result.partnership is not None
    assert result.partnership.status in ("expanded", "formed")


def test_a_partnership_between_two_listed_companies_names_both(pipeline: Pipeline) -> None:
    result = analyse(
        pipeline,
        "en",
        "Sony and Honda form joint venture to build electric cars",
        "TOKYO - Sony Group Corp and Honda Motor Co said they formed a joint venture to "
        "develop and sell electric vehicles, combining Honda's car making with Sony's software.",
    )
    assert result.partnership is not None
    names = {name for pair in result.partnership.partners for name in pair}
    assert {"Sony Group", "Honda Motor"} <= names


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "the two companies reached an agreement in principle on a joint venture"),
        ("fr", "les deux groupes ont conclu un accord de principe sur une coentreprise"),
        ("de", "beide Konzerne haben sich grundsätzlich geeinigt"),
        ("ko", "양사는 합작법인 설립에 원칙적으로 합의했다"),
    ],
)
def test_an_agreement_in_principle_is_a_step_of_exploring(language: str, text: str) -> None:
    # like a letter of intent: the binding deal is still to be signed (the SPEC's exploring)
    assert "explore_doc" in families_of(language, text)


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        pytest.param(
            "fr",
            "",
            "PARIS (Agence) - Renault a signé jeudi un accord avec Baidu pour étudier une "
            "coopération dans la conduite autonome en Chine. Les deux groupes lanceront d'abord "
            "une étude pilote sur la cartographie, a précisé Renault.",
            id="an agreement to study a cooperation, signed",
        ),
        pytest.param(
            "en",
            "Sony and Toyota in pact on in-car entertainment",
            "TOKYO, May 12 - Sony Group Corp said it signed an agreement in principle with Toyota "
            "Motor Corp to develop an in-car entertainment system together. The companies expect "
            "to sign a definitive agreement by the end of the year.",
            id="an agreement in principle, signed",
        ),
        pytest.param(
            "en",
            "Bayer plans joint venture with Daiichi Sankyo",
            "LEVERKUSEN, June 3 - Bayer AG and Daiichi Sankyo Co are planning a 50-50 joint "
            "venture for diagnostic equipment, Bayer said. The venture would combine the "
            "diagnostics units of the two companies.",
            id="a joint venture planned",
        ),
    ],
)
def test_a_step_short_of_a_binding_deal_is_exploring(
    pipeline: Pipeline, language: str, headline: str, body: str
) -> None:
    result = analyse(pipeline, language, headline, body)
    assert result.partnership is not None
    assert result.partnership.status == "exploring"
