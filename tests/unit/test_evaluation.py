"""Evaluation metrics on tiny hand-made inputs, and the CLI entry on good and bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from streams import evaluation as ev
from streams.records import Article


def item(
    id: str, tags: set[str], status: str = "none", companies=(), partners=(), lang="en"
) -> ev.LabelledItem:
    return ev.LabelledItem(
        article=Article(id=id, headline="h", body="b", language=lang),
        tags=frozenset(tags),
        status=status,
        companies=tuple(ev.ExpectedCompany(n, tuple(t)) for n, t in companies),
        partners=tuple(partners),
    )


def pred(
    tags: set[str], status: str = "none", partners=(), entities=(), scores=None
) -> ev.Prediction:
    return ev.Prediction(
        tags=frozenset(tags),
        scores=scores if scores is not None else {t: 1.0 for t in tags},
        status=status,
        partners=tuple(partners),
        entities=tuple(ev.PredictedEntity(n, tuple(y)) for n, y in entities),
    )


def test_prf_computes_precision_recall_f1() -> None:
    prf = ev.PRF(tp=2, fp=1, fn=1)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 / 3)
    assert ev.PRF().f1 == 1.0  # nothing expected, nothing predicted


def test_macro_f1_skips_tags_that_never_occur() -> None:
    per_tag = {"a": ev.PRF(tp=1), "b": ev.PRF(fp=1), "c": ev.PRF()}
    assert ev.macro_f1(per_tag) == pytest.approx(0.5)


def test_side_matches_by_normalised_name_or_symbols() -> None:
    symbols = {"Alibaba": ("BABA", "9988.HK")}
    tickers = {"Alibaba Group Holding": ("9988.HK",), "L'Oréal": ("OR.PA",)}
    assert ev.side_matches("Alibaba", "Alibaba Group Holding", symbols, tickers)
    assert ev.side_matches("L'OREAL", "L'Oréal", {}, tickers)
    assert not ev.side_matches("Huawei", "Alibaba Group Holding", symbols, tickers)


def test_pair_prf_matches_unordered_pairs_once() -> None:
    symbols = {"Ford": ("F",), "Alibaba": ("BABA",)}
    tickers = {"Ford Motor": ("F",), "Alibaba Group Holding": ("BABA",)}
    expected = [("Alibaba Group Holding", "Ford Motor")]
    predicted = [("Ford", "Alibaba"), ("Alibaba", "Ford")]
    assert ev.pair_prf(expected, predicted, symbols, tickers) == ev.PRF(tp=1, fp=1, fn=0)


def test_pair_prf_counts_unlisted_partner_by_name() -> None:
    result = ev.pair_prf([("Bosch", "Microsoft")], [("Microsoft", "Bosch")], {}, {})
    assert result == ev.PRF(tp=1)


def test_linking_prf_counts_any_matching_symbol_and_unexpected_listed_entities() -> None:
    expected = [
        ev.ExpectedCompany("Alibaba Group Holding", ("BABA", "9988.HK")),
        ev.ExpectedCompany("Ford Motor", ("F",)),
    ]
    entities = [
        ev.PredictedEntity("Alibaba", ("9988.HK",)),
        ev.PredictedEntity("Orange", ("ORA.PA",)),
        ev.PredictedEntity("Huawei", (), listed=False),
    ]
    assert ev.linking_prf(expected, entities) == ev.PRF(tp=1, fp=1, fn=1)


def test_brier_is_mean_squared_error() -> None:
    assert ev.brier([(1.0, True), (0.0, False)]) == 0.0
    assert ev.brier([(0.8, False), (0.6, True)]) == pytest.approx((0.64 + 0.16) / 2)


def test_reliability_bins_hold_mean_score_and_observed_rate() -> None:
    bins = ev.reliability([(0.05, False), (0.95, True), (0.92, False)], edges=(0.0, 0.5, 1.0001))
    assert [b.count for b in bins] == [1, 2]
    assert bins[1].mean_score == pytest.approx(0.935)
    assert bins[1].observed == pytest.approx(0.5)


def test_evaluate_status_accuracy_counts_items_with_any_status() -> None:
    items = [item("1", {"partnership"}, "formed"), item("2", set()), item("3", set())]
    preds = [pred({"partnership"}, "exploring"), pred(set()), pred({"partnership"}, "formed")]
    report = ev.evaluate(items, preds)
    assert (report.status_correct, report.status_total) == (0, 2)


def test_evaluate_lists_misclassified_ids_and_per_language_scores() -> None:
    items = [item("a", {"auto_tech"}, lang="de"), item("b", set(), lang="ja")]
    preds = [pred({"auto_tech"}), pred({"china_strategy"}, scores={"china_strategy": 0.7})]
    report = ev.evaluate(items, preds)
    assert report.misclassified == [("b", (), ("china_strategy",))]
    assert ev.macro_f1(report.per_language["de"]) == 1.0
    assert ev.macro_f1(report.per_language["ja"]) == 0.0
    assert report.per_tag["china_strategy"] == ev.PRF(fp=1)
    assert report.brier["china_strategy"] == pytest.approx(0.49 / 2)


def test_format_report_prints_every_section() -> None:
    report = ev.evaluate([item("a", {"auto_tech"})], [pred({"auto_tech"})])
    text = ev.format_report(report)
    for needle in (
        "partnership",
        "language",
        "status accuracy",
        "partner pairs",
        "company linking",
        "Brier",
        "reliability",
        "misclassified",
    ):
        assert needle in text


def test_load_corpus_reports_bad_json_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"\n')
    with pytest.raises(ev.CorpusError, match=r"bad\.jsonl:1"):
        ev.load_corpus([path])


def test_run_cli_returns_2_for_missing_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert ev.run_cli([str(tmp_path / "nope.jsonl")], out) == 2
    assert "cannot read" in out.getvalue()


def test_run_cli_returns_2_for_item_without_expected(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "d-en-001", "headline": "h", "body": "b"}) + "\n")
    out = io.StringIO()
    assert ev.run_cli([str(path)], out) == 2
    assert "expected" in out.getvalue()


def test_run_cli_evaluates_a_tiny_corpus(tmp_path: Path) -> None:
    line = {
        "id": "d-en-900",
        "language": "en",
        "source": "wire",
        "published_at": "2026-01-01T00:00:00Z",
        "headline": "Quarterly results",
        "body": "NEW YORK (Wire) - Revenue rose 5%, the company said.",
        "expected": {"tags": [], "partnership_status": "none", "companies": [], "partners": []},
    }
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(line) + "\n")
    out = io.StringIO()
    assert ev.run_cli([str(path)], out, companies=[]) == 0
    assert "items: 1" in out.getvalue()
    assert "misclassified: 0" in out.getvalue()
