"""Converted real news -> the labelling pool per language (ids committed, text kept in .cache).

Recipe, per language and labelling round (sizes and seeds in ``tools/realnews/pool.json``):
1. the round's development subset: a seeded random sample of the converted stories not in
   an earlier round's subset (every story when the source is small);
2. its pool: every story of it that a broad pattern of ``broad_patterns.json`` matches, plus
   every story the tagger of the day flags, plus a seeded random sample of the rest.
Every pooled story is labelled (``tests/fixtures/realnews/labels/<lang>.jsonl``); the
subset's other stories match no broad pattern and are scored as negatives. The ids go to
``tools/realnews/pools/<lang>.txt`` (pooled, with why) and ``<lang>.subset.txt`` (the
whole subset); the pooled stories with their text go to ``.cache/realnews/pool/`` for the
labellers (``<lang>.r<N>.jsonl``: round N only).

Run after ``convert.py``: ``python tools/realnews/pool.py [LANG ...]``.
"""

from __future__ import annotations

import json
import logging
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = ROOT / ".cache" / "realnews"
TAGS = ("partnership", "china_strategy", "auto_tech")

log = logging.getLogger("realnews.pool")


def load_stories(lang: str, cache: Path = CACHE) -> list[dict[str, Any]]:
    path = cache / f"{lang}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path}: run tools/realnews/convert.py first")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def dev_subset(stories: list[dict[str, Any]], size: int, seed: int) -> list[dict[str, Any]]:
    """A seeded subset, in a stable order (by id) so that the recipe does not hang on file order."""
    ordered = sorted(stories, key=lambda s: s["id"])
    if size <= 0 or size >= len(ordered):
        return ordered
    return sorted(random.Random(seed).sample(ordered, size), key=lambda s: s["id"])


def broad_hits(story: dict[str, Any], patterns: dict[str, re.Pattern[str]]) -> list[str]:
    text = f"{story['headline']}\n{story['body']}"
    return [tag for tag, rx in patterns.items() if rx.search(text)]


def tagger_flags(stories: list[dict[str, Any]]) -> dict[str, list[str]]:
    from streams.ingest.parse import parse_article
    from streams.pipeline import default_pipeline

    pipeline = default_pipeline()
    flags: dict[str, list[str]] = {}
    for story in stories:
        raw = {k: v for k, v in story.items() if k in ("id", "headline", "body", "language")}
        article = parse_article(json.dumps(raw).encode())
        tags = [t.name for t in pipeline.analyse(article).tags]
        if tags:
            flags[story["id"]] = tags
    return flags


def round_subsets(
    stories: list[dict[str, Any]], rounds: list[dict[str, Any]], seed: int
) -> list[list[dict[str, Any]]]:
    """Each round's subset, drawn from what the earlier rounds left."""
    left = stories
    subsets = []
    for number, spec in enumerate(rounds):
        subset = dev_subset(left, spec["subset"], seed + 10 * number)
        taken = {s["id"] for s in subset}
        left = [s for s in left if s["id"] not in taken]
        subsets.append(subset)
    return subsets


def build_pool(
    lang: str, subset: list[dict[str, Any]], spec: dict[str, Any], seed: int
) -> list[tuple[dict[str, Any], str]]:
    patterns_src = json.loads((HERE / "broad_patterns.json").read_text(encoding="utf-8"))
    patterns = {t: re.compile(patterns_src[t][lang], re.I) for t in TAGS}
    flags = tagger_flags(subset)
    pooled: list[tuple[dict[str, Any], str]] = []
    rest = []
    for story in subset:
        why = [f"regex:{t}" for t in broad_hits(story, patterns)]
        why += [f"tagger:{t}" for t in flags.get(story["id"], [])]
        if why:
            pooled.append((story, " ".join(why)))
        else:
            rest.append(story)
    k = min(spec["random"], len(rest))
    for story in random.Random(seed + 1).sample(rest, k):
        pooled.append((story, "random"))
    pooled.sort(key=lambda p: p[0]["id"])
    log.info(
        "%s: subset %d, regex/tagger %d, random %d, pool %d",
        lang,
        len(subset),
        len(pooled) - k,
        k,
        len(pooled),
    )
    return pooled


def frozen_rounds(path: Path) -> dict[int, list[tuple[str, str]]]:
    """Round -> (id, why) of a committed pool file (a line without a round tag is round 1)."""
    rounds: dict[int, list[tuple[str, str]]] = {}
    if not path.exists():
        return rounds
    for line in path.read_text().splitlines():
        sid, _, why = line.partition("\t")
        number = 1
        if why.startswith("r") and " " in why and why[1 : why.index(" ")].isdigit():
            number, why = int(why[1 : why.index(" ")]), why[why.index(" ") + 1 :]
        rounds.setdefault(number, []).append((sid, why))
    return rounds


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = json.loads((HERE / "pool.json").read_text())
    langs = argv or sorted(config["languages"])
    (HERE / "pools").mkdir(exist_ok=True)
    (CACHE / "pool").mkdir(parents=True, exist_ok=True)
    for lang in langs:
        rounds = config["languages"][lang]
        stories = load_stories(lang)
        pooled_ids = subset_ids = ""
        frozen = frozen_rounds(HERE / "pools" / f"{lang}.txt")
        by_id = {s["id"]: s for s in stories}
        for number, subset in enumerate(round_subsets(stories, rounds, config["seed"]), 1):
            if number in frozen:
                # the tagger of the day decides what it flags: a round once labelled keeps
                # the pool it had (read back from the committed pool file)
                # (an id the conversion no longer gives, a repeated headline, drops out)
                pooled = [(by_id[sid], why) for sid, why in frozen[number] if sid in by_id]
            else:
                seed = config["seed"] + 10 * (number - 1)
                pooled = build_pool(lang, subset, rounds[number - 1], seed)
            pooled_ids += "".join(f"{s['id']}\tr{number} {why}\n" for s, why in pooled)
            subset_ids += "".join(f"{s['id']}\tr{number}\n" for s in subset)
            with (CACHE / "pool" / f"{lang}.r{number}.jsonl").open("w", encoding="utf-8") as fh:
                for story, _ in pooled:
                    fh.write(json.dumps(story, ensure_ascii=False) + "\n")
        (HERE / "pools" / f"{lang}.txt").write_text(pooled_ids)
        (HERE / "pools" / f"{lang}.subset.txt").write_text(subset_ids)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
