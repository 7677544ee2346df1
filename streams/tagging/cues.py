"""Cue reading: document + language + linked companies -> sentences with their cue families and companies.

This is the one pass over the text that every scorer shares: sentences are cut, cues
found with the language's Aho-Corasick matcher, and each cue and company mention is
put in its sentence. Cues inside a company name ("China" in "China Southern
Airlines") and anything in the dateline or credit line are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from streams import layout
from streams.linking.linker import CompanyMention
from streams.linking.refdata import Company
from streams.tagging.lexicon import UNSPACED, CueMatcher, Match
from streams.tagging.sentences import Sentence
from streams.text import Document

#: Countries whose companies count as Chinese for China strategy (mainland and Hong Kong).
CHINESE_COUNTRIES: frozenset[str] = frozenset({"CN", "HK", "CHN", "HKG", "CHINA", "HONG KONG"})


@dataclass(slots=True)
class CuedSentence:
    """One sentence with the cues and the companies found in it."""

    sentence: Sentence
    text: str
    matches: list[Match] = field(default_factory=list)
    #: Family -> number of cues of that family in the sentence.
    families: dict[str, int] = field(default_factory=dict)
    #: Ids of the companies mentioned in the sentence, in order of first mention.
    companies: list[str] = field(default_factory=list)
    #: Names with a legal form ("Mayfair Industries Inc") that the linker did not link.
    named_orgs: int = 0
    #: Partnership cues a nearby negation cancelled ("without a joint-venture partner").
    negated_partner_cues: int = 0

    @property
    def organisations(self) -> int:
        """Organisations named in the sentence: linked companies and unlinked legal names."""
        return len(self.companies) + self.named_orgs

    @property
    def headline(self) -> bool:
        return self.sentence.headline

    def has(self, *families: str) -> bool:
        present = self.families
        if not present:
            return False
        for f in families:
            if f in present:
                return True
        return False

    def count(self, family: str) -> int:
        return self.families.get(family, 0)

    def first(self, *families: str) -> Match | None:
        """The first cue of any of ``families``."""
        for m in self.matches:
            if any(f in m.families for f in families):
                return m
        return None


@dataclass(slots=True)
class CuedDocument:
    """The document as the scorers see it."""

    doc: Document
    language: str
    sentences: list[CuedSentence]
    companies: dict[str, Company]
    #: Company id -> offsets (in ``doc.text``) of its mentions outside boilerplate.
    mentions: dict[str, list[tuple[int, int]]]

    @property
    def lead(self) -> list[CuedSentence]:
        """The headline and the first body sentence: where wires state the news."""
        head = [s for s in self.sentences if s.headline]
        body = [s for s in self.sentences if not s.headline]
        return head + body[:1]

    def is_chinese(self, company_id: str) -> bool:
        country = (self.companies[company_id].country or "").upper()
        return country in CHINESE_COUNTRIES


def read_document(
    doc: Document,
    language: str,
    companies: Sequence[CompanyMention],
    matcher: CueMatcher,
    found: Sequence[Match] | None = None,
) -> CuedDocument:
    """Cut ``doc`` into sentences and place every cue and company mention in one.

    ``found``: the cues of ``matcher`` in ``doc.text`` when already read (``Tagger.cues``)."""
    text = doc.text
    sentences = [CuedSentence(s, text[s.start : s.end]) for s in layout.sentences(doc, language)]
    starts = [s.sentence.start for s in sentences]
    skip = layout.boilerplate(doc).regions

    def inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
        # a plain loop, not any() over a generator: called for every cue and mention
        for a, b in ranges:
            if a <= start and end <= b:
                return True
        return False

    by_id: dict[str, Company] = {}
    mentions: dict[str, list[tuple[int, int]]] = {}
    for mention in companies:
        company = mention.company
        by_id[company.id] = company
        spots = mentions.setdefault(company.id, [])
        for span in mention.mentions:
            start = span.start if span.field == "headline" else span.start + doc.body_offset
            end = start + (span.end - span.start)
            if not (skip and inside(start, end, skip)):
                spots.append((start, end))
    company_spans = sorted(spot for spots in mentions.values() for spot in spots)

    def overlaps_company(m: Match) -> bool:
        i = bisect_right(company_spans, (m.start, 1 << 30)) - 1
        for j in (i, i + 1):
            if 0 <= j < len(company_spans):
                a, b = company_spans[j]
                if a < m.end and m.start < b:
                    return True
        return False

    for m in matcher.find(text) if found is None else found:
        if (skip and inside(m.start, m.end, skip)) or (company_spans and overlaps_company(m)):
            continue
        i = bisect_right(starts, m.start) - 1
        if i < 0 or m.end > sentences[i].sentence.end:
            continue
        cued = sentences[i]
        cued.matches.append(m)
        for family in m.families:
            cued.families[family] = cued.families.get(family, 0) + 1

    for cued in sentences:
        if cued.has("negation", "negation_after") and cued.has("partner_strong", "partner_weak"):
            _negate_partner_cues(cued, language)

    for start, company_id in sorted((a, cid) for cid, spots in mentions.items() for a, _ in spots):
        i = bisect_right(starts, start) - 1
        if i >= 0 and company_id not in sentences[i].companies:
            sentences[i].companies.append(company_id)
    if language not in UNSPACED:
        for cued in sentences:
            if cued.matches:
                cued.named_orgs = _legal_names(cued.text, len(cued.companies))
    # sentences wholly inside boilerplate (a credit line) carry nothing
    if skip:
        sentences = [s for s in sentences if not inside(s.sentence.start, s.sentence.end, skip)]
    return CuedDocument(doc, language, sentences, by_id, mentions)


#: A capitalised name ending in a legal form: an organisation even when the linker does not
#: know it (most companies in a wire story are not in any reference data).
LEGAL_NAME = re.compile(
    r"(?:\b[A-Z][\w&'.-]*\s+){1,4}(?:Inc|Corp|Corporation|Co|Cos|Ltd|Limited|Plc|PLC|LLC|AG|SE|SA|"
    r"S\.A|SpA|S\.p\.A|NV|N\.V|BV|GmbH|KGaA|Group|Holdings?|Industries|Bank|Motors?)\b"
)


def _legal_names(text: str, linked: int) -> int:
    """Distinct legal-form names in a sentence beyond the ``linked`` companies (a rough floor)."""
    names = {m.group(0).split()[0] for m in LEGAL_NAME.finditer(text)}
    return max(0, len(names) - linked)


#: Families a negation right before ("without a partner") or after ("提携なし") cancels.
NEGATABLE: frozenset[str] = frozenset({"partner_strong", "partner_weak"})
#: How close a negation must be: words between it and the cue (spaced languages) ...
NEGATION_WORDS = 3
#: ... or characters (Chinese, Japanese, Korean).
NEGATION_CHARS = 4


def _negate_partner_cues(cued: CuedSentence, language: str) -> None:
    """Drop partnership families from cues that a nearby negation cancels."""
    base = cued.sentence.start
    before = [m for m in cued.matches if "negation" in m.families]
    after = [m for m in cued.matches if "negation_after" in m.families]
    unspaced = language in UNSPACED

    def close(gap: str) -> bool:
        if unspaced:
            return len(gap.strip()) <= NEGATION_CHARS
        return len(gap.split()) <= NEGATION_WORDS and not any(p in gap for p in ",.;:")

    kept: list[Match] = []
    for m in cued.matches:
        if NEGATABLE.intersection(m.families) and (
            any(
                n.end <= m.start and close(cued.text[n.end - base : m.start - base]) for n in before
            )
            or any(
                m.end <= n.start and close(cued.text[m.end - base : n.start - base]) for n in after
            )
        ):
            cued.negated_partner_cues += 1
            families = tuple(f for f in m.families if f not in NEGATABLE)
            for f in NEGATABLE.intersection(m.families):
                cued.families[f] -= 1
                if not cued.families[f]:
                    del cued.families[f]
            if not families:
                continue
            m = Match(m.start, m.end, families)
        kept.append(m)
    cued.matches = kept
