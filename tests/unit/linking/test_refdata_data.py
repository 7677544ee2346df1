"""The bundled reference data (``streams/linking/data/<country>.jsonl``) is sound.

Each line is a ``company.v1`` record (``schemas/company.v1.json``: the allowed MICs live there),
in the file of its country; no id is defined twice; names are not news agencies.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest

from streams.errors import ReferenceDataError
from streams.linking.refdata import (
    DATA_DIR,
    Company,
    load_companies,
    merge_companies,
    record_errors,
)
from streams.schemas import load_schema

CURRENCY_OF_MIC = {
    "XHKG": "HKD",
    "XSHG": "CNY",
    "XSHE": "CNY",
    "XTKS": "JPY",
    "XKRX": "KRW",
    "XKOS": "KRW",
    "XTAI": "TWD",
    "XETR": "EUR",
    "XPAR": "EUR",
    "XMIL": "EUR",
    "XMAD": "EUR",
    "XAMS": "EUR",
    "XBRU": "EUR",
    "XHEL": "EUR",
    "XLON": "GBP",
    "XSWX": "CHF",
    "XSTO": "SEK",
    "XNSE": "INR",
    "XTSE": "CAD",
    "XNYS": "USD",
    "XNAS": "USD",
}

#: News agencies: never a company's alias or brand (the linker sets them aside in datelines).
NEWS_AGENCIES = [
    *("Reuters", "路透", "路透社", "ロイター", "로이터"),
    *("Bloomberg", "彭博", "彭博社", "ブルームバーグ", "블룸버그"),
    *("AFP", "Agence France-Presse", "Agence France Presse"),
    *("Xinhua", "新华社", "新華社", "Kyodo", "共同通信", "Yonhap", "연합뉴스"),
    *("dpa", "ANSA", "EFE", "AP", "Associated Press"),
]


def data_lines() -> list[tuple[Path, int, dict[str, Any]]]:
    rows = []
    for path in sorted(DATA_DIR.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_bytes().splitlines(), start=1):
            if line.strip():
                rows.append((path, lineno, orjson.loads(line)))
    return rows


def test_every_line_is_a_company_v1_record() -> None:
    bad = [(p.name, n, record_errors(r)) for p, n, r in data_lines() if record_errors(r)]
    assert not bad, bad[:5]


def test_every_record_is_in_the_file_of_its_country() -> None:
    bad = [(p.name, r["id"]) for p, _, r in data_lines() if p.stem != r["country"].lower()]
    assert not bad, bad


def test_no_company_is_defined_twice() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path, lineno, record in data_lines():
        where[record["id"]].append(f"{path.name}:{lineno}")
    twice = {i: w for i, w in where.items() if len(w) > 1}
    assert not twice, twice


def test_loading_refuses_an_id_defined_twice(tmp_path: Path) -> None:
    [ford] = [c.to_dict() for c in load_companies() if c.id == "ford-motor"]
    (tmp_path / "us.jsonl").write_bytes(orjson.dumps(ford) + b"\n")
    (tmp_path / "de.jsonl").write_bytes(orjson.dumps({**ford, "country": "DE"}) + b"\n")
    with pytest.raises(ReferenceDataError, match="ford-motor: defined twice"):
        load_companies(tmp_path)


def test_every_record_has_provenance() -> None:
    sources = {r["source"] for _, _, r in data_lines()}
    assert sources and all(s == "curated" or s.startswith("pytickersymbols") for s in sources)


def test_published_record_without_provenance_is_rejected() -> None:
    [ford] = [c for c in load_companies() if c.id == "ford-motor"]
    record = {k: v for k, v in ford.to_dict().items() if k != "source"}
    merged, rejected = merge_companies([ford], {"ford-motor": record})
    assert rejected == ["ford-motor"]
    assert merged == [ford]
    assert any("source" in e for e in record_errors(record))


def test_retirement_record_removes_a_company() -> None:
    companies = load_companies()
    merged, rejected = merge_companies(
        companies, {"ford-motor": {"id": "ford-motor", "retired": True}}
    )
    assert not rejected
    assert "ford-motor" not in {c.id for c in merged} and len(merged) == len(companies) - 1


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
    bad_country = [
        c.id
        for c in companies
        if c.country is not None and not re.fullmatch(r"[A-Z]{2}", c.country)
    ]
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
    allowed = set(load_schema("company.v1")["$defs"]["listing"]["properties"]["mic"]["enum"])
    bad_mic = [(c.id, x.mic) for c in companies for x in c.listings if x.mic not in allowed]
    assert not bad_mic, bad_mic
    bad_cur = [
        (c.id, x.yahoo, x.currency)
        for c in companies
        for x in c.listings
        if x.mic in CURRENCY_OF_MIC and x.currency != CURRENCY_OF_MIC[x.mic]
    ]
    assert not bad_cur, bad_cur
    bad_hk = [
        x.yahoo
        for c in companies
        for x in c.listings
        if x.mic == "XHKG" and not re.fullmatch(r"\d{4}\.HK", x.yahoo)
    ]
    assert not bad_hk, bad_hk
    bad_cn = [
        x.yahoo
        for c in companies
        for x in c.listings
        if x.mic in ("XSHG", "XSHE", "XKRX", "XKOS")
        and not re.fullmatch(r"\d{6}\.(SS|SZ|KS|KQ)", x.yahoo)
    ]
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


# ---------------------------------------------------------------- coverage of the required indices

FTSE_MIB = [
    "A2A.MI",
    "AMP.MI",
    "AZM.MI",
    "BGN.MI",
    "BMED.MI",
    "BMPS.MI",
    "BPSO.MI",
    "BAMI.MI",
    "BPE.MI",
    "BC.MI",
    "BZU.MI",
    "CPR.MI",
    "DIA.MI",
    "ENEL.MI",
    "ENI.MI",
    "RACE.MI",
    "FBK.MI",
    "G.MI",
    "HER.MI",
    "IP.MI",
    "ISP.MI",
    "INW.MI",
    "IVG.MI",
    "IG.MI",
    "LDO.MI",
    "LTMC.MI",
    "MB.MI",
    "MONC.MI",
    "NEXI.MI",
    "PIRC.MI",
    "PST.MI",
    "PRY.MI",
    "REC.MI",
    "SPM.MI",
    "SRG.MI",
    "STLAM.MI",
    "STMMI.MI",
    "TIT.MI",
    "TEN.MI",
    "TRN.MI",
    "UCG.MI",
    "UNI.MI",
]
HANG_SENG = [
    "0001.HK",
    "0002.HK",
    "0003.HK",
    "0005.HK",
    "0006.HK",
    "0011.HK",
    "0012.HK",
    "0016.HK",
    "0027.HK",
    "0066.HK",
    "0101.HK",
    "0175.HK",
    "0241.HK",
    "0267.HK",
    "0285.HK",
    "0288.HK",
    "0291.HK",
    "0316.HK",
    "0322.HK",
    "0386.HK",
    "0388.HK",
    "0669.HK",
    "0688.HK",
    "0700.HK",
    "0762.HK",
    "0823.HK",
    "0836.HK",
    "0857.HK",
    "0868.HK",
    "0881.HK",
    "0883.HK",
    "0939.HK",
    "0941.HK",
    "0960.HK",
    "0968.HK",
    "0981.HK",
    "0992.HK",
    "1024.HK",
    "1038.HK",
    "1044.HK",
    "1088.HK",
    "1093.HK",
    "1099.HK",
    "1109.HK",
    "1113.HK",
    "1177.HK",
    "1209.HK",
    "1211.HK",
    "1299.HK",
    "1378.HK",
    "1398.HK",
    "1810.HK",
    "1876.HK",
    "1928.HK",
    "1929.HK",
    "1997.HK",
    "2015.HK",
    "2020.HK",
    "2269.HK",
    "2313.HK",
    "2318.HK",
    "2319.HK",
    "2331.HK",
    "2382.HK",
    "2388.HK",
    "2628.HK",
    "2688.HK",
    "2899.HK",
    "3690.HK",
    "3692.HK",
    "3968.HK",
    "3988.HK",
    "6618.HK",
    "6690.HK",
    "6862.HK",
    "9618.HK",
    "9633.HK",
    "9888.HK",
    "9961.HK",
    "9988.HK",
    "9999.HK",
    "0728.HK",
    "1288.HK",
    "3328.HK",
    "1658.HK",
    "1919.HK",
    "2359.HK",
    "2601.HK",
    "2328.HK",
    "9992.HK",
]
HANG_SENG_TECH = [
    "0020.HK",
    "0268.HK",
    "0285.HK",
    "0522.HK",
    "0700.HK",
    "0772.HK",
    "0780.HK",
    "0981.HK",
    "0992.HK",
    "1024.HK",
    "1211.HK",
    "1347.HK",
    "1810.HK",
    "2015.HK",
    "2382.HK",
    "3690.HK",
    "3888.HK",
    "6060.HK",
    "6618.HK",
    "6690.HK",
    "9618.HK",
    "9626.HK",
    "9660.HK",
    "9863.HK",
    "9866.HK",
    "9868.HK",
    "9888.HK",
    "9961.HK",
    "9988.HK",
    "9999.HK",
    "9698.HK",
    "1797.HK",
]
KOSPI_LARGEST = [
    "005930.KS",
    "000660.KS",
    "373220.KS",
    "207940.KS",
    "005380.KS",
    "000270.KS",
    "068270.KS",
    "105560.KS",
    "012450.KS",
    "035420.KS",
    "055550.KS",
    "329180.KS",
    "034020.KS",
    "028260.KS",
    "009540.KS",
    "012330.KS",
    "032830.KS",
    "000810.KS",
    "138040.KS",
    "005490.KS",
    "086790.KS",
    "035720.KS",
    "402340.KS",
    "011200.KS",
    "010130.KS",
    "051910.KS",
    "006400.KS",
    "042660.KS",
    "010140.KS",
    "033780.KS",
    "316140.KS",
    "017670.KS",
    "267250.KS",
    "267260.KS",
    "009150.KS",
    "066570.KS",
    "096770.KS",
    "034730.KS",
    "015760.KS",
    "064350.KS",
    "003550.KS",
    "323410.KS",
    "259960.KS",
    "018260.KS",
    "377300.KS",
    "086280.KS",
    "030200.KS",
    "024110.KS",
    "006800.KS",
    "003490.KS",
]


def yahoo_index(companies: list[Company]) -> dict[str, Company]:
    return {x.yahoo: c for c in companies for x in c.listings}


@pytest.mark.parametrize(
    ("label", "symbols"),
    [
        ("FTSE MIB", FTSE_MIB),
        ("Hang Seng", HANG_SENG),
        ("Hang Seng Tech", HANG_SENG_TECH),
        ("KOSPI 50", KOSPI_LARGEST),
    ],
)
def test_index_constituents_present(
    companies: list[Company], label: str, symbols: list[str]
) -> None:
    have = yahoo_index(companies)
    missing = [s for s in symbols if s not in have]
    assert not missing, f"{label}: missing {missing}"


def test_market_counts(companies: list[Company]) -> None:
    per_mic: dict[str, int] = defaultdict(int)
    for c in companies:
        for x in c.listings:
            per_mic[x.mic] += 1
    assert per_mic["XMIL"] >= 38
    assert per_mic["XTKS"] >= 220
    assert per_mic["XHKG"] >= 120
    assert per_mic["XKRX"] >= 80
    assert per_mic["XPAR"] >= 40 and per_mic["XMAD"] >= 35 and per_mic["XETR"] >= 90


def test_asian_names_in_native_script(companies: list[Company]) -> None:
    have = yahoo_index(companies)
    for sym in ("0700.HK", "0005.HK", "1299.HK", "9988.HK", "3690.HK", "1919.HK", "3328.HK"):
        zh = have[sym].aliases.get("zh", ())
        assert zh, f"{sym} has no Chinese name"
    for sym in ("005930.KS", "000660.KS", "373220.KS", "024110.KS"):
        assert have[sym].aliases.get("ko"), f"{sym} has no Korean name"
    for sym in ("7203.T", "6758.T", "8306.T", "8316.T", "8058.T", "9432.T", "4502.T", "6098.T"):
        assert have[sym].aliases.get("ja"), f"{sym} has no Japanese name"


@pytest.mark.parametrize(
    ("name", "yahoo"),
    [
        ("BBVA", "BBVA.MC"),
        ("Generali", "G.MI"),
        ("Monte dei Paschi", "BMPS.MI"),
        ("Telecom Italia", "TIT.MI"),
        ("Münchener Rück", "MUV2.DE"),
        ("Deutsche Post", "DHL.DE"),
        ("Red Eléctrica", "RED.MC"),
        ("Zara", "ITX.MC"),
        ("交通银行", "3328.HK"),
        ("中远海控", "1919.HK"),
        ("기업은행", "024110.KS"),
        ("三井住友フィナンシャルグループ", "8316.T"),
        ("日本電信電話", "9432.T"),
    ],
)
def test_coverage_spot_checks(companies: list[Company], name: str, yahoo: str) -> None:
    found = resolve(companies, name)
    assert len(found) == 1, f"{name!r} -> {[c.id for c in found]}"
    assert yahoo in found[0].yahoo_symbols


def test_sector_and_country_fixes(companies: list[Company]) -> None:
    have = yahoo_index(companies)
    assert have["PM"].sector == "Consumer Staples"
    assert have["MO"].sector == "Consumer Staples"
    assert have["RHM.DE"].sector == "Industrials"
    assert have["HEN3.DE"].sector == "Consumer Staples"
    assert have["TUI1.DE"].sector == "Consumer Discretionary"
    assert have["CCL"].country == "US"
    assert have["PNR"].country == "US"
    assert have["STM.DE"].id != have["STMPA.PA"].id  # Stabilus is not STMicroelectronics


def test_yahoo_symbols_well_formed(companies: list[Company]) -> None:
    bad = [x.yahoo for c in companies for x in c.listings if x.yahoo.count(".") > 1]
    assert not bad, bad
    bad_eu = [
        (x.yahoo, x.mic)
        for c in companies
        for x in c.listings
        if (x.yahoo.endswith(".MI") and x.mic != "XMIL")
        or (x.yahoo.endswith(".PA") and x.mic != "XPAR")
        or (x.yahoo.endswith(".MC") and x.mic != "XMAD")
        or (x.yahoo.endswith(".DE") and x.mic != "XETR")
    ]
    assert not bad_eu, bad_eu


# ---------------------------------------------------------------- CJK names of global companies, mid-caps
@pytest.mark.parametrize(
    ("name", "yahoo"),
    [
        ("联合利华", "ULVR.L"),
        ("ユニリーバ", "UNA.AS"),
        ("펩시코", "PEP"),
        ("宝洁", "PG"),
        ("雀巢", "NESN.SW"),
        ("欧莱雅", "OR.PA"),
        ("路威酩轩", "MC.PA"),
        ("空客", "AIR.PA"),
        ("에어버스", "AIR.PA"),
        ("卡特彼勒", "CAT"),
        ("霍尼韦尔", "HON"),
        ("阿斯利康", "AZN.L"),
        ("诺华", "NOVN.SW"),
        ("赛诺菲", "SAN.PA"),
        ("巴斯夫", "BAS.DE"),
        ("壳牌", "SHEL.L"),
        ("英国石油公司", "BP.L"),
        ("道达尔", "TTE.PA"),
        ("摩根大通", "JPM"),
        ("高盛", "GS"),
        ("万事达", "MA"),
        ("爱彼迎", "ABNB"),
        ("印第纺织", "ITX.MC"),
        ("阿迪达斯", "ADS.DE"),
        ("彪马", "PUM.DE"),
        ("家乐福", "CA.PA"),
        ("诺和诺德", "NOVO-B.CO"),
        ("マースク", "MAERSK-B.CO"),
        ("Hanon Systems", "018880.KS"),
        ("한온시스템", "018880.KS"),
        ("KG모빌리티", "003620.KS"),
        ("SsangYong Motor", "003620.KS"),
        ("金湖", None),
        ("TCL科技", "000100.SZ"),
        ("TCL电子", "1070.HK"),
        ("锦江酒店", "600754.SS"),
        ("Forvia Hella", "HLE.DE"),
        ("ElringKlinger", "ZIL2.DE"),
        ("Nexteer", "1316.HK"),
        ("Soitec", "SOI.PA"),
        ("Talgo", "TLGO.MC"),
        ("Viscofan", "VIS.MC"),
        ("Ginkgo Bioworks", "DNA"),
        ("QuantumScape", "QS"),
        ("Joby Aviation", "JOBY"),
        ("川崎重工業", "7012.T"),
        ("住友ゴム工業", "5110.T"),
    ],
)
def test_cjk_names_of_global_companies_resolve(
    companies: list[Company], name: str, yahoo: str | None
) -> None:
    found = resolve(companies, name)
    if yahoo is None:  # a made-up name must not resolve
        assert not found
        return
    assert len(found) == 1, f"{name!r} -> {[c.id for c in found]}"
    assert yahoo in found[0].yahoo_symbols


def test_ordinary_word_names_of_global_companies_are_ambiguous(companies: list[Company]) -> None:
    by_id = {c.id: c for c in companies}
    # "SEB" is the Swedish bank and Groupe SEB: both carry it, ambiguous in both
    for cid in ("seb-group", "groupe-seb"):
        assert "SEB" in names_of(by_id[cid]) and "SEB" in by_id[cid].ambiguous
    assert "Puma" in by_id["puma"].ambiguous
    assert "百事" in by_id["pepsico"].ambiguous
    assert "强生" in by_id["johnson-johnson"].ambiguous
    assert "强生公司" not in by_id["johnson-johnson"].ambiguous
    assert "Merck" in by_id["merck-co"].ambiguous and "Merck" in by_id["merck-group"].ambiguous
    for cid in ("ikea", "toshiba"):
        assert not by_id[cid].listed and not by_id[cid].listings


@pytest.mark.parametrize(
    ("name", "yahoo"),
    [
        ("青岛啤酒", "0168.HK"),
        ("海康威视", "002415.SZ"),
        ("中际旭创", "300308.SZ"),
        ("Zoomlion", "000157.SZ"),
        ("カプコン", "9697.T"),
        ("シマノ", "7309.T"),
        ("Voestalpine", "VOE.VI"),
        ("Hapag-Lloyd", "HLAG.DE"),
        ("庞巴迪", "BBD-B.TO"),
        ("淡水河谷", "VALE"),
        ("蒂森克虏伯", "TKA.DE"),
        ("汉莎航空", "LHA.DE"),
        ("罗技", "LOGN.SW"),
    ],
)
def test_mid_caps_resolve_by_their_wire_names(
    companies: list[Company], name: str, yahoo: str
) -> None:
    hits = [c for c in companies if any(name in v for v in c.aliases.values())]
    assert any(yahoo in c.yahoo_symbols for c in hits), (name, [c.id for c in hits])


def test_volvo_cjk_name_is_ambiguous_for_both_volvos(companies: list[Company]) -> None:
    by_id = {c.id: c for c in companies}
    for cid in ("volvo", "volvo-cars"):
        assert "沃尔沃" in by_id[cid].ambiguous


# ---------------------------------------------------------------- Taiwan, India, EV gaps
@pytest.mark.parametrize(
    ("name", "yahoo"),
    [
        ("台積電", "2330.TW"),
        ("台积电", "TSM"),
        ("鴻海", "2317.TW"),
        ("Foxtron", "2317.TW"),
        ("聯發科", "2454.TW"),
        ("广达", "2382.TW"),
        ("華碩", "2357.TW"),
        ("宏碁", "2353.TW"),
        ("台達電", "2308.TW"),
        ("大立光", "3008.TW"),
        ("緯創", "3231.TW"),
        ("和碩", "4938.TW"),
        ("日月光", "3711.TW"),
        ("聯電", "UMC"),
        ("信实工业", "RELIANCE.NS"),
        ("印孚瑟斯", "INFY"),
        ("Tata Consultancy Services", "TCS.NS"),
        ("HDFC Bank", "HDB"),
        ("ICICI Bank", "IBN"),
        ("Bharti Airtel", "BHARTIARTL.NS"),
        ("Larsen & Toubro", "LT.NS"),
        ("Adani Enterprises", "ADANIENT.NS"),
        ("Wipro", "WIT"),
        ("Bajaj Auto", "BAJAJ-AUTO.NS"),
        ("Hero MotoCorp", "HEROMOTOCO.NS"),
        ("TVS Motor", "TVSMOTOR.NS"),
        ("Ola Electric", "OLAELEC.NS"),
        ("Shopee", "SE"),
        ("冬海集团", "SE"),
        ("一汽解放", "000800.SZ"),
        ("孚能科技", "688567.SS"),
        ("名爵", "600104.SS"),
        ("路特斯", "LOT"),
        ("集度", "BIDU"),
        ("Solid Power", "SLDP"),
        ("FREYR Battery", "TE"),
    ],
)
def test_taiwan_india_and_ev_names_resolve(companies: list[Company], name: str, yahoo: str) -> None:
    found = resolve(companies, name)
    assert len(found) == 1, f"{name!r} -> {[c.id for c in found]}"
    assert yahoo in found[0].yahoo_symbols


def test_unlisted_ev_groups_and_ambiguous_names(companies: list[Company]) -> None:
    by_id = {c.id: c for c in companies}
    for cid in (
        "faw-group",
        "hozon-auto",
        "smart-automobile",
        "deeproute-ai",
        "northvolt",
        "automotive-cells-company",
        "verkor",
        "factorial-energy",
        "prologium",
        "tata-group",
    ):
        assert cid in by_id and not by_id[cid].listed and not by_id[cid].listings
    assert {"红旗", "Hongqi", "中国一汽"} <= names_of(by_id["faw-group"])
    assert {"哪吒", "Neta"} <= names_of(by_id["hozon-auto"])
    assert "元戎启行" in names_of(by_id["deeproute-ai"])
    assert "輝能" in names_of(by_id["prologium"])
    for cid, word in (
        ("automotive-cells-company", "ACC"),
        ("smart-automobile", "smart"),
        ("saic-motor", "MG"),
        ("sea-limited", "Sea"),
        ("grab", "Grab"),
        ("faw-group", "红旗"),
    ):
        assert word in by_id[cid].ambiguous, (cid, word)
    # bare "Delta" stays Delta Air Lines' word, not Delta Electronics'
    assert "Delta" not in names_of(by_id["delta-electronics"])
    assert all(x.mic == "XTAI" and x.currency == "TWD" for x in by_id["quanta-computer"].listings)
    assert all(x.mic == "XNSE" and x.currency == "INR" for x in by_id["infosys"].listings[:1])


def test_a_record_changed_after_it_was_accepted_is_checked_again() -> None:
    """Validation is remembered by content: the same dict, changed, is a new record."""
    [ford] = [c for c in load_companies() if c.id == "ford-motor"]
    record = ford.to_dict()
    assert merge_companies([ford], {"ford-motor": record})[1] == []
    del record["as_of"]
    assert merge_companies([ford], {"ford-motor": record})[1] == ["ford-motor"]
