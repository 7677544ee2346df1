"""Partnership details: a cue-read document -> the partner pairs (company ids) and the step reported.

Partners are the linked organisations named where the story states the cooperation
(the headline and the sentences with a partnership cue), the headline and lead
counting double so that a company named once in the background does not outrank
the two that sign. The status follows the wire convention of the spec: the step the
story reports, read from the sentences that speak of the cooperation.
"""

from __future__ import annotations

from itertools import combinations

from streams.records import PartnershipStatus
from streams.tagging.cues import CuedDocument, CuedSentence
from streams.tagging.scoring import partnership_sentence

#: A third company joins the pairs only when it scores at least this share of the second.
MULTIPARTY_SHARE = 0.8
MAX_PARTNERS = 4


def _relevant(doc: CuedDocument) -> list[CuedSentence]:
    return [s for s in doc.sentences if s.headline or partnership_sentence(s)]


def partner_ids(doc: CuedDocument) -> list[str]:
    """Company ids taking part, best first (at most ``MAX_PARTNERS``)."""
    lead = {id(s) for s in doc.lead}
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    for s in _relevant(doc):
        weight = 2.0 if id(s) in lead else 1.0
        if s.has("partner_strong"):
            weight += 1.0
        if s.has("stake", "acquisition") and not s.has("partner_strong"):
            weight *= 0.5  # shareholders and owners named in passing
        for cid in s.companies:
            scores[cid] = scores.get(cid, 0.0) + weight
            first_seen.setdefault(cid, s.sentence.index)
    ranked = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    if len(ranked) <= 2:
        return ranked
    chosen = ranked[:2]
    floor = scores[ranked[1]] * MULTIPARTY_SHARE
    for cid in ranked[2:MAX_PARTNERS]:
        together = any(
            partnership_sentence(s) and all(c in s.companies for c in (*chosen, cid))
            for s in doc.sentences
        )
        if scores[cid] >= floor and together:
            chosen.append(cid)
    return chosen


def partner_pairs(ids: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple(combinations(ids, 2))


def partnership_status(doc: CuedDocument) -> PartnershipStatus:
    """terminated > memorandum/letter of intent > expanded > talks/study > formed."""
    lead = {id(s) for s in doc.lead}
    tally = {"terminate": 0.0, "explore_doc": 0.0, "expand": 0.0, "explore": 0.0, "formed": 0.0}
    for s in _relevant(doc):
        if not (s.has("partner_strong", "partner_weak", "explore_doc") or s.companies):
            continue
        weight = 2.0 if id(s) in lead else 1.0
        for family in tally:
            if s.has(family):
                tally[family] += weight
    if tally["terminate"] >= 2.0 and tally["terminate"] >= tally["expand"]:
        return "terminated"
    if tally["explore_doc"] > 0:
        return "exploring"
    if tally["expand"] >= 2.0 and tally["expand"] > tally["formed"] * 0.5:
        return "expanded"
    if tally["explore"] > tally["formed"]:
        return "exploring"
    return "formed"
