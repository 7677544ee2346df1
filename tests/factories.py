"""Factories for test data: companies, articles and tag results built fresh for each test."""

from __future__ import annotations

from typing import Any

from streams.linking.refdata import Company
from streams.records import Article, Evidence, Listing, Partnership, Span, Tag


def company(
    id: str,
    name: str,
    *symbols: str,
    aliases: dict[str, tuple[str, ...]] | None = None,
    brands: tuple[str, ...] = (),
    ambiguous: tuple[str, ...] = (),
    listed: bool = True,
    country: str = "US",
    sector: str = "Consumer Discretionary",
) -> Company:
    """A company with Yahoo-style ``symbols`` (``9988.HK`` gets MIC XHKG, plain ones XNYS)."""
    listings = tuple(_listing(s) for s in symbols)
    return Company(
        id=id,
        name=name,
        country=country,
        sector=sector,
        listed=listed,
        listings=listings,
        aliases=aliases or {"*": (name,)},
        brands=brands,
        ambiguous=ambiguous,
    )


_SUFFIX_MIC = {
    ".HK": ("XHKG", "HKD"),
    ".SS": ("XSHG", "CNY"),
    ".T": ("XTKS", "JPY"),
    ".KS": ("XKRX", "KRW"),
}


def _listing(yahoo: str) -> Listing:
    for suffix, (mic, currency) in _SUFFIX_MIC.items():
        if yahoo.endswith(suffix):
            return Listing(
                symbol=yahoo.removesuffix(suffix), mic=mic, yahoo=yahoo, currency=currency
            )
    return Listing(symbol=yahoo, mic="XNYS", yahoo=yahoo, currency="USD")


def article(**fields: Any) -> Article:
    defaults: dict[str, Any] = {"id": "a-1", "headline": "Headline", "body": "Body text."}
    return Article(**{**defaults, **fields})


def tag(name: str, score: float = 0.9, text: str = "cue") -> Tag:
    span = Span(field="body", start=0, end=len(text), text=text)
    return Tag(name=name, score=score, evidence=(Evidence(span=span, sentence=text, rule="test"),))


def partnership(*pairs: tuple[str, str], status: str = "exploring") -> Partnership:
    return Partnership(status=status, partners=tuple(pairs), scope=())  # type: ignore[arg-type]
