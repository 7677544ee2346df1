"""Adjudication round: two more blind labels where the tagger and the label disagree, and as
many controls where they agree; each story's label becomes the majority of the three.

    python tools/realnews/adjudicate.py select --scores FILE   # -> adjudication/<lang>.txt, tasks
    python tools/realnews/adjudicate.py merge                  # -> labels/<lang>.r4.jsonl, a table

``select`` reads out-of-fold scores (``cv.py --scores FILE``). A scored story is *disputed*
when, for some tag, the label and the out-of-fold score at 0.5 disagree. Per language it
takes every disputed story and as many *controls*, drawn with a fixed seed from the labelled
stories where all tags agree: half of them labelled with some tag, half labelled with none
but scored at least ``HARD`` for some tag (the controls look like the disputed ones, so a
labeller cannot tell the two apart). The ids (and which set each is in) go to
``adjudication/<lang>.txt``; the stories, shuffled, with their text, to
``.cache/realnews/adjudication/<lang>.tasks.jsonl`` (text is never committed).

Two labellers, each blind to the first label, to the other and to the tagger, label every
task by the corpus SPEC into ``tests/fixtures/realnews/adjudication/<lang>.<a|b>.jsonl``.

``merge``: per story and tag, the majority of the three labels; the status and partners come
from the first labeller when it is on the majority side of partnership, otherwise from the
first new one that is. ``labels/<lang>.r4.jsonl`` holds the merged label of every adjudicated
story (a later round's file overrides an earlier one's, ``dataset.load_labels``). It prints,
per set and tag, how many labels the majority changed: the controls' rate is what the
adjudication does to stories nobody disputed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from streams.records import TAG_NAMES  # noqa: E402
from tools.realnews.agreement import kappa  # noqa: E402
from tools.realnews.dataset import CACHE, LABELS, NEGATIVE, load_labels, load_texts  # noqa: E402

HERE = Path(__file__).resolve().parent
IDS = HERE / "adjudication"
NEW_LABELS = ROOT / "tests" / "fixtures" / "realnews" / "adjudication"
TASKS = CACHE / "adjudication"
SEED = 20261203
#: A control labelled with no tag must score at least this for some tag.
HARD = 0.1
#: How much of a story's body a task shows.
BODY_CHARS = 2000
ROUND = "r4"


def disputed(row: dict[str, Any]) -> bool:
    return any((t in row["tags"]) != (row["scores"].get(t, 0.0) >= 0.5) for t in TAG_NAMES)


def select(scores: Path) -> None:
    rows: dict[str, list[dict[str, Any]]] = {}
    with scores.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows.setdefault(row["language"], []).append(row)
    IDS.mkdir(exist_ok=True)
    TASKS.mkdir(parents=True, exist_ok=True)
    for lang, found in sorted(rows.items()):
        found = sorted(found, key=lambda r: r["id"])
        dispute = [r for r in found if disputed(r)]
        if not dispute:
            continue
        agreed = [r for r in found if not disputed(r)]
        agreed_pos = [r for r in agreed if r["tags"]]
        agreed_neg = [r for r in agreed if not r["tags"] and max(r["scores"].values()) >= HARD]
        rng = random.Random(f"{SEED}-{lang}")
        half = len(dispute) // 2
        controls = rng.sample(agreed_pos, min(half, len(agreed_pos)))
        controls += rng.sample(agreed_neg, min(len(dispute) - len(controls), len(agreed_neg)))
        chosen = [(r["id"], "disputed") for r in dispute] + [(r["id"], "control") for r in controls]
        chosen.sort()
        (IDS / f"{lang}.txt").write_text("".join(f"{i}\t{s}\n" for i, s in chosen))
        texts = load_texts(lang) or {}
        order = [i for i, _ in chosen]
        rng.shuffle(order)
        with (TASKS / f"{lang}.tasks.jsonl").open("w", encoding="utf-8") as fh:
            for sid in order:
                story = texts[sid]
                task = {
                    "id": sid,
                    "headline": story["headline"],
                    "body": story["body"][:BODY_CHARS],
                }
                fh.write(json.dumps(task, ensure_ascii=False) + "\n")
        print(f"{lang}: {len(dispute)} disputed, {len(controls)} controls")


def _read(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh) if r}


def merge_one(first: dict[str, Any], others: list[dict[str, Any]]) -> dict[str, Any]:
    """The majority label of ``first`` and ``others`` (see the module's doc)."""
    votes = [first, *others]
    tags = [t for t in TAG_NAMES if sum(t in v["tags"] for v in votes) * 2 > len(votes)]
    merged: dict[str, Any] = {"id": first["id"], "tags": tags}
    if "partnership" in tags:
        source = next(v for v in votes if "partnership" in v["tags"])
        merged["partnership_status"] = source.get("partnership_status", "none")
        merged["partners"] = source.get("partners", [])
    else:
        merged["partnership_status"] = "none"
        merged["partners"] = []
    merged["notes"] = "adjudicated: majority of three labels"
    return merged


def merge() -> None:
    changed: Counter[tuple[str, str, str]] = Counter()
    sizes: Counter[tuple[str, str]] = Counter()
    #: (set, tag) -> pairs of (earlier label, each new label) on that tag, every language
    pairs: dict[tuple[str, str], list[tuple[bool, bool]]] = {}
    for ids_file in sorted(IDS.glob("*.txt")):
        lang = ids_file.stem
        sets = dict(line.split("\t") for line in ids_file.read_text().splitlines() if line)
        earlier_rounds = load_labels(lang, skip_round=ROUND)
        first = {r["id"]: r for r in earlier_rounds if r["id"] in sets}
        new = [_read(p) for p in sorted(NEW_LABELS.glob(f"{lang}.*.jsonl"))]
        if not new:
            continue
        out = []
        for sid in sorted(sets):
            if not all(sid in n for n in new):
                continue
            # a story of the subset that no pattern pooled is a presumed negative
            earlier = first.get(sid, {"id": sid, **NEGATIVE})
            merged = merge_one(earlier, [n[sid] for n in new])
            out.append(merged)
            sizes[(lang, sets[sid])] += 1
            for tag in TAG_NAMES:
                for n in new:
                    pairs.setdefault((sets[sid], tag), []).append(
                        (tag in earlier["tags"], tag in n[sid]["tags"])
                    )
                if (tag in merged["tags"]) != (tag in earlier["tags"]):
                    changed[(lang, sets[sid], tag)] += 1
        with (LABELS / f"{lang}.{ROUND}.jsonl").open("w", encoding="utf-8") as fh:
            for row in out:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("labels the majority changed (per set: stories; per tag: changed)")
    for (lang, kind), count in sorted(sizes.items()):
        per_tag = ", ".join(f"{t} {changed[(lang, kind, t)]}" for t in TAG_NAMES)
        print(f"  {lang} {kind:9s} {count:4d}: {per_tag}")
    print("agreement of each new label with the earlier one (all languages): kappa")
    for kind in ("control", "disputed"):
        cells = []
        for tag in TAG_NAMES:
            both = pairs.get((kind, tag), [])
            if both:
                k = kappa([x for x, _ in both], [y for _, y in both])
                cells.append(f"{tag} {k:.2f}")
        print(f"  {kind:9s} " + ", ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sel = sub.add_parser("select")
    sel.add_argument("--scores", type=Path, required=True)
    sub.add_parser("merge")
    args = parser.parse_args(argv)
    if args.command == "select":
        select(args.scores)
    else:
        merge()
    return 0


if __name__ == "__main__":
    sys.exit(main())
