"""Benchmark: what checking published company records against company.v1 costs a worker.

Usage: ``python benchmarks/bench_refdata_merge.py [--runs N]``. Every bundled company is
"published" (as ``tickerwire refdata load`` does) and merged over the bundled set, as the
reference agent does before it rebuilds the linker: the first merge validates every record,
later ones (a rebuild after another change) find them remembered. Prints medians in seconds
and their ratio to one linker build over the same companies.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.linking import refdata
from streams.linking.linker import Linker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    companies = refdata.load_companies()
    published = {c.id: c.to_dict() for c in companies}
    first, again, build = [], [], []
    for _ in range(args.runs):
        refdata._errors_of.cache_clear()
        t = time.perf_counter()
        merged, rejected = refdata.merge_companies(companies, published)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        refdata.merge_companies(companies, published)
        again.append(time.perf_counter() - t)
        t = time.perf_counter()
        Linker(merged)
        build.append(time.perf_counter() - t)
        assert not rejected
    med = {
        k: statistics.median(v) for k, v in (("first", first), ("again", again), ("build", build))
    }
    print(f"{len(published)} published records, {args.runs} runs, medians:")
    print(
        f"  merge, first (validates each)   {med['first']:.3f} s  ({med['first'] / med['build']:.2f}x a linker build)"
    )
    print(
        f"  merge, again (remembered)       {med['again']:.3f} s  ({med['again'] / med['build']:.2f}x a linker build)"
    )
    print(f"  linker build                    {med['build']:.3f} s")


if __name__ == "__main__":
    main()
