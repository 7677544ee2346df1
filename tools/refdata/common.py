"""Shared helpers of the reference-data build scripts (``tools/refdata``).

Build-time only: nothing under ``streams/`` imports this.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "streams" / "linking" / "data"

#: Yahoo suffix -> (MIC, currency, ISO country of the market).
YAHOO_SUFFIX: dict[str, tuple[str, str, str]] = {
    "DE": ("XETR", "EUR", "DE"),
    "F": ("XFRA", "EUR", "DE"),
    "PA": ("XPAR", "EUR", "FR"),
    "AS": ("XAMS", "EUR", "NL"),
    "BR": ("XBRU", "EUR", "BE"),
    "LS": ("XLIS", "EUR", "PT"),
    "IR": ("XDUB", "EUR", "IE"),
    "MI": ("XMIL", "EUR", "IT"),
    "MC": ("XMAD", "EUR", "ES"),
    "VI": ("XWBO", "EUR", "AT"),
    "HE": ("XHEL", "EUR", "FI"),
    "ST": ("XSTO", "SEK", "SE"),
    "CO": ("XCSE", "DKK", "DK"),
    "OL": ("XOSL", "NOK", "NO"),
    "SW": ("XSWX", "CHF", "CH"),
    "L": ("XLON", "GBP", "GB"),
    "T": ("XTKS", "JPY", "JP"),
    "HK": ("XHKG", "HKD", "HK"),
    "SS": ("XSHG", "CNY", "CN"),
    "SZ": ("XSHE", "CNY", "CN"),
    "KS": ("XKRX", "KRW", "KR"),
    "KQ": ("XKOS", "KRW", "KR"),
    "TW": ("XTAI", "TWD", "TW"),
    "NS": ("XNSE", "INR", "IN"),
    "BO": ("XBOM", "INR", "IN"),
    "AX": ("XASX", "AUD", "AU"),
    "TO": ("XTSE", "CAD", "CA"),
    "SI": ("XSES", "SGD", "SG"),
    "SR": ("XSAU", "SAR", "SA"),
}
#: The markets a listing may name are listed once, in schemas/company.v1.json (the build checks it).
US_MICS = {"XNYS", "XNAS", "XASE", "ARCX"}

NORDIC_MICS = {"XSTO", "XHEL", "XCSE", "XOSL"}

LEGAL_SUFFIXES = [
    # longest first; matched case-insensitively at the end of a name
    "SE & Co. KGaA",
    "AG & Co. KGaA",
    "& Co. KGaA",
    "KGaA",
    "& Co.",
    "& Co",
    "& Company",
    "Incorporated",
    "Corporation",
    "Corp.",
    "Corp",
    "Inc.",
    "Inc",
    "Limited",
    "Ltd.",
    "Ltd",
    "Co., Ltd.",
    "Co., Ltd",
    "Co. Ltd",
    "Co.,",
    "Co.",
    "plc",
    "PLC",
    "p.l.c.",
    "N.V.",
    "NV",
    "S.A.",
    "SA",
    "S.p.A.",
    "SpA",
    "S.p.a.",
    "SE",
    "AG",
    "GmbH",
    "SAS",
    "SCA",
    "S.A.F.",
    "A/S",
    "ASA",
    "AB",
    "Oyj",
    "Oy",
    "Holding AG",
    "S.A.B. de C.V.",
    "Group Ltd",
    "Company Ltd",
    "株式会社",
    "股份有限公司",
    "有限公司",
    "주식회사",
]
_LEGAL_RE = re.compile(
    r"(?:[\s,]+(?:"
    + "|".join(re.escape(s) for s in sorted(LEGAL_SUFFIXES, key=len, reverse=True))
    + r"))+\s*$",
    re.IGNORECASE,
)


def strip_legal(name: str) -> str:
    """``'Adobe Inc.'`` -> ``'Adobe'``; ``'Roche Holding AG'`` -> ``'Roche Holding'``."""
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()  # "Puma (brand)" -> "Puma"
    prev = None
    while prev != name:
        prev = name
        name = _LEGAL_RE.sub("", name).strip(" ,")
        name = re.sub(r"\s*&$", "", name)
    return name


def slug(text: str) -> str:
    """Lowercase ASCII slug: ``'Nestlé'`` -> ``'nestle'``, ``'AT&T'`` -> ``'at-t'``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "x"


def listing(
    yahoo: str,
    *,
    mic: str | None = None,
    currency: str | None = None,
    isin: str | None = None,
    symbol: str | None = None,
) -> dict[str, Any]:
    """A listing dict from a Yahoo symbol; MIC/currency from its suffix (US symbols need ``mic``)."""
    base, _, sfx = yahoo.rpartition(".") if "." in yahoo else (yahoo, "", "")
    if sfx in YAHOO_SUFFIX:
        smic, scur, _ = YAHOO_SUFFIX[sfx]
        mic = mic or smic
        currency = currency or scur
    else:
        base = yahoo
        if mic is None:
            raise ValueError(f"{yahoo}: a US symbol needs mic=")
        currency = currency or "USD"
    if symbol is None:
        if mic in US_MICS:
            symbol = base.replace("-", ".")
        elif mic in NORDIC_MICS:
            symbol = base.replace("-", " ")
        elif mic == "XLON":
            symbol = base.replace("-", ".")
        else:
            symbol = base
    d: dict[str, Any] = {"symbol": symbol, "mic": mic, "yahoo": yahoo, "currency": currency}
    if isin:
        if not isin_ok(isin):
            raise ValueError(f"{yahoo}: bad ISIN {isin}")
        d["isin"] = isin
    return d


def isin_ok(isin: str) -> bool:
    """ISO 6166 check: two letters, nine alphanumerics, a Luhn check digit over letters->numbers."""
    if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{9}[0-9]", isin):
        return False
    digits = "".join(str(int(c, 36)) for c in isin[:-1])
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 0:  # rightmost digit of the payload is doubled (the check digit is not in it)
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10 == int(isin[-1])


def dump_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records sorted by id, one compact JSON object a line (UTF-8, no escapes)."""
    rows = sorted(records, key=lambda r: r["id"])
    ids = [r["id"] for r in rows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"{path.name}: duplicate ids {sorted(dup)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    return len(rows)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
