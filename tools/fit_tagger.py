"""Fit the tag models on every labelled set -> ``weights.json`` and ``lexical.json``, byte for byte.

Both files are in ``streams/tagging/``.

Data: the synthetic sets in the repository (development corpus, the three held-out sets,
the business negatives) and every labelled real story (text from ``.cache/realnews``; see
``tools/realnews/README.md``). Quality on stories the fit never saw is measured by
``tools/realnews/cv.py``, which runs this same fit with one fold of the real stories left out. Each tag's model is an
L2-regularised logistic regression over the features ``streams.tagging.scoring`` computes,
solved by Newton's method from zero (deterministic), rounded to 3 decimals. Stories a
veto decides (a denied rumour ...) are left out of the fit: the rule decides them.
Partnership is fitted first: the China features read the partners it emits.

Each tag also gets a lexical model (``streams.tagging.lexical``: a weight per word and
character n-gram of the story's opening, written to ``lexical.json``), whose score is stacked
onto the logistic model's logit on stories with a cue (``scoring.TagModel.stack``). The stack
is fitted on each story's logit and lexical score from models fitted without the story's
inner fold, so that its weights are what the scores are worth on stories not fitted on.

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
from dataclasses import replace
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streams.evaluation import LabelledItem, load_corpus, parse_item  # noqa: E402
from streams.records import TAG_NAMES  # noqa: E402
from streams.tagging import lexical, scoring  # noqa: E402
from streams.text import Document  # noqa: E402
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
#: The lexical models (``streams.tagging.lexical``): inverse L2 penalty, a positive's weight
#: against a negative's, a synthetic story's weight against a real one's (the synthetic
#: stories' wording is our own, not the wires'), the fewest stories a gram must be in, and
#: the smallest weight kept in the file (smaller ones change no decision: they are dropped
#: before any score is taken, in the fit as at run time).
LEXICAL_C = 4.0
LEXICAL_POSITIVE_WEIGHT = 5.0
LEXICAL_SYNTHETIC_WEIGHT = 0.3
LEXICAL_MIN_STORIES = 2
LEXICAL_MIN_WEIGHT = 0.02
#: How much the synthetic stories weigh in all in the stack's fit, against the real ones.
STACK_SYNTHETIC_SHARE = 0.5


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

    pipeline = Pipeline(Linker(load_companies()), Tagger(models=models, lexical_for_fit=True))
    return [pipeline.analyse_with_features(item.article) for item in items]


def fit_tag(
    tag: str,
    items: Sequence[LabelledItem],
    real: Sequence[bool],
    sample_weight: np.ndarray,
    feats: Sequence[dict[str, dict[str, float]]],
    vetoes: Sequence[str],
    lexical_held: np.ndarray,
) -> scoring.TagModel:
    """The tag's model: the logistic model over its features, the stack that adds the lexical
    score (``lexical_held``: each story's score from a lexical model fitted without its inner
    fold; NaN for a story without cues) and the threshold."""
    names = sorted({k for f in feats for k in f[tag] if k not in vetoes and k != "lexical"})
    rows = [i for i, f in enumerate(feats) if not any(f[tag].get(v) for v in vetoes)]
    x = np.array([[feats[i][tag].get(k, 0.0) for k in names] for i in rows], dtype=float)
    y = np.array([float(tag in items[i].tags) for i in rows])
    w = fit_logistic(x, y, sample_weight[rows], l2=L2)
    weights = {"bias": round(float(w[0]), DECIMALS)}
    weights.update({k: round(float(v), DECIMALS) for k, v in zip(names, w[1:], strict=True)})
    # each story's logit from a fit without its inner fold: in-sample scores flatter the
    # model, and the stack and the threshold are set on what unseen stories get
    is_real = np.array([real[i] for i in rows])
    inner = np.array([inner_fold(items[i].article.id) for i in rows])
    held = np.zeros(len(rows))
    for fold in range(INNER_FOLDS):
        train = inner != fold
        w_fold = fit_logistic(x[train], y[train], sample_weight[rows][train], l2=L2)
        test = ~train
        held[test] = np.clip(w_fold[0] + x[test] @ w_fold[1:], -30, 30)
    # the stack, fitted on the stories with a cue, the synthetic ones weighing
    # STACK_SYNTHETIC_SHARE of the real ones in all: they are dense with clean cues and would
    # teach it that the words beyond the lexicons add nothing, but they hold the cases the
    # spec names that real news has few of
    lex = lexical_held[rows]
    cued = ~np.isnan(lex)
    z = np.c_[held, np.nan_to_num(lex)]
    stack_weight = np.where(is_real, 1.0, 0.0)
    synthetic_cued = cued & ~is_real
    if synthetic_cued.any():
        stack_weight[synthetic_cued] = (
            STACK_SYNTHETIC_SHARE * (cued & is_real).sum() / synthetic_cued.sum()
        )
    stack_w = fit_logistic(z[cued], y[cued], stack_weight[cued], l2=L2)
    stack = (
        round(float(stack_w[0]), DECIMALS),
        round(float(stack_w[1]), DECIMALS),
        round(float(stack_w[2]), DECIMALS),
    )
    final = held.copy()
    for fold in range(INNER_FOLDS):
        train = cued & (inner != fold)
        test = cued & (inner == fold)
        w_fold = fit_logistic(z[train], y[train], stack_weight[train], l2=L2)
        final[test] = w_fold[0] + z[test] @ w_fold[1:]
    held_scores = 1.0 / (1.0 + np.exp(-np.clip(final, -30, 30)))
    # the threshold: the lowest at which the real stories' out-of-fold scores reach the target
    # precision
    real_rows = [r for r in range(len(rows)) if is_real[r]]
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
    return scoring.TagModel(
        weights=weights, vetoes=tuple(vetoes), scale=1.0, threshold=threshold, stack=stack
    )


def fit(
    current: dict[str, scoring.TagModel],
    synthetic_share: float = SYNTHETIC_SHARE,
    leave_out: int | None = None,
) -> dict[str, scoring.TagModel]:
    items, real, sample_weight = load_items(synthetic_share, leave_out)
    grams = [
        lexical.grams(lexical.lead_text(Document(it.article.headline, it.article.body)))
        for it in items
    ]
    inner = np.array([inner_fold(it.article.id) for it in items])
    models = dict(current)
    # partnership first: the China features read the partners the partnership model emits
    # (the other features read no model: one more pass after the partnership fit is enough)
    feats = features_of(items, models)
    for tag in ("partnership", "china_strategy", "auto_tech"):
        if tag == "china_strategy":
            feats = features_of(items, models)
        # the stories with a cue carry the lexical score: each gets it from a lexical model
        # fitted without its inner fold, as an unseen story would
        cued = np.array(["lexical" in f[tag] for f in feats])
        y = np.array([tag in it.tags for it in items])
        held = np.full(len(items), np.nan)
        for fold in range(INNER_FOLDS):
            table = lexical.LexicalTable({tag: fit_lexical(grams, y, real, cued & (inner != fold))})
            for i in np.flatnonzero(cued & (inner == fold)):
                held[i] = table.scores(grams[i])[tag]
        model = fit_tag(tag, items, real, sample_weight, feats, current[tag].vetoes, held)
        models[tag] = replace(model, lexical=fit_lexical(grams, y, real, cued))
    return models


def fit_lexical(
    grams: Sequence[frozenset[str]], y: np.ndarray, real: Sequence[bool], rows: np.ndarray
) -> dict[str, float]:
    """A tag's lexical model fitted on the stories of ``rows``: gram -> weight (``lexical``).

    An L2-regularised logistic regression (scikit-learn's lbfgs, one thread: deterministic)
    over the grams in at least ``LEXICAL_MIN_STORIES`` of those stories, each story's row
    scaled as ``lexical.LexicalTable`` scales it; weights rounded and the smallest dropped."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    picked = [int(i) for i in np.flatnonzero(rows)]
    counts: dict[str, int] = {}
    for i in picked:
        for gram in grams[i]:
            counts[gram] = counts.get(gram, 0) + 1
    vocabulary = sorted(g for g, n in counts.items() if n >= LEXICAL_MIN_STORIES)
    column = {g: c for c, g in enumerate(vocabulary)}
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for i in picked:
        found = [column[g] for g in grams[i] if g in column]
        cols += sorted(found)
        data += [1.0 / np.sqrt(len(grams[i]))] * len(found)
        indptr.append(len(cols))
    x = csr_matrix((data, cols, indptr), shape=(len(picked), len(vocabulary)))
    weight = np.array([1.0 if real[i] else LEXICAL_SYNTHETIC_WEIGHT for i in picked])
    weight[y[picked]] *= LEXICAL_POSITIVE_WEIGHT
    model = LogisticRegression(C=LEXICAL_C, max_iter=3000)
    with threadpool_limits(1):
        model.fit(x, y[picked], sample_weight=weight)
    weights = {lexical.BIAS: round(float(model.intercept_[0]), DECIMALS)}
    for gram, w in zip(vocabulary, model.coef_[0], strict=True):
        if abs(w) >= LEXICAL_MIN_WEIGHT:
            weights[gram] = round(float(w), DECIMALS)
    return weights


def render(models: dict[str, scoring.TagModel]) -> str:
    about = json.loads(scoring.WEIGHTS_FILE.read_text())["_about"]
    data: dict[str, object] = {"_about": about}
    data.update({tag: models[tag].to_dict() for tag in TAG_NAMES})
    return json.dumps(data, indent=1, sort_keys=False) + "\n"


LEXICAL_ABOUT = (
    "Written by tools/fit_tagger.py: per tag, the lexical model's weight of each gram "
    "(streams/tagging/lexical.py). Do not edit by hand."
)


def render_lexical(models: dict[str, scoring.TagModel]) -> str:
    """One line per tag (grams sorted), so that a refit's diff stays readable."""
    lines = [f' "_about": {json.dumps(LEXICAL_ABOUT)}']
    for tag in TAG_NAMES:
        weights = dict(sorted(models[tag].lexical.items()))
        lines.append(f" {json.dumps(tag)}: {json.dumps(weights, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    parser.add_argument("--out", type=Path, default=scoring.WEIGHTS_FILE)
    parser.add_argument("--lexical-out", type=Path, default=lexical.LEXICAL_FILE)
    parser.add_argument(
        "--synthetic-share",
        type=float,
        default=SYNTHETIC_SHARE,
        help="experiments only: the shipped file uses the default",
    )
    args = parser.parse_args(argv)
    try:
        models = fit(scoring.load_models(), args.synthetic_share)
    except FileNotFoundError as exc:
        print(f"fit_tagger: the real-news text is needed.\n{exc}", file=sys.stderr)
        return 2
    files = {args.out: render(models), args.lexical_out: render_lexical(models)}
    if args.check:
        same = all(p.exists() and p.read_text(encoding="utf-8") == t for p, t in files.items())
        print("weights reproduced byte for byte" if same else "weights differ from the fit")
        return 0 if same else 1
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
