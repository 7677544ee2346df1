"""The pure pipeline: ``Article`` -> ``Analysis`` (language, tags, partnership, linked entities).

Shared by the Faust agents, the offline CLI and the evaluation; it never touches Kafka.
"""

from __future__ import annotations

from collections.abc import Sequence

from streams.ingest.language import detect_language
from streams.linking.linker import CompanyMention, Linker
from streams.records import Analysis, Article, Entity, Partnership, Role
from streams.tagging.tagger import Tagger
from streams.text import Document


class Pipeline:
    """Detects the language, links companies, tags topics and gives each entity its role."""

    def __init__(self, linker: Linker, tagger: Tagger) -> None:
        self.linker = linker
        self.tagger = tagger

    def analyse(self, article: Article) -> Analysis:
        doc = Document(headline=article.headline, body=article.body)
        language = detect_language(doc.text, article.language)
        companies = self.linker.link(doc, language, article.tickers)
        result = self.tagger.tag(doc, language, companies)
        entities = tuple(_entity(c, _role(c, result.partnership, companies)) for c in companies)
        return Analysis(
            article_id=article.id,
            language=language,
            tags=result.tags,
            partnership=result.partnership,
            entities=tuple(sorted(entities, key=_entity_order)),
        )


_ROLE_ORDER: dict[str, int] = {"partner": 0, "subject": 1, "mentioned": 2}


def _entity_order(entity: Entity) -> tuple[int, int, str]:
    first = min(
        (m.start + (0 if m.field == "headline" else 10_000) for m in entity.mentions),
        default=1 << 30,
    )
    return (_ROLE_ORDER[entity.role], first, entity.id)


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
