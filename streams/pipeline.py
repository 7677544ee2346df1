"""The pure pipeline: ``Article`` -> ``Analysis`` (language, tags, partnership, linked entities).

Shared by the Faust agents, the offline CLI and the evaluation; it never touches Kafka.
"""

from __future__ import annotations

from collections.abc import Sequence

from streams.ingest.language import detect_language
from streams.linking.linker import CompanyMention, Linker
from streams.records import Analysis, Article, Entity, Partnership, Role, Span
from streams.tagging.lexicon import Match
from streams.tagging.tagger import Tagger, TagScores
from streams.text import Document


class Pipeline:
    """Detects the language, links companies, tags topics and gives each entity its role.

    ``quick_reject``: a story without a single cue skips the tagger when the tagger's models
    cannot tag such a story (``streams.tagging.prefilter``); the analysis is the same.
    """

    def __init__(self, linker: Linker, tagger: Tagger, *, quick_reject: bool = True) -> None:
        self.linker = linker
        self.tagger = tagger
        self.quick_reject = quick_reject and getattr(tagger, "silent_without_cues", False)

    def analyse(self, article: Article, *, link_untagged: bool = True) -> Analysis:
        """The analysis of ``article``. ``link_untagged=False``: a story that cannot be tagged
        (no cue) is not linked either, and its analysis lists no entities (the worker sends
        nothing for it, so it needs none)."""
        if not self.quick_reject:
            return self._analyse(article)[0]
        doc = Document(headline=article.headline, body=article.body)
        language = detect_language(doc.text, article.language)
        cues = self.tagger.cues(doc, language)
        if cues:
            return self._analyse(article, doc, language, cues)[0]
        companies = self.linker.link(doc, language, article.tickers) if link_untagged else []
        entities = tuple(_entity(c, _role(c, None, companies)) for c in companies)
        return Analysis(
            article_id=article.id,
            language=language,
            tags=(),
            partnership=None,
            entities=tuple(sorted(entities, key=_entity_order)),
        )

    def analyse_with_scores(self, article: Article) -> tuple[Analysis, dict[str, float]]:
        """The analysis and every tag's score, also those below threshold (for calibration)."""
        analysis, scored = self._analyse(article)
        return analysis, {name: s.score for name, s in scored.scores.items()}

    def analyse_with_features(self, article: Article) -> dict[str, dict[str, float]]:
        """Every tag's model features (what ``tools/fit_tagger.py`` fits the weights on)."""
        return {name: dict(s.features) for name, s in self._analyse(article)[1].scores.items()}

    def _analyse(
        self,
        article: Article,
        doc: Document | None = None,
        language: str | None = None,
        cues: Sequence[Match] | None = None,
    ) -> tuple[Analysis, TagScores]:
        if doc is None:
            doc = Document(headline=article.headline, body=article.body)
        if language is None:
            language = detect_language(doc.text, article.language)
        companies = self.linker.link(doc, language, article.tickers)
        if cues is None:
            scored = self.tagger.score(doc, language, companies)
        else:
            scored = self.tagger.score(doc, language, companies, cues)
        result = scored.result
        entities = tuple(_entity(c, _role(c, result.partnership, companies)) for c in companies)
        entities += _unlisted_partners(doc, result.partnership, entities)
        analysis = Analysis(
            article_id=article.id,
            language=language,
            tags=result.tags,
            partnership=result.partnership,
            entities=tuple(sorted(entities, key=_entity_order)),
        )
        return analysis, scored


_ROLE_ORDER: dict[str, int] = {"partner": 0, "subject": 1, "mentioned": 2}


def _entity_order(entity: Entity) -> tuple[int, int, str]:
    first = min(
        (m.start + (0 if m.field == "headline" else 10_000) for m in entity.mentions),
        default=1 << 30,
    )
    return (_ROLE_ORDER[entity.role], first, entity.id)


def _unlisted_partners(
    doc: Document, partnership: Partnership | None, entities: Sequence[Entity]
) -> tuple[Entity, ...]:
    """Partners the reference data does not hold (a university, a start-up) as unlisted entities.

    The tagger names them from the text; listing them among the entities keeps every
    partner of the alert an entity a subscriber can see, with where it is named.
    """
    if partnership is None:
        return ()
    known = {e.name for e in entities}
    extra: dict[str, Entity] = {}
    for name in (n for pair in partnership.partners for n in pair):
        if name in known or name in extra:
            continue
        extra[name] = Entity(
            id="org:" + "-".join(name.lower().split()),
            name=name,
            role="partner",
            listings=(),
            mentions=tuple(_find_all(doc, name)),
            listed=False,
        )
    return tuple(extra.values())


def _find_all(doc: Document, name: str) -> list[Span]:
    text = doc.text
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append(doc.span(start, start + len(name)))
        start = text.find(name, start + len(name))
    return spans


def _role(
    mention: CompanyMention, partnership: Partnership | None, all_mentions: Sequence[CompanyMention]
) -> Role:
    """Partner when in a partnership pair; subject when in the headline or the most named; else mentioned."""
    name = mention.company.name
    if partnership is not None and any(name in pair for pair in partnership.partners):
        return "partner"
    if any(span.field == "headline" for span in mention.mentions):
        return "subject"
    most = max((len(m.mentions) for m in all_mentions), default=0)
    if most >= 2 and len(mention.mentions) == most:
        return "subject"
    return "mentioned"


def _entity(mention: CompanyMention, role: Role) -> Entity:
    company = mention.company
    return Entity(
        id=company.id,
        name=company.name,
        role=role,
        listings=company.listings,
        mentions=mention.mentions,
        sector=company.sector,
        country=company.country,
        listed=company.listed,
    )


def default_pipeline() -> Pipeline:
    """A pipeline over the bundled reference data (the offline CLI and a fresh worker use it)."""
    from streams.linking.refdata import load_companies

    return Pipeline(Linker(load_companies()), Tagger())
