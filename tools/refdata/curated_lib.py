"""Helpers for the hand-curated reference data (``curated_*.py`` -> ``streams/linking/data/2x-4x``).

A curated module lists ``RECORDS = [C(...), ...]``; ``build_curated.py`` writes each module's
records, sorted by id, to its JSONL file. Listing helpers take the exchange's own code and derive
the Yahoo symbol, MIC and currency (``hk("700")`` -> ``0700`` / ``0700.HK`` / XHKG / HKD).
"""

from __future__ import annotations

from typing import Any

from common import listing

Rec = dict[str, Any]


def hk(code: str, isin: str | None = None) -> Rec:
    c = code.zfill(4)
    return listing(f"{c}.HK", isin=isin, symbol=c)


def ss(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.SS", isin=isin)


def sz(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.SZ", isin=isin)


def ks(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.KS", isin=isin)


def kq(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.KQ", isin=isin)


def t(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.T", isin=isin)


def tw(code: str, isin: str | None = None) -> Rec:
    return listing(f"{code}.TW", isin=isin)


def nyse(sym: str, isin: str | None = None) -> Rec:
    return listing(sym.replace(".", "-"), mic="XNYS", isin=isin, symbol=sym)


def nasdaq(sym: str, isin: str | None = None) -> Rec:
    return listing(sym.replace(".", "-"), mic="XNAS", isin=isin, symbol=sym)


def y(yahoo: str, isin: str | None = None) -> Rec:
    """Any non-US listing by its Yahoo symbol (``VOW3.DE``, ``RNO.PA``, ``VOLCAR-B.ST``)."""
    return listing(yahoo, isin=isin)


def C(
    id: str,
    name: str,
    country: str,
    sector: str | None,
    industry: str | None,
    listings: list[Rec] | tuple[Rec, ...] = (),
    *,
    star: list[str] | tuple[str, ...] = (),
    zh: tuple[str, ...] | list[str] = (),
    ja: tuple[str, ...] | list[str] = (),
    ko: tuple[str, ...] | list[str] = (),
    fr: tuple[str, ...] | list[str] = (),
    de: tuple[str, ...] | list[str] = (),
    es: tuple[str, ...] | list[str] = (),
    it: tuple[str, ...] | list[str] = (),
    en: tuple[str, ...] | list[str] = (),
    brands: tuple[str, ...] | list[str] = (),
    amb: tuple[str, ...] | list[str] = (),
    listed: bool | None = None,
) -> Rec:
    """One company record; ``star`` = names used in every language (the canonical name is added)."""
    aliases: dict[str, list[str]] = {"*": list(dict.fromkeys([name, *star]))}
    for lang, names in (
        ("en", en),
        ("fr", fr),
        ("de", de),
        ("es", es),
        ("it", it),
        ("zh", zh),
        ("ja", ja),
        ("ko", ko),
    ):
        if names:
            aliases[lang] = list(dict.fromkeys(names))
    listings = list(listings)
    return {
        "id": id,
        "name": name,
        "country": country,
        "sector": sector,
        "industry": industry,
        "listed": bool(listings) if listed is None else listed,
        "listings": listings,
        "aliases": aliases,
        "brands": list(dict.fromkeys(brands)),
        "ambiguous": list(dict.fromkeys(amb)),
    }


def U(id: str, name: str, country: str, sector: str | None, industry: str | None, **kw: Any) -> Rec:
    """An unlisted organisation (Huawei, Bosch, ByteDance ...)."""
    return C(id, name, country, sector, industry, (), listed=False, **kw)


# GICS-like sector names, spelled once.
AUTO = "Consumer Discretionary"
IT = "Information Technology"
COMM = "Communication Services"
FIN = "Financials"
IND = "Industrials"
MAT = "Materials"
HC = "Health Care"
STAP = "Consumer Staples"
ENE = "Energy"
UTIL = "Utilities"
RE = "Real Estate"
DISC = "Consumer Discretionary"
