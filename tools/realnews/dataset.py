"""Committed real-news labels + locally converted text -> labelled items, split into fit and check.

Labels live in ``tests/fixtures/realnews/labels/<lang>*.jsonl`` (ids and labels only: most
sources' licences forbid redistributing the text; one file per labelling round); the text
comes from the local conversion (``.cache/realnews``, made by ``convert.py``). The stories
scored are a language's whole development subset (``tools/realnews/pools/<lang>.subset.txt``):
the pooled ones with their labels, the others -- which no broad pattern matched and the
tagger of the day did not flag -- as negatives. Every story belongs to one of
two halves by a hash of its id, the same in every script: ``fit`` (weights are fitted and
errors are read there) and ``check`` (scores quoted as unseen are measured there only).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "fixtures" / "realnews" / "labels"
POOLS = ROOT / "tools" / "realnews" / "pools"
CACHE = ROOT / ".cache" / "realnews"
SPLITS = ("fit", "check")
#: Folds of the cross-validation that scores the shipped decision (``cv.py``).
FOLDS = 5

HOW_TO_GET = """\
The real-news text is not in the repository (the sources' licences forbid it). To get it:
  1. bring each repository of tools/realnews/sources.json onto this machine at its pinned
     commit (the search tool's fetch, or `git clone https://github.com/OWNER/NAME`),
     under one folder as OWNER+NAME/repo or OWNER/NAME;
  2. python tools/realnews/convert.py --mirror THAT_FOLDER   (writes .cache/realnews/*.jsonl)
Then run `make eval-real` again."""


def split_of(story_id: str) -> str:
    """``fit`` or ``check``, fixed by the id alone (about half each)."""
    digest = hashlib.sha256(story_id.encode("utf-8")).digest()
    return SPLITS[digest[0] & 1]


def fold_of(story_id: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of a story, fixed by its id alone (independent of the half)."""
    digest = hashlib.sha256(story_id.encode("utf-8")).digest()
    return int.from_bytes(digest[1:5], "big") % folds


def label_languages(labels: Path = LABELS) -> list[str]:
    return sorted({p.name.split(".")[0] for p in labels.glob("*.jsonl")})


def load_labels(
    language: str, labels: Path = LABELS, skip_round: str | None = None
) -> list[dict[str, Any]]:
    """Every round's labels of one language (``<lang>.jsonl``, ``<lang>.r2.jsonl``, ...),
    but those of ``skip_round`` (``"r4"``: the file ``<lang>.r4.jsonl``)."""
    found: list[dict[str, Any]] = []
    for path in sorted(labels.glob(f"{language}.*jsonl")):
        if skip_round is not None and path.name == f"{language}.{skip_round}.jsonl":
            continue
        with path.open(encoding="utf-8") as fh:
            found += [json.loads(line) for line in fh if line.strip()]
    return found


def subset_ids(language: str, pools: Path = POOLS) -> list[str]:
    path = pools / f"{language}.subset.txt"
    return [line.split("\t", 1)[0] for line in path.read_text().splitlines() if line]


def load_texts(language: str, cache: Path = CACHE) -> dict[str, dict[str, Any]] | None:
    """Converted stories by id, or None when the conversion has not been run here."""
    path = cache / f"{language}.jsonl"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return {s["id"]: s for s in map(json.loads, fh)}


NEGATIVE: dict[str, Any] = {"tags": [], "partnership_status": "none", "partners": []}


def labelled_records(
    language: str,
    split: str = "all",
    labels: Path = LABELS,
    cache: Path = CACHE,
    pools: Path = POOLS,
    presumed: bool = True,
) -> Iterator[dict[str, Any]]:
    """Corpus records in the SPEC's shape (text + ``expected``) for one language and split:
    the labelled stories, then (``presumed``) the subset's unpooled ones as negatives.

    Raises ``FileNotFoundError`` (with how to get the text) when the text is missing.
    """
    texts = load_texts(language, cache)
    if texts is None:
        raise FileNotFoundError(HOW_TO_GET)
    by_id = {label["id"]: label for label in load_labels(language, labels)}
    ids = list(by_id)
    if presumed:
        ids += [sid for sid in subset_ids(language, pools) if sid not in by_id and sid in texts]
    for sid in ids:
        label = by_id.get(sid, NEGATIVE)
        if split != "all" and split_of(sid) != split:
            continue
        story = texts.get(sid)
        if story is None:
            raise FileNotFoundError(
                f"{sid}: labelled but not in the converted text; re-run convert.py\n" + HOW_TO_GET
            )
        yield {
            "id": story["id"],
            "language": language,
            "source": story.get("source"),
            "headline": story["headline"],
            "body": story["body"],
            "expected": {
                "tags": label["tags"],
                "partnership_status": label.get("partnership_status", "none"),
                "partners": label.get("partners", []),
                "companies": [],
            },
            "labelled": sid in by_id,
        }
