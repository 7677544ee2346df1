"""Fit the tag models on every labelled set -> ``streams/tagging/weights.json``, byte for byte.

Data: the synthetic sets in the repository (development corpus, the three held-out sets,
the business negatives) and the ``fit`` half of the labelled real news (text from
``.cache/realnews``; see ``tools/realnews/README.md``). Each tag's model is an
L2-regularised logistic regression over the features ``streams.tagging.scoring`` computes,
solved by Newton's method from zero (deterministic), rounded to 3 decimals. Stories a
veto decides (a denied rumour ...) are left out of the fit: the rule decides them.
Partnership is fitted first: the China features read the partners it emits.

The threshold of each tag is the lowest of 0.50, 0.55, ... 0.90 at which the tag's
precision on the fitted real stories reaches ``TARGET_PRECISION`` (0.50 when none
does): a desk acts on alerts, so precision is what the decision is set for.

``python tools/fit_tagger.py`` rewrites the file; ``--check`` only says whether it would
change (exit 1 when it would).
"""

from __future__ import annotations

import argparse
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
from tools.realnews.dataset import label_languages, labelled_records  # noqa: E402

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


def load_items(synthetic_share: float = 1.0) -> tuple[list[LabelledItem], list[bool], np.ndarray]:
    """Every item to fit on, whether each is real news, and its weight in the fit.

    The synthetic sets weigh ``synthetic_share`` times as much in all as the labelled real
    stories: they hold the cases the spec names (denials, takeovers, sponsorships, a company
    the linker misses ...) that real news has few of.
    The real stories presumed negative (no broad pattern matched) weigh one each.
    """
    synthetic = load_corpus([*SYNTHETIC, NEGATIVES])
    real: list[LabelledItem] = []
    labelled = 0
    for language in label_languages():
        for record in labelled_records(language, "fit"):
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
    w = fit_logistic(x, y, sample_weight[rows])
    weights = {"bias": round(float(w[0]), DECIMALS)}
    weights.update({k: round(float(v), DECIMALS) for k, v in zip(names, w[1:], strict=True)})
    model = scoring.TagModel(weights=weights, vetoes=tuple(vetoes), scale=1.0)
    # the threshold: the lowest that reaches the target precision on the real stories fitted
    real_rows = [i for i in range(len(items)) if real[i]]
    for threshold in THRESHOLDS:
        tp = fp = 0
        for i in real_rows:
            if model.probability(feats[i][tag]) >= threshold:
                tp += tag in items[i].tags
                fp += tag not in items[i].tags
        if tp + fp and tp / (tp + fp) >= TARGET_PRECISION:
            break
    else:
        threshold = THRESHOLDS[0]
    return scoring.TagModel(weights=weights, vetoes=tuple(vetoes), scale=1.0, threshold=threshold)


def fit(
    current: dict[str, scoring.TagModel], synthetic_share: float = SYNTHETIC_SHARE
) -> dict[str, scoring.TagModel]:
    items, real, sample_weight = load_items(synthetic_share)
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
