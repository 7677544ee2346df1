"""Linker: documents -> company mentions, over a small hand-made universe."""

from __future__ import annotations

import pytest

from streams.linking.linker import CompanyMention, Linker
from streams.text import Document

from .factories import company, sample_companies


def _link(
    body: str, language: str = "en", headline: str = "", feed: tuple[str, ...] = ()
) -> list[CompanyMention]:
    return Linker(sample_companies()).link(Document(headline, body), language, feed)


def _ids(
    body: str, language: str = "en", headline: str = "", feed: tuple[str, ...] = ()
) -> list[str]:
    return [m.company.id for m in _link(body, language, headline, feed)]


# --- names, boundaries, case --------------------------------------------------------------------


def test_linker_finds_names_with_field_spans() -> None:
    mentions = _link("Shares of Tesla rose.", headline="Tesla and NIO")
    tesla = mentions[0]
    assert tesla.company.id == "tesla" and tesla.via == "name"
    assert [(s.field, s.start, s.end, s.text) for s in tesla.mentions] == [
        ("headline", 0, 5, "Tesla"),
        ("body", 10, 15, "Tesla"),
    ]
    assert [m.company.id for m in mentions] == ["tesla", "nio"]


def test_linker_respects_latin_word_boundaries() -> None:
    assert _ids("Researchers at Stanford and a Teslasuit maker met Kiara in Kiama.") == []


def test_linker_kia_as_word_not_inside_names() -> None:
    assert _ids("Kia said its electric car sales rose; Kiara did not comment.") == ["kia"]


def test_linker_short_all_caps_names_are_case_sensitive() -> None:
    assert _ids("GM said it would build more electric cars.") == ["gm"]
    assert _ids("The gm of the hotel and a vw bus.") == []
    assert _ids("VW said on Monday.", "de") == ["vw"]


def test_linker_normal_names_ignore_case_except_the_initial() -> None:
    assert _ids("TESLA SHARES JUMP") == ["tesla"]
    assert _ids("a tesla is a unit of magnetic flux density") == []


def test_linker_camel_case_name_matches_with_lower_initial() -> None:
    easyjet = company("ezj", "EasyJet", "EZJ.L", aliases={"*": ("EasyJet",)})
    linker = Linker([easyjet])
    assert [
        m.company.id for m in linker.link(Document("", "La compagnie easyJet a commandé."), "fr")
    ] == ["ezj"]
    assert linker.link(Document("", "an easyjet-style fare"), "en") == []


def test_linker_handles_french_elision() -> None:
    for body in (
        "Le cours d'Alibaba a progressé.",
        "Les ventes l'Alibaba.",
        "Il dit qu'Alibaba vend.",
    ):
        mentions = _link(body, "fr")
        assert [m.company.id for m in mentions] == ["alibaba"]
        assert mentions[0].mentions[0].text == "Alibaba"


def test_linker_handles_curly_apostrophe_elision() -> None:
    assert _ids("Le cours d’Alibaba a progressé.", "fr") == ["alibaba"]


def test_linker_handles_german_genitive_s() -> None:
    mentions = _link("Teslas Chef und Alibabas Umsatz.", "de")
    assert [m.company.id for m in mentions] == ["tesla", "alibaba"]
    assert [m.mentions[0].text for m in mentions] == ["Tesla", "Alibaba"]


def test_linker_prefers_longest_match_in_cjk() -> None:
    mentions = _link("长城汽车发布新车型。", "zh")
    assert [m.company.id for m in mentions] == ["gwm"]
    assert mentions[0].mentions[0].text == "长城汽车"


def test_linker_prefers_longest_match_in_latin() -> None:
    mentions = _link("Great Wall Motor said.")
    assert [(m.company.id, m.mentions[0].text) for m in mentions] == [("gwm", "Great Wall Motor")]


def test_linker_cjk_longest_match_yields_to_following_company_word() -> None:
    jd = company("jd", "JD.com", "JD", aliases={"zh": ("京东", "京东集团")})
    boe = company("boe", "BOE Technology Group", "000725.SZ", aliases={"zh": ("京东方",)})
    linker = Linker([jd, boe])
    assert [m.company.id for m in linker.link(Document("", "京东方面称，将开放物流。"), "zh")] == [
        "jd"
    ]
    assert [m.company.id for m in linker.link(Document("", "京东方发布新屏幕。"), "zh")] == ["boe"]


def test_linker_matches_chinese_names_inside_running_text() -> None:
    assert _ids("消息称比亚迪与蔚来将合作。", "zh") == ["byd", "nio"]


def test_linker_matches_korean_names_before_particles() -> None:
    assert _ids("현대차가 폭스바겐과 손잡았다.", "ko") == ["hyundai", "vw"]


def test_linker_normalises_legal_suffixes_in_text() -> None:
    mentions = _link("Volkswagen AG and Renault S.A. and BYD Co., Ltd. said.")
    assert [m.company.id for m in mentions] == ["vw", "renault", "byd"]
    assert [m.mentions[0].text for m in mentions] == [
        "Volkswagen AG",
        "Renault S.A.",
        "BYD Co., Ltd.",
    ]


def test_linker_matches_alias_with_other_legal_form() -> None:
    # The data says "Toyota Motor Corporation"; the wire writes "Toyota Motor Corp."
    only_full_name = company("t", "Toyota Motor Corporation", "7203.T")
    mentions = Linker([only_full_name]).link(Document("", "Toyota Motor Corp. said."), "en")
    assert [m.mentions[0].text for m in mentions] == ["Toyota Motor Corp."]


def test_linker_matches_cjk_legal_suffix() -> None:
    mentions = _link("长城汽车股份有限公司已备案。", "zh")
    assert mentions[0].company.id == "gwm"
    assert mentions[0].mentions[0].text == "长城汽车股份有限公司"


def test_linker_drops_derived_name_shared_by_group_companies() -> None:
    # "Mitsubishi Corp" must not make bare "Mitsubishi" mean Mitsubishi Corporation.
    assert _ids("Mitsubishi said it would sell more.") == []
    assert _ids("Mitsubishi Electric and Mitsubishi Corp said.") == [
        "mitsubishi-electric",
        "mitsubishi-corp",
    ]


def test_linker_matches_names_with_accents_or_without() -> None:
    assert _ids("L'Oreal et L’Oréal.", "fr") == ["loreal"]


# --- brands, tickers, feed ----------------------------------------------------------------------


def test_linker_resolves_brand_to_listed_parent() -> None:
    mentions = _link("Lexus will build cars in Shanghai.")
    assert [(m.company.id, m.via) for m in mentions] == [("toyota", "brand")]


def test_linker_via_is_strongest_way_found() -> None:
    mentions = _link("Tmall, the platform of Alibaba (NYSE: BABA), said.")
    assert mentions[0].company.id == "alibaba" and mentions[0].via == "name"
    assert [s.text for s in mentions[0].mentions] == ["Tmall", "Alibaba", "NYSE: BABA"]


def test_linker_ticker_alone_links() -> None:
    mentions = _link("The carmaker (TYO: 7203) said.")
    assert [(m.company.id, m.via) for m in mentions] == [("toyota", "ticker")]


@pytest.mark.parametrize(
    "markup",
    ["(NYSE:BABA)", "(NASDAQ: BABA)", "<9988.HK>", "(9988.HK)", "$BABA", "（NYSE：BABA）",
     "(9988 HK)", "(HKEX: 9988)"],
)  # fmt: skip
def test_linker_links_every_markup_form(markup: str) -> None:
    mentions = _link(f"The group {markup} said.")
    assert [(m.company.id, m.via) for m in mentions] == [("alibaba", "ticker")]


def test_linker_feed_tickers_link_without_spans() -> None:
    mentions = _link("Nothing named here.", feed=("9988.HK", "TSLA", "UNKNOWN"))
    assert [(m.company.id, m.via, m.mentions) for m in mentions] == [
        ("alibaba", "feed", ()),
        ("tesla", "feed", ()),
    ]


def test_linker_feed_ticker_of_named_company_keeps_name_via() -> None:
    mentions = _link("Tesla said.", feed=("TSLA",))
    assert [(m.company.id, m.via) for m in mentions] == [("tesla", "name")]


def test_linker_unlisted_company_is_returned_unlisted() -> None:
    mentions = _link("Huawei and BYD said.")
    assert [(m.company.id, m.company.listed) for m in mentions] == [
        ("huawei", False),
        ("byd", True),
    ]


def test_linker_one_mention_per_company_in_order_of_first_mention() -> None:
    ids = _ids("NIO said. Tesla said. NIO said again. BYD said.", headline="BYD news")
    assert ids == ["byd", "nio", "tesla"]


def test_linker_empty_universe_links_nothing() -> None:
    assert Linker([]).link(Document("Tesla", "Tesla (NASDAQ: TSLA)"), "en", ("TSLA",)) == []


# --- ambiguity ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Harrison Ford starred in the film.", "en"),
        ("Former president Gerald Ford died.", "en"),
        ("The Ford Foundation will issue bonds.", "en"),
        ("Ford was the name of the ship.", "en"),
        ("L'acteur Harrison Ford a tourné un film.", "fr"),
        ("La Fondation Ford a annoncé.", "fr"),
        ("Der Schauspieler Harrison Ford drehte einen Film.", "de"),
        ("Die Ford Stiftung vergibt Stipendien.", "de"),
    ],
)
def test_linker_ambiguous_name_without_context_is_not_linked(body: str, language: str) -> None:
    assert _ids(body, language) == []


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("The automaker Ford said on Monday.", "en"),
        ("Ford's chief executive said on Monday.", "en"),
        ("Ford said it would build more electric vehicles.", "en"),
        ("Ford (NYSE: F) said on Monday.", "en"),
        ("Ford Motor said. Ford also said.", "en"),
        ("Le constructeur américain Ford a annoncé.", "fr"),
        ("Ford va construire des voitures électriques.", "fr"),
        ("Der US-Autobauer Ford teilte mit.", "de"),
        ("Ein Ford-Sprecher sagte.", "de"),
        ("Ford baut neue Elektroautos.", "de"),
        ("El fabricante Ford anunció.", "es"),
        ("La casa automobilistica Ford ha annunciato.", "it"),
    ],
)
def test_linker_ambiguous_name_with_context_is_linked(body: str, language: str) -> None:
    assert _ids(body, language) == ["ford"]


def test_linker_person_stays_out_even_when_company_is_linked() -> None:
    mentions = _link("Ford Motor said. Harrison Ford drove a Ford car.")
    spans = [s.text for s in mentions[0].mentions]
    starts = [s.start for s in mentions[0].mentions]
    assert spans == ["Ford Motor", "Ford"]
    assert 35 not in starts  # Harrison Ford's "Ford"


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        ("Deforestation of the Amazon rainforest grew.", "en", []),
        ("La forêt amazonienne brûle.", "fr", []),
        ("Amazon said its cloud unit grew.", "en", ["amazon"]),
        ("A jaguar in the zoo had cubs.", "en", []),
        ("Jaguar cubs were born at the zoo.", "en", []),
        ("Jaguar will sell only electric cars from 2025.", "en", ["tata"]),
        ("The colour orange is popular.", "en", []),
        ("Orange has been the colour of Dutch teams.", "en", []),
        ("Orange said its mobile network grew.", "en", ["orange"]),
        ("Shell collectors return to the beach.", "en", []),
        ("Shell plc said.", "en", ["shell"]),
        ("Shell said oil output rose.", "en", ["shell"]),
        ("Fiat money is issued by governments.", "en", []),
    ],
)
def test_linker_ambiguous_latin_names(body: str, language: str, expected: list[str]) -> None:
    assert _ids(body, language) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("游客在长城脚下拍照。", []),
        ("长城汽车发布新车，长城还表示将扩产。", ["gwm"]),
        ("早餐是小米粥。", []),
        ("小米集团发布新手机。", ["xiaomi"]),
        ("小米手机销量上升。", ["xiaomi"]),
        ("这是理想的选择。", []),
        ("理想汽车发布新车型，理想表示销量增长。", ["li-auto"]),
        ("政策惠及普通大众消费者。", []),
        ("智能驾驶正从高端车型走向大众市场。", []),
        ("大众汽车宣布，大众将在中国投资。", ["vw"]),
    ],
)
def test_linker_ambiguous_chinese_names(body: str, expected: list[str]) -> None:
    assert _ids(body, "zh") == expected


def test_linker_ambiguous_chinese_name_with_ticker_markup() -> None:
    assert _ids("长城（601633.SH）宣布扩产。", "zh") == ["gwm"]


def test_linker_ambiguous_latin_name_in_cjk_prose_is_a_name() -> None:
    assert _ids("文远知行与出行平台Orange签署合作备忘录。", "zh") == ["orange"]
    assert _ids("Orange的股价上涨。", "zh") == ["orange"]


def test_linker_ambiguous_latin_brand_in_cjk_prose_needs_context() -> None:
    tesla = company("tesla", "Tesla", "TSLA", aliases={"*": ("Tesla",)}, brands=("Robotaxi",),
                    ambiguous=("Robotaxi",))  # fmt: skip
    mentions = Linker([tesla]).link(Document("", "双方拟在东南亚部署Robotaxi车队。"), "zh")
    assert mentions == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("아프리카의 기아 문제가 심각하다.", []),
        ("기아는 새 전기차를 공개했다.", ["kia"]),
        ("현대차 관계자는 말했다.", ["hyundai"]),
    ],
)
def test_linker_ambiguous_korean_names(body: str, expected: list[str]) -> None:
    assert _ids(body, "ko") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("茨城県日立市の海岸で祭りが開かれた。", []),
        ("日立製作所は発表した。日立は新工場を建てる。", ["hitachi"]),
    ],
)
def test_linker_ambiguous_japanese_names(body: str, expected: list[str]) -> None:
    hitachi = company("hitachi", "Hitachi, Ltd.", "6501.T", aliases={"ja": ("日立製作所", "日立")},
                      ambiguous=("日立",))  # fmt: skip
    mentions = Linker([hitachi]).link(Document("", body), "ja")
    assert [m.company.id for m in mentions] == expected
    if expected:
        assert [s.text for s in mentions[0].mentions] == ["日立製作所", "日立"]


# --- agencies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("PARIS (Reuters) - Renault said.\n(Reporting by Ann Lee; Editing by Bo Li)", "en"),
        ("DETROIT (Reuters) - Renault said, Reuters reported.", "en"),
        ("東京 (共同) ルノーは発表した。", "ja"),
        ("PARIS (Reuters) - Renault a dit.\n(Bureau de Paris ; édité par Paul Girard)", "fr"),
    ],
)
def test_linker_never_links_agency_of_dateline_or_credit(body: str, language: str) -> None:
    renault = company(
        "renault", "Renault SA", "RNO.PA", aliases={"*": ("Renault",), "ja": ("ルノー",)}
    )
    reuters = company("tr", "Thomson Reuters", "TRI", aliases={"*": ("Reuters",)})
    kyodo = company("kyodo", "Kyodo", "9999.T", aliases={"ja": ("共同",)})
    mentions = Linker([renault, reuters, kyodo]).link(Document("", body), language)
    assert [m.company.id for m in mentions] == ["renault"]


def test_linker_skips_names_inside_credit_line() -> None:
    body = "Renault said.\n(Reporting by Tesla Nguyen; Editing by Ford Prefect)"
    assert _ids(body) == ["renault"]


def test_linker_skips_names_inside_dateline() -> None:
    assert _ids("TESLA, Colorado (Wire) - The town said.") == []


def test_linker_full_name_of_agency_parent_still_links() -> None:
    assert _ids("Thomson Reuters Corp said its profit rose.") == ["thomson-reuters"]


# --- exchanges ----------------------------------------------------------------------------------


def _with_nasdaq() -> Linker:
    nasdaq = company(
        "nasdaq", "Nasdaq, Inc.", "NDAQ", aliases={"*": ("Nasdaq",)}, sector="Financials"
    )
    return Linker([*sample_companies(), nasdaq])


def test_linker_exchange_prefix_in_markup_is_not_the_exchange_operator() -> None:
    mentions = _with_nasdaq().link(Document("", "Pony AI (NASDAQ: NIO) said."), "en")
    assert [m.company.id for m in mentions] == ["nio"]


def test_linker_exchange_as_venue_is_not_the_exchange_operator() -> None:
    mentions = _with_nasdaq().link(Document("", "Its shares rose 5% on the Nasdaq."), "en")
    assert mentions == []


def test_linker_exchange_operator_with_company_cue_links() -> None:
    mentions = _with_nasdaq().link(Document("", "The exchange operator Nasdaq Inc said."), "en")
    assert [m.company.id for m in mentions] == ["nasdaq"]


# --- passing mentions ---------------------------------------------------------------------------


_PASSING_STORY = (
    "TOKYO (Wire) - Toyota will build a plant in Shanghai, the company said.\n"
    "Toyota said production would start in 2027.\n"
    "Tesla was the first foreign carmaker to build cars there without a partner."
)


def test_linker_drops_company_named_once_after_the_lead() -> None:
    assert _ids(_PASSING_STORY) == ["toyota"]


def test_linker_keep_passing_returns_every_company() -> None:
    linker = Linker(sample_companies(), keep_passing=True)
    assert [m.company.id for m in linker.link(Document("", _PASSING_STORY), "en")] == [
        "toyota",
        "tesla",
    ]


def test_linker_keeps_company_named_once_in_the_lead() -> None:
    body = "TOKYO (Wire) - Toyota and Tesla will cooperate.\nToyota said so.\nToyota also said."
    assert _ids(body) == ["toyota", "tesla"]


def test_linker_keeps_company_named_once_with_ticker_markup() -> None:
    body = "TOKYO (Wire) - Toyota said.\nToyota said again.\nTesla (NASDAQ: TSLA) also spoke."
    assert _ids(body) == ["toyota", "tesla"]


def test_linker_keeps_single_mentions_when_no_company_stands_out() -> None:
    body = "TOKYO (Wire) - Markets fell.\nToyota said.\nTesla said."
    assert _ids(body) == ["toyota", "tesla"]


def _venture_linker() -> Linker:
    return Linker(
        [
            company("shopco", "Shopco", "SHOP", aliases={"*": ("Shopco",)}),
            company("carco", "Carco Motor", "600999.SS", aliases={"*": ("Carco Motor",)}),
            company("rivalco", "Rivalco", "RIVL", aliases={"*": ("Rivalco",)}),
            company("zebra-jv", "Zebra Tech", aliases={"*": ("Zebra Tech",)}, listed=False),
        ]
    )


@pytest.mark.parametrize(
    "last_paragraph",
    [
        "Shopco already works in cars through Zebra Tech, a joint venture with Carco Motor.",
        "Shopco est déjà présent dans l'automobile avec Zebra Tech, une coentreprise avec Carco Motor.",
        "Shopco ist über Zebra Tech, ein Gemeinschaftsunternehmen mit Carco Motor, im Autogeschäft.",
    ],
)
def test_linker_keeps_co_owner_of_a_named_joint_venture(last_paragraph: str) -> None:
    body = f"LONDON (Wire) - Shopco signed a deal.\nShopco said more.\n{last_paragraph}"
    ids = [m.company.id for m in _venture_linker().link(Document("Shopco deal", body), "en")]
    assert ids == ["shopco", "zebra-jv", "carco"]


def test_linker_drops_joint_venture_partners_when_no_venture_is_named() -> None:
    body = (
        "LONDON (Wire) - Shopco signed a deal.\nShopco said more.\n"
        "Shopco makes other products through joint ventures with Carco Motor and Rivalco."
    )
    ids = [m.company.id for m in _venture_linker().link(Document("Shopco deal", body), "en")]
    assert ids == ["shopco"]
