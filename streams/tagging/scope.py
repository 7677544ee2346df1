"""Partnership scope: a cue-read document -> what the cooperation covers, where the story states it.

Scope words ("cloud", "batteries", "distribution", ...) count only in sentences that
speak of the cooperation, so a product line mentioned in the background does not
become part of the deal.
"""

from __future__ import annotations

from streams.tagging.cues import CuedDocument
from streams.tagging.scoring import partnership_sentence

PREFIX = "scope:"
#: At most this many scope names, in order of first mention.
MAX_SCOPE = 6


def partnership_scope(doc: CuedDocument) -> tuple[str, ...]:
    found: list[str] = []
    for s in doc.sentences:
        if not (partnership_sentence(s) or (s.headline and s.has("partner_weak"))):
            continue
        for m in s.matches:
            for family in m.families:
                if family.startswith(PREFIX):
                    name = family[len(PREFIX) :]
                    if name not in found:
                        found.append(name)
    return tuple(found[:MAX_SCOPE])
