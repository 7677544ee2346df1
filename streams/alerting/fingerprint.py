"""Story fingerprint: headline + body -> a short key equal for syndicated copies of one text.

Two copies of a wire story that other feeds carry differ in ways that do not change the
story: whitespace, letter case, punctuation (straight or curly quotes, full-width or
half-width forms, dashes), the headline (feeds rewrite it), the dateline agency
("PARIS (Wire) -" / "PARIS -") and the credit lines around the text (bylines, "(Reporting
by ...)", "© 2024 ...", "Source: ...", "(끝)", "홍길동 기자"). The fingerprint is a hash of
what is left when all of that is taken away: the letters and digits of the body's own
paragraphs, case-folded and width-folded. Anything else — one word, one figure, one
sentence more or less — gives another fingerprint, so two stories are only grouped when
their text is the same; two stories about the same event written apart never are.

A body too short to tell stories apart (a headline-only flash) is keyed with its headline.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Spaces next to Han, kana and full-width forms carry no meaning (Hangul keeps its word spaces).
_CJK_SPACE = re.compile(
    r"\s+(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])|(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\s+"
)
#: Below this weight of letters and digits (a CJK character weighs 3) the body alone does not
#: identify a story: "Further details were not immediately available." under a flash headline.
MIN_BODY_WEIGHT = 80

_CLOSERS = {
    "(": ")",
    "[": "]",
    "【": "】",
    "〔": "〕",
    "<": ">",
    "《": "》",
    "〈": "〉",
    "「": "」",
}

#: "(서울=통신)": a dateline in brackets at the very start, with no dash.
_DATELINE_BRACKETS = re.compile(r"^\([^()\n]{1,40}\)\s*")
#: The dash that ends a dateline: "PARIS (Wire) - ", "BEIJING, March 3 -- ", "TOKYO — ".
_DATELINE_DASH = re.compile(
    r"(?:\s|(?<=\))|(?<=[\u3040-\u30ff\u3400-\u9fff]))(?:-{1,3}|[–—]{1,2})"
    r"(?:\s|$|(?=[\u3040-\u30ff\u3400-\u9fff]))"
)
#: Words a dateline may have before its dash: "SAN FRANCISCO, June 3 (Agency Name)".
MAX_DATELINE_WORDS = 9
#: "【東京＝通信】", "【本報訊】" (NFKC keeps the lenticular brackets).
_DATELINE_LENTICULAR = re.compile(r"^[【\[][^】\]\n]{1,40}[】\]]\s*")
#: "某某社北京3月3日电", with an optional "(记者 ...)" after it.
_DATELINE_ZH = re.compile(
    r"^[\u4e00-\u9fff]{1,8}?社[\u4e00-\u9fff]{0,10}\d{1,2}月\d{1,2}日(?:电|電|讯|訊)(?:\([^()\n]{0,30}\))?"
)
#: The Korean byline after a dateline: "홍길동 기자 =".
_BYLINE_KO = re.compile(r"^[\w\s]{2,12}?\s*기\s?자\s*=\s*")

#: A closing parenthesis of credits at the end of the text: "(Reporting by ...; Editing by ...)".
_CREDIT_TAIL = re.compile(
    r"[(\[]\s*(?:reporting|writing|editing|additional reporting|compiled|edited|bureau|"
    r"redaktion|redazione|redacción|redaccion|rédaction|redaction|reportage|mit material|"
    r"par |von |di |por |de |編集|编辑|編輯|责任编辑|記者|记者|取材|기자|편집|취재)"
    r"[^()\[\]]*[)\]]\s*$",
    re.IGNORECASE,
)
#: A short paragraph that only names the writer: "By Jane Roe", "Par Jean Dupont", "Von Eva Roth".
_BYLINE = re.compile(r"^(?:by|par|von|di|por|de|da)\s+[^\d.!?]{2,40}$", re.IGNORECASE)
#: A sign-off: "— Example Wire", "-- Agency".
_SIGN_OFF = re.compile(r"^[-–—]{1,3}\s*\S[^.!?]{0,40}$")
_RIGHTS = re.compile(
    r"©|\(c\)\s*\d{4}|^copyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados|tutti i diritti riservati|版权所有|版權所有|無断転載|无断转载|"
    r"무단\s*전재|재배포\s*금지",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?:source|sources|quelle|quellen|fonte|fonti|fuente|fuentes|来源|來源|出典|出所|출처|자료|"
    r"责任编辑|責任編輯|编辑|編輯|編集|记者|記者|校对|审核|기자|편집|취재)\s*[:：]",
    re.IGNORECASE,
)
#: A closing line that names the reporter or says the story ended: "홍길동 기자", "（完）", "(끝)".
_CLOSING_MARK = re.compile(
    r"^(?:[\w\s]{2,15}기\s?자(?:[^\n@]{0,30}@[^\n]{1,40})?|\S+@\S+\.\w+|[(（]?\s*(?:完|終わり|끝|end|fin|ende|fine)\s*[)）]?)$",
    re.IGNORECASE,
)


def fingerprint(headline: str, body: str) -> str:
    """The story's fingerprint (``fp_`` + 24 hex digits): equal for copies of the same text."""
    return "fp_" + hashlib.blake2b(core_text(headline, body).encode(), digest_size=12).hexdigest()


def core_text(headline: str, body: str) -> str:
    """The letters and digits the fingerprint hashes: the body without dateline and credits."""
    core = _letters(story_paragraphs(body))
    if _weight(core) < MIN_BODY_WEIGHT:
        return _letters([unicodedata.normalize("NFKC", headline)]) + "\x1f" + core
    return core


def story_paragraphs(body: str) -> list[str]:
    """The body's own paragraphs (NFKC): dateline, bylines and credit lines taken away."""
    text = unicodedata.normalize("NFKC", body)
    paragraphs = [_CJK_SPACE.sub("", " ".join(p.split())) for p in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and _is_credit(paragraphs[0]):
        paragraphs.pop(0)
    while paragraphs and _is_credit(paragraphs[-1]):
        paragraphs.pop()
    # A dateline may stand alone on the first line, or in front of a byline.
    while paragraphs:
        first = _strip_dateline(paragraphs[0])
        if first and not _is_credit(first):
            paragraphs[0] = first
            break
        paragraphs.pop(0)
    if not paragraphs:
        return []
    paragraphs[-1] = _strip_credit_tail(paragraphs[-1])
    return [p for p in paragraphs if p]


def _strip_dateline(text: str) -> str:
    """The first paragraph without its dateline(s) and the byline after one.

    A dateline is taken to be whatever stands before a dash among the first few words,
    whatever its case or punctuation: copies of one text lose the same words, and a feed
    that puts its own dateline in front of the original one loses both.
    """
    for _ in range(2):
        before = text
        for pattern in (_DATELINE_ZH, _DATELINE_LENTICULAR):
            m = pattern.match(text)
            if m:
                text = text[m.end() :]
        m = _DATELINE_BRACKETS.match(text)
        if m and ("=" in m.group(0) or _DATELINE_DASH.match(text, m.end() - 1)):
            text = text[m.end() :]
        m = _DATELINE_DASH.search(text, 0, 80)
        if m and len(text[: m.start()].split()) <= MAX_DATELINE_WORDS:
            text = text[m.end() :]
        text = _BYLINE_KO.sub("", text.lstrip(" -–—"), count=1)
        if text == before:
            break
    return text


def _strip_credit_tail(text: str) -> str:
    # Several credits may close a paragraph: "(Reporting by A) (Editing by B)".
    while True:
        m = _CREDIT_TAIL.search(text)
        if m is None:
            return text
        text = text[: m.start()].rstrip()


def _is_credit(paragraph: str) -> bool:
    """Is this whole paragraph a credit line, a byline, a copyright or source line?"""
    if len(paragraph) > 160:
        return False
    closer = _CLOSERS.get(paragraph[0])
    if closer is not None and paragraph.endswith(closer):
        # "(Reporting by ...)", "【編集：...】", "(Rédaction de Paris)": wholly in brackets.
        return paragraph.count(paragraph[0]) == 1
    return bool(
        _RIGHTS.search(paragraph)
        or _SOURCE.match(paragraph)
        or _CLOSING_MARK.match(paragraph)
        or (len(paragraph) <= 50 and (_BYLINE.match(paragraph) or _SIGN_OFF.match(paragraph)))
    )


def _weight(letters: str) -> int:
    return sum(3 if ord(ch) >= 0x3000 else 1 for ch in letters)


def _letters(paragraphs: list[str]) -> str:
    return "".join(ch for ch in "".join(paragraphs).casefold() if ch.isalnum())
