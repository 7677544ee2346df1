"""The lexical score: a learned weight per word and character n-gram of a story's opening.

The cue lexicons name the words a human thought of; real headlines state the same news with
many others ("Elektrokurs", "Roboterautos", a product name, a market's own idiom). The
lexical model of a tag is a linear model over the story's first ``LEAD_CHARS`` characters,
cut into grams: each word (lower case) and each character n-gram inside a word -- 4-grams
for alphabetic scripts, so that the parts of a German compound count, and 2-grams for Han,
kana and Hangul, which are written without spaces. Its score (the bias plus the weighted
sum over the grams present, divided by the square root of their number) is the feature
``lexical`` of the tag, set only for a story with at least one cue, so that a story without
cues still costs no more than the quick reject (``prefilter``) and gets no tag; the tag's
model stacks it onto its logit (``scoring.TagModel.stack``).

``tools/fit_tagger.py`` fits the weights (an L2-regularised logistic regression) and writes
them to ``lexical.json``; the stack's own fit sees each training story's lexical score
from a model fitted without it (cross-fitting), as a story seen at run time would.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from pathlib import Path

import orjson

from streams.layout import boilerplate
from streams.text import Document

LEXICAL_FILE = Path(__file__).with_name("lexical.json")
#: How much of the story's text (headline first) the grams are taken from.
LEAD_CHARS = 400
#: Words longer than this count only through their n-grams.
MAX_WORD = 24
#: The intercept's key among the gram weights (no gram can be it: words are "w:"-prefixed,
#: and n-grams are 2 or 4 characters long).
BIAS = "_bias"
_WORD = re.compile(r"\w+")


def _unspaced(char: str) -> bool:
    """Han, kana or Hangul: scripts whose words are not set apart by spaces."""
    code = ord(char)
    return 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF


def lead_text(doc: Document) -> str:
    """The story's first ``LEAD_CHARS`` characters, its dateline and credit lines left out:
    an agency's name says who wrote the story, not what it is about (the synthetic stories'
    "(Agence ...)" datelines would otherwise teach that "agen" means a partnership)."""
    text = doc.text
    pieces: list[str] = []
    at = 0
    for start, end in sorted(boilerplate(doc).regions):
        if start > at:
            pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(pieces)[:LEAD_CHARS]


def grams(text: str) -> frozenset[str]:
    """The grams of a text (``lead_text``'s): see the module's doc."""
    found: set[str] = set()
    for word in _WORD.findall(text[:LEAD_CHARS].lower()):
        if len(word) <= MAX_WORD:
            found.add("w:" + word)
        marked = "<" + word + ">"
        n = 2 if _unspaced(word[0]) else 4
        found.update(marked[i : i + n] for i in range(len(marked) - n + 1))
    return frozenset(found)


class LexicalTable:
    """Every tag's gram weights in one table: one look-up per gram scores all the tags."""

    def __init__(self, weights: Mapping[str, Mapping[str, float]]) -> None:
        self.tags = tuple(tag for tag, w in weights.items() if w)
        self._bias = tuple(weights[tag].get(BIAS, 0.0) for tag in self.tags)
        rows: dict[str, list[float]] = {}
        for column, tag in enumerate(self.tags):
            for gram, weight in weights[tag].items():
                if gram != BIAS:
                    rows.setdefault(gram, [0.0] * len(self.tags))[column] = weight
        self._rows = {gram: tuple(row) for gram, row in rows.items()}

    def scores(self, story_grams: Collection[str]) -> dict[str, float]:
        """Tag -> lexical score of a story with these grams: ``BIAS`` plus the weights of the
        grams present, the sum divided by the square root of the number of grams (each story
        weighs the same, long or short)."""
        totals = [0.0] * len(self.tags)
        for row in map(self._rows.get, story_grams):
            if row is not None:
                for column, weight in enumerate(row):
                    totals[column] += weight
        norm = math.sqrt(len(story_grams)) if story_grams else 1.0
        return {
            tag: bias + total / norm
            for tag, bias, total in zip(self.tags, self._bias, totals, strict=True)
        }


def load_lexical(path: Path = LEXICAL_FILE) -> dict[str, dict[str, float]]:
    """Tag name -> gram weights (empty when the file is absent: no lexical feature)."""
    if not path.exists():
        return {}
    data = orjson.loads(path.read_bytes())
    return {tag: dict(weights) for tag, weights in data.items() if not tag.startswith("_")}
