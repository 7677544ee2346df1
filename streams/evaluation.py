"""Evaluation: labelled corpus JSONL (``SPEC.md`` format) -> tagging, partnership and linking scores.

``run_cli`` is what ``tickerwire eval CORPUS.jsonl ...`` calls: it runs the full pure
pipeline over every item and prints precision/recall/F1 per tag, per language and
overall, partnership-status accuracy, partner-pair F1, company-linking P/R/F1,
calibration (Brier score per tag and a reliability table) and the misclassified ids.
The metric functions are pure and take plain data, so they are tested on tiny inputs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import orjson

from streams.errors import CorpusError
from streams.records import TAG_NAMES, Analysis, Article

#: Score bins of the reliability table.
RELIABILITY_BINS: tuple[float, ...] = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001)
EXIT_OK = 0
EXIT_BAD_INPUT = 2


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class ExpectedCompany:
    name: str
    tickers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabelledItem:
    """One corpus line: the article and what a correct system says about it."""

    article: Article
    tags: frozenset[str]
    status: str
    companies: tuple[ExpectedCompany, ...]
    partners: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PredictedEntity:
    name: str
    yahoo: tuple[str, ...]
    listed: bool = True


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the system said about one item: emitted tags, every tag's score, partnership, entities."""

    tags: frozenset[str]
    scores: Mapping[str, float]
    status: str
    partners: tuple[tuple[str, str], ...]
    entities: tuple[PredictedEntity, ...]


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_score: float
    observed: float


@dataclass(slots=True)
class Report:
    n_items: int
    per_tag: dict[str, PRF]
    per_language: dict[str, dict[str, PRF]]
    status_correct: int
    status_total: int
    pairs: PRF
    linking: PRF
    brier: dict[str, float]
    reliability: list[ReliabilityBin]
    misclassified: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    language_items: dict[str, int] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.per_tag)

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.status_total if self.status_total else 1.0


# ---------------------------------------------------------------- loading


def parse_item(record: Mapping[str, Any]) -> LabelledItem:
    """One labelled item from its JSON object; raises ``CorpusError`` when a field is missing."""
    try:
        expected = record["expected"]
        article = Article(
            id=str(record["id"]),
            headline=str(record["headline"]),
            body=str(record["body"]),
            language=record.get("language"),
            published_at=record.get("published_at"),
            source=record.get("source"),
        )
        companies = tuple(
            ExpectedCompany(str(c["name"]), tuple(str(t) for t in c.get("tickers", ())))
            for c in expected.get("companies", ())
        )
        partners = tuple(
            (str(p[0]), str(p[1])) for p in expected.get("partners", ()) if len(p) == 2
        )
        return LabelledItem(
            article=article,
            tags=frozenset(expected.get("tags", ())),
            status=str(expected.get("partnership_status") or "none"),
            companies=companies,
            partners=partners,
        )
    except (KeyError, TypeError, IndexError, AttributeError) as exc:
        raise CorpusError(f"item {record.get('id', '?')!r}: missing or bad field {exc}") from exc


def load_corpus(paths: Iterable[str | Path]) -> list[LabelledItem]:
    return list(iter_corpus(paths))


def iter_corpus(
    paths: Iterable[str | Path], progress: Callable[[int], None] | None = None
) -> Iterator[LabelledItem]:
    """The labelled items of the files, one line at a time; ``progress`` gets each line's bytes."""
    for path in map(Path, paths):
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from exc
        with fh:
            for number, line in enumerate(fh, 1):
                if progress is not None:
                    progress(len(line))
                if not line.strip():
                    continue
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    raise CorpusError(f"{path}:{number}: not JSON ({exc})") from exc
                if not isinstance(record, dict):
                    raise CorpusError(f"{path}:{number}: expected a JSON object")
                try:
                    yield parse_item(record)
                except CorpusError as exc:
                    raise CorpusError(f"{path}:{number}: {exc}") from exc


def prediction_from(analysis: Analysis, scores: Mapping[str, float]) -> Prediction:
    partnership = analysis.partnership
    return Prediction(
        tags=frozenset(analysis.tag_names),
        scores=dict(scores),
        status=partnership.status if partnership else "none",
        partners=partnership.partners if partnership else (),
        entities=tuple(
            PredictedEntity(e.name, tuple(x.yahoo for x in e.listings), e.listed)
            for e in analysis.entities
        ),
    )


# ---------------------------------------------------------------- metrics


def tag_prf(expected: frozenset[str], predicted: frozenset[str], tag: str) -> PRF:
    e, p = tag in expected, tag in predicted
    return PRF(tp=int(e and p), fp=int(p and not e), fn=int(e and not p))


def macro_f1(per_tag: Mapping[str, PRF]) -> float:
    """Mean F1 over tags that occur (expected or predicted); 1.0 when none does."""
    scored = [prf.f1 for prf in per_tag.values() if prf.tp + prf.fp + prf.fn]
    return sum(scored) / len(scored) if scored else 1.0


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", folded).strip()


#: Words that do not tell two company names apart ("Roche Holding" is "Roche").
LEGAL_WORDS: frozenset[str] = frozenset(
    {"inc", "corp", "corporation", "co", "company", "and", "ltd", "limited", "plc", "ag", "se",
     "sa", "spa", "nv", "holding", "holdings", "group", "the", "llc", "kk", "gmbh"}
)  # fmt: skip


def name_words(name: str) -> list[str]:
    return [w for w in normalise_name(name).split() if w not in LEGAL_WORDS]


def side_matches(
    predicted: str,
    expected: str,
    symbols: Mapping[str, tuple[str, ...]],
    tickers: Mapping[str, tuple[str, ...]],
) -> bool:
    """Names equal after normalisation (legal words aside, one name's words may begin the
    other's: "Eli Lilly" is "Eli Lilly and Company"), or the predicted entity's symbols hit
    the expected tickers."""
    if normalise_name(predicted) == normalise_name(expected):
        return True
    a, b = name_words(predicted), name_words(expected)
    if a and b and (a[: len(b)] == b or b[: len(a)] == a):
        return True
    have = {s.upper() for s in symbols.get(predicted, ())}
    want = {t.upper() for t in tickers.get(expected, ())}
    return bool(have & want)


def pair_prf(
    expected: Sequence[tuple[str, str]],
    predicted: Sequence[tuple[str, str]],
    symbols: Mapping[str, tuple[str, ...]],
    tickers: Mapping[str, tuple[str, ...]],
) -> PRF:
    """Unordered pairs, each expected pair matched at most once."""
    unmatched = list(expected)
    tp = 0
    for a, b in predicted:
        for i, (x, y) in enumerate(unmatched):
            straight = side_matches(a, x, symbols, tickers) and side_matches(b, y, symbols, tickers)
            crossed = side_matches(a, y, symbols, tickers) and side_matches(b, x, symbols, tickers)
            if straight or crossed:
                tp += 1
                del unmatched[i]
                break
    return PRF(tp=tp, fp=len(predicted) - tp, fn=len(unmatched))


def linking_prf(expected: Sequence[ExpectedCompany], entities: Sequence[PredictedEntity]) -> PRF:
    """An expected company is linked when any predicted symbol is one of its tickers;
    a predicted listed entity that matches no expected company is a false positive."""
    listed = [e for e in entities if e.listed and e.yahoo]
    tp = fn = 0
    for company in expected:
        want = {t.upper() for t in company.tickers}
        if any(want & {s.upper() for s in e.yahoo} for e in listed):
            tp += 1
        else:
            fn += 1
    all_tickers = {t.upper() for c in expected for t in c.tickers}
    fp = sum(1 for e in listed if not all_tickers & {s.upper() for s in e.yahoo})
    return PRF(tp=tp, fp=fp, fn=fn)


def brier(pairs: Sequence[tuple[float, bool]]) -> float:
    """Mean squared gap between score and outcome."""
    if not pairs:
        return 0.0
    return sum((score - float(outcome)) ** 2 for score, outcome in pairs) / len(pairs)


def reliability(
    pairs: Sequence[tuple[float, bool]], edges: Sequence[float] = RELIABILITY_BINS
) -> list[ReliabilityBin]:
    bins: list[ReliabilityBin] = []
    for low, high in itertools.pairwise(edges):
        inside = [(s, o) for s, o in pairs if low <= s < high]
        if not inside:
            bins.append(ReliabilityBin(low, min(high, 1.0), 0, 0.0, 0.0))
            continue
        bins.append(
            ReliabilityBin(
                low,
                min(high, 1.0),
                len(inside),
                sum(s for s, _ in inside) / len(inside),
                sum(1 for _, o in inside if o) / len(inside),
            )
        )
    return bins


class Evaluation:
    """Every metric, accumulated one item at a time (memory does not grow with the corpus)."""

    def __init__(self, edges: Sequence[float] = RELIABILITY_BINS) -> None:
        self.n_items = 0
        self.per_tag = {t: PRF() for t in TAG_NAMES}
        self.per_language: dict[str, dict[str, PRF]] = {}
        self.language_items: dict[str, int] = {}
        self.status_correct = self.status_total = 0
        self.pairs = self.linking = PRF()
        self.misclassified: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
        self._squared = dict.fromkeys(TAG_NAMES, 0.0)
        self._edges = list(itertools.pairwise(edges))
        #: Per reliability bin: count, sum of scores, count of positive outcomes.
        self._counts = [0] * len(self._edges)
        self._score_sums = [0.0] * len(self._edges)
        self._positives = [0] * len(self._edges)

    def add(self, item: LabelledItem, pred: Prediction) -> None:
        self.n_items += 1
        language = item.article.language or "?"
        self.language_items[language] = self.language_items.get(language, 0) + 1
        lang_tags = self.per_language.setdefault(language, {t: PRF() for t in TAG_NAMES})
        for tag in TAG_NAMES:
            prf = tag_prf(item.tags, pred.tags, tag)
            self.per_tag[tag] = self.per_tag[tag] + prf
            lang_tags[tag] = lang_tags[tag] + prf
            score, outcome = pred.scores.get(tag, float(tag in pred.tags)), tag in item.tags
            self._squared[tag] += (score - float(outcome)) ** 2
            for index, (low, high) in enumerate(self._edges):
                if low <= score < high:
                    self._counts[index] += 1
                    self._score_sums[index] += score
                    self._positives[index] += int(outcome)
                    break
        if item.status != "none" or pred.status != "none":
            self.status_total += 1
            self.status_correct += int(item.status == pred.status)
        symbols = {e.name: e.yahoo for e in pred.entities}
        tickers = {c.name: c.tickers for c in item.companies}
        self.pairs = self.pairs + pair_prf(item.partners, pred.partners, symbols, tickers)
        self.linking = self.linking + linking_prf(item.companies, pred.entities)
        if item.tags != pred.tags:
            self.misclassified.append(
                (item.article.id, tuple(sorted(item.tags)), tuple(sorted(pred.tags)))
            )

    def report(self) -> Report:
        bins = [
            ReliabilityBin(low, min(high, 1.0), n, total / n, positive / n)
            if n
            else ReliabilityBin(low, min(high, 1.0), 0, 0.0, 0.0)
            for (low, high), n, total, positive in zip(
                self._edges, self._counts, self._score_sums, self._positives, strict=True
            )
        ]
        return Report(
            n_items=self.n_items,
            per_tag=dict(self.per_tag),
            per_language=self.per_language,
            status_correct=self.status_correct,
            status_total=self.status_total,
            pairs=self.pairs,
            linking=self.linking,
            brier={
                tag: self._squared[tag] / self.n_items if self.n_items else 0.0 for tag in TAG_NAMES
            },
            reliability=bins,
            misclassified=self.misclassified,
            language_items=self.language_items,
        )


def evaluate(items: Sequence[LabelledItem], predictions: Sequence[Prediction]) -> Report:
    """Every metric over items and the predictions made for them (same order)."""
    evaluation = Evaluation()
    for item, pred in zip(items, predictions, strict=True):
        evaluation.add(item, pred)
    return evaluation.report()


# ---------------------------------------------------------------- output


def format_report(report: Report) -> str:
    lines = [f"items: {report.n_items}", "", "tag              P      R      F1     support"]
    for tag, prf in report.per_tag.items():
        lines.append(
            f"{tag:<15} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} {prf.support:6d}"
        )
    micro = sum(report.per_tag.values(), PRF())
    lines.append(f"{'overall macro':<15} {'':6} {'':6} {report.macro_f1:6.3f}")
    lines.append(
        f"{'overall micro':<15} {micro.precision:6.3f} {micro.recall:6.3f} {micro.f1:6.3f}"
    )
    lines += ["", "language  macro-F1  items"]
    for language in sorted(report.per_language):
        tags = report.per_language[language]
        lines.append(
            f"{language:<9} {macro_f1(tags):8.3f}  {report.language_items.get(language, 0):5d}"
        )
    lines += [
        "",
        f"partnership status accuracy: {report.status_accuracy:.3f} "
        f"({report.status_correct}/{report.status_total})",
        f"partner pairs   P {report.pairs.precision:.3f}  R {report.pairs.recall:.3f}  "
        f"F1 {report.pairs.f1:.3f}  (tp {report.pairs.tp}, fp {report.pairs.fp}, fn {report.pairs.fn})",
        f"company linking P {report.linking.precision:.3f}  R {report.linking.recall:.3f}  "
        f"F1 {report.linking.f1:.3f}  (tp {report.linking.tp}, fp {report.linking.fp}, "
        f"fn {report.linking.fn})",
        "",
        "calibration (Brier score, lower is better): "
        + ", ".join(f"{tag} {value:.3f}" for tag, value in report.brier.items()),
        "reliability (all tags pooled):",
        "  score bin     n    mean score  observed",
    ]
    for b in report.reliability:
        lines.append(
            f"  [{b.low:.1f}, {b.high:.1f}) {b.count:5d}    {b.mean_score:6.3f}     {b.observed:6.3f}"
        )
    lines += ["", f"misclassified: {len(report.misclassified)}"]
    for item_id, expected, predicted in report.misclassified:
        lines.append(
            f"  {item_id}: expected [{', '.join(expected)}] predicted [{', '.join(predicted)}]"
        )
    return "\n".join(lines) + "\n"


def _pipeline(companies: Sequence[Any] | None, models: Mapping[str, Any] | None = None) -> Any:
    from streams.linking.linker import Linker
    from streams.linking.refdata import load_companies
    from streams.pipeline import Pipeline
    from streams.tagging.tagger import Tagger

    linker = Linker(load_companies() if companies is None else companies)
    return Pipeline(linker, Tagger(models=models))


def predict(
    items: Sequence[LabelledItem],
    companies: Sequence[Any] | None = None,
    models: Mapping[str, Any] | None = None,
) -> list[Prediction]:
    """Run the whole pure pipeline over labelled items (``companies`` replaces the bundled
    data, ``models`` the shipped tag models)."""
    pipeline = _pipeline(companies, models)
    return [prediction_from(*pipeline.analyse_with_scores(item.article)) for item in items]


def evaluate_files(
    paths: Sequence[str | Path],
    companies: Sequence[Any] | None = None,
    progress: Callable[[int], None] | None = None,
    models: Mapping[str, Any] | None = None,
) -> Report:
    """The report for labelled corpus files, read one line at a time; ``CorpusError`` on bad input."""
    pipeline = _pipeline(companies, models)
    evaluation = Evaluation()
    for item in iter_corpus(paths, progress):
        evaluation.add(item, prediction_from(*pipeline.analyse_with_scores(item.article)))
    return evaluation.report()


def run_cli(
    paths: list[str],
    out: TextIO,
    companies: Sequence[Any] | None = None,
    progress: Callable[[int], None] | None = None,
    models: Mapping[str, Any] | None = None,
) -> int:
    """Evaluate the pipeline on labelled corpus files; 0 on success, 2 on unreadable input.

    ``companies`` replaces the bundled reference data (tests and experiments); ``progress``
    is called with the size of each line read.
    """
    if not paths:
        out.write("error: no corpus file given\n")
        return EXIT_BAD_INPUT
    try:
        report = evaluate_files(paths, companies, progress, models)
    except CorpusError as exc:
        out.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    out.write(format_report(report))
    return EXIT_OK
