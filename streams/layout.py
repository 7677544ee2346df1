"""The text layer: a document -> its datelines, credit lines and sentences, computed once.

Linker and tagger read the same layer: where the dateline and the credit lines are (nothing
in them is a company or a cue), and where each sentence starts and ends (the linker's context
windows, the tagger's cue sentences). Each is computed on first use and kept on the
``Document``, so a story pays for it once whoever asks first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from streams.linking.markup import parse_item
from streams.linking.names import fold_width
from streams.tagging.sentences import Sentence, split_sentences
from streams.text import Document


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """The dateline and credit lines of a document, as ranges of ``Document.text``."""

    regions: tuple[tuple[int, int], ...]
    #: Agency names they give ("Reuters", "共同"): never a company where they stand alone.
    agencies: frozenset[str]

    def covers(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` wholly inside the dateline or a credit line?"""
        for a, b in self.regions:
            if a <= start and end <= b:
                return True
        return False


def boilerplate(doc: Document) -> Boilerplate:
    """The document's dateline and credit lines (computed once per document)."""
    found = doc.cached("boilerplate")
    if isinstance(found, Boilerplate):
        return found
    regions, agencies = dateline_and_credits(fold_width(doc.text), doc.body_offset)
    made = Boilerplate(tuple(regions), frozenset(agencies))
    doc.cache("boilerplate", made)
    return made


def sentences(doc: Document, language: str) -> list[Sentence]:
    """The document's sentences (computed once per document and language)."""
    key = f"sentences:{language}"
    found = doc.cached(key)
    if isinstance(found, list):
        return cast(list[Sentence], found)
    headline_end = (
        len(doc.headline) if doc.headline and doc.body else len(doc.text) if doc.headline else 0
    )
    made = split_sentences(doc.text, language, headline_end)
    doc.cache(key, made)
    return made


def sentence_around(doc: Document, language: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (from its start; the end is extended
    when the range runs past the sentence)."""
    cut = sentences(doc, language)
    key = f"sentence_starts:{language}"
    cached = doc.cached(key)
    starts = cast(list[int], cached) if isinstance(cached, list) else [s.start for s in cut]
    if cached is None:
        doc.cache(key, starts)
    i = bisect_right(starts, start) - 1
    if i < 0:
        return 0, max(end, cut[0].end if cut else end)
    return cut[i].start, max(end, cut[i].end)


#: "PARIS (Reuters) -", "BEIJING, March 3 (Xinhua) --", "東京 (共同) ", "(서울=한빛통신)".
_DATELINE_PAREN_RE = re.compile(
    r"\s*(?P<place>[^\n()]{0,60}?)\((?P<agency>[^()\n]{1,40})\)(?P<dash>\s*(?:-{1,3}|:)?\s*)"
)
#: "【広州＝アジア経済通信】", "【本報訊】" (width-folded text keeps the lenticular brackets).
_DATELINE_LENTICULAR_RE = re.compile(r"\s*【(?P<agency>[^】\n]{1,40})】\s*")
#: "新华社北京3月3日电", "华商社杭州10月26日电（记者 王某）".
_DATELINE_ZH_RE = re.compile(
    r"\s*(?P<agency>[\u4e00-\u9fff]{1,8}?社)[\u4e00-\u9fff]{0,10}\d{1,2}月\d{1,2}日(?:电|電|讯|訊)"
    r"(?:\s*\([^()\n]{0,30}\))?"
)
#: A credit line at the end of the body: "(Reporting by ...; Editing by ...)", "(編集：...)".
_CREDIT_TAIL_RE = re.compile(
    r"\((?:reporting|writing|editing|additional reporting|compiled|bureau|redaktion|redazione|"
    r"redacción|redaccion|rédaction|redaction|reportage|edited|par |von |di |por |"
    r"編集|编辑|編輯|记者|記者|取材|기자|편집|취재)[^()]*\)\s*$",
    re.IGNORECASE,
)
#: Names of news agencies; as a bare name they never stand for a listed company.
KNOWN_AGENCIES: frozenset[str] = frozenset(
    {
        "reuters", "路透", "路透社", "ロイター", "로이터", "ap", "associated press", "afp",
        "agence france-presse", "bloomberg", "bloomberg news", "dow jones", "dow jones newswires",
        "xinhua", "新华社", "新華社", "kyodo", "共同", "共同通信", "jiji", "時事", "时事",
        "yonhap", "연합뉴스", "연합", "ansa", "efe", "europa press", "dpa", "apa", "belga", "anp",
        "tass", "pti", "aap", "cna", "中新社", "中通社", "newsis", "뉴시스", "agi", "adnkronos",
    }
)  # fmt: skip


def dateline_and_credits(text: str, body_offset: int) -> tuple[list[tuple[int, int]], set[str]]:
    """Regions of width-folded ``text`` that are a dateline or a credit line, and the agency
    names they give."""
    regions: list[tuple[int, int]] = []
    agencies: set[str] = set()
    body = text[body_offset:]
    for pattern in (_DATELINE_ZH_RE, _DATELINE_LENTICULAR_RE, _DATELINE_PAREN_RE):
        m = pattern.match(body)
        if m is None:
            continue
        if pattern is _DATELINE_PAREN_RE and not _looks_like_dateline(m):
            continue
        regions.append((body_offset + m.start(), body_offset + m.end()))
        agencies.update(_agency_names(m.group("agency")))
        break
    # Trailing paragraphs wholly in brackets are credit lines; so is a credit tail of the last one.
    end = len(text)
    while True:
        para_start = text.rfind("\n", body_offset, end) + 1
        para = text[max(para_start, body_offset) : end].strip()
        if len(para) > 2 and para[0] == "(" and para[-1] == ")" and "(" not in para[1:-1]:
            regions.append((max(para_start, body_offset), end))
            agencies.update(_credit_agencies(para))
            end = max(para_start - 1, body_offset)
            if end <= body_offset:
                break
            continue
        m = _CREDIT_TAIL_RE.search(text, max(para_start, body_offset), end)
        if m is not None:
            regions.append((m.start(), m.end()))
            agencies.update(_credit_agencies(m.group(0)))
        break
    return regions, agencies


def _looks_like_dateline(m: re.Match[str]) -> bool:
    place = m.group("place").strip()
    agency = m.group("agency")
    if len(place) > 45 or place.count(" ") > 6 or parse_item(agency.strip()) is not None:
        return False
    if m.group("dash").strip():
        return True
    # No dash: "東京 (共同) " or "(서울=한빛통신)": a short place set apart, or none at all.
    if "=" in agency or not place:
        return True
    return len(place) <= 15 and m.group("place").endswith(" ") and m.group("dash").startswith(" ")


def _agency_names(raw: str) -> set[str]:
    parts = re.split(r"[=/,;·・]", raw)
    names = {p.strip() for p in parts if p.strip()}
    names.add(raw.strip())
    return names


def _credit_agencies(credit: str) -> set[str]:
    """Agency names a credit line credits: "(Reporting by X for Reuters)" -> {"reuters"}."""
    found = set()
    lowered = credit.lower()
    for name in KNOWN_AGENCIES:
        if len(name) > 2 and name in lowered:
            found.add(name)
    return found


def in_regions(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in regions)
