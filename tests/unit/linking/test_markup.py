"""Ticker markup: each wire form -> the listing it names."""

from __future__ import annotations

import pytest

from streams.linking.markup import ListingIndex, find_tickers, parse_item
from streams.linking.names import fold_width

from .factories import sample_companies


@pytest.fixture()
def index() -> ListingIndex:
    return ListingIndex(sample_companies())


@pytest.mark.parametrize(
    ("text", "company_id", "markup"),
    [
        ("Alibaba (NYSE:BABA) said", "alibaba", "NYSE:BABA"),
        ("NIO (NASDAQ: NIO) said", "nio", "NASDAQ: NIO"),
        ("Toyota <7203.T> said", "toyota", "7203.T"),
        ("Alibaba (9988.HK) said", "alibaba", "9988.HK"),
        ("buy $TSLA now", "tesla", "$TSLA"),
        ("VW (Xetra: VOW3) said", "vw", "Xetra: VOW3"),
        ("上汽集团（600104.SH）表示", "saic", "600104.SH"),
        ("Sony (6758 JP) said", "sony", "6758 JP"),
        ("Alibaba (HKEX: 9988) said", "alibaba", "HKEX: 9988"),
        ("Alibaba (9988 HK) said", "alibaba", "9988 HK"),
        ("SAIC (600104.SS) said", "saic", "600104.SS"),
        ("BYD (002594.SZ) said", "byd", "002594.SZ"),
        ("Hyundai (KRX: 005380) said", "hyundai", "KRX: 005380"),
        ("Toyota (TYO: 7203) said", "toyota", "TYO: 7203"),
        ("Renault (Paris: RNO) said", "renault", "Paris: RNO"),
        ("Renault (EPA: RNO) said", "renault", "EPA: RNO"),
        ("Shell (LSE: SHEL) said", "shell", "LSE: SHEL"),
        ("Stellantis (Milan: STLAM) said", "stellantis", "Milan: STLAM"),
        ("阿里巴巴（NYSE：BABA）表示", "alibaba", "NYSE:BABA"),
        ("LG전자(066570)가", "lg-elec", "066570"),
        ("Alibaba (BABA.N) said", "alibaba", "BABA.N"),
    ],
)
def test_markup_resolves_each_wire_form(
    index: ListingIndex, text: str, company_id: str, markup: str
) -> None:
    folded = fold_width(text)
    refs = find_tickers(folded)
    assert [folded[r.start : r.end] for r in refs] == [markup]
    company = index.resolve(refs[0])
    assert company is not None and company.id == company_id


def test_markup_reads_several_tickers_in_one_bracket(index: ListingIndex) -> None:
    refs = find_tickers("Alibaba (NYSE: BABA; HKEX: 9988) and NIO (NYSE: NIO, 9866.HK)")
    assert [index.resolve(r).id for r in refs] == ["alibaba", "alibaba", "nio", "nio"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text", ["(Reuters)", "(ANSA)", "(CPCA)", "cost $5 billion", "(2023)", "(see page 3)"]
)
def test_markup_ignores_brackets_that_are_not_tickers(text: str) -> None:
    assert find_tickers(text) == []


def test_markup_maps_shanghai_sh_to_yahoo_ss() -> None:
    ref = parse_item("600104.SH")
    assert ref is not None and ref.yahoo == ("600104.SS",)


def test_markup_pads_hong_kong_codes_to_yahoo_form(index: ListingIndex) -> None:
    ref = parse_item("HKEX: 09988")
    assert ref is not None and "9988.HK" in ref.yahoo
    assert index.resolve(ref).id == "alibaba"  # type: ignore[union-attr]


def test_markup_unknown_symbol_resolves_to_nothing(index: ListingIndex) -> None:
    ref = parse_item("NYSE: ZZZZ")
    assert ref is not None and index.resolve(ref) is None


@pytest.mark.parametrize(
    ("ticker", "company_id"),
    [("BABA", "alibaba"), ("9988.HK", "alibaba"), ("NYSE:NIO", "nio"), ("7203.T", "toyota"),
     ("TM", "toyota"), ("vow3.de", "vw"), ("600104.SH", "saic")],
)  # fmt: skip
def test_markup_resolves_feed_tickers(index: ListingIndex, ticker: str, company_id: str) -> None:
    company = index.resolve_feed(ticker)
    assert company is not None and company.id == company_id


def test_markup_feed_ticker_unknown_gives_none(index: ListingIndex) -> None:
    assert index.resolve_feed("NOPE") is None
    assert index.resolve_feed("") is None
