"""Tagger: article text + language + linked companies -> tags with evidence and the partnership.

Pure and fast: the per-language cue automata are built once in ``Tagger()`` from the
package's lexicon files; ``tag`` reads the document once (``cues.read_document``),
scores each topic with its logistic model (``scoring``), and for a partnership picks
the partners, the step and the scope (``partners``, ``scope``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from streams.linking.linker import CompanyMention
from streams.records import LANGUAGES, Evidence, Partnership, Tag
from streams.tagging import lexical, scoring
from streams.tagging.cues import CuedDocument, read_document
from streams.tagging.lexicon import LEXICON_DIR, CueMatcher, Match, load_lexicon
from streams.tagging.partners import partner_ids, partner_pairs, partnership_status
from streams.tagging.prefilter import silent_without_cues
from streams.tagging.scope import partnership_scope
from streams.tagging.structure import structure_features
from streams.text import Document

#: Language used for a code the lexicons do not cover.
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class TagResult:
    tags: tuple[Tag, ...]
    partnership: Partnership | None


@dataclass(frozen=True, slots=True)
class TagScores:
    """Every tag's probability and features, emitted or not (for evaluation and calibration)."""

    scores: dict[str, scoring.TagScore]
    result: TagResult


class Tagger:
    """Scores each topic over the article's sentences. Build once; ``tag`` is thread-safe."""

    def __init__(
        self,
        lexicon_dir: Path = LEXICON_DIR,
        models: Mapping[str, scoring.TagModel] | None = None,
        *,
        lexical_for_fit: bool = False,
    ) -> None:
        self._matchers: dict[str, CueMatcher] = {
            lang: CueMatcher(lang, load_lexicon(lang, lexicon_dir)) for lang in LANGUAGES
        }
        self.models = dict(models) if models is not None else scoring.load_models()
        #: A story without cues gets no tag from these models (``prefilter``): the
        #: pipeline may skip tagging it.
        self.silent_without_cues = silent_without_cues(self.models)
        #: Whether any model has a lexical part (``lexical_for_fit``: the fit script's way to
        #: get the feature's key on every story with a cue before any lexical weight exists).
        self._lexical = lexical.LexicalTable({t: m.lexical for t, m in self.models.items()})
        self._any_lexical = lexical_for_fit or bool(self._lexical.tags)

    def tag(self, doc: Document, language: str, companies: Sequence[CompanyMention]) -> TagResult:
        return self.score(doc, language, companies).result

    def cues(self, doc: Document, language: str) -> list[Match]:
        """Every cue of the language's lexicon in ``doc``: the one automaton pass of ``score``."""
        return self._matcher(language).find(doc.text)

    def score(
        self,
        doc: Document,
        language: str,
        companies: Sequence[CompanyMention],
        cues: Sequence[Match] | None = None,
    ) -> TagScores:
        """Like ``tag``, with the score and features of every tag, also those below threshold.

        ``cues``: what ``self.cues(doc, language)`` returned, when the caller has read them."""
        cued = read_document(doc, language, companies, self._matcher(language), cues)
        scores: dict[str, scoring.TagScore] = {}

        models = self.models
        # the lexical scores, for a story with a cue only (``lexical``): one gram set
        lexical_scores = (
            self._lexical.scores(lexical.grams(lexical.lead_text(doc)))
            if self._any_lexical and any(s.matches for s in cued.sentences)
            else None
        )
        p_features = scoring.partnership_features(cued)
        p_features.update(scoring.family_features(cued, scoring.TAG_FAMILIES["partnership"]))
        p_features.update(structure_features(cued))
        # the grams cannot read a negation: where the text cancels its own cooperation cue
        # ("without a joint-venture partner"), the words around it say nothing more
        negated = any(s.negated_partner_cues for s in cued.sentences)
        _add_lexical(p_features, "partnership", None if negated else lexical_scores)
        p_score = models["partnership"].probability(p_features)
        scores["partnership"] = scoring.TagScore(
            "partnership", p_score, p_features, tuple(scoring.partnership_evidence(cued))
        )
        p_emitted = p_score >= models["partnership"].threshold
        ids = partner_ids(cued) if p_emitted else []
        id_pairs = partner_pairs(ids)

        c_features = scoring.china_features(cued, id_pairs)
        c_features.update(scoring.family_features(cued, scoring.TAG_FAMILIES["china_strategy"]))
        _add_lexical(c_features, "china_strategy", lexical_scores)
        scores["china_strategy"] = scoring.TagScore(
            "china_strategy",
            models["china_strategy"].probability(c_features),
            c_features,
            tuple(_china_evidence(cued, id_pairs, c_features)),
        )
        a_features = scoring.auto_features(cued)
        a_features.update(scoring.family_features(cued, scoring.TAG_FAMILIES["auto_tech"]))
        _add_lexical(a_features, "auto_tech", lexical_scores)
        scores["auto_tech"] = scoring.TagScore(
            "auto_tech",
            models["auto_tech"].probability(a_features),
            a_features,
            tuple(scoring.auto_evidence(cued)),
        )

        tags = tuple(
            Tag(name=s.name, score=s.score, evidence=s.evidence)
            for s in scores.values()
            if s.score >= models[s.name].threshold
        )
        partnership = None
        if p_emitted:
            names = {cid: cued.companies[cid].name for cid in ids}
            partnership = Partnership(
                status=partnership_status(cued),
                partners=tuple((names[a], names[b]) for a, b in id_pairs),
                scope=partnership_scope(cued),
            )
        return TagScores(scores, TagResult(tags, partnership))

    def _matcher(self, language: str) -> CueMatcher:
        return self._matchers.get(language) or self._matchers[FALLBACK_LANGUAGE]


def _add_lexical(
    features: scoring.Features, tag: str, lexical_scores: Mapping[str, float] | None
) -> None:
    if lexical_scores is not None:
        features["lexical"] = lexical_scores.get(tag, 0.0)


def _china_evidence(
    cued: CuedDocument, pairs: tuple[tuple[str, str], ...], features: scoring.Features
) -> list[Evidence]:
    evidence = scoring.china_evidence(cued)
    if features.get("partners_cn_foreign") and len(evidence) < scoring.MAX_EVIDENCE:
        # a Chinese company and a foreign one in the partnership: show where they are named
        chinese = [cid for pair in pairs for cid in pair if cued.is_chinese(cid)]
        for s in cued.sentences:
            if chinese and chinese[0] in s.companies:
                start, end = min(
                    (
                        spot
                        for spot in cued.mentions[chinese[0]]
                        if s.sentence.start <= spot[0] < s.sentence.end
                    ),
                    default=(s.sentence.start, s.sentence.end),
                )
                evidence.append(
                    Evidence(
                        span=cued.doc.span(start, end),
                        sentence=s.text,
                        rule="partners:chinese_and_foreign",
                    )
                )
                break
    return evidence
