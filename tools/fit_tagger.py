"""Fit the tag models on every labelled set -> ``streams/tagging/weights.json``, byte for byte.

Data: the synthetic sets in the repository (development corpus, the three held-out sets,
the business negatives) and every labelled real story (text from ``.cache/realnews``; see
``tools/realnews/README.md``). Quality on stories the fit never saw is measured by
``tools/realnews/cv.py``, which runs this same fit with one fold of the real stories left out. Each tag's model is an
L2-regularised logistic regression over the features ``streams.tagging.scoring`` computes,
solved by Newton's method from zero (deterministic), rounded to 3 decimals. Stories a
veto decides (a denied rumour ...) are left out of the fit: the rule decides them.
Partnership is fitted first: the China features read the partners it emits.

The threshold of each tag is the lowest of 0.50, 0.55, ... 0.90 at which the tag's
precision on the real stories reaches ``TARGET_PRECISION``, each story scored out of fold
(by a fit on the other ``INNER_FOLDS`` - 1 inner folds: in-sample scores flatter the
precision). When none does, it is the lowest whose F0.5 (precision weighed twice as much as
recall) is within ``F_HALF_TIE`` of the best: a desk acts on alerts, so precision is what
the decision is set for.

``python tools/fit_tagger.py`` rewrites the file; ``--check`` only says whether it would
change (exit 1 when it would).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streams.evaluation import LabelledItem, load_corpus, parse_item  # noqa: E402
from streams.records import TAG_NAMES  # noqa: E402
from streams.tagging import scoring  # noqa: E402
from tools.realnews.dataset import fold_of, label_languages, labelled_records  # noqa: E402

SYNTHETIC = [
    *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.jsonl")),
    *sorted((ROOT / "tests" / "fixtures" / "holdout").glob("*.jsonl")),
    *sorted((ROOT / "tests" / "fixtures" / "holdout2").glob("*.jsonl")),
    *sorted((ROOT / "tests" / "fixtures" / "holdout3").glob("*.jsonl")),
]
NEGATIVES = ROOT / "tests" / "fixtures" / "tagging" / "business_negatives.jsonl"
#: L2 penalty on every weight but the intercept.
L2 = 1.0
#: How much the synthetic sets weigh in all, against the labelled real stories.
SYNTHETIC_SHARE = 2.0
NEWTON_STEPS = 60
DECIMALS = 3
TARGET_PRECISION = 0.90
THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(9))
#: Inner folds whose out-of-fold scores set each tag's threshold.
INNER_FOLDS = 5
#: F0.5 scores closer than this to the best count as tied.
F_HALF_TIE = 0.01


def inner_fold(story_id: str) -> int:
    """A story's inner fold (a hash independent of the cross-validation's folds)."""
    digest = hashlib.sha256(story_id.encode("utf-8")).digest()
    return int.from_bytes(digest[5:9], "big") % INNER_FOLDS


def fit_logistic(
    x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, l2: float = L2
) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised, sample-weighted logistic regression,
    by Newton's method."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        grad = design.T @ (sample_weight * (p - y)) + penalty * w
        hess = (design * (sample_weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def load_items(
    synthetic_share: float = 1.0, leave_out: int | None = None
) -> tuple[list[LabelledItem], list[bool], np.ndarray]:
    """Every item to fit on, whether each is real news, and its weight in the fit
    (``leave_out``: the real stories of that cross-validation fold are not fitted on).

    The synthetic sets weigh ``synthetic_share`` times as much in all as the labelled real
    stories: they hold the cases the spec names (denials, takeovers, sponsorships, a company
    the linker misses ...) that real news has few of.
    The real stories presumed negative (no broad pattern matched) weigh one each.
    """
    synthetic = load_corpus([*SYNTHETIC, NEGATIVES])
    real: list[LabelledItem] = []
    labelled = 0
    for language in label_languages():
        for record in labelled_records(language, "all"):
            if leave_out is not None and fold_of(record["id"]) == leave_out:
                continue
            real.append(parse_item(record))
            labelled += record["labelled"]
    each = synthetic_share * labelled / len(synthetic)
    weights = np.array([each] * len(synthetic) + [1.0] * len(real))
    return synthetic + real, [False] * len(synthetic) + [True] * len(real), weights


def features_of(
    items: Sequence[LabelledItem], models: dict[str, scoring.TagModel]
) -> list[dict[str, dict[str, float]]]:
    from streams.linking.linker import Linker
    from streams.linking.refdata import load_companies
    from streams.pipeline import Pipeline
    from streams.tagging.tagger import Tagger

    pipeline = Pipeline(Linker(load_companies()), Tagger(models=models))
    return [pipeline.analyse_with_features(item.article) for item in items]


def fit_tag(
    tag: str,
    items: Sequence[LabelledItem],
    real: Sequence[bool],
    sample_weight: np.ndarray,
    feats: Sequence[dict[str, dict[str, float]]],
    vetoes: Sequence[str],
) -> scoring.TagModel:
    names = sorted({k for f in feats for k in f[tag] if k not in vetoes})
    rows = [i for i, f in enumerate(feats) if not any(f[tag].get(v) for v in vetoes)]
    x = np.array([[feats[i][tag].get(k, 0.0) for k in names] for i in rows], dtype=float)
    y = np.array([float(tag in items[i].tags) for i in rows])
    w = fit_logistic(x, y, sample_weight[rows], l2=L2)
    weights = {"bias": round(float(w[0]), DECIMALS)}
    weights.update({k: round(float(v), DECIMALS) for k, v in zip(names, w[1:], strict=True)})
    # the threshold: the lowest at which the real stories' out-of-fold scores (each scored by a
    # fit without its inner fold) reach the target precision -- in-sample scores flatter it
    real_rows = [r for r, i in enumerate(rows) if real[i]]
    held_scores = np.zeros(len(rows))
    inner = np.array(
        [inner_fold(items[rows[r]].article.id) if real[rows[r]] else -1 for r in range(len(rows))]
    )
    for fold in range(INNER_FOLDS):
        train = inner != fold
        w_fold = fit_logistic(x[train], y[train], sample_weight[rows][train], l2=L2)
        test = ~train
        held_scores[test] = 1.0 / (
            1.0 + np.exp(-np.clip(w_fold[0] + x[test] @ w_fold[1:], -30, 30))
        )
    positives = sum(1 for r in real_rows if y[r])
    f_half: dict[float, float] = {}
    for candidate in THRESHOLDS:
        picked = [r for r in real_rows if held_scores[r] >= candidate]
        tp = sum(1 for r in picked if y[r])
        precision = tp / len(picked) if picked else 0.0
        recall = tp / positives if positives else 0.0
        if precision >= TARGET_PRECISION:
            threshold = candidate
            break
        f_half[candidate] = 1.25 * precision * recall / (0.25 * precision + recall) if tp else 0.0
    else:
        # no threshold reaches the target: the lowest whose F0.5 is within F_HALF_TIE of the
        # best (the curve is flat near its top, and a noisy argmax would jump between refits)
        best = max(f_half.values())
        threshold = min(t for t, f in f_half.items() if f >= best - F_HALF_TIE)
    return scoring.TagModel(weights=weights, vetoes=tuple(vetoes), scale=1.0, threshold=threshold)


def fit(
    current: dict[str, scoring.TagModel],
    synthetic_share: float = SYNTHETIC_SHARE,
    leave_out: int | None = None,
) -> dict[str, scoring.TagModel]:
    items, real, sample_weight = load_items(synthetic_share, leave_out)
    models = dict(current)
    # partnership first: the China features read the partners the partnership model emits
    for tag in ("partnership", "china_strategy", "auto_tech"):
        feats = features_of(items, models)
        models[tag] = fit_tag(tag, items, real, sample_weight, feats, current[tag].vetoes)
    return models


def render(models: dict[str, scoring.TagModel]) -> str:
    about = json.loads(scoring.WEIGHTS_FILE.read_text())["_about"]
    data: dict[str, object] = {"_about": about}
    data.update({tag: models[tag].to_dict() for tag in TAG_NAMES})
    return json.dumps(data, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    parser.add_argument("--out", type=Path, default=scoring.WEIGHTS_FILE)
    parser.add_argument(
        "--synthetic-share",
        type=float,
        default=SYNTHETIC_SHARE,
        help="experiments only: the shipped file uses the default",
    )
    args = parser.parse_args(argv)
    try:
        text = render(fit(scoring.load_models(), args.synthetic_share))
    except FileNotFoundError as exc:
        print(f"fit_tagger: the real-news text is needed.\n{exc}", file=sys.stderr)
        return 2
    if args.check:
        same = args.out.exists() and args.out.read_text() == text
        print("weights reproduced byte for byte" if same else "weights differ from the fit")
        return 0 if same else 1
    args.out.write_text(text)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
