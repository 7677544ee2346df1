"""Write the hand-curated data files from ``curated_*.py``::

    python tools/refdata/build_curated.py      # 20-asia .. 50-breadth, 55-midcaps, 60-final
    python tools/refdata/build_indices.py      # then 10-indices.jsonl (takes curated ids)

Checks before writing: ids unique across the curated modules, every ``ambiguous`` entry is an
alias or brand, no news-agency name is an alias or brand, no Yahoo symbol in two records.
A listing without ``isin`` takes the package's ISIN of the same Yahoo symbol from the generated
``10-indices.jsonl`` (when that file exists); a curated ISIN that differs from it is printed as
a warning (the curated one is kept: the package can be stale, e.g. Michelin after its 2023 split).
A module may also have ``EXTRA`` (id -> {lang or "*" or "brands" or "amb": [names]}): names
merged into a record of an EARLIER curated module (ids are unique across the modules, so a
later module cannot repeat the record); an unknown id is an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import curated_asia
import curated_auto
import curated_breadth
import curated_europe
import curated_final
import curated_global
import curated_midcaps
import curated_wire
from common import DATA_DIR, dump_jsonl, read_jsonl

MODULES = [
    curated_asia,
    curated_europe,
    curated_auto,
    curated_global,
    curated_wire,
    curated_breadth,
    curated_midcaps,
    curated_final,
]
GENERATED = DATA_DIR / "10-indices.jsonl"

#: Dateline agencies: never a linkable name (lowercase).
NEWS_AGENCIES = {
    "reuters",
    "bloomberg",
    "afp",
    "agence france-presse",
    "agence france presse",
    "xinhua",
    "新华社",
    "新華社",
    "kyodo",
    "共同通信",
    "yonhap",
    "연합뉴스",
    "dpa",
    "ansa",
    "efe",
    "associated press",
    "ap",
    "路透",
    "路透社",
    "彭博",
    "彭博社",
    "ロイター",
    "ブルームバーグ",
    "로이터",
    "블룸버그",
}


def check(records: list[dict]) -> list[str]:
    errors = []
    for r in records:
        names = {a for v in r["aliases"].values() for a in v} | set(r["brands"])
        for a in r["ambiguous"]:
            if a not in names:
                errors.append(f"{r['id']}: ambiguous {a!r} is not an alias or brand")
        for n in names:
            if n.lower() in NEWS_AGENCIES:
                errors.append(f"{r['id']}: news agency name {n!r}")
        if r["listed"] and not r["listings"]:
            errors.append(f"{r['id']}: listed without listings")
    return errors


def apply_extra(modules: list) -> list[str]:
    """Merge each module's ``EXTRA`` names into the records of the modules before it."""
    errors = []
    for i, mod in enumerate(modules):
        extra = getattr(mod, "EXTRA", {})
        earlier = {r["id"]: r for m in modules[:i] for r in m.RECORDS}
        for rid, add in extra.items():
            r = earlier.get(rid)
            if r is None:
                errors.append(f"{mod.OUT}: EXTRA for unknown or later id {rid!r}")
                continue
            for key, names in add.items():
                if key == "brands":
                    r["brands"] = list(dict.fromkeys([*r["brands"], *names]))
                elif key == "amb":
                    r["ambiguous"] = list(dict.fromkeys([*r["ambiguous"], *names]))
                else:
                    have = {a for v in r["aliases"].values() for a in v}
                    new = [n for n in names if n not in have]
                    if new:
                        r["aliases"][key] = list(dict.fromkeys([*r["aliases"].get(key, []), *new]))
    return errors


def package_isins() -> dict[str, str]:
    """Yahoo symbol -> ISIN of the generated rows (the package's ISINs)."""
    if not GENERATED.exists():
        return {}
    return {
        x["yahoo"]: x["isin"] for r in read_jsonl(GENERATED) for x in r["listings"] if x.get("isin")
    }


def fill_isins(records: list[dict], known: dict[str, str]) -> list[str]:
    warnings = []
    for r in records:
        for x in r["listings"]:
            pkg = known.get(x["yahoo"])
            if pkg is None:
                continue
            if x.get("isin") is None:
                x["isin"] = pkg
            elif x["isin"] != pkg:
                warnings.append(
                    f"{r['id']}: {x['yahoo']} ISIN {x['isin']} but the package has {pkg}"
                )
    return warnings


def main() -> None:
    seen: dict[str, str] = {}
    owner: dict[str, str] = {}
    errors: list[str] = []
    known = package_isins()
    errors += apply_extra(MODULES)
    for mod in MODULES:
        for r in mod.RECORDS:
            if r["id"] in seen:
                errors.append(f"{r['id']}: in {seen[r['id']]} and {mod.OUT}")
            seen[r["id"]] = mod.OUT
            for x in r["listings"]:
                if x["yahoo"] in owner and owner[x["yahoo"]] != r["id"]:
                    errors.append(f"{x['yahoo']}: in {owner[x['yahoo']]} and {r['id']}")
                owner[x["yahoo"]] = r["id"]
        errors += check(mod.RECORDS)
        for w in fill_isins(mod.RECORDS, known):
            print("warning (curated ISIN kept):", w)
    if errors:
        sys.exit("\n".join(errors))
    for mod in MODULES:
        n = dump_jsonl(DATA_DIR / mod.OUT, mod.RECORDS)
        print(f"wrote {n} companies to {mod.OUT}")


if __name__ == "__main__":
    main()
