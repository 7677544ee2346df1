"""Digest of the companies the linker finds on every labelled set (a guard for data moves).

    python tools/refdata/link_digest.py            # print each set's digest and the recorded one
    python tools/refdata/link_digest.py --write    # record them in tests/fixtures/linking/

For every story of a set, in file order: the story id, the detected language and, for each
company linked, the fields an alert's entity carries (id, name, listed, listings, sector,
country), how it was found and every mention span. The set's digest is the SHA-256 of those
lines. A change of the reference data that links nothing differently keeps every digest;
``tests/unit/linking/test_linked_companies_unchanged.py`` checks them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from streams.ingest.language import detect_language  # noqa: E402
from streams.ingest.parse import parse_article  # noqa: E402
from streams.linking.linker import Linker  # noqa: E402
from streams.linking.refdata import load_companies  # noqa: E402
from streams.text import Document  # noqa: E402
from tools.shared import SHARED  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "linking" / "linked_companies.json"
#: Labelled sets: name -> directory of ``*.jsonl``.
SETS: dict[str, Path] = {
    "shared-corpus": SHARED / "corpus",
    "corpus": REPO / "tests" / "fixtures" / "corpus",
    "holdout": REPO / "tests" / "fixtures" / "holdout",
    "holdout2": REPO / "tests" / "fixtures" / "holdout2",
    "holdout3": REPO / "tests" / "fixtures" / "holdout3",
}


def linked_lines(linker: Linker, directory: Path) -> Iterator[str]:
    """One JSON line per story of the set: id, language and the companies linked."""
    for path in sorted(directory.glob("*.jsonl")):
        with path.open("rb") as fh:
            for line in fh:
                if not line.strip():
                    continue
                article = parse_article(line)
                doc = Document(headline=article.headline, body=article.body)
                language = detect_language(doc.text, article.language)
                links: list[dict[str, Any]] = []
                for found in linker.link(doc, language, article.tickers):
                    c = found.company
                    links.append(
                        {
                            "id": c.id,
                            "name": c.name,
                            "listed": c.listed,
                            "listings": [x.to_dict() for x in c.listings],
                            "sector": c.sector,
                            "country": c.country,
                            "via": found.via,
                            "mentions": [m.to_dict() for m in found.mentions],
                        }
                    )
                row = {"id": article.id, "language": language, "companies": links}
                yield json.dumps(row, ensure_ascii=False, sort_keys=True)


def digests(linker: Linker | None = None) -> dict[str, dict[str, Any]]:
    """Set name -> {stories, links, sha256} for every set whose directory exists."""
    linker = linker or Linker(load_companies())
    out: dict[str, dict[str, Any]] = {}
    for name, directory in SETS.items():
        if not directory.is_dir():
            continue
        h = hashlib.sha256()
        stories = links = 0
        for line in linked_lines(linker, directory):
            h.update(line.encode() + b"\n")
            stories += 1
            links += len(json.loads(line)["companies"])
        out[name] = {"stories": stories, "links": links, "sha256": h.hexdigest()}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record the digests in the fixture")
    args = parser.parse_args()
    now = digests()
    if args.write:
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.exists() else {}
    same = True
    for name, d in now.items():
        mark = "same" if recorded.get(name) == d else "DIFFERENT"
        same = same and mark == "same"
        print(f"{name:14} {d['stories']:4} stories {d['links']:5} links {d['sha256'][:16]}  {mark}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
