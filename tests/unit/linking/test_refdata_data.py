"""Sanity tests on the bundled reference data (``streams/linking/data/*.jsonl``)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from streams.linking.refdata import Company, load_companies

ALLOWED_MICS = {
    "XNYS", "XNAS", "XASE", "ARCX", "XHKG", "XSHG", "XSHE", "XTKS", "XKRX", "XKOS", "XTAI", "XETR", "XFRA",
    "XPAR", "XMIL", "XMAD", "XLON", "XAMS", "XBRU", "XLIS", "XDUB", "XWBO", "XSWX", "XSTO", "XHEL", "XCSE",
    "XOSL", "XNSE", "XBOM", "XASX", "XTSE", "XSES",
}
CURRENCY_OF_MIC = {
    "XHKG": "HKD", "XSHG": "CNY", "XSHE": "CNY", "XTKS": "JPY", "XKRX": "KRW", "XKOS": "KRW", "XTAI": "TWD",
    "XETR": "EUR", "XPAR": "EUR", "XMIL": "EUR", "XMAD": "EUR", "XAMS": "EUR", "XBRU": "EUR", "XHEL": "EUR",
    "XLON": "GBP", "XSWX": "CHF", "XSTO": "SEK", "XNSE": "INR", "XTSE": "CAD", "XNYS": "USD", "XNAS": "USD",
}
NEWS_AGENCIES = [
    "Reuters", "Bloomberg", "AFP", "Xinhua", "新华社", "新華社", "Kyodo", "共同通信", "Yonhap", "연합뉴스", "dpa",
    "ANSA", "EFE", "Agence France-Presse", "路透社", "ロイター",
]


@pytest.fixture(scope="module")
def companies() -> list[Company]:
    return load_companies()


def names_of(c: Company) -> set[str]:
    return {a for names in c.aliases.values() for a in names} | set(c.brands)


def resolve(companies: list[Company], name: str) -> list[Company]:
    return [c for c in companies if name in names_of(c)]


def isin_ok(isin: str) -> bool:
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{9}[0-9]", isin):
        return False
    digits = "".join(str(int(ch, 36)) for ch in isin)
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def test_isin_check_itself() -> None:
    assert isin_ok("US0378331005") and isin_ok("KYG017191142") and isin_ok("DE0007664039")
    assert not isin_ok("US0378331006") and not isin_ok("US037833100")


def test_dataset_is_not_empty(companies: list[Company]) -> None:
    assert len(companies) > 1000


def test_ids_unique_and_slug_shaped(companies: list[Company]) -> None:
    ids = [c.id for c in companies]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i)]
    assert not bad, bad


def test_required_fields(companies: list[Company]) -> None:
    bad = [c.id for c in companies if not c.name or not c.aliases.get("*")]
    assert not bad, bad
    bad_country = [c.id for c in companies if c.country is not None and not re.fullmatch(r"[A-Z]{2}", c.country)]
    assert not bad_country, bad_country


def test_listed_companies_have_listings(companies: list[Company]) -> None:
    bad = [c.id for c in companies if c.listed and not c.listings]
    assert not bad, bad
    bad = [c.id for c in companies if not c.listed and c.listings]
    assert not bad, bad


def test_yahoo_symbols_unique(companies: list[Company]) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for c in companies:
        for x in c.listings:
            owners[x.yahoo].append(c.id)
    collisions = {y: ids for y, ids in owners.items() if len(ids) > 1}
    assert not collisions, f"Yahoo symbols held by several companies: {collisions}"


def test_listing_fields(companies: list[Company]) -> None:
    bad_mic = [(c.id, x.mic) for c in companies for x in c.listings if x.mic not in ALLOWED_MICS]
    assert not bad_mic, bad_mic
    bad_cur = [
        (c.id, x.yahoo, x.currency)
        for c in companies
        for x in c.listings
        if x.mic in CURRENCY_OF_MIC and x.currency != CURRENCY_OF_MIC[x.mic]
    ]
    assert not bad_cur, bad_cur
    bad_hk = [x.yahoo for c in companies for x in c.listings if x.mic == "XHKG" and not re.fullmatch(r"\d{4}\.HK", x.yahoo)]
    assert not bad_hk, bad_hk
    bad_cn = [x.yahoo for c in companies for x in c.listings
              if x.mic in ("XSHG", "XSHE", "XKRX", "XKOS") and not re.fullmatch(r"\d{6}\.(SS|SZ|KS|KQ)", x.yahoo)]
    assert not bad_cn, bad_cn


def test_isins_pass_check_digit(companies: list[Company]) -> None:
    bad = [(c.id, x.isin) for c in companies for x in c.listings if x.isin and not isin_ok(x.isin)]
    assert not bad, bad


def test_ambiguous_entries_are_aliases_or_brands(companies: list[Company]) -> None:
    bad = [(c.id, a) for c in companies for a in c.ambiguous if a not in names_of(c)]
    assert not bad, bad


def test_no_news_agency_names(companies: list[Company]) -> None:
    agencies = {a.casefold() for a in NEWS_AGENCIES}
    bad = [(c.id, n) for c in companies for n in names_of(c) if n.casefold() in agencies]
    assert not bad, bad


@pytest.mark.parametrize(
    ("name", "yahoo"),
    [
        ("Tmall", "BABA"),
        ("Tmall", "9988.HK"),
        ("AliOS", "9988.HK"),
        ("上汽集团", "600104.SS"),
        ("上汽集團", "600104.SS"),
        ("トヨタ自動車", "7203.T"),
        ("현대자동차", "005380.KS"),
        ("Waymo", "GOOGL"),
        ("Lexus", "7203.T"),
        ("比亚迪", "1211.HK"),
        ("宁德时代", "300750.SZ"),
        ("Audi", "VOW3.DE"),
        ("Jeep", "STLAM.MI"),
        ("WeChat", "0700.HK"),
        ("Zeekr", "0175.HK"),
        ("삼성전자", "005930.KS"),
    ],
)
def test_spot_checks(companies: list[Company], name: str, yahoo: str) -> None:
    found = resolve(companies, name)
    assert len(found) == 1, f"{name!r} -> {[c.id for c in found]}"
    assert yahoo in found[0].yahoo_symbols


def test_alphabet_and_unlisted_partners(companies: list[Company]) -> None:
    by_id = {c.id: c for c in companies}
    assert resolve(companies, "Waymo")[0].id == "alphabet"
    for cid in ("huawei", "bosch", "bytedance", "banma", "ant-group", "zf-friedrichshafen"):
        assert cid in by_id and not by_id[cid].listed and not by_id[cid].listings
    assert {"斑马智行", "Banma"} <= names_of(by_id["banma"])


def test_thomson_reuters_has_no_bare_reuters(companies: list[Company]) -> None:
    for c in companies:
        assert "Reuters" not in names_of(c)
