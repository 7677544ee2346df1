"""The pipeline gives entities roles: partners first, then subjects, then mentions."""

from __future__ import annotations

from collections.abc import Sequence

from streams.linking.linker import CompanyMention, Linker
from streams.pipeline import Pipeline
from streams.records import Partnership
from streams.tagging.tagger import TagResult, TagScores
from streams.text import Document
from tests.factories import article, company, partnership, tag


class FixedTagger:
    """Stands in for the tagger: always the same result, and records what it was given."""

    def __init__(self, result: TagResult) -> None:
        self.result = result
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def score(self, doc: Document, language: str, companies: Sequence[CompanyMention]) -> TagScores:
        self.seen.append((language, tuple(c.company.id for c in companies)))
        return TagScores(scores={}, result=self.result)


COMPANIES = [
    company("acme", "Acme Motors", "ACME"),
    company("globex", "Globex", "GLX"),
    company("initech", "Initech", "INTC2"),
]


def _pipeline(p: Partnership | None) -> tuple[Pipeline, FixedTagger]:
    tagger = FixedTagger(TagResult(tags=(tag("partnership"),) if p else (), partnership=p))
    return Pipeline(Linker(COMPANIES), tagger), tagger  # type: ignore[arg-type]


def test_pipeline_roles_partner_subject_mentioned() -> None:
    pipeline, tagger = _pipeline(partnership(("Acme Motors", "Globex")))
    analysis = pipeline.analyse(
        article(
            headline="Acme Motors and Globex team up",
            body="The two will work together. Initech, a rival, declined to comment.",
            language="en",
        )
    )
    roles = {e.id: e.role for e in analysis.entities}
    assert roles == {"acme": "partner", "globex": "partner", "initech": "mentioned"}
    assert [e.id for e in analysis.entities][-1] == "initech"
    assert tagger.seen == [("en", ("acme", "globex", "initech"))]


def test_pipeline_headline_company_is_subject_without_partnership() -> None:
    pipeline, _ = _pipeline(None)
    analysis = pipeline.analyse(
        article(headline="Globex profit jumps", body="Globex beat forecasts; Acme Motors did not.")
    )
    roles = {e.id: e.role for e in analysis.entities}
    assert roles == {"globex": "subject", "acme": "mentioned"}
    assert analysis.entities[0].id == "globex"


def test_pipeline_detects_language_when_missing() -> None:
    pipeline, tagger = _pipeline(None)
    analysis = pipeline.analyse(
        article(
            headline="Globex annonce un partenariat",
            body="Le groupe a signé un accord avec un fournisseur.",
        )
    )
    assert analysis.language == "fr"
    assert tagger.seen[0][0] == "fr"


def test_pipeline_partner_missing_from_reference_data_is_an_unlisted_entity() -> None:
    pipeline, _ = _pipeline(partnership(("Acme Motors", "Zephyr Labs")))
    analysis = pipeline.analyse(
        article(
            headline="Acme Motors teams up with Zephyr Labs",
            body="Acme Motors and Zephyr Labs will build sensors together. Zephyr Labs is private.",
        )
    )
    zephyr = next(e for e in analysis.entities if e.name == "Zephyr Labs")
    assert (zephyr.role, zephyr.listed, zephyr.listings) == ("partner", False, ())
    assert zephyr.id == "org:zephyr-labs"
    assert [(m.field, m.text) for m in zephyr.mentions] == [
        ("headline", "Zephyr Labs"),
        ("body", "Zephyr Labs"),
        ("body", "Zephyr Labs"),
    ]
    assert [e.name for e in analysis.entities if e.role == "partner"] == [
        "Acme Motors",
        "Zephyr Labs",
    ]
