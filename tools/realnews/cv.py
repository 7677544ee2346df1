"""Cross-validated real-news scores: every labelled story predicted by a fit that never saw it.

``python tools/realnews/cv.py [--errors] [--scores FILE] [--l2 X] [--synthetic-share X] [LANG ...]``
(``make eval-real``; the last two options are for experiments; ``--scores`` writes every
story's out-of-fold score per tag as JSON Lines, to read precision and recall at any threshold).
The real stories fall into ``dataset.FOLDS`` folds by a hash of their id; for each fold the
tag models are refitted by ``tools/fit_tagger.py``'s own ``fit`` on the synthetic sets and the
other folds' real stories, and the fold's stories are predicted with them. The table pools
the folds' predictions, per language. The shipped weights are the same fit on every fold.
``--errors`` lists the wrong stories (reading them tunes the tagger to them: the figures of a
run after such reading are no longer unseen, say so when quoting them).
Exits 0 with the how-to when the converted text is missing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.evaluation import LabelledItem, Prediction, parse_item, predict
from streams.tagging import scoring
from tools import fit_tagger
from tools.realnews.dataset import FOLDS, fold_of, label_languages, labelled_records
from tools.realnews.eval_real import table

log = logging.getLogger("cv")


def cross_validate(
    languages: list[str], folds: int = FOLDS, synthetic_share: float = fit_tagger.SYNTHETIC_SHARE
) -> list[tuple[str, list[LabelledItem], list[Prediction]]]:
    """Per language: its labelled items and, for each, the prediction of the fit without its fold."""
    items = {lang: [parse_item(r) for r in labelled_records(lang, "all")] for lang in languages}
    preds: dict[str, dict[str, Prediction]] = {lang: {} for lang in languages}
    current = scoring.load_models()
    for fold in range(folds):
        models = fit_tagger.fit(current, synthetic_share, leave_out=fold)
        for lang in languages:
            held = [it for it in items[lang] if fold_of(it.article.id) == fold]
            for item, pred in zip(held, predict(held, models=models), strict=True):
                preds[lang][item.article.id] = pred
        log.info("fold %d of %d done", fold + 1, folds)
    return [
        (lang, items[lang], [preds[lang][it.article.id] for it in items[lang]])
        for lang in languages
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*")
    parser.add_argument("--errors", action="store_true", help="list each wrong story")
    parser.add_argument(
        "--l2", type=float, help="experiments: another L2 penalty than the shipped fit's"
    )
    parser.add_argument("--synthetic-share", type=float, default=fit_tagger.SYNTHETIC_SHARE)
    parser.add_argument("--scores", type=Path, help="write each story's out-of-fold scores here")
    args = parser.parse_args(argv)
    if args.l2 is not None:
        fit_tagger.L2 = args.l2
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    languages = args.languages or label_languages()
    try:
        results = cross_validate(languages, synthetic_share=args.synthetic_share)
    except FileNotFoundError as exc:
        print(f"no real-news text here.\n{exc}")
        return 0
    print(table(f"{FOLDS}-fold cross-validation", results, errors=args.errors))
    if args.scores is not None:
        write_scores(args.scores, results)
    return 0


def write_scores(
    path: Path, results: list[tuple[str, list[LabelledItem], list[Prediction]]]
) -> None:
    """One line per story: id, language, the labelled tags and the out-of-fold score per tag."""
    with path.open("w", encoding="utf-8") as fh:
        for lang, items, preds in results:
            for item, pred in zip(items, preds, strict=True):
                row = {
                    "id": item.article.id,
                    "language": lang,
                    "tags": sorted(item.tags),
                    "scores": {t: round(s, 4) for t, s in sorted(pred.scores.items())},
                }
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
