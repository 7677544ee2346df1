"""Refresh the index-generated companies of ``streams/linking/data/<country>.jsonl``.

``pytickersymbols`` (MIT) ships the constituents of major stock indices (S&P 500/100/600,
NASDAQ 100, Dow Jones, EURO STOXX 50, DAX/MDAX/SDAX/TecDAX, CAC 40/CAC Mid 60, FTSE 100,
IBEX 35, AEX, BEL 20, SMI-20, OMX Stockholm 30/Helsinki 25, Nikkei 225) with ISINs and
Yahoo/Google symbols. It is a build-time tool only, never imported by ``streams/``::

    pip install -e ".[refdata]"          # pytickersymbols, into the venv
    python tools/refdata/build_indices.py

The data files hold two kinds of record, told apart by ``source``: ``curated`` ones are written
by hand and never touched here; ``pytickersymbols <version>`` ones are this script's. It expands
each index company into a record, validates it (``schemas/company.v1.json``), and merges:
an index company that a curated record already holds (same Yahoo symbol or ISIN) is left to it,
every other one replaces the generated record of its id; a curated listing without ``isin``
takes the package's ISIN of the same Yahoo symbol (a curated ISIN that differs is kept and
printed: the package can be stale, e.g. Michelin after its 2023 split). To correct a generated
record by hand, edit it and set its ``source`` to ``curated``: it is then yours.

What it makes, per index company:

* ``listings``: the *primary* listing only -- the index's own symbol when it carries a home
  exchange suffix (``ADS.DE``, ``7203.T``), or for US stocks the NYSE/Nasdaq symbol whose
  exchange is named by the package (Google prefix ``NYSE:``/``NASDAQ:`` or the Wikipedia
  ``traded_as`` field). Frankfurt (``.F``), OTC and LSE international order-book lines are
  secondary and dropped. A company whose primary exchange cannot be told is skipped (counted).
  Companies in several indices are merged by ISIN / Yahoo symbol (ArcelorMittal: MT.AS + MTS.MC).
  ``isin`` only when exactly one valid ISIN of the issuer is left (ADR ``US...`` ISINs of
  non-US issuers dropped): omitted rather than guessed.
* ``aliases["*"]``: the name with legal suffixes stripped, and without a trailing
  Group/Holding(s)/Company as well ("Roche", "Admiral").
* ``ambiguous``: aliases that are ordinary English words, common surnames or places
  (the word list ``AMBIGUOUS_WORDS`` below).
* ``id = slug(name)``, with ``name`` the package's name (from the first index in
  ``INDEX_ORDER`` holding the company, after ``NAME_FIXES``) with legal suffixes stripped:
  "Adobe Inc." -> ``adobe``, "Nestlé SA" -> ``nestle``. Clashes get the Yahoo symbol's slug
  appended (``softbank-9434-t``) -- ``NAME_FIXES`` avoids the known ones.

At the end it prints the number of companies per index and per market (MIC).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA_DIR, YAHOO_SUFFIX, isin_ok, listing, read_jsonl, slug, strip_legal

CURATED = "curated"

#: Which index's name wins when a company is in several (main indices first).
INDEX_ORDER = [
    "DOW JONES",
    "S&P 100",
    "NASDAQ 100",
    "S&P 500",
    "EURO STOXX 50",
    "DAX",
    "CAC_40",
    "FTSE 100",
    "IBEX 35",
    "AEX",
    "BEL 20",
    "Switzerland 20",
    "OMX Stockholm 30",
    "OMX Helsinki 25",
    "NIKKEI 225",
    "MDAX",
    "TecDAX",
    "SDAX",
    "CAC Mid 60",
    "S&P 600",
]

#: Names fixed by primary Yahoo symbol (the package's name is wrong, stale or clashes).
NAME_FIXES: dict[str, str] = {
    "9984.T": "SoftBank Group",
    "9434.T": "SoftBank Corp",
    "7186.T": "Concordia Financial Group",
    "9202.T": "ANA Holdings",
    "7203.T": "Toyota Motor",
    "7267.T": "Honda Motor",
    "7201.T": "Nissan Motor",
    "7270.T": "Subaru",
    "7269.T": "Suzuki Motor",
    "KALMAR.HE": "Kalmar",
    "HIAB.HE": "Hiab",
    "METSO.HE": "Metso",
    "ORNBV.HE": "Orion",
    "VOW.DE": "Volkswagen",
    "8TRA.DE": "Traton",
    "LHA.DE": "Lufthansa",
    "PUM.DE": "Puma",
    "SHA.DE": "Schaeffler",
    "SHELL.AS": "Shell",
    "SHEL.L": "Shell",
    "HEIA.AS": "Heineken",
    "KBC.BR": "KBC Group",
    "SREN.SW": "Swiss Re",
    "4188.T": "Mitsubishi Chemical Group",
    "8630.T": "Sompo Holdings",
    "4151.T": "Kyowa Kirin",
    "4506.T": "Sumitomo Pharma",
    "4208.T": "UBE",
    "7911.T": "Toppan Holdings",
    "3861.T": "Oji Holdings",
    "1812.T": "Kajima",
    "2503.T": "Kirin Holdings",
    "2502.T": "Asahi Group Holdings",
    "2501.T": "Sapporo Holdings",
    "4021.T": "Nissan Chemical",
    "7453.T": "Ryohin Keikaku",
    "9064.T": "Yamato Holdings",
    "9107.T": "Kawasaki Kisen Kaisha",
    "3289.T": "Tokyu Fudosan Holdings",
    "8604.T": "Nomura Holdings",
    "7272.T": "Yamaha Motor",
    "7951.T": "Yamaha",
    "8058.T": "Mitsubishi Corp",
    "8031.T": "Mitsui & Co",
    "8053.T": "Sumitomo Corp",
    "CCL": "Carnival Corp",
    "MRK": "Merck & Co",
    "NWSA": "News Corp",
    "NWS": "News Corp",
    "AIZ": "Assurant",
    "MHK": "Mohawk Industries",
}

#: Package entries fixed by their symbol before use (wrong ISINs / industries copied from another
#: company): the MDAX "STABILUS SE" row (STM.DE) carries STMicroelectronics' ISIN and industries.
STOCK_FIXES: dict[str, dict[str, Any]] = {
    "STM.DE": {"name": "Stabilus", "isins": [], "industries": ["Auto Parts"], "country": "Germany"},
}

#: Package index names -> how they are printed.
INDEX_LABEL = {"CAC_40": "CAC 40", "Switzerland 20": "SMI 20"}

COUNTRIES = {
    "united states": "US",
    "usa": "US",
    "japan": "JP",
    "germany": "DE",
    "united kingdom": "GB",
    "england": "GB",
    "france": "FR",
    "netherlands": "NL",
    "spain": "ES",
    "finland": "FI",
    "switzerland": "CH",
    "sweden": "SE",
    "belgium": "BE",
    "ireland": "IE",
    "luxembourg": "LU",
    "italy": "IT",
    "russian federation": "RU",
    "russia": "RU",
    "australia": "AU",
    "mexico": "MX",
    "argentina": "AR",
    "china": "CN",
    "israel": "IL",
    "canada": "CA",
    "singapore": "SG",
    "bermuda": "BM",
    "bahamas": "BS",
    "isle of man": "IM",
    "guernsey": "GG",
    "jersey": "JE",
    "denmark": "DK",
    "norway": "NO",
    "austria": "AT",
    "portugal": "PT",
    "puerto rico": "PR",
}
US_STATES = {
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "d.c.",
}
#: ISIN prefixes that say where a company is registered, not where it is run.
OFFSHORE_ISIN = {
    "AN",
    "KY",
    "BM",
    "JE",
    "GG",
    "IM",
    "VG",
    "LU",
    "NL",
    "IE",
    "PA",
    "CW",
    "BS",
    "MH",
    "LR",
    "XS",
}

SECTORS = [
    "Energy",
    "Materials",
    "Industrials",
    "Consumer Discretionary",
    "Consumer Staples",
    "Health Care",
    "Financials",
    "Information Technology",
    "Communication Services",
    "Utilities",
    "Real Estate",
]
#: The package's broad (Refinitiv TRBC / Wikipedia) sector names -> GICS sector; a weak vote.
BROAD_SECTORS: dict[str, str] = {
    "technology": "Information Technology",
    "information technology": "Information Technology",
    "healthcare": "Health Care",
    "health care": "Health Care",
    "consumer cyclicals": "Consumer Discretionary",
    "consumer non-cyclicals": "Consumer Staples",
    "basic materials": "Materials",
    "industrial goods": "Industrials",
    "financial services": "Financials",
    "real estate": "Real Estate",
    "utilities": "Utilities",
}
#: (regex over one lowercased, specific industry string, GICS sector, weight); the first match
#: counts for the string. Most specific first: "Natural gas utility" is a utility, not energy;
#: "Tobacco" outweighs the health-care noise some rows carry (Philip Morris).
SECTOR_RULES: list[tuple[str, str, int]] = [
    (r"tobacco", "Consumer Staples", 3),
    (r"real estate|reit|retis|immobilien|property|properties", "Real Estate", 2),
    (
        r"semiconductor|halbleiter|software|it services|it-dienst|it and consulting|computer|"
        r"technology equipment|electronic|^technology$",
        "Information Technology",
        2,
    ),
    (
        r"reinsur|insur|bank|asset management|investment management|capital markets|brokerage|"
        r"stock exchange|exchanges|payment|financ|credit|fund",
        "Financials",
        2,
    ),
    (
        r"food|beverage|brew|drink|household products|personal products|drug retail|supermarket|"
        r"grocery|toiletr|cosmetic",
        "Consumer Staples",
        2,
    ),
    (
        r"pharma|biotech|medic|medizin|health|hospital(?!ity)|life science|drug(?! retail)",
        "Health Care",
        2,
    ),
    (r"utilit|electric power|power generation|electricity|ipps", "Utilities", 2),
    (r"oil|gas\b|petrol|coal|fossil|^energy industry$", "Energy", 2),
    (r"^electric machinery$", "", 0),  # Nikkei's catch-all (Sony, Keyence, Denso, Fujitsu): no vote
    (
        r"telecom|communications$|media|broadcast|publishing|entertainment|advertis|video game|interactive",
        "Communication Services",
        2,
    ),
    (
        r"chemic|chemistry|materials|metal|mining|steel|paper|cement|glass|packaging|gold|aluminium|"
        r"aluminum|mineral",
        "Materials",
        2,
    ),
    (
        r"auto|vehicle|motorcycle|retail|apparel|footwear|textile|hotel|restaurant|leisure|luxury|"
        r"homebuilding|household goods|household electronics|travel|tourism|hospitality|casino|tyre|"
        r"tire|rubber|e-commerce|cruise",
        "Consumer Discretionary",
        2,
    ),
    (
        r"aerospace|defen|machinery|construction|engineering|transport|airline|aviation|railway|"
        r"logistics|freight|shipping|electrical|conglomerate|manufactur|professional|commercial "
        r"services|luftfahrt|building|waste|postal|courier|trading compan|shosha|general trading|"
        r"^security$",
        "Industrials",
        2,
    ),
]

#: Sector by primary Yahoo symbol where the package's industries mislead the vote.
SECTOR_FIXES: dict[str, str] = {
    "AGN.AS": "Financials",  # Aegon: insurer, tagged Construction & Engineering
    "UMG.AS": "Communication Services",  # Universal Music
    "GBLB.BR": "Financials",  # Groupe Bruxelles Lambert: holding company
    "BVI.PA": "Industrials",  # Bureau Veritas
    "EDEN.PA": "Financials",  # Edenred: payments
    "TEP.PA": "Industrials",  # Teleperformance
    "PRX.AS": "Consumer Discretionary",  # Prosus
    "DHER.DE": "Consumer Discretionary",  # Delivery Hero
    "G24.DE": "Communication Services",  # Scout24
    "BFSA.DE": "Industrials",  # Befesa: environmental services
    "TUI1.DE": "Consumer Discretionary",
    "RHM.DE": "Industrials",
    "HEN3.DE": "Consumer Staples",
    "1U1.DE": "Communication Services",
    "IOS.DE": "Information Technology",
    "NA9.DE": "Information Technology",
    "KTN.DE": "Information Technology",
    "ELG.DE": "Information Technology",
    "EUZ.DE": "Health Care",
    "PNE3.DE": "Utilities",
    "PM": "Consumer Staples",
    "MO": "Consumer Staples",
}
#: HQ country by primary Yahoo symbol where ISIN / package fields mislead (US-run companies
#: with a UK/Irish/Panamanian shell, GE's FR typo).
COUNTRY_FIXES: dict[str, str] = {
    "CCL": "US",  # Carnival Corp, Miami (Panama-incorporated)
    "PNR": "US",  # Pentair, Minneapolis
    "GE": "US",
    "TEAM": "US",  # Atlassian redomiciled to the US in 2022
    "CWK": "US",  # Cushman & Wakefield, Chicago
    "AON": "IE",  # Aon plc, Dublin
    "AGN.AS": "NL",  # Aegon, The Hague
    "UMG.AS": "NL",  # Universal Music Group, Hilversum
}

#: Ordinary words (en/fr/de/es/it), common surnames and places that some company names are,
#: lowercase; an alias equal to one (case-insensitively) goes to ``ambiguous``. Keep it to names a
#: careful linker should not link from the bare word without company context.
AMBIGUOUS_WORDS = set(
    """
admiral adobe aeon alliance allianz ally alphabet amada amadeus amazon american apollo apple
arch ares arm asahi atmos ball bayer berkeley block booking brady buckle canon carnival
carrefour caterpillar century chevron church citizens colonial compass constellation
continental corning crocs crown delta diploma disco discover discovery dominion douglas dover
edison elia elisa emerson endeavour equitable erie evolution ferrari ferrovial flutter ford
fortune fox gap general generali genesis gilead hartford hess hexagon honda hormel
hp indra intel investor juniper kalmar keio kesko key kirin kone leonardo lilly lincoln marsh
match medios meiji merck merlin meta micron mohawk monster moody's mosaic next noble olympus
oracle orange orion oxford partners patrizia phoenix pool poste principal progressive
prudential puig puma randstad rational recruit regions rolls-royce roche ross sabadell safran
sage salzgitter sampo santander sapporo screen seat securitas shell shift shimizu skanska sky
smart smiths snap solaria southern square suzuki target tapestry telefónica terna tesla thales
toto travelers trelleborg unite united unity verve vinci visa weir whirlpool yamaha zoom
mitsubishi mitsui sumitomo daiwa nomura hitachi toyota news eqt
""".split()
)
#: Multi-word names that are ordinary phrases.
AMBIGUOUS_PHRASES = {
    "best buy",
    "dollar general",
    "dollar tree",
    "public storage",
    "general dynamics",
    "state street",
    "northern trust",
    "fifth third",
    "first solar",
    "national grid",
    "british land",
    "land securities",
    "home depot",
    "tractor supply",
    "anglo american",
    "standard chartered",
    "global payments",
    "fortune brands",
    "iron mountain",
    "waste management",
    "republic services",
    "games workshop",
    "auto trader",
    "news corp",
    "united rentals",
    "american express",
    "capital one",
    "swiss life",
    "eqt",
}


def parse_traded_as(meta: dict[str, Any] | None, symbol: str) -> str | None:
    """MIC of ``symbol`` from a Wikipedia ``traded_as`` string ("NYSE : AOS S&P 500 component")."""
    text = (meta or {}).get("traded_as") or ""
    for m in re.finditer(
        r"\b(NYSE American|NYSE Arca|NYSE|Nasdaq|NASDAQ)\s*:\s*([A-Z][A-Z.\-]*)", text
    ):
        if m.group(2).replace("-", ".") == symbol.replace("-", "."):
            ex = m.group(1).lower()
            return {"nyse": "XNYS", "nasdaq": "XNAS", "nyse american": "XASE", "nyse arca": "ARCX"}[
                ex
            ]
    return None


def primary_listing(stock: dict[str, Any]) -> dict[str, Any] | None:
    """The home-exchange listing of one package stock, or None when it cannot be told."""
    sym = (stock.get("symbol") or "").strip()
    if not sym:
        return None
    others = stock.get("symbols") or []
    sfx = sym.rpartition(".")[2] if "." in sym else ""
    if sfx in YAHOO_SUFFIX and sfx != "F":
        if "." in sym.rpartition(".")[0]:  # "AIR.PA.DE": a foreign line, not a home listing
            return None
        return listing(sym)
    if sfx and sfx not in ("A", "B") and sfx not in YAHOO_SUFFIX:
        return None
    # No suffix (US, or a bare symbol in CAC Mid 60 / SDAX): look for a home listing in symbols.
    for y in others:
        ys = y.get("yahoo") or ""
        ysfx = ys.rpartition(".")[2] if "." in ys else ""
        if ysfx in YAHOO_SUFFIX and ysfx not in ("F", "L") and ys.partition(".")[0] == sym:
            return listing(ys)
    us_sym = sym.replace(".", "-")
    for y in others:
        g = y.get("google") or ""
        if ":" in g and g.split(":", 1)[1].replace(".", "-") == us_sym:
            ex = g.split(":", 1)[0]
            if ex in ("NYSE", "NASDAQ"):
                return listing(us_sym, mic="XNYS" if ex == "NYSE" else "XNAS", symbol=sym)
    mic = parse_traded_as(stock.get("metadata"), sym)
    if mic:
        return listing(us_sym, mic=mic, symbol=sym)
    return None


def country_of(stock: dict[str, Any], lst: dict[str, Any], isins: list[str]) -> str | None:
    """HQ country: the issuer's ISIN prefix unless offshore, else the package's country/HQ field."""
    for i in isins:
        if i[:2] not in OFFSHORE_ISIN:
            return i[:2]
    raw = (stock.get("country") or "").strip().lower()
    if raw and raw != "none":
        if raw in COUNTRIES:
            return COUNTRIES[raw]
        last = raw.split(";")[0].split(",")[-1].strip()
        if last in US_STATES:
            return "US"
        if last in COUNTRIES:
            return COUNTRIES[last]
        if "singapore" in raw:
            return "SG"
    hq = ((stock.get("metadata") or {}).get("headquarters") or "").lower()
    for name, code in COUNTRIES.items():
        if hq.endswith(name):
            return code
    if hq and hq.split(",")[-1].strip() in US_STATES:
        return "US"
    for i in isins:
        if i[:2] not in OFFSHORE_ISIN and i[:2] != "US":
            return i[:2]
    if lst["mic"] in ("XNYS", "XNAS", "XASE", "ARCX"):
        return "US"
    sfx = lst["yahoo"].rpartition(".")[2]
    return YAHOO_SUFFIX[sfx][2] if sfx in YAHOO_SUFFIX else None


GENERIC_INDUSTRIES = set(SECTORS) | {
    "Technology",
    "Healthcare",
    "Consumer Cyclicals",
    "Consumer Non-Cyclicals",
    "Basic Materials",
    "Financial services",
    "Financial Services",
    "Industrial Goods",
    "Conglomerate",
    "Services",
    "Manufacturing",
    "Information technology",
    "Real estate",
    "Health care",
    "Consumer goods",
}


def sector_of(entries: list[list[str]]) -> tuple[str | None, str | None]:
    """(GICS sector, finer industry) from the industry lists of every index entry of a company.

    Votes: 4 for each entry naming a GICS sector exactly (the S&P / Stoxx classification), 2 or
    3 for each distinct specific industry matching ``SECTOR_RULES`` (first rule wins), 1 for a
    broad TRBC-style name ("Consumer Cyclicals"). A tie at the top gives None rather than a guess.
    """
    votes: Counter[str] = Counter()
    for industries in entries:
        for named in {i for i in industries if i in SECTORS}:
            votes[named] += 4
    distinct = list(dict.fromkeys(i for industries in entries for i in industries))
    for ind in distinct:
        if ind in SECTORS:
            continue
        low = ind.lower().strip()
        if low in BROAD_SECTORS:
            votes[BROAD_SECTORS[low]] += 1
            continue
        if ind in GENERIC_INDUSTRIES:
            continue
        for rx, ruled, weight in SECTOR_RULES:
            if re.search(rx, low):
                if weight:
                    votes[ruled] += weight
                break
    ranked = votes.most_common()
    top = {k for k, v in ranked if v == ranked[0][1]} if ranked else set()
    sector: str | None
    if top == {"Energy", "Utilities"}:  # utilities are often tagged Energy too (AES, Con Ed)
        sector = "Utilities"
    elif len(top) != 1:
        sector = None
    else:
        sector = ranked[0][0]
    specific = [
        i for i in distinct if i not in GENERIC_INDUSTRIES and "," not in i and len(i) <= 48
    ]
    industry = min(specific, key=len) if specific else None
    return sector, industry


SHORT_TAIL = re.compile(
    r"\s+(Group|Holding|Holdings|Company|Companies|International|Industries)$", re.I
)


def aliases_of(name: str) -> list[str]:
    out = [name, strip_legal(name)]
    short = SHORT_TAIL.sub("", name).strip()
    if short and short != name and len(short) >= 3:
        out.append(short)
    if name.startswith("The "):
        out.append(name[4:])
    return list(dict.fromkeys(out))


def ambiguous_of(aliases: list[str]) -> list[str]:
    return [a for a in aliases if a.lower() in AMBIGUOUS_WORDS or a.lower() in AMBIGUOUS_PHRASES]


def data_records() -> list[dict[str, Any]]:
    """Every record of the data files, in file order."""
    return [r for path in sorted(DATA_DIR.glob("*.jsonl")) for r in read_jsonl(path)]


def curated_ids() -> dict[str, str]:
    """Yahoo symbol / ISIN -> id, from the curated records of the data files."""
    out: dict[str, str] = {}
    for rec in data_records():
        if rec["source"] != CURATED:
            continue
        for lst in rec.get("listings", []):
            out.setdefault(lst["yahoo"], rec["id"])
            if lst.get("isin"):
                out.setdefault(lst["isin"], rec["id"])
    return out


def build() -> tuple[list[dict[str, Any]], Counter[str], Counter[str]]:
    from pytickersymbols.indices_data import INDICES  # build-time dependency

    order = [i for i in INDEX_ORDER if i in INDICES] + sorted(set(INDICES) - set(INDEX_ORDER))
    merged: dict[str, dict[str, Any]] = {}  # key -> record under construction
    key_of: dict[str, str] = {}  # yahoo / isin -> merge key
    per_index: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for index in order:
        for stock in INDICES[index].get("companies") or []:
            stock = {**stock, **STOCK_FIXES.get(stock.get("symbol") or "", {})}
            lst = primary_listing(stock)
            if lst is None:
                skipped[index] += 1
                continue
            raw_isins = [i for i in (stock.get("isins") or []) if isin_ok(i)]
            home = [
                i
                for i in raw_isins
                if lst["mic"] in ("XNYS", "XNAS") or not i.startswith(("US", "RU"))
            ]
            keys = [lst["yahoo"], *home]
            key = next((key_of[k] for k in keys if k in key_of), None)
            name0 = NAME_FIXES.get(lst["yahoo"]) or strip_legal(stock["name"])
            if key is None and lst["mic"] in (
                "XNYS",
                "XNAS",
            ):  # share classes: GOOGL/GOOG, NWSA/NWS
                key = next(
                    (
                        k
                        for k, r in merged.items()
                        if r["name"] == name0 and r["listings"][0]["mic"] in ("XNYS", "XNAS")
                    ),
                    None,
                )
            if (
                key is not None
                and lst["yahoo"] != key
                and lst["mic"] in {x["mic"] for x in merged[key]["listings"]}
                and merged[key]["name"] != name0
            ):
                key = None  # a second line on the same market: another company sharing a bad ISIN
                keys = [lst["yahoo"]]
                home = []
            per_index[INDEX_LABEL.get(index) or index] += 1
            if key is not None:
                rec = merged[key]
                if lst["yahoo"] not in {x["yahoo"] for x in rec["listings"]}:
                    rec["listings"].append(lst)
                rec["_isins"].update(home)
                rec["_industries"].append(stock.get("industries") or [])
                for k in keys:
                    key_of.setdefault(k, key)
                continue
            name = NAME_FIXES.get(lst["yahoo"]) or strip_legal(stock["name"])
            rec = {
                "id": None,
                "name": name,
                "country": COUNTRY_FIXES.get(lst["yahoo"]) or country_of(stock, lst, home),
                "sector": None,
                "industry": None,
                "listed": True,
                "listings": [lst],
                "_isins": set(home),
                "_industries": [stock.get("industries") or []],
            }
            merged[lst["yahoo"]] = rec
            for k in keys:
                key_of.setdefault(k, lst["yahoo"])

    curated = curated_ids()
    by_id: dict[str, dict[str, Any]] = {}
    for rec in merged.values():
        isins = sorted(rec.pop("_isins"))
        rec["sector"], rec["industry"] = sector_of(rec.pop("_industries"))
        rec["sector"] = SECTOR_FIXES.get(rec["listings"][0]["yahoo"], rec["sector"])
        # An ISIN per listing only when the issuer has exactly one (ordinary vs preference shares).
        if len(isins) == 1:
            for x in rec["listings"]:
                x["isin"] = isins[0]
        cid = next(
            (curated[k] for k in [*(x["yahoo"] for x in rec["listings"]), *isins] if k in curated),
            None,
        )
        rid = cid or slug(rec["name"])
        if rid in by_id and cid is None:
            rid = f"{rid}-{slug(rec['listings'][0]['yahoo'])}"
        if rid in by_id:  # two rows of one curated company: keep the first, add listings
            have = {x["yahoo"] for x in by_id[rid]["listings"]}
            by_id[rid]["listings"] += [x for x in rec["listings"] if x["yahoo"] not in have]
            continue
        rec["id"] = rid
        aliases = aliases_of(rec["name"])
        rec["aliases"] = {"*": aliases}
        rec["brands"] = []
        rec["ambiguous"] = ambiguous_of(aliases)
        rec["_curated"] = cid is not None
        by_id[rid] = rec
    return list(by_id.values()), per_index, skipped


def merge(
    generated: list[dict[str, Any]], existing: list[dict[str, Any]], source: str, as_of: str
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The data files' records after a refresh; the errors; the warnings.

    Curated records stay as they are (an index company they hold only lends its ISINs to
    their listings without one); the generated records are the new ones.
    """
    from streams.linking.refdata import record_errors

    curated = [r for r in existing if r["source"] == CURATED]
    package_isins = {
        x["yahoo"]: x["isin"] for r in generated for x in r["listings"] if x.get("isin")
    }
    warnings = []
    for r in curated:
        for x in r["listings"]:
            pkg = package_isins.get(x["yahoo"])
            if pkg is not None and x.get("isin") is None:
                x["isin"] = pkg
            elif pkg is not None and x["isin"] != pkg:
                warnings.append(f"{r['id']}: {x['yahoo']} ISIN {x['isin']}, the package has {pkg}")
    fresh = [
        {
            **{k: v for k, v in r.items() if not k.startswith("_")},
            "source": source,
            "as_of": as_of,
        }
        for r in generated
        if not r["_curated"]
    ]
    records = curated + fresh
    errors = [f"{r.get('id')}: {e}" for r in records for e in record_errors(r)]
    seen: dict[str, str] = {}
    for r in records:
        if r["id"] in seen:
            errors.append(f"{r['id']}: defined twice ({seen[r['id']]} and {r['source']})")
        seen[r["id"]] = r["source"]
        for x in r["listings"]:
            if x["yahoo"] in seen and seen[x["yahoo"]] != r["id"]:
                errors.append(f"{x['yahoo']}: in {seen[x['yahoo']]} and {r['id']}")
            seen[x["yahoo"]] = r["id"]
    return records, errors, warnings


def write(records: list[dict[str, Any]]) -> dict[str, int]:
    """One ``<country>.jsonl`` per country, records sorted by id; files of no country removed."""
    from common import dump_jsonl

    by_country: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_country[r["country"].lower()].append(r)
    for path in DATA_DIR.glob("*.jsonl"):
        if path.stem not in by_country:
            path.unlink()
    return {c: dump_jsonl(DATA_DIR / f"{c}.jsonl", rows) for c, rows in by_country.items()}


def main() -> None:
    import datetime
    from importlib.metadata import version

    generated, per_index, skipped = build()
    source = f"pytickersymbols {version('pytickersymbols')}"
    as_of = datetime.date.today().isoformat()
    records, errors, warnings = merge(generated, data_records(), source, as_of)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    for w in warnings:
        print("warning (curated ISIN kept):", w)
    if errors:
        sys.exit("\n".join(errors))
    files = write(records)
    n = sum(1 for r in records if r["source"] == source)
    print(f"wrote {sum(files.values())} companies ({n} from {source}) to {len(files)} files")
    print("per index (stocks kept / skipped: primary exchange unknown):")
    for index, count in sorted(per_index.items()):
        label = index
        print(
            f"  {label:<18} {count:>4}  skipped {skipped.get(index, 0) + skipped.get(_raw(index), 0)}"
        )
    records = [r for r in records if r["source"] == source]
    mics: Counter[str] = Counter(x["mic"] for r in records for x in r["listings"])
    print("listings per market (MIC):")
    for mic, count in sorted(mics.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {mic}  {count:>4}")
    countries: defaultdict[str, int] = defaultdict(int)
    for r in records:
        countries[r["country"] or "?"] += 1
    print("companies per country:", dict(sorted(countries.items(), key=lambda kv: -kv[1])))
    print(
        "companies per sector:",
        dict(Counter(r["sector"] or "(none)" for r in records).most_common()),
    )
    print(
        f"rows without sector: {sum(1 for r in records if not r['sector'])} of {len(records)}"
        " (a curated record may set it)"
    )


def _raw(label: str) -> str:
    return {v: k for k, v in INDEX_LABEL.items()}.get(label, label)


if __name__ == "__main__":
    main()
