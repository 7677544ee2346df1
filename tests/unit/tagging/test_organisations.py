"""Organisation names found by language patterns, outside the linked companies."""

from __future__ import annotations

from streams.tagging.organisations import find_organisations, in_partner_slot, looks_chinese


def names(text: str, language: str, *linked: str) -> list[str]:
    taken = [(text.index(n), text.index(n) + len(n)) for n in linked]
    return [o.name for o in find_organisations(text, language, taken)]


def test_find_organisations_head_word_makes_a_name_in_english() -> None:
    text = "Acme Robotics signed a research pact with Northfield Institute of Technology."
    assert names(text, "en", "Acme Robotics") == ["Northfield Institute of Technology"]


def test_find_organisations_descriptor_before_name_in_french() -> None:
    text = "Valeo s'allie avec la jeune pousse lyonnaise Korvex pour les batteries."
    assert names(text, "fr", "Valeo") == ["Korvex"]


def test_find_organisations_german_descriptor_noun_is_dropped() -> None:
    text = "BASF gründet ein Werk mit dem Chemiekonzern Lumora in Ludwigshafen."
    assert names(text, "de", "BASF") == ["Lumora"]


def test_find_organisations_german_capital_noun_after_mit_is_not_a_name() -> None:
    text = "Siemens arbeitet mit Software-Spezialisten an der Plattform."
    assert names(text, "de", "Siemens") == []


def test_find_organisations_joint_venture_name_is_not_a_partner_in_german() -> None:
    text = "Beide betreiben das Gemeinschaftsunternehmen Voltrix seit 2021."
    assert names(text, "de") == []


def test_find_organisations_apposition_after_name_in_english() -> None:
    text = "Tata signed a licence with Orvane, a young electric-car company."
    assert names(text, "en", "Tata") == ["Orvane"]


def test_find_organisations_coordinated_with_linked_company_in_italian() -> None:
    found = find_organisations("Enel e Brivio firmano un accordo", "it", [(0, 4)])
    assert [(o.name, o.slot) for o in found] == [("Brivio", True)]


def test_find_organisations_strips_articles_and_legal_forms_in_spanish() -> None:
    text = "Repsol y la gallega Nortia Motors S.A. crean una alianza."
    assert names(text, "es", "Repsol") == ["Nortia Motors"]


def test_find_organisations_country_and_city_are_not_partners() -> None:
    text = "Toyota and Germany agreed with Paris on a plan."
    assert names(text, "en", "Toyota") == []


def test_find_organisations_country_possessive_body_is_left_out() -> None:
    text = "Spain's Industry Ministry will work with Seat on batteries."
    assert names(text, "en", "Seat") == []


def test_find_organisations_person_after_title_is_not_a_name() -> None:
    text = "Honda signed the deal with chief executive Maria Lindqvist present."
    assert names(text, "en", "Honda") == []


def test_find_organisations_dates_and_generic_terms_are_not_names() -> None:
    text = "Kia will work with AI partners from January on EV software."
    assert names(text, "en", "Kia") == []


def test_find_organisations_multi_word_without_evidence_is_not_a_name() -> None:
    text = "Nestlé said Anna Berg would lead the venture."
    assert names(text, "en", "Nestlé") == []


def test_find_organisations_linked_company_wins_its_own_stretch() -> None:
    text = "Bosch Mobility Group and Acme Labs team up."
    assert names(text, "en", "Bosch") == ["Acme Labs"]


def test_find_organisations_chinese_fund_after_descriptor() -> None:
    text = "星巴克将与私募基金远山资本成立合资公司。"
    assert names(text, "zh", "星巴克") == ["远山资本"]


def test_find_organisations_chinese_latin_gloss_names_the_partner() -> None:
    text = "宝马与远山资本（Yuanshan Capital）签署合作协议。"
    assert names(text, "zh", "宝马") == ["Yuanshan Capital"]


def test_find_organisations_chinese_joint_venture_is_not_a_name() -> None:
    text = "双方将成立合资公司。"
    assert names(text, "zh") == []


def test_find_organisations_japanese_university_before_to() -> None:
    text = "ソニーは東都工業大学と共同研究を始める。"
    found = find_organisations(text, "ja", [(0, 3)])
    assert [(o.name, o.slot) for o in found] == [("東都工業大学", False)]


def test_find_organisations_korean_university_with_particle() -> None:
    found = find_organisations("기아는 한빛대학교와 협력한다", "ko", [(0, 2)])
    assert [(o.name, o.slot) for o in found] == [("한빛대학교", True)]


def test_find_organisations_korean_generic_word_is_not_a_ministry() -> None:
    assert names("기아는 일부와 협력한다", "ko", "기아") == []


def test_in_partner_slot_needs_another_partner() -> None:
    text = "a pact with Orvane"
    assert in_partner_slot(text, 12, 18, "en", [(0, 1)])
    assert not in_partner_slot(text, 12, 18, "en", [])


def test_looks_chinese_by_script_or_place() -> None:
    assert looks_chinese("远山资本", "zh")
    assert looks_chinese("Shanghai Polytechnic University", "en")
    assert not looks_chinese("Orvane", "en")
