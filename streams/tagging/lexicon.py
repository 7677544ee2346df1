"""Cue lexicons: per-language JSON files under ``lexicons/`` -> Aho-Corasick matchers of cue families.

Each ``lexicons/<lang>.json`` maps a cue family (``"partner_strong"``, ``"denial"``,
``"scope:cloud"``, ...) to a list of cues. A cue is matched case-insensitively; in
languages written with spaces it must start and end on a word boundary, and the
markers below relax that:

- ``"partner*"``: a prefix, any ending ("partners", "partnership");
- ``"*antrieb"``: a suffix, any beginning (German compounds: "Elektroantrieb");
- ``"véhicule* connecté*"``: inside a phrase, a starred word takes the usual inflection
  endings (``INNER_ENDINGS``: "véhicules connectés", "vehículos conectados");
- ``"=AI"``: case-sensitive (the acronym, not the French verb "ai").

``common.json`` holds cues for every language (acronyms, brand-like terms). When
one match lies inside a longer one, only the longer counts: "battery-electric" (a
neutral cue) hides "battery", "partnership agreement" hides "agreement".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import orjson

LEXICON_DIR = Path(__file__).parent / "lexicons"
#: No word-boundary checks: zh and ja have no spaces; Korean particles stick to nouns.
UNSPACED: frozenset[str] = frozenset({"zh", "ja", "ko"})
#: Endings a starred word inside a phrase may take (plural, gender, case; es/it/fr/de/en).
INNER_ENDINGS: tuple[str, ...] = (
    "", "s", "e", "es", "x", "n", "en", "er", "i", "a", "o", "as", "os", "ón", "ones",
)  # fmt: skip


def expand_inner_wildcards(cue: str) -> list[str]:
    """The literal phrases of a cue whose inner words end in ``*`` (the last word keeps its star)."""
    words = cue.split(" ")
    variants = [""]
    for index, word in enumerate(words):
        last = index == len(words) - 1
        forms = (
            [word[:-1] + e for e in INNER_ENDINGS] if word.endswith("*") and not last else [word]
        )
        variants = [f"{v} {f}" if v else f for v in variants for f in forms]
    return variants


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue entry: the families it belongs to and how it must be bounded."""

    text: str
    families: tuple[str, ...]
    left_boundary: bool
    right_boundary: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A cue found in the text: ``text[start:end]`` and the families it signals."""

    start: int
    end: int
    families: tuple[str, ...]


#: A cue found but not yet kept: ``(start, end, families)``.
_Hit = tuple[int, int, tuple[str, ...]]


def load_lexicon(language: str, directory: Path = LEXICON_DIR) -> dict[str, list[str]]:
    """The cue families of one language merged with ``common.json``."""
    merged: dict[str, list[str]] = {}
    for name in ("common", language):
        path = directory / f"{name}.json"
        if not path.exists():
            if name == "common":
                continue
            raise LexiconError(f"no lexicon for language {language!r} at {path}")
        try:
            data = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            raise LexiconError(f"{path}: {exc}") from exc
        if not isinstance(data, dict):
            raise LexiconError(f"{path}: expected an object of cue families")
        for family, cues in data.items():
            if family.startswith("_"):
                continue  # comments
            if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
                raise LexiconError(f"{path}: family {family!r} must be a list of strings")
            merged.setdefault(family, []).extend(cues)
    return merged


class CueMatcher:
    """Finds every cue of one language in a text; build once, use for many documents."""

    def __init__(self, language: str, families: Mapping[str, Iterable[str]]) -> None:
        self.language = language
        spaced = self._spaced = language not in UNSPACED
        folded: dict[str, dict[str, object]] = {}
        exact: dict[str, dict[str, object]] = {}
        for family, cues in families.items():
            for raw in (v for c in cues for v in expand_inner_wildcards(c.strip())):
                table = folded
                cue = raw.strip()
                if cue.startswith("="):
                    table, cue = exact, cue[1:]
                left = spaced and not cue.startswith("*")
                right = spaced and not cue.endswith("*")
                cue = cue.strip("*")
                if not cue:
                    continue
                key = cue if table is exact else cue.lower()
                entry = table.setdefault(key, {"families": [], "left": left, "right": right})
                fams = entry["families"]
                assert isinstance(fams, list)
                if family not in fams:
                    fams.append(family)
                # the loosest bounding wins when the same cue is listed twice
                entry["left"] = bool(entry["left"]) and left
                entry["right"] = bool(entry["right"]) and right
        self._folded = _automaton(folded)
        self._exact = _automaton(exact)

    def find(self, text: str, lowered: str | None = None) -> list[Match]:
        """Every cue in ``text``, longest first where they overlap, in text order."""
        if lowered is None:
            lowered = fold(text)
        found: list[_Hit] = []
        if self._folded is not None:
            found += self._hits(self._folded, lowered)
        if self._exact is not None:
            found += self._hits(self._exact, text)
        return _drop_nested(found)

    def _hits(self, automaton: ahocorasick.Automaton, haystack: str) -> list[_Hit]:
        """``(start, end, families)`` of each cue of ``automaton`` in ``haystack`` within its bounds."""
        spaced = self._spaced
        size = len(haystack)
        hits: list[_Hit] = []
        # A hot loop (about a hundred hits a story): str.isalnum inline is the word test.
        for end_index, cue in automaton.iter(haystack):
            start = end_index - len(cue.text) + 1
            end = end_index + 1
            if cue.left_boundary and start > 0 and haystack[start - 1].isalnum():
                continue
            if cue.right_boundary and end < size and haystack[end].isalnum():
                continue
            if not cue.right_boundary and spaced:
                # show the whole word of a prefix cue ("partner*" -> "partnership")
                while end < size and haystack[end].isalnum():
                    end += 1
            if not cue.left_boundary and spaced:
                while start > 0 and haystack[start - 1].isalnum():
                    start -= 1
            hits.append((start, end, cue.families))
        return hits


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _automaton(table: dict[str, dict[str, object]]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, entry in table.items():
        families = entry["families"]
        assert isinstance(families, list)
        automaton.add_word(
            key, Cue(key, tuple(families), bool(entry["left"]), bool(entry["right"]))
        )
    automaton.make_automaton()
    return automaton


def _drop_nested(hits: list[_Hit]) -> list[Match]:
    """Keep a hit only when no longer hit covers it; ``(start, end, families)`` -> matches."""
    # longest first among hits at one start; the sort is stable, so cue order breaks ties
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    kept: list[_Hit] = []
    reach = -1
    for start, end, families in hits:
        if kept and kept[-1][0] == start and kept[-1][1] == end:
            # the same words under several cues (a prefix cue widened to the word): merge
            merged = kept[-1][2] + tuple(f for f in families if f not in kept[-1][2])
            kept[-1] = (start, end, merged)
            continue
        if end <= reach:
            continue  # inside an earlier, longer match
        kept.append((start, end, families))
        reach = max(reach, end)
    return [Match(start, end, families) for start, end, families in kept]
