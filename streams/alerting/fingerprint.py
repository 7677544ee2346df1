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

#: Below this many letters and digits the body alone does not identify a story.
MIN_BODY_CHARS = 40

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

#: "PARIS (Wire) -", "BEIJING, March 3 (Agency) --", "(서울=통신)", "SEOUL (Agency) :".
_DATELINE_PAREN = re.compile(
    r"^[^()\n]{0,60}?\((?P<agency>[^()\n]{1,40})\)\s*(?P<dash>[-–—:]{0,3})\s*"
)
#: "PARIS -", "SAN FRANCISCO, June 3 --": an upper-case place and a dash, no agency.
_DATELINE_CAPS = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,30}(?:,[^\n–—-]{1,30})?\s*[-–—]{1,3}\s+"
)
#: "【東京＝通信】", "【本報訊】" (NFKC keeps the lenticular brackets).
_DATELINE_LENTICULAR = re.compile(r"^【[^】\n]{1,40}】\s*")
#: "某某社北京3月3日电", with an optional "(记者 ...)" after it.
_DATELINE_ZH = re.compile(
    r"^[\u4e00-\u9fff]{1,8}?社[\u4e00-\u9fff]{0,10}\d{1,2}月\d{1,2}日(?:电|電|讯|訊)\s*(?:\([^()\n]{0,30}\))?\s*"
)
#: The Korean byline after a dateline: "홍길동 기자 =".
_BYLINE_KO = re.compile(r"^[\w\s]{2,12}?\s*기자\s*=\s*")

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
    r"^(?:source|sources|quelle|quellen|fonte|fonti|fuente|fuentes|来源|來源|出典|出所|출처|자료)\s*[:：]",
    re.IGNORECASE,
)
#: A closing line that names the reporter or says the story ended: "홍길동 기자", "（完）", "(끝)".
_CLOSING_MARK = re.compile(
    r"^(?:[\w\s]{2,12}\s*기자(?:\s+\S+@\S+)?|\S+@\S+\.\w+|[(（]?\s*(?:完|終わり|끝|end|fin|ende|fine)\s*[)）]?)$",
    re.IGNORECASE,
)


def fingerprint(headline: str, body: str) -> str:
    """The story's fingerprint (``fp_`` + 24 hex digits): equal for copies of the same text."""
    return "fp_" + hashlib.blake2b(core_text(headline, body).encode(), digest_size=12).hexdigest()


def core_text(headline: str, body: str) -> str:
    """The letters and digits the fingerprint hashes: the body without dateline and credits."""
    core = _letters(story_paragraphs(body))
    if len(core) < MIN_BODY_CHARS:
        return _letters([unicodedata.normalize("NFKC", headline)]) + "\x1f" + core
    return core


def story_paragraphs(body: str) -> list[str]:
    """The body's own paragraphs (NFKC): dateline, bylines and credit lines taken away."""
    paragraphs = [p.strip() for p in unicodedata.normalize("NFKC", body).splitlines()]
    paragraphs = [p for p in paragraphs if p]
    while paragraphs and _is_credit(paragraphs[0]):
        paragraphs.pop(0)
    while paragraphs and _is_credit(paragraphs[-1]):
        paragraphs.pop()
    if not paragraphs:
        return []
    paragraphs[0] = _strip_dateline(paragraphs[0])
    paragraphs[-1] = _strip_credit_tail(paragraphs[-1])
    return [p for p in paragraphs if p]


def _strip_dateline(text: str) -> str:
    for pattern in (_DATELINE_ZH, _DATELINE_LENTICULAR):
        m = pattern.match(text)
        if m:
            return _BYLINE_KO.sub("", text[m.end() :], count=1)
    m = _DATELINE_PAREN.match(text)
    if m and (m.group("dash") or "=" in m.group("agency") or m.start("agency") == 1):
        return _BYLINE_KO.sub("", text[m.end() :], count=1)
    m = _DATELINE_CAPS.match(text)
    if m:
        return text[m.end() :]
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


def _letters(paragraphs: list[str]) -> str:
    return "".join(ch for ch in "".join(paragraphs).casefold() if ch.isalnum())
