"""Cue lexicons: per-language JSON files under ``lexicons/`` -> Aho-Corasick matchers of cue families.

Each ``lexicons/<lang>.json`` maps a cue family (``"partner_strong"``, ``"denial"``,
``"scope:cloud"``, ...) to a list of cues. A cue is matched case-insensitively; in
languages written with spaces it must start and end on a word boundary, and the
markers below relax that:

- ``"partner*"``: a prefix, any ending ("partners", "partnership");
- ``"*antrieb"``: a suffix, any beginning (German compounds: "Elektroantrieb");
- ``"véhicule* connecté*"``: inside a phrase, a starred word takes the usual inflection
  endings (``INNER_ENDINGS``: "véhicules connectés", "vehículos conectados");
- ``"=AI"``: case-sensitive (the acronym, not the French verb "ai");
- ``"中国!地方|新聞"``: the cue does not count when one of the listed tails follows it
  at once (Japan's Chūgoku region and a newspaper's name are not China; ``組み!合わせ``).

Matching respects the words of every script, not only of spaced languages:
- a cue that starts or ends with a Latin letter or digit never starts or ends inside a
  run of Latin letters and digits, also in Chinese, Japanese or Korean text ("OTA" is not
  in "ZOTAC", "4D" not in "N-04D", "LOI" not in "VOCALOID");
- a katakana cue never starts or ends inside a katakana word, unless what it leaves is
  itself a compound part (``MIN_COMPOUND_PART`` characters): "ライダー" is not in
  "グライダー", "バッテリー" is in "リチウムイオンバッテリー";
- a wildcard that lets a cue sit inside a longer word (``"*lidar*"``, ``"*antrieb"``)
  takes a compound part of at least ``MIN_COMPOUND_PART`` letters before it, never a
  syllable ("Elektroantrieb", not "Solidarität").

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


#: Shortest word part a leading wildcard accepts in front of a cue ("elektro" + "antrieb").
MIN_COMPOUND_PART = 3


def _is_latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ("\u00c0" <= ch <= "\u024f" and ch.isalpha())


def _is_katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def _inside_word(text: str, start: int, end: int) -> bool:
    """In unspaced text: the cue ``text[start:end]`` cuts a Latin word, or a katakana word
    short of a compound part ("グ|ライダー", but "リチウムイオン|バッテリー" is a compound)."""
    size = len(text)
    for edge, step, inner in ((start - 1, -1, start), (end, 1, end - 1)):
        if not 0 <= edge < size:
            continue
        a, b = text[inner], text[edge]
        if _is_latin(a) and _is_latin(b):
            return True
        if _is_katakana(a) and _is_katakana(b):
            run, i = 0, edge
            while 0 <= i < size and _is_katakana(text[i]) and run < MIN_COMPOUND_PART:
                run, i = run + 1, i + step
            if run < MIN_COMPOUND_PART:
                return True
    return False


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue entry: the families it belongs to and how it must be bounded."""

    text: str
    families: tuple[str, ...]
    left_boundary: bool
    right_boundary: bool
    #: Tails after which the cue does not count (``"中国!地方"``).
    blocked_tails: tuple[str, ...] = ()


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
                cue, _, tails = raw.strip().partition("!")
                if cue.startswith("="):
                    table, cue = exact, cue[1:]
                left = spaced and not cue.startswith("*")
                right = spaced and not cue.endswith("*")
                cue = cue.strip("*")
                if not cue:
                    continue
                key = cue if table is exact else cue.lower()
                entry = table.setdefault(
                    key, {"families": [], "left": left, "right": right, "tails": []}
                )
                blocked = entry["tails"]
                assert isinstance(blocked, list)
                blocked.extend(t.lower() for t in tails.split("|") if t and t not in blocked)
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
            if not spaced and _inside_word(haystack, start, end):
                continue
            if cue.blocked_tails and haystack.startswith(cue.blocked_tails, end):
                continue
            if not cue.right_boundary and spaced:
                # show the whole word of a prefix cue ("partner*" -> "partnership")
                while end < size and haystack[end].isalnum():
                    end += 1
            if not cue.left_boundary and spaced:
                word_start = start
                while word_start > 0 and haystack[word_start - 1].isalnum():
                    word_start -= 1
                if 0 < start - word_start < MIN_COMPOUND_PART:
                    continue  # a syllable, not a compound part: "so|lidar|ität"
                start = word_start
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
        tails = entry.get("tails") or []
        assert isinstance(tails, list)
        automaton.add_word(
            key,
            Cue(key, tuple(families), bool(entry["left"]), bool(entry["right"]), tuple(tails)),
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
