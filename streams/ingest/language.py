"""Language detection: text (+ the language a feed declared) -> one of the eight project languages."""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from streams.records import LANGUAGES

_LINGUA = {
    Language.ENGLISH: "en",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
    Language.SPANISH: "es",
    Language.ITALIAN: "it",
    Language.CHINESE: "zh",
    Language.JAPANESE: "ja",
    Language.KOREAN: "ko",
}
_KANA = re.compile(r"[\u3040-\u30ff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: How much of the text the detector reads: enough to decide, cheap on long bodies.
SAMPLE_CHARS = 600
#: Japanese prose has about as much kana as kanji; one kana to this many Han characters is Japanese.
KANA_SHARE = 8
HIRAGANA_SHARE = 20


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LINGUA).with_low_accuracy_mode().build()


def detect_language(text: str, declared: str | None = None) -> str:
    """The article's language code.

    Scripts settle CJK (enough kana means Japanese, hangul Korean, Han alone Chinese) and
    override a wrong declaration; among Latin-script languages a declared project
    language is trusted unless the detector is confident it is another one.
    """
    sample = text[:SAMPLE_CHARS]
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hiragana = len(_HIRAGANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    # a brand in katakana or hangul inside Chinese text is not enough: the script must carry
    # the text; hiragana (particles) is the surest sign of Japanese
    if (hiragana and hiragana * HIRAGANA_SHARE >= han) or (kana and kana * KANA_SHARE >= han):
        return "ja"
    if hangul and hangul * 4 >= han:
        return "ko"
    if han and han * 4 >= len(sample.strip()):
        return "zh"
    declared = (declared or "").lower()[:2] or None
    if declared in ("zh", "ja", "ko"):
        declared = None  # declared CJK but no CJK script: the declaration is wrong
    detected = _detector().detect_language_of(sample)
    code = _LINGUA.get(detected) if detected is not None else None
    if detected is not None and code is not None and declared in LANGUAGES and code != declared:
        confidence = _detector().compute_language_confidence(sample, detected)
        return code if confidence >= 0.8 else declared
    return code or declared or "en"
