"""Linker: article text + language + feed tickers -> the companies it mentions, with spans.

How a company is found, strongest first (``CompanyMention.via`` gives the strongest found):
``name`` (any alias or the canonical name, legal suffixes normalised), ``ticker`` (inline markup
such as ``(NYSE:BABA)`` or ``<7203.T>``), ``brand`` (a brand or unlisted subsidiary resolved to its
listed parent) and ``feed`` (a ticker the feed attached; no spans).

Rules, in the order they apply:

* one Aho-Corasick automaton over every normalised name; leftmost-longest matches win
  (长城汽车 over 长城), Latin-script names must stand on word boundaries (no Ford in Stanford),
  with French elision (d'Alibaba) and a German genitive -s (Fords) allowed;
* short all-capital names (GM, VW) match case-sensitively; other names starting with a capital
  must start with one in the text; names in ``Company.ambiguous`` must keep their spelling;
* nothing in a dateline or a trailing credit line links, nor does a news agency's bare name;
* an ambiguous name links only when the story anchors its company (ticker markup, another
  unambiguous name, or a company word, legal form or sector word around it) and never where it
  is evidently something else (Harrison Ford, Ford Foundation, 长城脚下, 理想的);
* a capitalised ambiguous name the story uses at least twice, once mid-sentence in the body,
  and never as an ordinary word or the dateline's place, is the company ("avec Orange");
* a company named once in passing (once, by name or brand, after the lead paragraph or as a
  comparison in it, while another company is the subject) is left out unless ``Linker(..., keep_passing=True)``;
  labelled stories list only the companies a story is materially about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import ahocorasick

from streams import layout
from streams.linking import context
from streams.linking.markup import EXCHANGES, ListingIndex, find_tickers
from streams.linking.names import (
    CJK_SUFFIX_RE,
    LATIN_SUFFIX_RE,
    WEAK_SUFFIXES,
    alias_variants,
    all_han,
    fold_width,
    is_cjk,
    is_hangul,
    is_word_char,
    normalise,
)
from streams.records import Company, Span
from streams.text import Document

#: The bounds of the sentence around a range of the text (the text layer's sentences).
Bounds = Callable[[int, int], tuple[int, int]]

Via = Literal["name", "brand", "ticker", "feed"]

_VIA_RANK: dict[str, int] = {"name": 0, "ticker": 1, "brand": 2, "feed": 3}
_ACRONYM_MAX = 5
_CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
_VENUE_KEYS = frozenset(
    {normalise(n) for n in EXCHANGES if len(n) > 3 and " " not in n}
    | {"euronext", "deutsche börse", "deutsche boerse", "borsa italiana", "japan exchange"}
) - {
    "amex",
    "pink",
    "paris",
    "milan",
    "milano",
    "london",
    "tokyo",
    "madrid",
    "amsterdam",
    "shanghai",
    "shenzhen",
    "frankfurt",
    "toronto",
    "zurich",
    "stockholm",
    "taiwan",
    "brussels",
    "new york",
}


@dataclass(frozen=True, slots=True)
class CompanyMention:
    """A company the article mentions, how it was found, and where."""

    company: Company
    mentions: tuple[Span, ...]
    via: Via


@dataclass(frozen=True, slots=True)
class _Entry:
    """What one matching key stands for."""

    company: Company
    via: Via
    ambiguous: bool
    #: Explicit alias (True) or a form derived by suffix rules (False).
    explicit: bool
    #: Width-folded spelling of the name as the data gives it, when known.
    surface: str
    #: The text must equal ``surface`` exactly (short all-capital names).
    exact: bool
    #: The name has capitals, so an all-lower-case text is an ordinary word.
    capital: bool


@dataclass(slots=True)
class _Found:
    company: Company
    spans: list[tuple[int, int]] = field(default_factory=list)
    vias: set[str] = field(default_factory=set)


class Linker:
    """Finds companies by name, brand or ticker markup. Build once per reference data version."""

    def __init__(self, companies: Iterable[Company], *, keep_passing: bool = False) -> None:
        """``keep_passing=True`` also returns companies named once in passing (see ``_passing``)."""
        self._keep_passing = keep_passing
        self._companies = list(companies)
        self._listings = ListingIndex(self._companies)
        self._families = {
            c.id: context.sector_family(c.sector, c.industry) for c in self._companies
        }
        table = _build_table(self._companies)
        # pyahocorasick compares a character with a node's children one by one, and the CJK
        # names give the root hundreds of children: every character of a Latin-script story
        # paid for them. Names with a wide (CJK) character get an automaton of their own,
        # run only over text that has such a character, where alone they can match.
        wide = {key for key in table if _WIDE_CHAR_RE.search(key)}
        self._narrow = _automaton({k: v for k, v in table.items() if k not in wide})
        self._wide = _automaton({k: v for k, v in table.items() if k in wide})
        self._empty = not table

    def link(
        self, doc: Document, language: str, feed_tickers: Sequence[str] = ()
    ) -> list[CompanyMention]:
        text = doc.text
        folded = fold_width(text)
        norm = normalise(text, folded)
        layer = layout.boilerplate(doc)
        regions, agencies = layer.regions, layer.agencies
        agency_keys = {normalise(a) for a in agencies} | layout.KNOWN_AGENCIES
        bounds: Bounds = partial(layout.sentence_around, doc, language)

        found: dict[str, _Found] = {}
        markup_spans: list[tuple[int, int]] = []
        for ref in find_tickers(folded):
            markup_spans.append((ref.start, ref.end))
            if layout.in_regions(ref.start, ref.end, regions):
                continue
            company = self._listings.resolve(ref)
            if company is None:
                continue
            hit = found.setdefault(company.id, _Found(company))
            hit.spans.append((ref.start, ref.end))
            hit.vias.add("ticker")

        pending: list[tuple[int, int, int, tuple[_Entry, ...]]] = []
        # Names in the dateline ("SANTANDER (Agencia) -") are places there.
        places = [norm[s:e] for s, e in regions if s <= doc.body_offset + 80]
        if not self._empty:
            for start, name_end, entries in self._matches(folded, norm):
                if layout.in_regions(start, name_end, regions):
                    continue
                if norm[start:name_end] in agency_keys:
                    continue
                if any(s < name_end and start < e for s, e in markup_spans):
                    continue  # "NASDAQ" in "(NASDAQ: NIO)" is not Nasdaq Inc.
                pending.append((start, name_end, _extend_suffix(folded, norm, name_end), entries))

        # First pass: the companies the story anchors without doubt.
        anchored = set(found)
        for _, _, _, entries in pending:
            if len({e.company.id for e in entries}) == 1 and not entries[0].ambiguous:
                anchored.add(entries[0].company.id)
        for start, name_end, end, entries in pending:
            for entry in entries:
                if entry.ambiguous and entry.company.id not in anchored:
                    if self._supported(folded, norm, start, name_end, end, entry, language, bounds):
                        anchored.add(entry.company.id)
        if language not in CAPITALISED_NOUNS:
            anchored |= _anchored_by_repetition(
                folded, norm, pending, anchored, doc.body_offset, places, bounds
            )

        for start, name_end, end, entries in pending:
            chosen = (
                [e for e in entries if e.company.id in anchored]
                if len({e.company.id for e in entries}) > 1
                else list(entries)
            )
            if len({e.company.id for e in chosen}) != 1:
                continue
            entry = chosen[0]
            if entry.ambiguous:
                if entry.company.id not in anchored:
                    continue
                sent_start, _ = bounds(start, end)
                if context.is_ordinary_word(folded, start, name_end, sent_start):
                    continue
            record = found.setdefault(entry.company.id, _Found(entry.company))
            record.spans.append((start, end))
            record.vias.add(entry.via)

        ordered = sorted(found.values(), key=lambda f: min(s for s, _ in f.spans))
        if not self._keep_passing:
            ordered = _drop_passing(ordered, text, doc.body_offset, bounds)
        result = [
            CompanyMention(
                company=f.company,
                mentions=tuple(doc.span(s, e) for s, e in sorted(set(f.spans))),
                via=min(f.vias, key=_VIA_RANK.__getitem__),  # type: ignore[arg-type]
            )
            for f in ordered
        ]
        seen = set(found)
        for ticker in feed_tickers:
            company = self._listings.resolve_feed(ticker)
            if company is not None and company.id not in seen:
                seen.add(company.id)
                result.append(CompanyMention(company=company, mentions=(), via="feed"))
        return result

    def _matches(self, folded: str, norm: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Leftmost-longest name matches that stand on boundaries and fit the case rules."""
        candidates: list[tuple[int, int, tuple[_Entry, ...]]] = []
        automata = [self._narrow]
        if _WIDE_CHAR_RE.search(norm):
            automata.append(self._wide)
        for automaton in automata:
            if automaton is None:
                continue
            for last, (length, entries) in automaton.iter(norm):
                end = last + 1
                start = end - length
                if not _on_boundary(norm, start, end) or _inside_katakana_word(norm, start, end):
                    continue
                surface = folded[start:end]
                if len(entries) == 1:  # the usual case, without building a new tuple
                    fitting = entries if _case_fits(surface, entries[0]) else ()
                else:
                    fitting = tuple(e for e in entries if _case_fits(surface, e))
                if fitting:
                    candidates.append((start, end, fitting))
        # Each (start, end) is one key, so this order does not depend on the automata's order.
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        chosen = []
        edge = -1
        for i, (start, end, entries) in enumerate(candidates):
            if start < edge:
                continue
            # CJK has no spaces: prefer a shorter name when the longer one eats the start of a
            # word that usually follows company names (京东|方面 rather than 京东方|面).
            for start2, end2, entries2 in candidates[i + 1 :]:
                if start2 != start:
                    break
                if is_cjk(norm[end - 1]) and _cue_across(norm, end2, end):
                    end, entries = end2, entries2
                    break
            chosen.append((start, end, entries))
            edge = end
        return chosen

    def _supported(
        self,
        folded: str,
        norm: str,
        start: int,
        name_end: int,
        end: int,
        entry: _Entry,
        language: str,
        bounds: Bounds,
    ) -> bool:
        """Does the context around an ambiguous name make it the company?"""
        sent_start, sent_end = bounds(start, end)
        if context.is_ordinary_word(folded, start, name_end, sent_start):
            return False
        if name_end < end:  # a legal form followed it: "Shell plc", "小米集团"
            return True
        name = folded[start:name_end]
        if language in _CJK_LANGUAGES and entry.via == "name" and name[:1].isupper():
            # A capitalised Latin company name in Chinese, Japanese or Korean prose is a foreign
            # proper name, not an English word (brands such as "Robotaxi" may still be nouns).
            return True
        if context.has_company_cue(folded, start, name_end, sent_start):
            return True
        families = self._families.get(entry.company.id, ())
        if all_han(folded[start:name_end]):
            # Han names are words too (小米 millet, 大众 the public): only a sector word glued
            # to the name counts (小米手机), not one elsewhere in the sentence.
            return context.sector_word_follows(norm, name_end, families)
        return context.has_sector_context(norm, start, name_end, families, sent_start, sent_end)


#: Words right before a capitalised name that make it a place or a thing ("the Amazon").
_ARTICLES_BEFORE = frozenset({"the"})


#: Languages that capitalise every noun, where a capital letter says nothing about a name.
CAPITALISED_NOUNS: frozenset[str] = frozenset({"de"})


def _anchored_by_repetition(
    folded: str,
    norm: str,
    pending: Sequence[tuple[int, int, int, tuple[_Entry, ...]]],
    anchored: set[str],
    body_offset: int,
    places: Sequence[str],
    bounds: Bounds,
) -> set[str]:
    """Ambiguous Latin-script names the story keeps using as a proper name.

    A capitalised ambiguous name ("Orange", "Safran", "Volvo") that is never evidently an ordinary
    word, is named at least twice, and at least once in the body in the middle of a sentence
    (not sentence-initial, where any word is capitalised, and not after "the") is the company:
    "Xiaomi signe avec Orange ... Orange, de son côté, ...". A name that is the dateline's place
    ("SANTANDER (Agencia) - El puerto de Santander ...") is not, and German is left out: every
    noun is capitalised there ("Der Puma ... wo der Puma jagt").
    """
    seen: dict[str, list[tuple[int, int, bool]]] = {}
    spoiled: set[str] = set()
    for start, name_end, _, entries in pending:
        ids = {e.company.id for e in entries}
        if len(ids) != 1:
            continue
        entry = entries[0]
        cid = entry.company.id
        if not entry.ambiguous or cid in anchored or cid in spoiled:
            continue
        first = folded[start]
        if first.lower() == first.upper() or not first.isupper():
            continue  # uncased scripts (CJK) keep the stricter rules
        sent_start, _ = bounds(start, name_end)
        key = norm[start:name_end]
        if any(key in p for p in places) or context.is_ordinary_word(
            folded, start, name_end, sent_start
        ):
            spoiled.add(cid)
            continue
        prev = context.prev_tokens(folded, start, 1, sent_start)
        mid = start >= body_offset and bool(prev) and prev[0][1].lower() not in _ARTICLES_BEFORE
        seen.setdefault(cid, []).append((start, name_end, mid))
    return {
        cid
        for cid, hits in seen.items()
        if cid not in spoiled and len(hits) >= 2 and any(mid for _, _, mid in hits)
    }


#: A character at or above U+2E80, where the CJK blocks begin.
_WIDE_CHAR_RE = re.compile("[^\x00-\u2e7f]")


def _automaton(
    table: dict[str, list[_Entry]],
) -> ahocorasick.Automaton | None:
    """An automaton from each key to ``(len(key), entries)``; None for an empty table."""
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, entries in table.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    automaton.make_automaton()
    return automaton


def _build_table(companies: Iterable[Company]) -> dict[str, list[_Entry]]:
    """Every matching key -> what it stands for, after clash rules.

    Explicit names beat derived forms; a derived form claimed by several companies, or a derived
    single word that begins another company's name (Mitsubishi from "Mitsubishi Corp"), is dropped;
    a company's name beats another company's brand.
    """
    table: dict[str, list[_Entry]] = {}
    for company in companies:
        # Exchange names are venues far more often than the listed exchange operator.
        ambiguous = set(_VENUE_KEYS)
        for word in company.ambiguous:
            for key, _ in alias_variants(word):
                ambiguous.add(key)
        names = [company.name, *(n for group in company.aliases.values() for n in group)]
        sources: list[tuple[str, Via]] = [(n, "name") for n in names]
        sources += [(b, "brand") for b in company.brands]
        for alias, via in sources:
            folded = fold_width(alias).strip()
            for key, derived in alias_variants(alias):
                surface = folded[: len(key)] if normalise(folded).startswith(key) else ""
                bucket = table.setdefault(key, [])
                same = [i for i, e in enumerate(bucket) if e.company.id == company.id]
                if same:
                    # A derived form met first ("porsche" from "Porsche AG") gives way to the
                    # same key given explicitly later ("Porsche"): explicit names win clashes.
                    old = bucket[same[0]]
                    if derived or old.explicit or (old.via == "name" and via == "brand"):
                        continue
                    del bucket[same[0]]
                letters = [c for c in surface if c.isalpha()]
                exact = bool(letters) and surface.isupper() and len(letters) <= _ACRONYM_MAX
                bucket.append(
                    _Entry(
                        company=company,
                        via=via,
                        ambiguous=key in ambiguous,
                        explicit=not derived,
                        surface=surface,
                        exact=exact and not any(is_cjk(c) for c in surface),
                        capital=any(c.isupper() for c in surface),
                    )
                )
    first_words: dict[str, set[str]] = {}
    for key, entries in table.items():
        if " " in key:
            for e in entries:
                if e.explicit:
                    first_words.setdefault(key.split(" ", 1)[0], set()).add(e.company.id)
    for key in list(table):
        entries = table[key]
        if any(e.explicit for e in entries):
            entries = [e for e in entries if e.explicit]
        elif len({e.company.id for e in entries}) > 1:
            entries = []
        elif " " not in key and first_words.get(key, set()) - {entries[0].company.id}:
            entries = []
        if any(e.via == "name" for e in entries):
            named = [e for e in entries if e.via == "name"]
            entries = named + [
                e
                for e in entries
                if e.via == "brand" and e.company.id in {n.company.id for n in named}
            ]
        if entries:
            table[key] = entries
        else:
            del table[key]
    return table


def _on_boundary(norm: str, start: int, end: int) -> bool:
    """Does ``norm[start:end]`` stand on word boundaries (Latin words, Hangul runs)?"""
    # Cheap guards first: after a space or a punctuation mark (most hits) neither check
    # below can fail (word characters are alphanumeric, Hangul starts at U+1100).
    before = norm[start - 1] if start > 0 else " "
    if before.isalnum() or before >= "\u1100":
        first = norm[start]
        if is_word_char(first) and is_word_char(before):
            return False
        if is_hangul(first) and is_hangul(before):
            return False
    if end < len(norm) and norm[end].isalnum():
        last = norm[end - 1]
        if not (is_word_char(last) and is_word_char(norm[end])):
            return True
        # German genitive "Fords", "Alibabas": one s, then the word ends.
        return (
            norm[end] == "s"
            and last.isalpha()
            and last != "s"
            and (end + 1 >= len(norm) or not is_word_char(norm[end + 1]))
        )
    return True


#: A short katakana name inside a longer katakana word is that word: エネル in エネルギー.
SHORT_KATAKANA = 4
#: Katakana words that may follow a company name directly: トヨタグループ, ソニーグループ.
KATAKANA_COMPANY_WORDS: tuple[str, ...] = (
    "グループ", "ホールディングス", "コーポレーション", "モーター", "ジャパン", "テクノロジー",
)  # fmt: skip


def _is_katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff"


def _inside_katakana_word(norm: str, start: int, end: int) -> bool:
    """A short katakana name that runs into the katakana around it (no spaces in Japanese)."""
    if end - start > SHORT_KATAKANA or not _is_katakana(norm[start]):
        return False
    if start > 0 and _is_katakana(norm[start - 1]) and _is_katakana(norm[start]):
        return True
    if end < len(norm) and _is_katakana(norm[end]) and _is_katakana(norm[end - 1]):
        return not norm.startswith(KATAKANA_COMPANY_WORDS, end)
    return False


def _case_fits(surface: str, entry: _Entry) -> bool:
    if entry.exact:
        return surface == entry.surface
    first = surface[:1]
    if first.lower() == first.upper():  # uncased scripts: CJK, digits
        return True
    if entry.ambiguous and entry.surface:
        return first.isupper() and surface[1:] == entry.surface[1:]
    if entry.capital:
        # "easyJet" may stand for "EasyJet", but all-lower "fiat" or "meta" is a word.
        return not surface.islower()
    return True


def _extend_suffix(folded: str, norm: str, end: int) -> int:
    """The end of a legal form right after a name ("Volkswagen AG", "长城汽车股份有限公司")."""
    m = CJK_SUFFIX_RE.match(norm, end)
    if m is not None:
        return m.end()
    m = LATIN_SUFFIX_RE.match(norm, end)
    if m is not None:
        form = m.group(0).lstrip(", ").strip()
        if form in WEAK_SUFFIXES and not folded[m.end() - len(form)].isupper():
            return end
        return m.end()
    return end


def _cue_across(norm: str, short_end: int, long_end: int) -> bool:
    """A company cue word starts at ``short_end`` and runs past ``long_end``."""
    return any(
        norm.startswith(cue, short_end) and short_end + len(cue) > long_end
        for cue in context.CJK_COMPANY_AFTER
    )


def _drop_passing(found: list[_Found], text: str, body_offset: int, bounds: Bounds) -> list[_Found]:
    """Without the companies named only in passing.

    A company is named in passing when it is named once, by name or brand (not by ticker markup),
    after the lead paragraph, while another company is the story's subject (named in the headline
    or more than once): "Toyota makes cars through joint ventures with FAW and GAC." In the lead paragraph only a company named once as a point
    of comparison is in passing ("to compete against Amazon and Microsoft").
    A co-owner of a joint venture the story names (a linked unlisted organisation in the same
    sentence as a joint-venture word) is not in passing: "its venture Banma, a joint venture
    formed with SAIC Motor" ties SAIC Motor to the story through Banma.
    """
    lead_end = text.find("\n", body_offset)
    if lead_end < 0:
        return found
    subjects = [f for f in found if len(set(f.spans)) > 1 or min(f.spans)[0] < body_offset]
    if not subjects:
        return found

    def passing(f: _Found) -> bool:
        if len(set(f.spans)) > 1 or "ticker" in f.vias:
            return False
        name_start = f.spans[0][0]
        if name_start < body_offset:
            return False
        start, end = bounds(name_start, f.spans[0][1])
        if name_start <= lead_end:
            # In the lead only a named comparison is in passing: "... against Amazon and
            # Microsoft", "... as rivals such as Sany eat into its share".
            return context.compared_before(text, start, name_start)
        others = [g for g in found if g is not f and any(start <= s < end for s, _ in g.spans)]
        named_venture = any(not g.company.listed for g in others) or (
            not f.company.listed and bool(others)
        )
        return not (named_venture and context.names_joint_venture(text[start:end]))

    return [f for f in found if not passing(f)]
