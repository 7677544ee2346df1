"""Write the hand-curated data files from ``curated_*.py``::

    python tools/refdata/build_curated.py      # 20-asia, 30-auto, 40-global .jsonl
    python tools/refdata/build_indices.py      # then 10-indices.jsonl (takes curated ids)

Checks before writing: ids unique across the curated modules, every ``ambiguous`` entry is an
alias or brand, no news-agency name is an alias or brand.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import curated_asia
import curated_auto
import curated_global
from common import DATA_DIR, dump_jsonl

MODULES = [curated_asia, curated_auto, curated_global]

#: Dateline agencies: never a linkable name (lowercase).
NEWS_AGENCIES = {
    "reuters", "bloomberg", "afp", "agence france-presse", "agence france presse", "xinhua", "新华社", "新華社",
    "kyodo", "共同通信", "yonhap", "연합뉴스", "dpa", "ansa", "efe", "associated press", "ap", "路透", "路透社",
    "彭博", "彭博社", "ロイター", "ブルームバーグ", "로이터", "블룸버그",
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


def main() -> None:
    seen: dict[str, str] = {}
    errors: list[str] = []
    for mod in MODULES:
        for r in mod.RECORDS:
            if r["id"] in seen:
                errors.append(f"{r['id']}: in {seen[r['id']]} and {mod.OUT}")
            seen[r["id"]] = mod.OUT
        errors += check(mod.RECORDS)
    if errors:
        sys.exit("\n".join(errors))
    for mod in MODULES:
        n = dump_jsonl(DATA_DIR / mod.OUT, mod.RECORDS)
        print(f"wrote {n} companies to {mod.OUT}")


if __name__ == "__main__":
    main()
