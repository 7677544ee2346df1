"""Score the pipeline on the labelled real news: a table per language (P/R/F1 per tag, status, pairs).

``python tools/realnews/eval_real.py [--split check|fit|all] [--errors] [LANG ...]``
scores the shipped (or ``--weights``) models on one half. The shipped weights are fitted on
every labelled story, so these are in-sample figures: unseen ones come from ``cv.py``
(``make eval-real``). ``--errors`` on the ``fit`` half is where wrong stories are read.
Exits 0 with the how-to when the converted text is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.evaluation import PRF, LabelledItem, Prediction, evaluate, parse_item, predict
from streams.records import TAG_NAMES
from streams.tagging.scoring import load_models
from tools.realnews.dataset import label_languages, labelled_records


def _cell(prf: PRF) -> str:
    if not prf.tp + prf.fp + prf.fn:
        return f"{'-':>5} {'-':>5} {'-':>5} {'0':>4}"
    return f"{prf.precision:5.2f} {prf.recall:5.2f} {prf.f1:5.2f} {prf.tp + prf.fn:4d}"


def table(
    title: str,
    results: Sequence[tuple[str, Sequence[LabelledItem], Sequence[Prediction]]],
    errors: bool = False,
) -> str:
    """The per-language table (P/R/F1 and positives per tag, status, pairs) and an ``all`` row;
    with ``errors``, every story whose tags or status are wrong below it."""
    header = "lang  items | " + " | ".join(f"{t:<22}" for t in TAG_NAMES)
    rows = [
        f"{title}  (P R F1 and positives per tag; status accuracy; partner pairs)",
        header,
        "            | "
        + " | ".join(f"{'P':>5} {'R':>5} {'F1':>5} {'pos':>4}" for _ in TAG_NAMES)
        + " | status       | pairs F1",
    ]
    totals = {t: PRF() for t in TAG_NAMES}
    status = [0, 0]
    pairs = PRF()
    wrong: list[str] = []
    for language, items, preds in results:
        report = evaluate(items, preds)
        tags = report.per_language.get(language, {t: PRF() for t in TAG_NAMES})
        for t in TAG_NAMES:
            totals[t] = totals[t] + tags[t]
        status[0] += report.status_correct
        status[1] += report.status_total
        pairs = pairs + report.pairs
        rows.append(
            f"{language:<5} {report.n_items:5d} | "
            + " | ".join(_cell(tags[t]) for t in TAG_NAMES)
            + f" | {report.status_accuracy:5.2f} {report.status_correct:3d}/{report.status_total:<3d}"
            + f" | {report.pairs.f1:5.2f} ({report.pairs.tp}/{report.pairs.tp + report.pairs.fn})"
        )
        if errors:
            for item, pred in zip(items, preds, strict=True):
                if item.tags != pred.tags or item.status != pred.status:
                    a = item.article
                    wrong.append(
                        f"{a.id} want {sorted(item.tags)} {item.status} got {sorted(pred.tags)} "
                        f"{pred.status} {pred.partners}\n    {a.headline[:160]}"
                        + (f"\n    {a.body[:300]!r}" if a.body else "")
                    )
    rows.append(
        "all         | "
        + " | ".join(_cell(totals[t]) for t in TAG_NAMES)
        + f" | {status[0] / status[1] if status[1] else 1.0:5.2f} {status[0]:3d}/{status[1]:<3d}"
        + f" | {pairs.f1:5.2f} ({pairs.tp}/{pairs.tp + pairs.fn})"
    )
    if wrong:
        rows += ["", "wrong:", *wrong]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*")
    parser.add_argument("--split", default="check", choices=("check", "fit", "all"))
    parser.add_argument("--errors", action="store_true", help="list each wrong story (fit split!)")
    parser.add_argument(
        "--weights", type=Path, help="tag models to use instead of the shipped ones"
    )
    args = parser.parse_args(argv)
    models = load_models(args.weights) if args.weights else None
    languages = args.languages or label_languages()
    results = []
    for language in languages:
        try:
            items = [parse_item(r) for r in labelled_records(language, args.split)]
        except FileNotFoundError as exc:
            print(f"{language}: no real-news text here.\n{exc}")
            return 0
        results.append((language, items, predict(items, models=models)))
    print(table(f"split: {args.split}", results, errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
