"""Ticker markup: article text -> ticker references; companies' listings -> who a reference names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from streams.records import Company

#: Exchange names and prefixes used in wire markup -> (MICs, Yahoo suffix).
EXCHANGES: dict[str, tuple[tuple[str, ...], str]] = {}


def _exchange(names: str, mics: tuple[str, ...], suffix: str) -> None:
    for name in names.split("|"):
        EXCHANGES[name] = (mics, suffix)


_US = ("XNYS", "XNAS", "XASE", "ARCX", "OTC")
_exchange("NYSE|NEW YORK", ("XNYS",), "")
_exchange("NASDAQ|NASDAQGS|NASDAQGM|NASDAQCM", ("XNAS",), "")
_exchange("NYSE AMERICAN|NYSEAMERICAN|AMEX|NYSE MKT", ("XASE",), "")
_exchange("NYSE ARCA", ("ARCX",), "")
_exchange("OTC|OTCMKTS|OTC MARKETS|OTCQX|PINK", ("OTC",), "")
_exchange("HKEX|HKSE|SEHK|HK|HONG KONG|HKG", ("XHKG",), ".HK")
_exchange("SSE|SHA|SH|SHANGHAI", ("XSHG",), ".SS")
_exchange("SZSE|SHE|SZ|SHENZHEN", ("XSHE",), ".SZ")
_exchange("TYO|TSE|TOKYO|JP|JPX", ("XTKS", "XJPX"), ".T")
_exchange("KRX|KOSPI|KSE|KS", ("XKRX",), ".KS")
_exchange("KOSDAQ|KQ", ("XKOS",), ".KQ")
_exchange("XETRA|ETR|FWB|FRA|FRANKFURT|XETR", ("XETR", "XFRA"), ".DE")
_exchange("EPA|PARIS|EURONEXT PARIS|PA|ENXTPA", ("XPAR",), ".PA")
_exchange("LSE|LON|LONDON", ("XLON",), ".L")
_exchange("MILAN|BIT|MIL|BORSA ITALIANA|MILANO|MTA|BIT MILAN|EURONEXT MILAN", ("XMIL",), ".MI")
_exchange("BME|MADRID|MCE|BMAD", ("XMAD",), ".MC")
_exchange("AMS|AMSTERDAM|EURONEXT AMSTERDAM|ENXTAM", ("XAMS",), ".AS")
_exchange("EBR|BRUSSELS|EURONEXT BRUSSELS", ("XBRU",), ".BR")
_exchange("TSX|TORONTO|TSE CANADA", ("XTSE",), ".TO")
_exchange("SIX|SWX|ZURICH|SIX SWISS", ("XSWX",), ".SW")
_exchange("ASX", ("XASX",), ".AX")
_exchange("TWSE|TPE|TAIWAN", ("XTAI",), ".TW")
_exchange("STO|STOCKHOLM|OMX", ("XSTO",), ".ST")
_exchange("NSE|BSE", ("XNSE", "XBOM"), ".NS")
_exchange("SGX", ("XSES",), ".SI")

#: Reuters RIC / Yahoo suffixes -> Yahoo suffix ("" for US listings).
SUFFIXES: dict[str, str] = {
    "N": "", "O": "", "OQ": "", "A": "", "K": "", "P": "", "US": "",
    "HK": ".HK", "SS": ".SS", "SH": ".SS", "SZ": ".SZ", "T": ".T", "TYO": ".T",
    "KS": ".KS", "KQ": ".KQ", "DE": ".DE", "F": ".F", "PA": ".PA", "MI": ".MI",
    "L": ".L", "AS": ".AS", "MC": ".MC", "BR": ".BR", "SW": ".SW", "TO": ".TO",
    "AX": ".AX", "TW": ".TW", "ST": ".ST", "CO": ".CO", "OL": ".OL", "HE": ".HE",
    "VI": ".VI", "LS": ".LS", "IR": ".IR", "SI": ".SI", "NS": ".NS", "BO": ".BO", "SR": ".SR",
}  # fmt: skip

#: Bloomberg country codes ("6758 JP") -> Yahoo suffix; "CH" is resolved by the code.
BLOOMBERG: dict[str, str] = {
    "US": "", "UN": "", "UW": "", "UQ": "", "JP": ".T", "JT": ".T", "HK": ".HK",
    "KS": ".KS", "KQ": ".KQ", "GR": ".DE", "GY": ".DE", "FP": ".PA", "IM": ".MI",
    "LN": ".L", "SM": ".MC", "NA": ".AS", "CN": ".TO", "SW": ".SW", "SE": ".SW",
    "AU": ".AX", "TT": ".TW", "CH": "CN", "C1": ".SS", "C2": ".SZ",
}  # fmt: skip

_SYMBOL = r"[A-Z0-9][A-Z0-9]{0,7}(?:[.\-][A-Z]{1,2})?"
_EXCH_ALT = "|".join(re.escape(n) for n in sorted(EXCHANGES, key=len, reverse=True))
#: One item inside a bracket: "NYSE: BABA", "9988.HK", "6758 JP", "005380".
_ITEM_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("exch", re.compile(rf"(?i:(?P<exch>{_EXCH_ALT}))\s*:\s*(?P<sym>{_SYMBOL})$")),
    ("ric", re.compile(r"(?P<sym>[A-Z0-9]{1,8}(?:-[A-Z])?)\.(?P<sfx>[A-Z]{1,3})$")),
    (
        "bbg",
        re.compile(r"(?P<sym>[A-Z0-9]{1,8}(?:/[A-Z])?)\s+(?P<cc>[A-Z][A-Z0-9])(?:\s+EQUITY)?$"),
    ),
    ("code", re.compile(r"(?P<sym>\d{6})$")),
)
_BRACKET_RE = re.compile(r"[(<\[]([^()<>\[\]\n]{2,80})[)>\]]")
_SPLIT_RE = re.compile(r"\s*(?:[,;/|]|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_CASHTAG_RE = re.compile(r"(?<![\w$])\$(?P<sym>[A-Z]{1,6}(?:\.[A-Z])?)(?![\w])")


@dataclass(frozen=True, slots=True)
class TickerRef:
    """One ticker in the text: where it stands, and the listings it may mean."""

    start: int
    end: int
    #: The symbol as written (upper case), e.g. "BABA", "9988", "VOW3".
    symbol: str
    #: Yahoo symbols it may be, most likely first.
    yahoo: tuple[str, ...]
    #: Market identifier codes of the exchange it names, when it names one.
    mics: tuple[str, ...] = ()


def find_tickers(text: str) -> list[TickerRef]:
    """Every ticker reference in width-folded ``text`` (see ``names.fold_width``)."""
    refs: list[TickerRef] = []
    if "(" in text or "<" in text or "[" in text:
        for bracket in _BRACKET_RE.finditer(text):
            _parse_bracket(text, bracket.start(1), bracket.end(1), refs)
    if "$" in text:
        for m in _CASHTAG_RE.finditer(text):
            sym = m.group("sym")
            refs.append(TickerRef(m.start(), m.end(), sym, (sym.replace(".", "-"),), _US))
    return refs


def _parse_bracket(text: str, start: int, end: int, refs: list[TickerRef]) -> None:
    content = text[start:end]
    pos = 0
    for part in [*_SPLIT_RE.split(content)]:
        idx = content.find(part, pos)
        if idx < 0 or not part:
            continue
        pos = idx + len(part)
        ref = parse_item(part.strip())
        if ref is not None:
            lead = len(part) - len(part.lstrip())
            s = start + idx + lead
            refs.append(TickerRef(s, s + len(part.strip()), ref.symbol, ref.yahoo, ref.mics))


def parse_item(item: str) -> TickerRef | None:
    """One markup item ("NYSE: BABA", "600104.SH", "6758 JP") -> a reference at offset 0."""
    for kind, pattern in _ITEM_RES:
        m = pattern.match(item)
        if m is None:
            continue
        sym = m.group("sym").upper()
        if kind == "exch":
            mics, suffix = EXCHANGES[" ".join(m.group("exch").upper().split())]
            return TickerRef(0, len(item), sym, _yahoo_forms(sym, suffix), mics)
        if kind == "ric":
            sfx = m.group("sfx")
            if sfx not in SUFFIXES:
                continue
            return TickerRef(0, len(item), sym, _yahoo_forms(sym, SUFFIXES[sfx]))
        if kind == "bbg":
            cc = m.group("cc")
            if cc not in BLOOMBERG:
                continue
            suffix = BLOOMBERG[cc]
            if suffix == "CN":
                suffix = ".SS" if sym.startswith(("6", "9")) else ".SZ"
            return TickerRef(0, len(item), sym.replace("/", "-"), _yahoo_forms(sym, suffix))
        if kind == "code":
            # A bare six-digit code: Korean (KRX) or mainland Chinese; the listings decide.
            return TickerRef(
                0, len(item), sym, (sym + ".KS", sym + ".KQ", sym + ".SS", sym + ".SZ")
            )
    return None


def _yahoo_forms(symbol: str, suffix: str) -> tuple[str, ...]:
    """Yahoo spellings of ``symbol`` on the exchange with Yahoo ``suffix``."""
    if suffix == ".HK" and symbol.isdigit():
        return (symbol.lstrip("0").zfill(4) + suffix, symbol.lstrip("0").zfill(5) + suffix)
    if suffix == "":
        return (symbol.replace(".", "-").replace("/", "-"),)
    return (symbol + suffix,)


class ListingIndex:
    """Resolves ticker references and feed tickers to companies through their listings."""

    def __init__(self, companies: Iterable[Company]) -> None:
        self._by_yahoo: dict[str, list[Company]] = {}
        self._by_symbol_mic: dict[tuple[str, str], list[Company]] = {}
        self._by_symbol: dict[str, list[Company]] = {}
        for company in companies:
            for listing in company.listings:
                symbol = listing.symbol.upper()
                _add(self._by_yahoo.setdefault(listing.yahoo.upper(), []), company)
                _add(self._by_symbol_mic.setdefault((symbol, listing.mic), []), company)
                _add(self._by_symbol.setdefault(symbol, []), company)

    def resolve(self, ref: TickerRef) -> Company | None:
        """The one company ``ref`` names, or None when none or several fit."""
        found: dict[str, Company] = {}
        for yahoo in ref.yahoo:
            for company in self._by_yahoo.get(yahoo.upper(), ()):
                found.setdefault(company.id, company)
        if not found:
            for mic in ref.mics:
                for company in self._by_symbol_mic.get((ref.symbol, mic), ()):
                    found.setdefault(company.id, company)
        return next(iter(found.values())) if len(found) == 1 else None

    def resolve_feed(self, ticker: str) -> Company | None:
        """A feed ticker: Yahoo-style ("9988.HK"), markup-style ("NYSE:BABA") or a plain symbol."""
        raw = ticker.strip()
        if not raw:
            return None
        upper = raw.upper()
        if upper in self._by_yahoo:
            return self._by_yahoo[upper][0]
        ref = parse_item(upper if ":" not in upper else raw)
        if ref is not None:
            resolved = self.resolve(ref)
            if resolved is not None:
                return resolved
        candidates = self._by_symbol.get(upper, [])
        if len(candidates) == 1:
            return candidates[0]
        # A plain symbol listed in several places: prefer the US listing, as feeds mostly are.
        us = [
            c
            for c in candidates
            if any(x.mic in _US and x.symbol.upper() == upper for x in c.listings)
        ]
        return us[0] if len(us) == 1 else None


def _add(bucket: list[Company], company: Company) -> None:
    if all(c.id != company.id for c in bucket):
        bucket.append(company)
