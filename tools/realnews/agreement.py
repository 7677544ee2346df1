"""Agreement between two labellers: ``labels/<lang>*.jsonl`` vs ``agreement/<lang>*.jsonl``.

For each second labelling (one file per language and round: ``<lang>.jsonl`` for the first
two rounds, ``<lang>.r3.jsonl`` ...), prints per tag the raw agreement and Cohen's kappa, and
the status agreement on stories both call a partnership; the last row pools them all. The
second labeller saw a sample without the first labels: in rounds 1-2 half stories the first
labeller tagged and half not; from round 3 (labelled in parallel) half the pooled stories
the tagger flagged or two broad patterns matched, half the others.
``python tools/realnews/agreement.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.realnews.dataset import LABELS, load_labels

AGREEMENT = LABELS.parent / "agreement"
TAGS = ("partnership", "china_strategy", "auto_tech")
Label = dict[str, Any]


def kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa of two binary labellings (1.0 when both are constant and equal)."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def _row(name: str, pairs: list[tuple[Label, Label]]) -> str:
    cells = []
    for tag in TAGS:
        a = [tag in p["tags"] for p, _ in pairs]
        b = [tag in q["tags"] for _, q in pairs]
        agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(pairs)
        cells.append(f"{agree:6.2f} {kappa(a, b):6.2f} {sum(a):3d}/{sum(b):<3d}")
    both = [(p, q) for p, q in pairs if "partnership" in p["tags"] and "partnership" in q["tags"]]
    status = sum(p["partnership_status"] == q["partnership_status"] for p, q in both)
    return f"{name:<8} {len(pairs):3d} | " + " | ".join(cells) + f" | {status}/{len(both)}"


def main() -> int:
    print("file     n   | " + " | ".join(f"{t:<22}" for t in TAGS) + " | status")
    print("             | " + " | ".join(f"{'agree':>6} {'kappa':>6} {'pos':>7}" for _ in TAGS))
    pooled: list[tuple[Label, Label]] = []
    for path in sorted(AGREEMENT.glob("*.jsonl")):
        lang = path.name.split(".")[0]
        first = {x["id"]: x for x in load_labels(lang)}
        second = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        pairs = [(first[x["id"]], x) for x in second if x["id"] in first]
        pooled += pairs
        print(_row(path.name.removesuffix(".jsonl"), pairs))
    if pooled:
        print(_row("all", pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
