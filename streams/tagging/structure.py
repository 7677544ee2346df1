"""Who acts with whom: a cued document -> per sentence, whether two organisations stand as co-actors.

A partnership headline often has no cooperation word at all ("Daimler und Siemens planen
eine Modellfabrik", "Volkswagen will Cloud-Dienste mit Amazon ausweiten", "A사, B사와 전방위
협력"): what says it is the shape, two organisations joined as the subject or one acting
*with* the other. Two shapes are read, from the words in ``pairs.json``:

* ``coordinated``: two organisations with only a joiner between them ("A and B", "A与B", "A와 B");
* ``with``: an organisation after a partner word ("with B", "携手B") or before a partner
  particle ("Bと", "B와"), while another organisation is named in the same sentence;
* ``spoken`` (Chinese, Japanese, Korean): a cooperation clause with a name-like run on each
  side ("乐视携手NS", "SK AX, 머서와 손잡고"), the parties recognised or not.

Organisations are the linked companies' mentions and, where the linker knows no company,
inline ticker markup ("DIEBOLD <DBD>"): a listed company even outside the reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import orjson

from streams.linking.markup import find_tickers
from streams.tagging.cues import LEGAL_NAME, CuedDocument, CuedSentence
from streams.tagging.lexicon import UNSPACED

PAIRS_FILE = Path(__file__).with_name("pairs.json")
#: How far before a ticker bracket its company's name may start ("WANG LABORATORIES <WANG>").
NAME_BEFORE_TICKER = re.compile(r"(?:[A-Z][\w&.'-]*\s+){1,2}$")
#: A bare wire symbol in angle brackets ("<DBD>"), the markup of older wires that the linker's
#: exchange-qualified forms do not cover; to the tagger it still marks a listed company.
BARE_SYMBOL = re.compile(r"<[A-Z][A-Z0-9.]{0,7}>")


@dataclass(frozen=True, slots=True)
class PairWords:
    """One language's co-actor words (casefolded)."""

    joiners: frozenset[str]
    before: re.Pattern[str] | None
    after: tuple[str, ...]
    #: Co-actor clauses read from the words alone, the parties unrecognised ("乐视携手NS").
    spoken: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Shape:
    """The co-actor shapes one sentence has."""

    coordinated: bool = False
    partner: bool = False

    @property
    def any(self) -> bool:
        return self.coordinated or self.partner


@cache
def pair_words(language: str) -> PairWords:
    data = orjson.loads(PAIRS_FILE.read_bytes())
    entry = data.get(language) or data["en"]
    before = sorted(entry["before"], key=len, reverse=True)
    articles = sorted(entry["articles"], key=len, reverse=True)
    pattern = None
    if before:
        words = "|".join(re.escape(w) for w in before)
        arts = "|".join(re.escape(a) for a in articles)
        bound = r"(?:^|\W)" if language not in ("zh", "ja", "ko") else ""
        tail = rf"(?:\s*(?:{arts})\s+)?" if arts else ""
        # spaced languages: one more word may stand before the name ("with rival Wang")
        extra = r"(?:\w[\w.'-]*\s+)?" if bound else ""
        pattern = re.compile(rf"{bound}(?:{words})\s*{tail}{extra}$", re.IGNORECASE)
    return PairWords(
        joiners=frozenset(w.casefold() for w in entry["joiners"]),
        before=pattern,
        after=tuple(sorted(entry["after"], key=len, reverse=True)),
        spoken=tuple(re.compile(p, re.IGNORECASE) for p in entry.get("spoken", ())),
    )


def actor_spans(doc: CuedDocument, s: CuedSentence) -> list[tuple[int, int]]:
    """The organisations named in a sentence, as spans of ``doc.doc.text``, in order."""
    lo, hi = s.sentence.start, s.sentence.end
    spans = sorted(
        (a, b) for spots in doc.mentions.values() for a, b in spots if lo <= a and b <= hi
    )
    if "<" in s.text or "(" in s.text or "$" in s.text:
        refs = [(r.start, r.end) for r in find_tickers(s.text)]
        refs += [m.span() for m in BARE_SYMBOL.finditer(s.text)]
        for start, end in sorted(set(refs)):
            a, b = lo + start, lo + end
            if any(x < b and a < y for x, y in spans):
                continue
            named = NAME_BEFORE_TICKER.search(s.text, max(0, start - 60), start)
            if named and s.text.isupper():
                # a headline in capitals: only the word right before the symbol is surely the name
                named = re.search(r"\S+\s+$", s.text[named.start() : start])
                first = start - len(named.group()) if named else a - lo
                spans.append((lo + first, b))
            else:
                spans.append((lo + named.start() if named else a, b))
    if doc.language not in UNSPACED:
        # a name ending in a legal form ("Wang Laboratories Inc"): an organisation
        for m in LEGAL_NAME.finditer(s.text):
            a, b = lo + m.start(), lo + m.end()
            if not any(x < b and a < y for x, y in spans):
                spans.append((a, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def sentence_shape(doc: CuedDocument, s: CuedSentence) -> Shape:
    spans = actor_spans(doc, s)
    if len(spans) < 2:
        return Shape()
    text = doc.doc.text
    words = pair_words(doc.language)
    coordinated = any(
        text[b1:a2].strip().casefold() in words.joiners for (_, b1), (a2, _) in pairwise(spans)
    )
    partner = False
    if words.before is not None:
        partner = any(
            words.before.search(text, max(s.sentence.start, a - 40), a) for a, _ in spans[1:]
        )
    if not partner and words.after:
        partner = any(text.startswith(words.after, b) for _, b in spans)
    return Shape(coordinated=coordinated, partner=partner)


#: Cue families that, beside two co-acting organisations, make the sentence a joint step.
JOINT_STEP = ("partner_strong", "partner_weak", "joint", "develop", "study", "explore", "formed")


def structure_features(doc: CuedDocument) -> dict[str, float]:
    """Where co-actor shapes stand (headline, lead, anywhere) and whether a step word joins them."""
    out: dict[str, float] = {}
    lead = {id(s) for s in doc.lead}
    spoken = pair_words(doc.language).spoken
    for s in doc.sentences:
        if (
            spoken
            and s.has("partner_strong", "partner_weak", "joint")
            and any(p.search(s.text) for p in spoken)
        ):
            # a cooperation clause with a party on each side, whether or not the names are
            # known: short company names in CJK headlines carry no organisation head
            out["pair_spoken@any"] = 1.0
            if s.headline:
                out["pair_spoken@headline"] = 1.0
        shape = sentence_shape(doc, s)
        if not shape.any:
            continue
        places = ["any"]
        if s.headline:
            places.append("headline")
        if id(s) in lead:
            places.append("lead")
        for name, present in (("coordinated", shape.coordinated), ("with", shape.partner)):
            if present:
                for place in places:
                    out[f"pair_{name}@{place}"] = 1.0
        if s.has(*JOINT_STEP) and not s.has("acquisition", "stake", "order"):
            out["pair_step"] = 1.0
            if id(s) in lead:
                out["pair_step@lead"] = 1.0
    return out
