"""Partnership details: a cue-read document -> the partner pairs (company ids) and the step reported.

Partners are the linked organisations named where the story states the cooperation
(the headline and the sentences with a partnership cue), the headline and lead
counting double so that a company named once in the background does not outrank
the two that sign. Organisations the linker does not know (a university, a ministry, a
start-up; see ``organisations``) stand in where a sentence names no linked company for
that side, at most one per story, and never without a linked company to pair with. The
status follows the wire convention of the spec: the step the
story reports, read from the sentences that speak of the cooperation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from streams import layout
from streams.linking.refdata import Company
from streams.records import PartnershipStatus
from streams.tagging.cues import CuedDocument, CuedSentence
from streams.tagging.organisations import (
    find_organisations,
    in_partner_slot,
    looks_chinese,
    org_key,
)
from streams.tagging.scoring import partnership_sentence

#: A third company joins the pairs only when it scores at least this share of the second.
MULTIPARTY_SHARE = 0.8
MAX_PARTNERS = 4
#: Prefix of the ids given to organisations found by name patterns, not in the reference data.
ORG_ID_PREFIX = "org:"
#: Unlisted organisations found by pattern that may join the partners of one story.
MAX_ORGANISATIONS = 1
#: Formally named organisations (legal form, wire symbol) that may pair with each other in a
#: story that names no linked company.
MAX_FORMAL_ORGANISATIONS = 3
#: Extra weight for a name placed as a partner ("with X", "A and X").
SLOT_BONUS = 1.0


def _relevant(doc: CuedDocument) -> list[CuedSentence]:
    return [s for s in doc.sentences if s.headline or partnership_sentence(s)]


def _weight(s: CuedSentence, lead: set[int]) -> float:
    weight = 2.0 if id(s) in lead else 1.0
    if s.has("partner_strong"):
        weight += 1.0
    if s.has("stake", "acquisition") and not s.has("partner_strong"):
        weight *= 0.5  # shareholders and owners named in passing
    return weight


def partner_ids(doc: CuedDocument) -> list[str]:
    """Company ids taking part, best first (at most ``MAX_PARTNERS``).

    An unlisted organisation found by name gets an ``ORG_ID_PREFIX`` id and is added to
    ``doc.companies`` (so the caller can name it) when it is chosen.
    """
    lead = {id(s) for s in doc.lead}
    relevant = _relevant(doc)
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for s in relevant:
        weight = _weight(s, lead)
        for cid in s.companies:
            scores[cid] = scores.get(cid, 0.0) + weight
            first_seen.setdefault(cid, s.sentence.index)
    linked_ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    orgs = _organisations(doc, relevant, lead)
    limit = MAX_ORGANISATIONS
    if not linked_ranked:
        # no linked company: names with a legal form or a wire symbol may pair with each other
        orgs = {oid: org for oid, org in orgs.items() if org.formal}
        if len(orgs) < 2:
            return []
        limit = MAX_FORMAL_ORGANISATIONS
    if not orgs:
        return _choose(doc, linked_ranked, scores, {})
    org_ids = sorted(orgs, key=lambda o: (-orgs[o].score, orgs[o].first_seen))[:limit]
    slots = _linked_slots(doc, relevant, [orgs[oid] for oid in org_ids])
    for cid, placed in slots.items():
        scores[cid] += SLOT_BONUS * placed  # as the organisations' scores count it
    for oid in org_ids:
        scores[oid] = orgs[oid].score
        first_seen[oid] = orgs[oid].first_seen
        slots[oid] = orgs[oid].slots
    # where a name found by pattern competes, being placed as a partner breaks ties, and
    # a linked company wins what is left
    ranked = sorted(
        (*linked_ranked, *org_ids),
        key=lambda c: (-scores[c], -slots.get(c, 0), first_seen[c], c.startswith(ORG_ID_PREFIX)),
    )
    chosen = _choose(doc, ranked, scores, {oid: orgs[oid].sentences for oid in org_ids}, slots)
    for oid in chosen:
        if oid in orgs:
            _register(doc, oid, orgs[oid])
    return chosen


def _choose(
    doc: CuedDocument,
    ranked: list[str],
    scores: dict[str, float],
    org_sentences: dict[str, set[int]],
    slots: dict[str, int] | None = None,
) -> list[str]:
    """The top two, and a third or fourth named with them in a partnership sentence.

    With ``slots`` (an organisation found by pattern competes), a third must also be
    placed as a partner somewhere.
    """
    if len(ranked) <= 2:
        return ranked
    chosen = ranked[:2]
    floor = scores[ranked[1]] * MULTIPARTY_SHARE

    def named(s: CuedSentence, cid: str) -> bool:
        return cid in s.companies or s.sentence.index in org_sentences.get(cid, ())

    for cid in ranked[2:MAX_PARTNERS]:
        together = any(
            partnership_sentence(s) and all(named(s, c) for c in (*chosen, cid))
            for s in doc.sentences
        )
        placed = slots is None or slots.get(cid, 0) > 0
        if scores[cid] >= floor and together and placed:
            chosen.append(cid)
    return chosen


@dataclass(slots=True)
class _Organisation:
    """An unlisted organisation found by name in the partnership sentences."""

    name: str
    score: float = 0.0
    first_seen: int = 1 << 30
    sentences: set[int] = field(default_factory=set)
    spots: list[tuple[int, int]] = field(default_factory=list)
    #: Sentences where it is placed as a partner.
    slots: int = 0
    #: Named once at least with a legal form or a wire symbol.
    formal: bool = False


def _organisations(
    doc: CuedDocument, relevant: list[CuedSentence], lead: set[int]
) -> dict[str, _Organisation]:
    """Organisation id -> what was found, from sentences lacking a linked company for a side."""
    skip = layout.boilerplate(doc.doc).regions
    spots = [spot for cid_spots in doc.mentions.values() for spot in cid_spots]
    known: set[str] | None = None  # built on the first name found: most stories have none
    found: dict[str, _Organisation] = {}
    for s in relevant:
        if len(s.companies) >= 2 and id(s) not in lead:
            continue  # both sides linked; only where the news is stated may a name displace one
        a, b = s.sentence.start, s.sentence.end
        taken = [(x - a, y - a) for x, y in (*spots, *skip) if x < b and a < y]
        for org in find_organisations(s.text, doc.language, taken):
            if len(s.companies) >= 2 and not org.slot:
                continue  # both sides are linked companies here
            key = org_key(org.name)
            if known is None:
                known = _linked_keys(doc)
            if _is_linked(key, known):
                continue
            oid = ORG_ID_PREFIX + key
            entry = found.setdefault(oid, _Organisation(org.name))
            entry.score += _weight(s, lead) + (SLOT_BONUS if org.slot else 0.0)
            entry.first_seen = min(entry.first_seen, s.sentence.index)
            entry.sentences.add(s.sentence.index)
            entry.spots.append((a + org.start, a + org.end))
            entry.slots += int(org.slot)
            entry.formal = entry.formal or org.formal
    return _merge_short_forms(found)


def _linked_slots(
    doc: CuedDocument, relevant: list[CuedSentence], orgs: list[_Organisation]
) -> dict[str, int]:
    """Linked company id -> sentences where it is placed as a partner (next to another)."""
    org_spots = [spot for org in orgs for spot in org.spots]
    slots: dict[str, int] = {}
    for s in relevant:
        a, b = s.sentence.start, s.sentence.end
        inside = {
            cid: [(x - a, y - a) for x, y in doc.mentions.get(cid, ()) if a <= x < b]
            for cid in s.companies
        }
        extra = [(x - a, y - a) for x, y in org_spots if a <= x < b]
        for cid, spans in inside.items():
            others = [sp for c, sps in inside.items() if c != cid for sp in sps] + extra
            if any(in_partner_slot(s.text, x, y, doc.language, others) for x, y in spans):
                slots[cid] = slots.get(cid, 0) + 1
    return slots


def _linked_keys(doc: CuedDocument) -> set[str]:
    """Name keys of the linked companies: their names, aliases and brands, and the text of each mention."""
    keys: set[str] = set()
    for cid, company in doc.companies.items():
        if cid.startswith(ORG_ID_PREFIX):
            continue
        keys.add(org_key(company.name))
        keys.update(org_key(a) for names in company.aliases.values() for a in names)
        keys.update(org_key(b) for b in company.brands)
    for spots in doc.mentions.values():
        keys.update(org_key(doc.doc.text[a:b]) for a, b in spots)
    keys.discard("")
    return keys


def _is_linked(key: str, known: set[str]) -> bool:
    """The name is a linked company's, or contains one ("Robert Bosch GmbH" for Bosch)."""
    if key in known:
        return True
    padded = f" {key} "
    return any(len(k) >= 3 and f" {k} " in padded for k in known)


def _merge_short_forms(found: dict[str, _Organisation]) -> dict[str, _Organisation]:
    """A short form and the full name in one story ("Nortia", "Nortia Motors") are one, named in full."""
    merged: dict[str, _Organisation] = {}
    for oid in sorted(found, key=len, reverse=True):
        entry = found[oid]
        key = oid[len(ORG_ID_PREFIX) :]
        longer = next(
            (m for m in merged if (m[len(ORG_ID_PREFIX) :] + " ").startswith(key + " ")), None
        )
        if longer is None:
            merged[oid] = entry
            continue
        target = merged[longer]
        target.score += entry.score
        target.first_seen = min(target.first_seen, entry.first_seen)
        target.sentences |= entry.sentences
        target.spots.extend(entry.spots)
        target.slots += entry.slots
        target.formal = target.formal or entry.formal
    return merged


def _register(doc: CuedDocument, oid: str, org: _Organisation) -> None:
    """Name the organisation for the caller; a Chinese one counts as Chinese for China strategy."""
    chinese = looks_chinese(org.name, doc.language) or any(
        looks_chinese(doc.doc.text[a:b], doc.language) for a, b in org.spots
    )
    doc.companies[oid] = Company(
        id=oid, name=org.name, country="CN" if chinese else None, listed=False
    )
    if chinese:
        doc.mentions[oid] = sorted(set(org.spots))


def partner_pairs(ids: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(combinations(ids, 2))


def partnership_status(doc: CuedDocument) -> PartnershipStatus:
    """terminated > memorandum/letter of intent > expanded > talks/study > formed."""
    lead = {id(s) for s in doc.lead}
    tally = {"terminate": 0.0, "explore_doc": 0.0, "expand": 0.0, "explore": 0.0, "formed": 0.0}
    relevant = _relevant(doc)
    # the lead states the news even when its cooperation word is one the cue families call
    # weak: a memorandum, letter of intent or study there makes the step exploring ("signed
    # a letter of intent to license ..." under a "pact" headline); its other step words may
    # speak of something else ("the network will expand to 500 stations")
    for s in doc.lead:
        if all(s is not r for r in relevant) and (s.has("explore_doc") or s.has("study")):
            tally["explore_doc"] += 2.0
    for s in relevant:
        if not (s.has("partner_strong", "partner_weak", "explore_doc") or s.companies):
            continue
        weight = 2.0 if id(s) in lead else 1.0
        # "signed an agreement to study a cooperation": what is signed is a study or a
        # pilot, a step of exploring (the spec), not the cooperation itself
        signed_study = s.has("study") and s.has("formed")
        for family in tally:
            if s.has(family) and not (signed_study and family == "formed"):
                tally[family] += weight
        if signed_study:
            tally["explore_doc"] += weight
    if tally["terminate"] >= 2.0 and tally["terminate"] >= tally["expand"]:
        return "terminated"
    if tally["explore_doc"] > 0:
        return "exploring"
    if tally["expand"] >= 2.0 and tally["expand"] > tally["formed"] * 0.5:
        return "expanded"
    if tally["explore"] > tally["formed"]:
        return "exploring"
    return "formed"
