"""Do CJK cues respect word boundaries? Cue matches on labelled real news against a tokenizer's words.

``python tools/realnews/tokenizers.py`` (needs ``fugashi`` + ``unidic-lite``, ``kiwipiepy``,
``jieba``; they are not dependencies of Tickerwire: install them in a scratch venv that also
has ``pyahocorasick`` and ``orjson``). For Chinese, Japanese and Korean it counts every cue
of the tag families that the lexicon matcher finds in the labelled stories, and how many of
them start or end inside one of the tokenizer's words. A boundary rule is worth having when
the matches it would drop sit in stories *without* the cue's tag (false alarms) and not in
stories with it (evidence). It also times the tokenizer against the matcher on the same text.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.tagging.lexicon import CueMatcher, load_lexicon
from tools.realnews.dataset import labelled_records

#: Cue family -> the tag whose stories it is evidence for.
FAMILY_TAG = {
    "partner_strong": "partnership",
    "partner_weak": "partnership",
    "china": "china_strategy",
    "china_market": "china_strategy",
    "auto_strong": "auto_tech",
    "auto_weak": "auto_tech",
    "ev": "auto_tech",
}
TEXT_CHARS = 1500

Tokenize = Callable[[str], list[tuple[int, int]]]


def _jieba() -> Tokenize:
    import jieba

    jieba.setLogLevel(60)
    return lambda text: [(a, b) for _, a, b in jieba.tokenize(text)]


def _fugashi() -> Tokenize:
    import fugashi

    tagger = fugashi.Tagger()

    def tokenize(text: str) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for word in tagger(text):
            start = text.find(word.surface, pos)
            if start < 0:
                continue
            pos = start + len(word.surface)
            spans.append((start, pos))
        return spans

    return tokenize


def _kiwi() -> Tokenize:
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    return lambda text: [(t.start, t.start + t.len) for t in kiwi.tokenize(text)]


TOKENIZERS: dict[str, tuple[str, Callable[[], Tokenize]]] = {
    "zh": ("jieba", _jieba),
    "ja": ("fugashi+unidic-lite", _fugashi),
    "ko": ("kiwipiepy", _kiwi),
}


def main() -> int:
    print(
        "lang tokenizer            matches (in stories with the tag)  inside a word (with the tag)"
        "  tokenizer ms/story  matcher ms/story"
    )
    for language, (name, make) in TOKENIZERS.items():
        tokenize = make()
        matcher = CueMatcher(language, load_lexicon(language))
        total = inside = inside_pos = total_pos = 0
        t_tok = t_match = 0.0
        stories = 0
        for record in labelled_records(language, "all", presumed=False):
            text = (record["headline"] + "\n" + record["body"])[:TEXT_CHARS]
            tags = set(record["expected"]["tags"])
            t0 = time.perf_counter()
            matches = matcher.find(text)
            t1 = time.perf_counter()
            words = tokenize(text)
            t2 = time.perf_counter()
            t_match += t1 - t0
            t_tok += t2 - t1
            stories += 1
            starts = {a for a, _ in words}
            ends = {b for _, b in words}
            for m in matches:
                relevant = {FAMILY_TAG[f] for f in m.families if f in FAMILY_TAG}
                if not relevant:
                    continue
                total += 1
                total_pos += bool(relevant & tags)
                if m.start not in starts or m.end not in ends:
                    inside += 1
                    inside_pos += bool(relevant & tags)
        print(
            f"{language:<4} {name:<20} {total:8d} ({total_pos / max(total, 1):4.0%})"
            f" {inside:8d} ({inside / max(total, 1):4.0%})"
            f" {inside_pos:10d} ({inside_pos / max(inside, 1):4.0%})"
            f" {1000 * t_tok / max(stories, 1):14.2f} {1000 * t_match / max(stories, 1):17.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
