"""Organisation names: a sentence + language + spans already taken -> the organisations it names that the linker did not.

A fallback for partners outside the reference data (a university, a ministry, a start-up):
a name counts only with language evidence that it is an organisation, never for being
capitalised alone. Latin-script languages need an organisation head word ("Orvane AI",
"Hydra Institute of Technology"), a descriptor before it ("the start-up X", "dem Partner X"),
an apposition after it ("X, a new car company"), or a partner slot next to a linked company
("BMW and X", "with X"). Chinese, Japanese and Korean need a head (大学, 集团, 그룹 ...).
Places, countries, persons, dates and generic capitalised words are not organisations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in a sentence; offsets are in the text given."""

    name: str
    start: int
    end: int
    #: Placed as a partner: after "with"/"avec"/"mit", or coordinated with a linked company.
    slot: bool
    #: Named formally: with a legal form ("Cray Research Inc") or a wire symbol ("Cray <CYR>"),
    #: evidence enough to pair with another such name when no linked company takes part.
    formal: bool = False


# ---------------------------------------------------------------- Latin-script data

#: Words that make a capitalised name an organisation (casefolded).
HEADS: frozenset[str] = frozenset(
    """
    university université universität universidad università universitat universiteit
    ministry ministère ministerium ministerio ministero department
    institute institut instituto istituto
    group groupe gruppe grupo gruppo holding holdings capital motors motor ai labs lab
    technologies technology tech bank banque banca banco robotics systems therapeutics
    pharma pharmaceuticals biotech semiconductor semiconductors electronics automotive
    mobility software networks airlines airways investments investment corporation
    foundation fondation stiftung fundación fondazione agency council commission
    authority government gouvernement regierung gobierno governo hospital hôpital klinikum
    """.split()
)
#: Heads that may take a complement ("Ministry of Health", "Université de Lyon").
COMPLEMENT_HEADS: frozenset[str] = frozenset(
    """
    university université universität universidad università ministry ministère
    ministerium ministerio ministero institute institut instituto istituto bank banque
    banca banco department government gouvernement regierung gobierno governo
    """.split()
)
COMPLEMENT_LINKS: frozenset[str] = frozenset(
    {"of", "for", "de", "des", "du", "di", "del", "della", "für", "der"}
)
#: Common nouns that announce an organisation's name right after them.
DESCRIPTORS: frozenset[str] = frozenset(
    """
    company firm group start-up startup carmaker automaker maker manufacturer partner
    bank insurer lender fund investor university ministry supplier developer operator
    conglomerate chipmaker retailer
    société groupe pousse entreprise constructeur banque assureur partenaire fonds
    équipementier fabricant opérateur
    konzern unternehmen firma partner hersteller autobauer autohersteller zulieferer
    bank versicherer fonds investor chemiekonzern anbieter spezialist
    empresa compañía grupo fabricante socio banco aseguradora fondo
    società gruppo azienda banca casa costruttore produttore assicuratore fondo
    """.split()
)
#: German nouns ending so announce a name ("der Chemiekonzern X", "dem Autobauer X").
DE_DESCRIPTOR_ENDINGS: tuple[str, ...] = (
    "konzern", "unternehmen", "hersteller", "bauer", "partner", "zulieferer", "anbieter",
    "spezialist", "versicherer", "investor", "firma",
)  # fmt: skip
#: Prepositions and conjunctions: a descriptor before one of them describes something else.
LINK_WORDS: frozenset[str] = frozenset(
    """
    of in at on for from to by and or with as than
    de des du en dans pour par sur avec et ou
    von vom zu zur zum im in an auf aus mit und oder für
    del en para por con y o
    di del della dei da in per su con e o nel nella
    """.split()
)
#: Parts of German nouns for a joint venture or a subsidiary: what follows is not a partner.
DE_NOT_PARTNER: tuple[str, ...] = ("gemeinschafts", "tochter", "joint")
ARTICLES: frozenset[str] = frozenset(
    "the a an la le les l die der den dem das des el los las il lo gli i un une una uno ein eine einem einen".split()
)
#: Capitalised words that open a sentence or a clause but never a name.
OPENERS: frozenset[str] = frozenset(
    """
    according under with and but both after before while as in on at for by from to
    avec et mais selon après avant dans pour les deux
    mit und aber nach laut beide im am zum zur bei
    con y pero según tras ambas ambos
    e ma secondo dopo entrambe entrambi
    """.split()
)
#: Partner prepositions: an organisation right after one is placed as a partner.
PARTNER_PREPS: dict[str, tuple[str, ...]] = {
    "en": ("with", "together with", "alongside"),
    "fr": ("avec", "aux côtés de"),
    "de": ("mit", "gemeinsam mit", "zusammen mit"),
    "es": ("con", "junto con", "junto a"),
    "it": ("con", "insieme a", "insieme con", "assieme a"),
}
CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": ("and", "&"),
    "fr": ("et", "&"),
    "de": ("und", "&"),
    "es": ("y", "e", "&"),
    "it": ("e", "ed", "&"),
}
#: Legal forms dropped from the end of a name.
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    """
    inc inc. ltd ltd. limited gmbh ag sa sas se s.p.a s.p.a. spa srl s.r.l nv bv plc corp
    corp. co co. cos kk llc lp kgaa s.l sl s.a s.a. ab oy oyj asa pty bhd
    """.split()
)
_LEGAL_BARE = frozenset(s.rstrip(".") for s in LEGAL_SUFFIXES)
#: Capitalised words that are never a name on their own: months, days, titles, generic terms.
NOT_NAMES: frozenset[str] = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag
    freitag samstag sonntag
    mr mrs ms dr prof herr frau m mme monsieur madame sr sra dott sig
    ceo cfo cto chairman president chief director minister
    """.split()
)
#: Generic capitalised terms: never a name on their own, yet fine inside one (Orvane AI).
GENERIC: frozenset[str] = frozenset(
    """
    ai ia ki ev evs suv adas it iot 5g r&d gpu os api covid-19 mou joint venture ventures
    us usa uk eu ue un
    """.split()
)
#: Titles before a person's name ("chief executive John Doe" is not a company).
PERSON_CUES: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof herr frau m. mme monsieur madame ceo chairman president minister
    executive founder spokesman spokeswoman spokesperson director said says sagte erklärte
    a déclaré dijo ha detto
    """.split()
)
#: Places and countries: a partner only as "the government of ..." or a ministry.
PLACES: frozenset[str] = frozenset(
    """
    china chine cina germany allemagne deutschland alemania germania france frankreich
    francia italy italie italien italia spain espagne spanien españa spagna japan japon
    giappone japón korea corée korea südkorea corea israel israël europe europa asia asien
    america amérique amerika india inde indien brazil brasil brésil brasilien mexico mexique
    russia russie russland canada kanada australia australie australien taiwan
    vietnam indonesia thailand singapore singapour saudi arabia emirates dubai abu dhabi
    beijing pékin peking pechino shanghai shenzhen hangzhou guangzhou hong kong tokyo tokio
    seoul séoul seúl paris berlin munich münchen monaco milan milano mailand rome roma
    madrid barcelona barcelone london londres londra washington brussels bruxelles
    brüssel stuttgart frankfurt wolfsburg detroit california silicon valley xinjiang
    catalonia cataluña catalunya bavaria bayern
    """.split()
) | frozenset({"abu dhabi", "hong kong", "silicon valley", "saudi arabia", "new york"})
#: Nationality words: "Chinese AI" or "German Group" names no one.
DEMONYMS: frozenset[str] = frozenset(
    """
    chinese german french japanese korean american italian spanish european israeli british
    indian saudi emirati taiwanese asian global international national state
    """.split()
)
#: Chinese places: an organisation named after one is Chinese.
CHINESE_PLACES: tuple[str, ...] = (
    "china", "chinese", "beijing", "peking", "shanghai", "shenzhen", "guangzhou", "hangzhou",
    "zhejiang", "jiangsu", "wuhan", "chongqing", "tsinghua", "hong kong", "中国", "中國",
    "北京", "上海", "深圳", "广州", "廣州", "杭州", "浙江", "江苏", "江蘇", "武汉", "武漢",
    "重庆", "重慶", "清华", "清華", "香港",
)  # fmt: skip

_TOKEN = re.compile(r"[^\W_](?:[\w&+\-]|['’.](?=\w))*")
_NEVER_ALONE = ARTICLES | OPENERS | NOT_NAMES | GENERIC | PLACES | DEMONYMS | LINK_WORDS
_CAPWORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž]|\d+[A-Z])(?:[\w&+\-]|['’.](?=\w))*"
_LINK_ALT = "|".join(sorted(COMPLEMENT_LINKS, key=len, reverse=True))
#: Stretches worth reading: capitalised words joined by a space, " & " or an "of"-style link.
_REGION = re.compile(rf"(?<!\w){_CAPWORD}(?:(?: | & )(?:{_CAPWORD}|(?:{_LINK_ALT}) {_CAPWORD}))*")
_ELISION = re.compile(r"(?i)^(?:l|d|dell|all|nell|dall|sull|dell|qu|j|s|c|n)['’](?=\w)")
_APPOSITION = re.compile(
    r"\s*,\s*(?:a|an|the|une?|la|le|l['’]|el|una?|uno|il|eine?r?|die|der|das)\s+"
    r"(?:[^\s,.;:()]+\s+){0,6}?(?P<noun>[^\s,.;:()]+)"
)

# ---------------------------------------------------------------- CJK data

CJK_HEADS: dict[str, tuple[str, ...]] = {
    "zh": (
        "大学", "大學", "集团", "集團", "研究院", "研究所", "委员会", "委員會", "银行", "銀行",
        "资本", "資本", "投资", "投資", "基金", "控股", "科技", "实验室", "實驗室", "医院",
        "醫院", "有限公司",
    ),
    "ja": (
        "大学", "ホールディングス", "グループ", "研究所", "銀行", "キャピタル", "機構", "財団",
    ),
}  # fmt: skip
#: Words that describe rather than name (私募基金远山资本 -> 远山资本).
CJK_DESCRIPTORS: tuple[str, ...] = (
    "私募基金", "私募股权", "私募股權", "投资机构", "投資機構", "合作伙伴", "合作夥伴",
    "初创公司", "初創公司", "初创企业", "初創企業", "基金", "企业", "企業", "中国的", "中國的",
    "中国", "中國", "美国", "美國", "日本", "德国", "德國", "法国", "法國", "韩国", "韓國",
    "中国の", "中国", "米国の", "米国", "米", "独", "仏", "韓国の", "韓国", "同国の",
)  # fmt: skip
_CJK_DESCRIPTORS_LONGEST_FIRST = tuple(sorted(CJK_DESCRIPTORS, key=len, reverse=True))
_CJK_BOUNDARY = frozenset(
    "与和同跟及、，。；：！？「」『』（）()【】《》〈〉“”\"' 　的在将將把向对對予之从從于於为為是了并並"
    "とはがのをにでもへや・"
)
_CJK_NAME_CHAR = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ffA-Za-z0-9ー]")
_CJK_LEGAL = ("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社")
#: Parts of a phrase that is about an organisation without naming it (合资公司, 子公司).
_CJK_GENERIC = ("合资", "合資", "子公司", "该公司", "該公司", "母公司", "新公司", "同社")
_GLOSS = re.compile(r"\s*[（(]\s*(?P<gloss>[A-Z][A-Za-z0-9&.\- ]{1,40}?)\s*[)）]")
_CJK_MAX = 12
_KO_WORD = re.compile(
    r"(?P<name>[가-힣A-Za-z0-9]{2,}?(?:대학교|대학|그룹|공사|은행|캐피탈|홀딩스|연구원|연구소|재단|공단|부))"
    r"(?:와의|과의|와|과|이|가|은|는|을|를|의|에|도|측과|측은)?(?![가-힣A-Za-z0-9])"
)
_KO_GENERIC = frozenset({"정부", "일부", "내부", "외부", "전부", "본부", "대부", "세부"})


# ---------------------------------------------------------------- public


def find_organisations(
    text: str, language: str, taken: Sequence[tuple[int, int]] = ()
) -> list[OrgMention]:
    """Organisations named in ``text`` outside ``taken`` (linked companies, dateline), in order.

    ``taken`` spans are linked companies: a linked company always wins over a name here.
    """
    if language in ("zh", "ja"):
        found = _cjk_organisations(text, language, taken)
    elif language == "ko":
        found = _korean_organisations(text, taken)
    else:
        found = _latin_organisations(text, language, taken)
    return sorted(found, key=lambda o: o.start)


def org_key(name: str) -> str:
    """A comparison key: casefolded words."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def looks_chinese(name: str, language: str) -> bool:
    """A Chinese-language name, or one that starts with a Chinese place (Shanghai Polytechnic University)."""
    if language == "zh" and re.search(r"[\u4e00-\u9fff]", name):
        return True
    folded = name.casefold()
    return folded.startswith(CHINESE_PLACES)


# ---------------------------------------------------------------- Latin scripts


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return self.text.casefold()

    @property
    def capital(self) -> bool:
        t = self.text
        return t[0].isupper() or (not t.islower() and any(c.isupper() for c in t[1:]))


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        elision = _ELISION.match(word)
        if elision:
            out.append(_Token(word[: elision.end() - 1], start, start + elision.end() - 1))
            word, start = word[elision.end() :], start + elision.end()
        out.append(_Token(word, start, start + len(word)))
    return out


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised-name runs, with "of"-style links after a complement head."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].capital or tokens[i].folded in NOT_NAMES or tokens[i].folded in GENERIC:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            gap = text[tokens[j - 1].end : tokens[j].start]
            if gap not in (" ", " & "):
                break
            t = tokens[j]
            if t.capital and t.folded not in NOT_NAMES:
                j += 1
                continue
            heads = any(x.folded in COMPLEMENT_HEADS for x in tokens[i:j])
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                heads
                and t.folded in COMPLEMENT_LINKS
                and nxt is not None
                and nxt.capital
                and text[t.end : nxt.start] == " "
            ):
                j += 2
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _trim(tokens: list[_Token], i: int, j: int, language: str) -> tuple[int, int, bool, bool]:
    """Drop leading articles, openers and descriptor nouns and trailing legal forms.

    Returns the new range, whether a descriptor noun was dropped from the front and whether
    a legal form was dropped from the end.
    """
    described = False
    while i < j:
        word = tokens[i].folded
        if word in ARTICLES or word in OPENERS:
            i += 1
        elif j - i > 1 and (word in DESCRIPTORS or _de_descriptor(word, language)):
            i += 1
            described = True
        else:
            break
    legal = False
    while j > i and tokens[j - 1].folded.rstrip(".") in _LEGAL_BARE:
        j -= 1
        legal = True
    return i, j, described, legal


def _de_descriptor(word: str, language: str) -> bool:
    """A German noun announcing a name; not a joint venture's or a subsidiary's (not a partner)."""
    return (
        language == "de"
        and word.endswith(DE_DESCRIPTOR_ENDINGS)
        and not any(part in word for part in DE_NOT_PARTNER)
    )


def _preceding_words(text: str, start: int, n: int) -> list[str]:
    return [w.casefold() for w in _TOKEN.findall(text[max(0, start - 80) : start])][-n:]


def _described(text: str, start: int, language: str) -> bool:
    """A descriptor noun right before ``start``, with only adjectives or an article between.

    German descriptors are capitalised and so read by ``_trim``; a preposition or any
    punctuation in between means the noun belongs to another phrase.
    """
    before = text[max(0, start - 80) : start]
    if language == "de" or not before.endswith(" ") or re.search(r"[,.;:()\"“”«»]\s*$", before):
        return False
    words = _TOKEN.findall(before)[-4:]
    for word in reversed(words):
        folded = word.casefold()
        if folded in DESCRIPTORS:
            return True
        if word[0].isupper() or folded in LINK_WORDS:
            return False
    return False


def _apposition(text: str, end: int) -> bool:
    m = _APPOSITION.match(text, end)
    return bool(m and m.group("noun").casefold() in DESCRIPTORS)


def in_partner_slot(
    text: str, start: int, end: int, language: str, taken: Sequence[tuple[int, int]]
) -> bool:
    """``text[start:end]`` follows a partner preposition, or is coordinated with a ``taken`` span.

    ``taken`` are the other partners' spans (linked companies); a preposition counts only
    when there is one.
    """
    if not taken:
        return False
    prep, conj_after, conj_before = _slot_patterns(language)
    if prep.search(text, max(0, start - 60), start):
        return True
    for a, b in taken:
        if b <= start and conj_after.fullmatch(text, b, start):
            return True
        if a >= end and conj_before.fullmatch(text, end, a):
            return True
    return False


_ARTICLE_ALT = "|".join(sorted(ARTICLES, key=len, reverse=True))


@cache
def _slot_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled once per language: preposition before, conjunction after and before a partner."""
    preps = "|".join(re.escape(p) for p in PARTNER_PREPS.get(language, PARTNER_PREPS["en"]))
    conj = "|".join(re.escape(c) for c in CONJUNCTIONS.get(language, CONJUNCTIONS["en"]))
    prep = re.compile(rf"(?i)(?:^|\W)(?:{preps})\s+(?:(?:{_ARTICLE_ALT})\s+|l['’])?$")
    after = re.compile(rf"(?i)\s+(?:{conj})\s+(?:(?:{_ARTICLE_ALT})\s+(?:\w+\s+){{0,2}})?")
    before = re.compile(rf"(?i)\s+(?:{conj})\s+")
    return prep, after, before


def _latin_organisations(
    text: str, language: str, taken: Sequence[tuple[int, int]]
) -> list[OrgMention]:
    found: list[OrgMention] = []
    for region in _REGION.finditer(text):
        a, b = region.span()
        if (" " not in region.group() and region.group().casefold() in _NEVER_ALONE) or (
            taken and _overlaps(a, b, taken)
        ):
            continue  # a linked company's stretch ("Toyota Motor Europe") is that company's
        found.extend(_region_organisations(text, a, b, language, taken))
    return found


def _region_organisations(
    text: str, a: int, b: int, language: str, taken: Sequence[tuple[int, int]]
) -> list[OrgMention]:
    """Organisations in ``text[a:b]``, a stretch of capitalised words (and "of"-style links)."""
    tokens = [_Token(t.text, t.start + a, t.end + a) for t in _tokens(text[a:b])]
    found: list[OrgMention] = []
    for i0, j0 in _runs(text, tokens):
        for k in range(j0 - 1, i0 - 1, -1):
            if tokens[k].text.endswith(("'s", "’s")):
                if org_key(tokens[k].text[:-2]) in PLACES:
                    i0 = j0  # a country's body named informally ("Spain's Industry Ministry")
                else:
                    i0 = k + 1  # the owner's name is not part of the name
                break
        i, j, described, legal = _trim(tokens, i0, j0, language)
        if i >= j or j - i > 6:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        if _overlaps(start, end, taken) or _touches(text, start, end, taken):
            continue
        name = text[start:end]
        words = [t.folded for t in tokens[i:j]]
        key = org_key(name)
        if key in PLACES or all(w in GENERIC or w in PLACES for w in words):
            continue
        if any(w in PERSON_CUES for w in _preceding_words(text, tokens[i0].start, 2)):
            continue
        proper = [
            w for w in words if not (w in HEADS or w in GENERIC or w in DEMONYMS or w in PLACES)
        ]
        headed = len(words) >= 2 and bool(proper) and any(w in HEADS for w in words[1:])
        described = described or (not headed and _described(text, tokens[i0].start, language))
        # (in a headline set in capitals a run is the whole line, not a name: no symbol evidence)
        symbol = not name.isupper() and bool(_WIRE_SYMBOL.match(text, tokens[j0 - 1].end))
        formal = bool(proper) and (legal or symbol)
        if language == "de" and not headed and not described and not formal:
            # German capitalises every noun: a slot or an apposition alone proves nothing
            continue
        slot = in_partner_slot(text, start, end, language, taken)
        if headed or described or formal or (slot and len(words) == 1) or _apposition(text, end):
            found.append(OrgMention(name, start, end, slot, formal))
    return found


#: A wire's ticker markup right after a name ("Cray Research <CYR>"): the name is a company's.
_WIRE_SYMBOL = re.compile(r"\s*<[A-Z0-9][A-Z0-9.]{0,9}>")


def _touches(text: str, start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    """Glued to a linked name ("Toyota Motor Europe", "Bosch-Tochter"): part of that company."""
    for a, b in taken:
        if (b == start - 1 and text[b] in " -") or (a == end + 1 and text[end] in " -"):
            return True
    return False


# ---------------------------------------------------------------- CJK


def _cjk_organisations(
    text: str, language: str, taken: Sequence[tuple[int, int]]
) -> list[OrgMention]:
    pattern = _cjk_head_pattern(language)
    found: list[OrgMention] = []
    last_end = -1
    for m in pattern.finditer(text):
        end = m.end()
        while True:  # 集团公司, 控股集团: one name with two heads
            nxt = pattern.match(text, end)
            if not nxt:
                break
            end = nxt.end()
        if end <= last_end:
            continue
        start = m.start()
        while (
            start > 0
            and m.start() - start < _CJK_MAX
            and text[start - 1] not in _CJK_BOUNDARY
            and _CJK_NAME_CHAR.match(text[start - 1])
            and not any(a < start <= b for a, b in taken)
        ):
            start -= 1
        for desc in _CJK_DESCRIPTORS_LONGEST_FIRST:
            if text.startswith(desc, start) and m.start() - (start + len(desc)) >= 2:
                start += len(desc)
                break
        last_end = end
        if m.start() - start < 2 or _overlaps(start, end, taken):
            continue
        name = text[start:end]
        if name in CJK_DESCRIPTORS or any(g in name for g in _CJK_GENERIC):
            continue
        for legal in _CJK_LEGAL:
            if name.endswith(legal) and len(name) > len(legal) + 1:
                name = name[: -len(legal)]
        gloss = _GLOSS.match(text, end)
        if gloss:
            name = gloss.group("gloss")
        found.append(OrgMention(name, start, end, _cjk_slot(text, start, language)))
    return found


@cache
def _cjk_head_pattern(language: str) -> re.Pattern[str]:
    heads = sorted(CJK_HEADS[language], key=len, reverse=True)
    return re.compile("|".join(re.escape(h) for h in heads))


def _cjk_slot(text: str, start: int, language: str) -> bool:
    before = text[max(0, start - 2) : start]
    if language == "ja":
        return before.endswith(("と", "、"))
    return before.endswith(("与", "與", "和", "同", "跟", "携手", "攜手"))


def _korean_organisations(text: str, taken: Sequence[tuple[int, int]]) -> list[OrgMention]:
    found: list[OrgMention] = []
    for m in _KO_WORD.finditer(text):
        start, end = m.span("name")
        name = m.group("name")
        if start > 0 and re.match(r"[가-힣A-Za-z0-9]", text[start - 1]):
            continue
        if name in _KO_GENERIC or (name.endswith("부") and len(name) < 4):
            continue
        if _overlaps(start, end, taken):
            continue
        particle = text[end : m.end()]
        found.append(OrgMention(name, start, end, particle in ("와", "과", "와의", "과의")))
    return found
