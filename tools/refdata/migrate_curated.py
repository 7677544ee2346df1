"""One-off: ``curated_*.py`` + ``10-indices.jsonl`` -> one record per company in ``<country>.jsonl``.

    python tools/refdata/migrate_curated.py

Merges the layers exactly as ``build_curated.py`` + ``load_companies()`` did: each curated module's
``EXTRA`` names merged into the earlier module's record, package ISINs filled into curated
listings, and a curated record replacing the generated row of the same id (the later layer
wins). Checks that the curated records equal the committed ``2x``..``6x`` files, adds provenance
(``source``, ``as_of``), validates every record against ``schemas/company.v1.json`` and writes
``streams/linking/data/<country>.jsonl`` (sorted by id), removing the numbered layer files.
Run once, in the commit that removed ``curated_*.py``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import build_curated  # noqa: E402
from common import DATA_DIR, dump_jsonl, read_jsonl  # noqa: E402

from streams.schemas import validator  # noqa: E402

AS_OF = "2026-11-26"  # the day curated_*.py and 10-indices.jsonl were last written


def main() -> None:
    modules = build_curated.MODULES
    errors = build_curated.apply_extra(modules)
    known = build_curated.package_isins()
    curated: dict[str, dict[str, Any]] = {}
    for mod in modules:
        errors += build_curated.check(mod.RECORDS)
        build_curated.fill_isins(mod.RECORDS, known)
        committed = read_jsonl(DATA_DIR / mod.OUT)
        if sorted(mod.RECORDS, key=lambda r: r["id"]) != committed:
            errors.append(f"{mod.OUT}: the committed file differs from {mod.__name__}.py")
        for r in mod.RECORDS:
            if r["id"] in curated:
                errors.append(f"{r['id']}: in two curated modules")
            curated[r["id"]] = {**r, "source": "curated", "as_of": AS_OF}
    if errors:
        sys.exit("\n".join(errors))
    merged: dict[str, dict[str, Any]] = {}
    replaced = 0
    for r in read_jsonl(build_curated.GENERATED):
        if r["id"] in curated:
            replaced += 1
            continue
        merged[r["id"]] = {**r, "source": "pytickersymbols", "as_of": AS_OF}
    merged.update(curated)
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    check = validator("company.v1")
    for r in merged.values():
        problems = [e.message for e in check.iter_errors(r)]
        if problems:
            errors.append(f"{r['id']}: {problems}")
        by_country[r["country"].lower()].append(r)
    if errors:
        sys.exit("\n".join(errors))
    old = sorted(DATA_DIR.glob("[0-9]*.jsonl"))
    for country, rows in sorted(by_country.items()):
        dump_jsonl(DATA_DIR / f"{country}.jsonl", rows)
    for path in old:
        path.unlink()
    print(
        f"{len(merged)} companies ({len(curated)} curated, {replaced} generated rows they replaced)"
        f" in {len(by_country)} files; removed {len(old)} layer files"
    )


if __name__ == "__main__":
    main()
