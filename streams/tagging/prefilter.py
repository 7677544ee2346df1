"""Quick reject: a story with no cue of any family cannot be tagged, so it needs no tagging.

Most real news names no partnership, China or vehicle word at all. For such a story the
tagger's one automaton pass finds nothing, and every feature built from cue families is
zero; only the features listed in ``CUE_FREE_FEATURES`` (company counts, the co-actor
shapes of ``structure``, a headline-only story) can still be set. ``silent_without_cues``
checks, for the models in use, that no combination of those features reaches any tag's
threshold: then skipping the tagger for a cue-free story gives exactly the same result
(no tag, no partnership), and the pipeline may do so. With models for which that does not
hold (a refit that weighs a cue-free feature heavily), the quick reject is off.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from streams.tagging.scoring import TagModel

#: Per tag: the features that can be non-zero in a document without a single cue (each is
#: 0 or 1 there). tests/unit/test_prefilter.py checks this list against the tagger on every
#: labelled story with its cues taken away.
CUE_FREE_FEATURES: Mapping[str, tuple[str, ...]] = {
    "partnership": (
        "two_companies",
        "no_company",
        "no_company_unspaced",
        "headline_only",
        "pair_coordinated@any",
        "pair_coordinated@headline",
        "pair_coordinated@lead",
        "pair_with@any",
        "pair_with@headline",
        "pair_with@lead",
    ),
    "china_strategy": ("no_company", "headline_only"),
    "auto_tech": ("headline_only",),
}


def highest_cue_free_probability(name: str, model: TagModel) -> float:
    """The highest probability ``model`` gives any document without cues (every subset of
    the cue-free features set to 1, the rest 0)."""
    free = CUE_FREE_FEATURES.get(name, ())
    return max(
        model.probability(dict.fromkeys(subset, 1.0))
        for size in range(len(free) + 1)
        for subset in combinations(free, size)
    )


def silent_without_cues(models: Mapping[str, TagModel]) -> bool:
    """True when no tag of ``models`` can fire on a document without cues."""
    return all(
        name in CUE_FREE_FEATURES and highest_cue_free_probability(name, model) < model.threshold
        for name, model in models.items()
    )
