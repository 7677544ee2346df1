"""Regression guard: the pipeline keeps the issue's targets on the development corpus.

The targets are the ones set in the issues (tags >= 0.95 F1, every language >= 0.90,
status >= 0.90, partner pairs >= 0.85, company linking >= 0.92); the corpus is the
fitting set, so this catches regressions, it does not measure generalisation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.evaluation import Report, evaluate_files

CORPUS = sorted((Path(__file__).parents[1] / "fixtures" / "corpus").glob("*.jsonl"))


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate_files(CORPUS)


@pytest.mark.parametrize("tag", ["partnership", "china_strategy", "auto_tech"])
def test_quality_each_tag_keeps_f1_target(report: Report, tag: str) -> None:
    assert report.per_tag[tag].f1 >= 0.95


def test_quality_no_language_below_target(report: Report) -> None:
    from streams.evaluation import macro_f1

    low = {
        lang: round(macro_f1(tags), 3)
        for lang, tags in report.per_language.items()
        if macro_f1(tags) < 0.90
    }
    assert low == {}


def test_quality_status_pairs_and_linking_keep_targets(report: Report) -> None:
    assert report.n_items == 80
    assert report.status_accuracy >= 0.90
    assert report.pairs.f1 >= 0.85
    assert report.linking.f1 >= 0.92
