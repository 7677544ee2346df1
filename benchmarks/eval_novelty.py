"""Copy grouping on our test set: copies grouped with their original, and merges, per seed.

.venv/bin/python benchmarks/eval_novelty.py [--seeds 12 1 2 3 4 5 6 7 8 9]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streams.alerting.fingerprint import fingerprint
from tests.fixtures.novelty.copies import all_copies, grouping, load_stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[12, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    args = parser.parse_args()
    stories = load_stories()
    total = grouped = merges = 0
    for seed in args.seeds:
        report = grouping(stories, all_copies(stories, seed=seed), fingerprint)
        total += report["copies"]
        grouped += report["grouped"]
        merges += len(report["merges"])
        langs = " ".join(f"{k} {v:.3f}" for k, v in sorted(report["by_language"].items()))
        print(
            f"seed {seed:>4}: {report['grouped']}/{report['copies']} grouped "
            f"({report['rate']:.4f}), merges {len(report['merges'])}; {langs}"
        )
        if report["missed"]:
            print(f"           missed: {', '.join(report['missed'])}")
    print(
        f"all seeds: {grouped}/{total} grouped ({grouped / total:.4f}), merges {merges}; "
        f"{len(stories)} stories, {report['events']} events"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
