"""Real-news tooling: conversion from a pinned git commit, the fit/check split, agreement, pools."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tools.realnews import convert, dataset, pool
from tools.realnews.agreement import kappa


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def mirror(tmp_path: Path) -> tuple[Path, str]:
    """A mirror folder holding one repository with a Naver-style CSV at a known commit."""
    repo = tmp_path / "mirror" / "someone+news" / "repo"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "data").mkdir()
    (repo / "data" / "heads.csv").write_text(
        'title,category\n"삼성전자, 네이버와 협력",IT\n"날씨 맑음",Society\n"삼성전자, 네이버와 협력",IT\n',
        encoding="utf-8",
    )
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "data")
    commit = _git(repo, "rev-parse", "HEAD")
    # a later commit changes the file: the converter must read the pinned one
    (repo / "data" / "heads.csv").write_text('title,category\n"other",X\n', encoding="utf-8")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "later")
    return tmp_path / "mirror", commit


def test_convert_reads_the_pinned_commit_not_the_newest(mirror: tuple[Path, str]) -> None:
    folder, commit = mirror
    source = {
        "name": "naver",
        "language": "ko",
        "repo": "someone/news",
        "commit": commit,
        "paths": ["data/heads.csv"],
        "format": "naver_csv",
    }
    stories = list(convert.convert_source(source, folder))
    assert [s["headline"] for s in stories] == [
        "삼성전자, 네이버와 협력",
        "날씨 맑음",
        "삼성전자, 네이버와 협력",
    ]
    assert {s["language"] for s in stories} == {"ko"}
    assert stories[0]["id"] != stories[2]["id"]


def test_convert_drops_a_headline_repeated_under_another_id() -> None:
    stories = {
        "a": {"headline": "same", "body": ""},
        "b": {"headline": "other", "body": ""},
        "c": {"headline": "same", "body": ""},
    }
    convert._drop_repeated_headlines(stories)
    assert list(stories) == ["a", "b"]


def test_convert_names_the_missing_mirror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="someone/absent"):
        convert.find_git_dir(tmp_path, "someone/absent")


def test_unsegment_joins_cjk_words_and_keeps_latin_words_apart() -> None:
    assert convert._unsegment("苹果 发布 iPhone 7 新机") == "苹果发布iPhone 7新机"


def test_reuters_body_is_unwrapped_into_paragraphs() -> None:
    body = "Acme Corp said it\nsigned a pact.\n    It added more\nnews.\n Reuter\n&#3;"
    assert convert._unwrap(body) == "Acme Corp said it signed a pact.\nIt added more news."


def test_split_is_fixed_by_the_id_and_roughly_halves() -> None:
    ids = [f"x-{n}" for n in range(2000)]
    halves = [dataset.split_of(i) for i in ids]
    assert halves == [dataset.split_of(i) for i in ids]
    assert 900 < halves.count("fit") < 1100


def test_labelled_records_score_unpooled_subset_stories_as_negatives(tmp_path: Path) -> None:
    labels, cache, pools = tmp_path / "labels", tmp_path / "cache", tmp_path / "pools"
    for d in (labels, cache, pools):
        d.mkdir()
    stories = [{"id": f"s{n}", "headline": f"h{n}", "body": ""} for n in range(3)]
    (cache / "xx.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories))
    (labels / "xx.jsonl").write_text(
        json.dumps(
            {
                "id": "s0",
                "tags": ["partnership"],
                "partnership_status": "formed",
                "partners": [["A", "B"]],
            }
        )
        + "\n"
    )
    (pools / "xx.subset.txt").write_text("s0\tr1\ns1\tr1\n")
    records = list(dataset.labelled_records("xx", "all", labels, cache, pools))
    assert [(r["id"], r["labelled"], r["expected"]["tags"]) for r in records] == [
        ("s0", True, ["partnership"]),
        ("s1", False, []),
    ]


def test_labelled_records_say_how_to_get_missing_text(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    with pytest.raises(FileNotFoundError, match=r"convert\.py"):
        list(dataset.labelled_records("xx", "all", tmp_path / "labels", tmp_path / "none"))


def test_pool_rounds_draw_disjoint_subsets() -> None:
    stories = [{"id": f"s{n:03d}"} for n in range(100)]
    first, second = pool.round_subsets(stories, [{"subset": 30}, {"subset": 40}], seed=5)
    assert len(first) == 30 and len(second) == 40
    assert not {s["id"] for s in first} & {s["id"] for s in second}
    assert pool.round_subsets(stories, [{"subset": 30}], seed=5)[0] == first


def test_pool_reads_back_a_frozen_round(tmp_path: Path) -> None:
    path = tmp_path / "xx.txt"
    path.write_text("a\tregex:partnership\nb\tr2 random\n")
    assert pool.frozen_rounds(path) == {1: [("a", "regex:partnership")], 2: [("b", "random")]}


def test_kappa_is_one_for_identical_and_zero_for_chance_labels() -> None:
    assert kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert kappa([True, True, False, False], [True, False, True, False]) == 0.0


def test_folds_are_fixed_by_the_id_balanced_and_independent_of_the_halves() -> None:
    from tools.fit_tagger import INNER_FOLDS, inner_fold

    ids = [f"x-{n}" for n in range(5000)]
    folds = [dataset.fold_of(i) for i in ids]
    assert folds == [dataset.fold_of(i) for i in ids]
    counts = [folds.count(f) for f in range(dataset.FOLDS)]
    assert min(counts) > 0.8 * len(ids) / dataset.FOLDS
    # neither the halves nor the inner folds follow the outer folds
    in_fold0 = [i for i in ids if dataset.fold_of(i) == 0]
    assert 0.4 < sum(dataset.split_of(i) == "fit" for i in in_fold0) / len(in_fold0) < 0.6
    inner = {inner_fold(i) for i in in_fold0}
    assert inner == set(range(INNER_FOLDS))


def test_cv_scores_file_holds_every_story_with_its_labels_and_scores(tmp_path: Path) -> None:
    from streams.evaluation import Prediction, parse_item
    from tools.realnews.cv import write_scores

    item = parse_item(
        {
            "id": "zz-1",
            "language": "en",
            "headline": "Orvane and Pellworth sign a pact",
            "body": "",
            "expected": {"tags": ["partnership"], "partnership_status": "formed"},
        }
    )
    pred = Prediction(
        tags=frozenset(),
        scores={"partnership": 0.41234, "auto_tech": 0.0},
        status="none",
        partners=(),
        entities=(),
    )
    out = tmp_path / "scores.jsonl"
    write_scores(out, [("en", [item], [pred])])
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows == [
        {
            "id": "zz-1",
            "language": "en",
            "tags": ["partnership"],
            "scores": {"auto_tech": 0.0, "partnership": 0.4123},
        }
    ]


def _label(
    tags: list[str], status: str = "none", partners: list[list[str]] | None = None
) -> dict[str, object]:
    return {"id": "x-1", "tags": tags, "partnership_status": status, "partners": partners or []}


def test_adjudication_takes_each_tag_by_majority_of_three_labels() -> None:
    from tools.realnews.adjudicate import merge_one

    first = _label(["partnership", "auto_tech"], "formed", [["A", "B"]])
    a = _label(["auto_tech", "china_strategy"])
    b = _label(["china_strategy"])
    merged = merge_one(first, [a, b])
    assert merged["tags"] == ["china_strategy", "auto_tech"]
    assert merged["partnership_status"] == "none"
    assert merged["partners"] == []


def test_adjudication_keeps_the_first_labellers_status_when_it_is_in_the_majority() -> None:
    from tools.realnews.adjudicate import merge_one

    first = _label(["partnership"], "exploring", [["A", "B"]])
    a = _label(["partnership"], "formed", [["A", "C"]])
    merged = merge_one(first, [a, _label([])])
    assert (merged["partnership_status"], merged["partners"]) == ("exploring", [["A", "B"]])
    # outvoted on the tag: the status comes from the first new labeller that has it
    merged = merge_one(_label([]), [a, _label(["partnership"], "terminated")])
    assert (merged["partnership_status"], merged["partners"]) == ("formed", [["A", "C"]])


def test_adjudication_disputes_a_story_where_label_and_score_disagree_on_any_tag() -> None:
    from tools.realnews.adjudicate import disputed

    scores = {"partnership": 0.8, "china_strategy": 0.1, "auto_tech": 0.0}
    assert not disputed({"tags": ["partnership"], "scores": scores})
    assert disputed({"tags": [], "scores": scores})
    assert disputed({"tags": ["partnership", "auto_tech"], "scores": scores})


def test_load_labels_can_leave_out_one_rounds_file(tmp_path: Path) -> None:
    (tmp_path / "de.jsonl").write_text('{"id": "de-1", "tags": []}\n')
    (tmp_path / "de.r4.jsonl").write_text('{"id": "de-1", "tags": ["partnership"]}\n')
    assert [r["tags"] for r in dataset.load_labels("de", tmp_path)] == [[], ["partnership"]]
    assert [r["tags"] for r in dataset.load_labels("de", tmp_path, skip_round="r4")] == [[]]
