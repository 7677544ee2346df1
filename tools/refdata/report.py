"""Coverage of the bundled reference data: companies, listings per market (MIC), aliases per language.

python tools/refdata/report.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.linking.refdata import load_companies


def main() -> None:
    companies = load_companies()
    listed = [c for c in companies if c.listed]
    print(
        f"companies: {len(companies)} (listed {len(listed)}, unlisted {len(companies) - len(listed)})"
    )
    mics = Counter(x.mic for c in companies for x in c.listings)
    print(f"listings: {sum(mics.values())}")
    print("listings per market (MIC):")
    for mic, n in sorted(mics.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {mic}  {n:>5}")
    langs = Counter(lang for c in companies for lang, names in c.aliases.items() for _ in names)
    print("aliases per language:", dict(sorted(langs.items(), key=lambda kv: -kv[1])))
    print(
        "brands:",
        sum(len(c.brands) for c in companies),
        " ambiguous:",
        sum(len(c.ambiguous) for c in companies),
    )
    print(f"companies without sector: {sum(1 for c in companies if not c.sector)}")


if __name__ == "__main__":
    main()
