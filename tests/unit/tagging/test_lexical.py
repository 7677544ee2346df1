"""The lexical score: grams of a story's opening, a learned weight each, one feature per tag."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import orjson

from streams.tagging import lexical, scoring
from streams.tagging.tagger import Tagger
from streams.text import Document


def test_grams_hold_words_and_the_parts_of_a_compound() -> None:
    grams = lexical.grams("Werk baut Roboterautos")
    assert {"w:werk", "w:baut", "w:roboterautos"} <= grams
    # 4-grams inside the compound: its second part counts on its own
    assert {"auto", "utos", "tos>"} <= grams
    # a word shorter than the n-gram is one gram with its edge marks
    assert lexical.grams("VW") == {"w:vw", "<vw>"}


def test_unspaced_scripts_are_cut_into_character_pairs() -> None:
    for text, pair in (
        ("丰田与百度合作", "合作"),
        ("トヨタと提携", "提携"),
        ("삼성전자와협력", "협력"),
    ):
        grams = lexical.grams(text)
        assert pair in grams
        assert not any(len(g) == 4 and not g.startswith("w:") for g in grams), text


def test_only_the_opening_of_a_long_story_counts() -> None:
    late = "x " * lexical.LEAD_CHARS + "Kooperation"
    assert "w:kooperation" not in lexical.grams(late)
    assert "w:kooperation" in lexical.grams("Kooperation " + late)


def test_the_dateline_and_credit_lines_give_no_grams() -> None:
    doc = Document(
        "Volkswagen zeigt den Stromer",
        "WOLFSBURG (Agentur Nordwire) - Der Konzern stellt den Wagen vor.\n(Reporter: Anna Berg)",
    )
    text = lexical.lead_text(doc)
    assert "Stromer" in text and "Konzern stellt" in text
    assert "Agentur" not in text
    assert "w:agentur" not in lexical.grams(text)


def test_score_is_the_bias_plus_the_weights_over_the_root_of_the_gram_count() -> None:
    weights = {lexical.BIAS: -1.0, "w:a": 2.0, "w:b": 1.0}
    table = lexical.LexicalTable({"t": weights, "empty": {}})
    grams = frozenset({"w:a", "w:b", "w:c", "w:d"})
    assert math.isclose(table.scores(grams)["t"], -1.0 + 3.0 / 2.0)
    assert table.scores(frozenset())["t"] == -1.0
    assert "empty" not in table.scores(grams)


def test_the_table_scores_every_tag_from_its_own_weights() -> None:
    weights = {
        "a": {lexical.BIAS: -1.0, "w:x": 2.0, "w:y": 0.5},
        "b": {"w:y": -1.0, "w:z": 3.0},
        "c": {},
    }
    table = lexical.LexicalTable(weights)
    expected = {
        frozenset({"w:x", "w:y", "w:q"}): {
            "a": -1.0 + 2.5 / math.sqrt(3),
            "b": -1.0 / math.sqrt(3),
        },
        frozenset({"w:z"}): {"a": -1.0, "b": 3.0},
        frozenset(): {"a": -1.0, "b": 0.0},
    }
    for grams, want in expected.items():
        scores = table.scores(grams)
        assert set(scores) == {"a", "b"}
        for tag in ("a", "b"):
            assert math.isclose(scores[tag], want[tag])


def test_load_models_attaches_each_tags_lexical_weights(tmp_path: Path) -> None:
    path = tmp_path / "lexical.json"
    path.write_bytes(orjson.dumps({"_about": "x", "auto_tech": {"w:lidar": 1.5}}))
    models = scoring.load_models(lexical_path=path)
    assert models["auto_tech"].lexical == {"w:lidar": 1.5}
    assert models["partnership"].lexical == {}
    assert scoring.load_models(lexical_path=tmp_path / "absent.json")["auto_tech"].lexical == {}


def _with_lexical(tagger: Tagger, tag: str, weights: dict[str, float]) -> Tagger:
    """``tagger``'s models, with ``weights`` as ``tag``'s lexical model, stacked at weight 1."""
    models = dict(tagger.models)
    models[tag] = replace(models[tag], stack=(0.0, 1.0, 1.0), lexical=weights)
    return Tagger(models=models)


def test_a_heavy_gram_raises_a_cued_storys_score(tagger: Tagger) -> None:
    doc = Document("Volkswagen zeigt den neuen Stromer", "Der Wagen kommt im Herbst.")
    plain = tagger.score(doc, "de", []).scores["auto_tech"]
    heavy = _with_lexical(tagger, "auto_tech", {"w:stromer": 40.0})
    scored = heavy.score(doc, "de", []).scores["auto_tech"]
    assert scored.features["lexical"] > 5
    assert scored.score > plain.score


def test_a_story_without_cues_gets_no_lexical_feature(tagger: Tagger) -> None:
    """The quick reject stays exact: a cue-free story's score cannot move by its words."""
    doc = Document("Quarterly figures", "Numbers were published on Tuesday.")
    heavy = _with_lexical(tagger, "auto_tech", {"w:numbers": 40.0, lexical.BIAS: 5.0})
    assert tagger.cues(doc, "en") == []
    scored = heavy.score(doc, "en", []).scores["auto_tech"]
    assert "lexical" not in scored.features
    assert heavy.silent_without_cues == tagger.silent_without_cues


def test_the_stack_adds_the_lexical_score_to_the_models_logit() -> None:
    model = scoring.TagModel(weights={"bias": -1.0, "cue": 2.0}, stack=(0.5, 2.0, 3.0))
    z = -1.0 + 2.0 * 1.0
    with_lexical = model.probability({"cue": 1.0, "lexical": -0.25})
    assert math.isclose(with_lexical, 1 / (1 + math.exp(-(0.5 + 2.0 * z + 3.0 * -0.25))))
    # no lexical score (a story without cues): the logistic model alone
    assert math.isclose(model.probability({"cue": 1.0}), 1 / (1 + math.exp(-z)))
    # a veto still decides
    vetoed = replace(model, vetoes=("denial",))
    assert vetoed.probability({"cue": 1.0, "lexical": 9.0, "denial": 1.0}) == 0.0


def test_the_stack_survives_the_weights_file_round_trip() -> None:
    model = scoring.TagModel(weights={"bias": -1.0}, threshold=0.6, stack=(0.1, 0.9, 1.2))
    again = scoring.TagModel.from_dict(orjson.loads(orjson.dumps(model.to_dict())))
    assert again == model
    assert scoring.TagModel.from_dict(scoring.TagModel(weights={}).to_dict()).stack is None
