"""Test factories for the tagger: companies and the mentions a linker would give, found by exact name."""

from __future__ import annotations

from streams.linking.linker import CompanyMention
from streams.linking.refdata import Company
from streams.records import Listing
from streams.tagging.lexicon import CueMatcher, load_lexicon
from streams.tagging.tagger import Tagger, TagScores
from streams.text import Document


def company(id: str, name: str, country: str, *yahoo: str, listed: bool = True) -> Company:
    listings = tuple(
        Listing(symbol=y.split(".")[0], mic="XXXX", yahoo=y, currency="USD") for y in yahoo
    )
    return Company(
        id=id, name=name, country=country, listed=listed and bool(yahoo), listings=listings
    )


def mentions(doc: Document, names: dict[str, Company]) -> list[CompanyMention]:
    """Every exact occurrence of each name, as a linker would report it."""
    text = doc.text
    found: dict[str, tuple[Company, list]] = {}
    for name, comp in names.items():
        start = text.find(name)
        while start >= 0:
            entry = found.setdefault(comp.id, (comp, []))
            entry[1].append(doc.span(start, start + len(name)))
            start = text.find(name, start + len(name))
    return [CompanyMention(c, tuple(spans), "name") for c, spans in found.values()]


FORD = company("ford", "Ford Motor", "US", "F")
ALIBABA = company("alibaba", "Alibaba Group Holding", "CN", "BABA", "9988.HK")
BAIDU = company("baidu", "Baidu", "CN", "BIDU")
TOYOTA = company("toyota", "Toyota Motor", "JP", "7203.T")
HONDA = company("honda", "Honda Motor", "JP", "7267.T")
VW = company("vw", "Volkswagen", "DE", "VOW3.DE")
SAIC = company("saic", "SAIC Motor", "CN", "600104.SS")
BMW = company("bmw", "BMW", "DE", "BMW.DE")
RENAULT = company("renault", "Renault", "FR", "RNO.PA")
AIRBUS = company("airbus", "Airbus", "FR", "AIR.PA")
BYD = company("byd", "BYD", "CN", "1211.HK")
NIKE = company("nike", "Nike", "US", "NKE")
HUAWEI = company("huawei", "Huawei", "CN", listed=False)
SONY = company("sony", "Sony Group", "JP", "6758.T")
KIA = company("kia", "Kia", "KR", "000270.KS")
SEAT = company("santander", "Banco Santander", "ES", "SAN.MC")
ENEL = company("enel", "Enel", "IT", "ENEL.MI")


def score(
    tagger: Tagger, language: str, headline: str, body: str, names: dict[str, Company]
) -> TagScores:
    """Every tag's score for a story whose companies are found by exact name."""
    doc = Document(headline, body)
    return tagger.score(doc, language, mentions(doc, names))


def tags_of(scores: TagScores) -> set[str]:
    return {t.name for t in scores.result.tags}


def families_of(language: str, text: str) -> set[str]:
    """The cue families the language's lexicon finds in ``text``."""
    matcher = CueMatcher(language, load_lexicon(language))
    return {family for m in matcher.find(text) for family in m.families}
