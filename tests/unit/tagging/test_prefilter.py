"""Quick reject: a story without cues skips the tagger, and the output stays byte for byte the same."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from streams.cli import tag_line
from streams.ingest.language import detect_language
from streams.ingest.parse import parse_article
from streams.linking.linker import Linker
from streams.linking.refdata import load_companies
from streams.pipeline import Pipeline
from streams.tagging import scoring
from streams.tagging.prefilter import CUE_FREE_FEATURES, silent_without_cues
from streams.tagging.tagger import Tagger
from streams.text import Document

ROOT = Path(__file__).resolve().parents[3]
#: Every synthetic labelled set: the shared corpus (when checked out beside) and the fixtures.
LABELLED = sorted((ROOT.parent / "shared" / "corpus").glob("*.jsonl")) + sorted(
    p
    for name in ("corpus", "holdout", "holdout2", "holdout3")
    for p in (ROOT / "tests" / "fixtures" / name).glob("*.jsonl")
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_companies())


def labelled_lines() -> list[bytes]:
    return [line for path in LABELLED for line in path.read_bytes().splitlines() if line.strip()]


def test_labelled_sets_are_found() -> None:
    assert len(labelled_lines()) >= 200


def test_tag_output_is_byte_identical_with_the_quick_reject(tagger: Tagger, linker: Linker) -> None:
    quick = Pipeline(linker, tagger)
    full = Pipeline(linker, tagger, quick_reject=False)
    assert quick.quick_reject and not full.quick_reject
    for line in labelled_lines():
        assert orjson.dumps(tag_line(quick, line)) == orjson.dumps(tag_line(full, line)), line[:80]


def test_features_without_cues_are_only_the_cue_free_ones(tagger: Tagger, linker: Linker) -> None:
    """With its cues taken away, no labelled story sets a feature outside CUE_FREE_FEATURES."""
    seen_free = set()
    for line in labelled_lines():
        article = parse_article(line)
        doc = Document(article.headline, article.body)
        language = detect_language(doc.text, article.language)
        scored = tagger.score(doc, language, linker.link(doc, language, article.tickers), cues=[])
        for name, score in scored.scores.items():
            set_features = {f for f, v in score.features.items() if v}
            assert set_features <= set(CUE_FREE_FEATURES[name]), (article.id, name)
            assert all(score.features[f] <= 1.0 for f in set_features)
            seen_free |= set_features
        assert not scored.result.tags
    assert "two_companies" in seen_free  # the check saw stories with companies


def test_shipped_models_cannot_tag_a_story_without_cues(tagger: Tagger) -> None:
    assert silent_without_cues(tagger.models)


def test_a_model_that_weighs_a_cue_free_feature_turns_the_quick_reject_off(
    linker: Linker,
) -> None:
    models = scoring.load_models()
    auto = models["auto_tech"]
    models["auto_tech"] = scoring.TagModel(
        weights={**auto.weights, "headline_only": 100.0},
        vetoes=auto.vetoes,
        scale=auto.scale,
        threshold=auto.threshold,
    )
    tagger = Tagger(models=models)
    assert not tagger.silent_without_cues
    assert not Pipeline(linker, tagger).quick_reject


def test_a_story_without_cues_is_linked_only_when_asked(tagger: Tagger, linker: Linker) -> None:
    line = orjson.dumps(
        {
            "id": "plain-1",
            "headline": "Unilever reports quarterly results",
            "body": "Unilever said on Tuesday its quarterly results were in line.",
            "language": "en",
        }
    )
    article = parse_article(line)
    pipeline = Pipeline(linker, tagger)
    assert not tagger.cues(Document(article.headline, article.body), "en")
    linked = pipeline.analyse(article)
    assert not linked.tags and [e.name for e in linked.entities] == ["Unilever"]
    unlinked = pipeline.analyse(article, link_untagged=False)
    assert not unlinked.tags and unlinked.entities == () and unlinked.language == "en"
