"""Benchmark: dev corpus stories -> linking speed (median µs per story) and precision/recall/F1.

Usage: ``python benchmarks/bench_link.py [--corpus DIR] [--repeat N] [--runs N] [-v]``.
A company counts as linked right when any of its Yahoo symbols is one of the story's expected
tickers; a linked listed company that is not expected is a false positive.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.linking.linker import Linker
from streams.linking.refdata import load_companies
from streams.text import Document

DEFAULT_CORPUS = Path("/work/shared/corpus")


def load_stories(corpus: Path) -> list[dict]:
    stories = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open("rb") as fh:
            stories.extend(orjson.loads(line) for line in fh if line.strip())
    return stories


def evaluate(linker: Linker, stories: list[dict], verbose: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for story in stories:
        doc = Document(story["headline"], story["body"])
        mentions = linker.link(doc, story["language"], story.get("tickers") or ())
        expected = [set(c["tickers"]) for c in story["expected"]["companies"]]
        matched: set[int] = set()
        wrong = []
        for m in mentions:
            if not m.company.listed:
                continue
            symbols = set(m.company.yahoo_symbols)
            hit = next((i for i, t in enumerate(expected) if t & symbols), None)
            if hit is None:
                fp += 1
                wrong.append(
                    f"{m.company.name} [{m.via}: {', '.join(s.text for s in m.mentions[:3])}]"
                )
            elif hit not in matched:
                matched.add(hit)
                tp += 1
        missed = [
            story["expected"]["companies"][i]["name"]
            for i in range(len(expected))
            if i not in matched
        ]
        fn += len(missed)
        if verbose and (wrong or missed):
            print(f"{story['id']}: FP {wrong} FN {missed}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"linking: tp={tp} fp={fp} fn={fn} P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    return precision, recall, f1


def bench(linker: Linker, stories: list[dict], repeat: int, runs: int) -> float:
    docs = [(Document(s["headline"], s["body"]), s["language"]) for s in stories] * repeat
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for doc, language in docs:
            linker.link(doc, language)
        timings.append((time.perf_counter() - t0) / len(docs) * 1e6)
    median = statistics.median(timings)
    size = statistics.mean(len(d.text) for d, _ in docs)
    print(
        f"speed: median {median:.1f} µs/story over {runs} runs of {len(docs)} stories (mean {size:.0f} chars)"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    companies = load_companies()
    t0 = time.perf_counter()
    linker = Linker(companies)
    print(
        f"built linker over {len(companies)} companies in {(time.perf_counter() - t0) * 1e3:.0f} ms"
    )
    stories = load_stories(args.corpus)
    evaluate(linker, stories, args.verbose)
    bench(linker, stories, args.repeat, args.runs)


if __name__ == "__main__":
    main()
