"""Benchmark: link + tag on one core over a mixed-language workload of ~2 KB stories -> stories/s.

Each labelled story is padded to about 2 KB with the bodies of other stories in its
language (wire stories are 1-3 KB), then the workload is linked and tagged several
times; the median rate is printed.

    python benchmarks/bench_tag_link.py [CORPUS.jsonl ...] [--runs 7] [--size 2048]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streams.evaluation import load_corpus  # noqa: E402
from streams.ingest.language import detect_language  # noqa: E402
from streams.linking.linker import Linker  # noqa: E402
from streams.linking.refdata import iter_records, load_companies  # noqa: E402
from streams.records import company_from_dict  # noqa: E402
from streams.tagging.tagger import Tagger  # noqa: E402
from streams.text import Document  # noqa: E402

DEFAULT_CORPORA = sorted(Path("/work/shared/corpus").glob("*.jsonl")) or sorted(
    (ROOT / "tests" / "fixtures" / "tagging").glob("*.jsonl")
)
FIXTURE_COMPANIES = ROOT / "tests" / "fixtures" / "tagging" / "companies.jsonl"


def workload(paths: list[Path], size: int) -> list[tuple[Document, str]]:
    items = load_corpus(paths)
    bodies: dict[str, list[str]] = defaultdict(list)
    for item in items:
        bodies[item.article.language or "en"].append(item.article.body)
    docs: list[tuple[Document, str]] = []
    for item in items:
        language = item.article.language or "en"
        body = item.article.body
        others = [b for b in bodies[language] if b != body] or [body]
        i = 0
        while len((item.article.headline + body).encode()) < size:
            body += "\n" + others[i % len(others)]
            i += 1
        # cut back to the size, at a character boundary
        budget = size - len(item.article.headline.encode())
        body = body.encode()[:budget].decode(errors="ignore")
        docs.append((Document(item.article.headline, body), language))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=2048, help="bytes per story")
    parser.add_argument("--detect", action="store_true", help="also detect the language")
    args = parser.parse_args(argv)

    companies = load_companies()
    source = "bundled reference data"
    if not companies:
        companies = [company_from_dict(r) for r in iter_records([FIXTURE_COMPANIES])]
        source = f"{FIXTURE_COMPANIES.name} (no bundled data found)"
    linker = Linker(companies)
    tagger = Tagger()
    docs = workload(list(args.corpus), args.size)
    mean_bytes = statistics.mean(len(d.text.encode()) for d, _ in docs)

    rates: list[float] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for doc, declared in docs:
            language = detect_language(doc.text, declared) if args.detect else declared
            tagger.tag(doc, language, linker.link(doc, language))
        rates.append(len(docs) / (time.perf_counter() - start))
    print(
        f"{len(docs)} stories of {mean_bytes:.0f} bytes on average, {len(companies)} companies "
        f"({source}), {args.runs} runs"
    )
    print(
        f"link + tag{' + detect' if args.detect else ''}: "
        f"{statistics.median(rates):,.0f} stories/s (median; min {min(rates):,.0f}, "
        f"max {max(rates):,.0f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
