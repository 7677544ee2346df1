"""Partner pairs, the partnership step and scope, read from cue-read documents."""

from __future__ import annotations

from streams.linking.refdata import Company
from streams.tagging.cues import read_document
from streams.tagging.lexicon import CueMatcher, load_lexicon
from streams.tagging.partners import partner_ids, partner_pairs, partnership_status
from streams.tagging.scope import partnership_scope
from streams.text import Document
from tests.unit.tagging import factories as f


def cued(language: str, headline: str, body: str, names: dict[str, Company]):
    doc = Document(headline, body)
    return read_document(
        doc, language, f.mentions(doc, names), CueMatcher(language, load_lexicon(language))
    )


def test_partner_ids_prefer_headline_pair_over_background_company() -> None:
    doc = cued(
        "en",
        "BMW and Toyota deepen fuel-cell partnership",
        "MUNICH (Wire) - BMW and Toyota Motor will jointly develop the next fuel-cell system. "
        "Renault also has a joint venture with a hydrogen start-up.",
        {"BMW": f.BMW, "Toyota": f.TOYOTA, "Renault": f.RENAULT},
    )
    assert partner_ids(doc) == ["bmw", "toyota"]
    assert partner_pairs(partner_ids(doc)) == (("bmw", "toyota"),)


def test_partner_pairs_cover_every_pair_of_three() -> None:
    assert partner_pairs(["a", "b", "c"]) == (("a", "b"), ("a", "c"), ("b", "c"))


def test_partnership_status_letter_of_intent_between_old_partners_is_exploring() -> None:
    doc = cued(
        "fr",
        "Renault et Airbus signent une lettre d'intention pour élargir leur partenariat",
        "PARIS (Agence) - Renault et Airbus ont signé une lettre d'intention pour étendre leur "
        "partenariat existant aux logiciels.",
        {"Renault": f.RENAULT, "Airbus": f.AIRBUS},
    )
    assert partnership_status(doc) == "exploring"


def test_partnership_status_signed_agreement_is_formed() -> None:
    doc = cued(
        "es",
        "Santander y Enel firman una alianza",
        "MADRID (Wire) - Banco Santander y Enel firmaron una alianza estratégica de diez años.",
        {"Santander": f.SEAT, "Enel": f.ENEL},
    )
    assert partnership_status(doc) == "formed"


def test_partnership_status_wider_existing_cooperation_is_expanded_in_korean() -> None:
    doc = cued(
        "ko",
        "기아·소니, 협력 확대",
        "(서울=한빛통신) 기아와 소니가 기존 합작법인의 협력을 확대하기로 했다. 양사는 두 번째 공장을 짓는다.",
        {"기아": f.KIA, "소니": f.SONY},
    )
    assert partnership_status(doc) == "expanded"


def test_partnership_status_cancelled_programme_is_terminated_in_italian() -> None:
    doc = cued(
        "it",
        "Enel e Airbus chiudono la joint venture",
        "ROMA (Wire) - Enel e Airbus metteranno fine alla joint venture e avvieranno la liquidazione "
        "della società comune.",
        {"Enel": f.ENEL, "Airbus": f.AIRBUS},
    )
    assert partnership_status(doc) == "terminated"


def test_partnership_scope_reads_only_cooperation_sentences() -> None:
    doc = cued(
        "en",
        "Honda and Sony form EV software joint venture",
        "TOKYO (Wire) - Honda Motor and Sony Group will form a joint venture to develop software "
        "and batteries. Separately, Sony reported strong sales of cameras and chips.",
        {"Honda": f.HONDA, "Sony": f.SONY},
    )
    scope = partnership_scope(doc)
    assert "software" in scope and "batteries" in scope
    assert "chips" not in scope


def test_partnership_status_second_phase_investment_is_expanded_in_korean() -> None:
    doc = cued(
        "ko",
        "기아·현대차, 배터리 합작공장 2단계 투자",
        "(서울=통신) 기아와 현대차가 합작공장에 2단계 투자를 한다. 양사는 합작법인에 "
        "추가 투자해 생산능력을 확대하는 계약을 체결했다.",
        {"기아": f.KIA, "현대차": f.company("hyundai", "Hyundai Motor", "KR", "005380.KS")},
    )
    assert partnership_status(doc) == "expanded"


def test_partnership_status_second_phase_is_expanded_in_english() -> None:
    doc = cued(
        "en",
        "Toyota and BMW start second phase of hydrogen partnership",
        "MUNICH (Wire) - Toyota Motor and BMW signed an agreement for the second phase of "
        "their hydrogen partnership, the companies said.",
        {"Toyota": f.TOYOTA, "BMW": f.BMW},
    )
    assert partnership_status(doc) == "expanded"


def test_partnership_status_new_agreement_with_planned_rollout_stays_formed_in_chinese() -> None:
    # "将逐步扩展至" (will gradually extend to) describes the rollout, not a wider partnership
    doc = cued(
        "zh",
        "比亚迪与百度签署战略合作协议",
        "比亚迪与百度签署战略合作协议，双方将在智能驾驶领域开展合作，未来逐步扩展至更多城市。"
        "根据协议，百度提供地图服务。",
        {"比亚迪": f.BYD, "百度": f.BAIDU},
    )
    assert partnership_status(doc) == "formed"


def test_partner_ids_name_an_unlisted_start_up_the_linker_does_not_know() -> None:
    doc = cued(
        "en",
        "Renault teams up with start-up Orvane Labs on batteries",
        "PARIS (Wire) - Renault signed a partnership agreement with Orvane Labs to develop "
        "battery software together.",
        {"Renault": f.RENAULT},
    )
    assert set(partner_ids(doc)) == {"renault", "org:orvane labs"}
    assert doc.companies["org:orvane labs"].name == "Orvane Labs"
    assert not doc.companies["org:orvane labs"].listed


def test_partner_ids_linked_companies_keep_the_pair_over_a_name_in_passing() -> None:
    doc = cued(
        "en",
        "BMW and Toyota deepen fuel-cell partnership",
        "MUNICH (Wire) - BMW and Toyota Motor will jointly develop a fuel-cell system at the "
        "Hydra Institute of Technology.",
        {"BMW": f.BMW, "Toyota": f.TOYOTA},
    )
    assert partner_ids(doc) == ["bmw", "toyota"]


def test_partner_ids_name_placed_as_partner_beats_a_plant_owner() -> None:
    doc = cued(
        "es",
        "Enel y Nortia firman una alianza en la antigua planta de Renault",
        "MADRID (Wire) - Enel y la gallega Nortia Motors han firmado una alianza para producir "
        "baterías en la antigua planta de Renault.",
        {"Enel": f.ENEL, "Renault": f.RENAULT},
    )
    assert set(partner_ids(doc)) == {"enel", "org:nortia motors"}


def test_partner_ids_no_name_without_a_linked_company() -> None:
    doc = cued(
        "en",
        "Orvane Labs signs partnership with Hydra Institute of Technology",
        "BOSTON (Wire) - Orvane Labs signed a partnership with Hydra Institute of Technology.",
        {},
    )
    assert partner_ids(doc) == []


def test_partner_ids_pair_two_names_with_legal_forms_when_no_company_is_linked() -> None:
    doc = cued(
        "en",
        "LUMORA IN DISTRIBUTION PACT",
        "DENVER, May 4 - Lumora Devices Inc said it signed a distribution agreement with "
        "Pellworth Systems Ltd to sell its sensors in Canada.",
        {},
    )
    assert set(partner_ids(doc)) == {"org:lumora devices", "org:pellworth systems"}
    assert doc.companies["org:pellworth systems"].name == "Pellworth Systems"


def test_partner_ids_wire_symbols_mark_names_as_companies() -> None:
    doc = cued(
        "en",
        "QUILLON <QLN> AND BARRET <BRT> FORM VENTURE",
        "TULSA, June 2 - Quillon Energy <QLN> and Barret Drilling <BRT> said they formed a "
        "joint venture to drill in the Gulf.",
        {},
    )
    assert set(partner_ids(doc)) == {"org:quillon energy", "org:barret drilling"}


def test_partner_ids_one_formal_name_alone_pairs_with_nothing() -> None:
    doc = cued(
        "en",
        "Lumora signs partnership",
        "DENVER (Wire) - Lumora Devices Inc signed a partnership with a regional carrier.",
        {},
    )
    assert partner_ids(doc) == []


def test_partnership_status_letter_of_intent_in_the_lead_beats_a_pact_headline() -> None:
    doc = cued(
        "en",
        "LUMORA IN LICENSING PACT",
        "DENVER, May 4 - Lumora Devices Inc said it signed a letter of intent to license its "
        "sensor design to a unit of Pellworth Systems Ltd.",
        {},
    )
    assert partnership_status(doc) == "exploring"


def test_partnership_status_german_concluded_partnership_is_formed_not_ended() -> None:
    doc = cued(
        "de",
        "Telekom schließt Partnerschaft mit Lumora",
        "",
        {"Telekom": f.company("telekom", "Deutsche Telekom", "DE")},
    )
    assert partnership_status(doc) == "formed"


def test_partner_ids_dateline_agency_is_not_a_partner() -> None:
    doc = cued(
        "en",
        "Renault signs partnership",
        "PARIS (Orvane Group) - Renault signed a partnership agreement with a supplier.",
        {"Renault": f.RENAULT},
    )
    assert partner_ids(doc) == ["renault"]


def test_partner_ids_chinese_university_counts_as_chinese() -> None:
    doc = cued(
        "zh",
        "宝马与远山大学签署合作协议",
        "宝马与远山大学签署战略合作协议，共同研发电池技术。",
        {"宝马": f.BMW},
    )
    assert set(partner_ids(doc)) == {"bmw", "org:远山大学"}
    assert doc.is_chinese("org:远山大学")
