"""Co-actor shapes: two organisations joined as subjects, or one acting with the other.

Sentences are our own; companies come from the bundled reference data through the real
linker, as in a story from the feed.
"""

from __future__ import annotations

import pytest

from streams.linking.linker import Linker
from streams.linking.refdata import load_companies
from streams.tagging.cues import CuedDocument, read_document
from streams.tagging.lexicon import CueMatcher, load_lexicon
from streams.tagging.structure import Shape, actor_spans, sentence_shape, structure_features
from streams.text import Document


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_companies())


def cued(linker: Linker, language: str, headline: str, body: str = "") -> CuedDocument:
    doc = Document(headline=headline, body=body)
    return read_document(
        doc, language, linker.link(doc, language), CueMatcher(language, load_lexicon(language))
    )


def headline_shape(linker: Linker, language: str, headline: str) -> Shape:
    doc = cued(linker, language, headline)
    return sentence_shape(doc, doc.sentences[0])


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("de", "Siemens und Bosch planen eine gemeinsame Testfabrik in Dresden"),
        ("en", "Siemens and Bosch to build a test factory in Dresden"),
        ("zh", "西门子与博世将在德累斯顿建设测试工厂"),
    ],
)
def test_two_companies_joined_as_subjects_are_coordinated(
    linker: Linker, language: str, headline: str
) -> None:
    assert headline_shape(linker, language, headline).coordinated


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("de", "Siemens will Rechenzentren mit Microsoft ausbauen"),
        ("en", "Siemens to expand data centres with Microsoft"),
        ("fr", "Siemens va développer ses centres de données avec Microsoft"),
        ("ja", "シーメンス、マイクロソフトとデータセンターを拡張"),
        ("ko", "지멘스, 마이크로소프트와 데이터센터 확장"),
    ],
)
def test_a_company_acting_with_another_is_a_partner_shape(
    linker: Linker, language: str, headline: str
) -> None:
    assert headline_shape(linker, language, headline).partner


def test_companies_listed_apart_have_no_co_actor_shape(linker: Linker) -> None:
    shape = headline_shape(linker, "en", "Siemens shares rose while Microsoft reported lower sales")
    assert not shape.any


def test_a_bare_wire_symbol_counts_as_an_organisation(linker: Linker) -> None:
    doc = cued(linker, "en", "ORVANE <ORVN> IN PACT WITH KELDA <KLDA>")
    spans = actor_spans(doc, doc.sentences[0])
    assert [doc.doc.text[a:b] for a, b in spans] == ["ORVANE <ORVN>", "KELDA <KLDA>"]
    assert sentence_shape(doc, doc.sentences[0]).partner


def test_names_with_a_legal_form_are_organisations_in_the_body(linker: Linker) -> None:
    doc = cued(
        linker,
        "en",
        "Orvane signs supply accord",
        "Orvane Industries Inc said it signed an accord with Kelda Systems Corp on Monday.",
    )
    features = structure_features(doc)
    assert features.get("pair_with@lead") == 1.0
    assert features.get("pair_step") == 1.0


def test_a_purchase_between_co_actors_is_not_a_joint_step(linker: Linker) -> None:
    doc = cued(
        linker,
        "en",
        "Orvane buys plant",
        "Orvane Industries Inc agreed to buy a plant together with Kelda Systems Corp.",
    )
    features = structure_features(doc)
    assert features.get("pair_with@lead") == 1.0
    assert "pair_step" not in features


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("zh", "星岚科技携手云帆汽车开发智能座舱"),
        ("zh", "星岚科技与云帆汽车达成战略合作"),
        ("ko", "한빛전자, 누리소프트와 손잡고 AI 플랫폼 개발"),
        ("ja", "星野電機と青葉製作所が業務提携"),
    ],
)
def test_a_cooperation_clause_pairs_unknown_short_names(
    linker: Linker, language: str, headline: str
) -> None:
    features = structure_features(cued(linker, language, headline))
    assert features.get("pair_spoken@headline") == 1.0


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("zh", "携手共进，再创佳绩"),
        ("zh", "星岚科技发布新一代智能座舱"),
        ("ko", "한빛전자, 3분기 영업이익 20% 증가"),
        ("ja", "星野電機と青葉製作所が経営統合へ"),
    ],
)
def test_one_party_or_a_merger_is_no_cooperation_clause(
    linker: Linker, language: str, headline: str
) -> None:
    assert "pair_spoken@any" not in structure_features(cued(linker, language, headline))
