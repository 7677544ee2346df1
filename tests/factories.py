"""Factories for test data: companies, articles and tag results built fresh for each test."""

from __future__ import annotations

from typing import Any

from streams.records import Article, Company, Evidence, Listing, Partnership, Span, Tag

_SUFFIX_MIC = {
    "": "XNYS", "HK": "XHKG", "SS": "XSHG", "SZ": "XSHE", "T": "XTKS", "KS": "XKRX",
    "DE": "XETR", "PA": "XPAR", "MI": "XMIL", "L": "XLON", "AS": "XAMS", "MC": "XMAD",
}  # fmt: skip


def listing(yahoo: str, mic: str | None = None) -> Listing:
    """A listing from a Yahoo symbol: "9988.HK" -> symbol 9988 on XHKG."""
    symbol, _, suffix = yahoo.partition(".")
    return Listing(symbol=symbol, mic=mic or _SUFFIX_MIC[suffix], yahoo=yahoo, currency="USD")


def company(
    id: str,
    name: str,
    *yahoo: str,
    aliases: dict[str, tuple[str, ...]] | None = None,
    brands: tuple[str, ...] = (),
    ambiguous: tuple[str, ...] = (),
    sector: str | None = None,
    industry: str | None = None,
    listed: bool = True,
    mics: dict[str, str] | None = None,
) -> Company:
    return Company(
        id=id,
        name=name,
        sector=sector,
        industry=industry,
        listed=listed,
        listings=tuple(listing(y, (mics or {}).get(y)) for y in yahoo),
        aliases=aliases or {},
        brands=brands,
        ambiguous=ambiguous,
    )


def article(**fields: Any) -> Article:
    defaults: dict[str, Any] = {"id": "a-1", "headline": "Headline", "body": "Body text."}
    return Article(**{**defaults, **fields})


def tag(name: str, score: float = 0.9, text: str = "cue") -> Tag:
    span = Span(field="body", start=0, end=len(text), text=text)
    return Tag(name=name, score=score, evidence=(Evidence(span=span, sentence=text, rule="test"),))


def partnership(*pairs: tuple[str, str], status: str = "exploring") -> Partnership:
    return Partnership(status=status, partners=tuple(pairs), scope=())  # type: ignore[arg-type]
