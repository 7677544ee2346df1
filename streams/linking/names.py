"""Name normalisation: raw text or an alias -> a same-length matching key; legal suffixes -> variants."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Full-width ASCII, typographic quotes, dashes and odd spaces -> plain ASCII, one char for one
# char, so that offsets in the normalised text are offsets in the original text.
_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x202F: " ",
        0x2009: " ",
        0x2019: "'",
        0x2018: "'",
        0x02BC: "'",
        0x00B4: "'",
        0x2010: "-",
        0x2011: "-",
        0x2012: "-",
        0x2013: "-",
        0x2014: "-",
        0x2212: "-",
        0xFF0E: ".",
        0x3001: ",",
    }
)


#: Any one character that ``_TABLE`` maps.
_FOLDABLE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def fold_width(text: str) -> str:
    """Full-width forms, curly quotes and dashes -> ASCII; same length as ``text``."""
    if text.isascii():
        return text
    # Same result as text.translate(_TABLE), several times faster: translate looks up every
    # character of non-ASCII text in the table, while the characters to fold are few.
    return _FOLDABLE_RE.sub(_fold_char, text)


def _fold_char(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())]


def normalise(text: str, folded: str | None = None) -> str:
    """The matching key of ``text``: width-folded and lower-cased, same length as ``text``.

    ``folded`` is ``fold_width(text)`` when the caller has it already.
    """
    if folded is None:
        folded = fold_width(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few letters (İ) lower to two code points; keep those as they are to keep offsets.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def strip_accents(text: str) -> str:
    """``Citroën`` -> ``Citroen`` (Latin, Greek, Cyrillic only); same length as ``text``."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii() or is_cjk(ch):
            out.append(ch)
            continue
        parts = unicodedata.normalize("NFD", ch)
        out.append(parts[0] if all(unicodedata.combining(c) for c in parts[1:]) else ch)
    return "".join(out)


# --- scripts -------------------------------------------------------------------------------


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff"


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def is_cjk(ch: str) -> bool:
    return is_han(ch) or is_kana(ch) or is_hangul(ch)


def is_word_char(ch: str) -> bool:
    """A letter or digit of a space-separated script (Latin, Greek, Cyrillic...), not CJK."""
    # Below U+2E80 nothing is CJK but the Hangul jamo, which running text does not use.
    return ch.isalnum() and (ch < "\u2e80" or not is_cjk(ch))


def all_han(text: str) -> bool:
    return bool(text) and all(is_han(c) for c in text)


# --- legal suffixes --------------------------------------------------------------------------

#: Groups of equivalent legal-form suffixes (Latin scripts); any member stands for the others.
LEGAL_SUFFIX_GROUPS: tuple[tuple[str, ...], ...] = (
    ("& co.", "& co", "and co.", "& company"),
    ("inc.", "inc", "incorporated"),
    ("corp.", "corp", "corporation"),
    ("co.", "co", "company"),
    ("co., ltd.", "co., ltd", "co. ltd.", "co ltd", "co.,ltd.", "company limited"),
    ("ltd.", "ltd", "limited"),
    ("plc", "p.l.c.", "public limited company"),
    ("ag",),
    ("se",),
    ("s.a.", "sa"),
    ("s.p.a.", "spa"),
    ("n.v.", "nv"),
    ("s.e.",),
    ("gmbh",),
    ("kgaa", "ag & co. kgaa"),
    ("llc",),
    ("lp",),
    ("holdings", "holding"),
    ("s.a.s.", "sas"),
    ("b.v.", "bv"),
    ("oyj",),
    ("asa",),
    ("ab", "ab (publ)"),
    ("k.k.",),
)

#: CJK legal forms; they follow the name with no space.
CJK_LEGAL_SUFFIXES: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "控股有限公司",
    "集团股份有限公司",
    "集团有限公司",
    "株式会社",
    "(株)",
    "주식회사",
    "(주)",
    "集团",
    "集團",
    "控股",
)
#: CJK legal forms that may come before the name (株式会社トヨタ, 주식회사 카카오).
CJK_LEGAL_PREFIXES: tuple[str, ...] = ("株式会社", "주식회사", "(株)", "(주)")

_LATIN_SUFFIX_FORMS: tuple[str, ...] = tuple(
    sorted({s for group in LEGAL_SUFFIX_GROUPS for s in group}, key=len, reverse=True)
)
_SUFFIX_GROUP_OF: dict[str, tuple[str, ...]] = {
    s: group for group in LEGAL_SUFFIX_GROUPS for s in group
}
#: A legal suffix right after a name in normalised text: ", Inc.", " AG", " S.p.A." ...
LATIN_SUFFIX_RE = re.compile(
    r"(?:,?\s)(?:" + "|".join(re.escape(s) for s in _LATIN_SUFFIX_FORMS) + r")(?![\w])"
)
CJK_SUFFIX_RE = re.compile(
    "|".join(re.escape(s) for s in sorted(CJK_LEGAL_SUFFIXES, key=len, reverse=True))
)
#: Forms too common as words to count as a legal suffix after a name on their own.
WEAK_SUFFIXES = frozenset({"co", "sa", "se", "ab", "lp", "holding", "holdings", "spa", "bv"})


def split_legal_suffix(name: str) -> tuple[str, str] | None:
    """``"Toyota Motor Corp."`` -> ``("Toyota Motor", "corp.")`` on a normalised name, else None."""
    for form in sorted(CJK_LEGAL_SUFFIXES, key=len, reverse=True):
        if name.endswith(form) and len(name) > len(form):
            return name[: -len(form)].rstrip(" ,"), form
    for form in CJK_LEGAL_PREFIXES:
        if name.startswith(form) and len(name) > len(form):
            return name[len(form) :].lstrip(), form
    for form in _LATIN_SUFFIX_FORMS:
        if name.endswith(form) and len(name) > len(form) + 1:
            head = name[: -len(form)]
            if head[-1] in " ,":
                return head.rstrip(" ,"), form
    return None


def alias_variants(alias: str) -> Iterator[tuple[str, bool]]:
    """The matching keys for one alias: ``(key, derived)``; ``derived`` keys may be dropped on clashes.

    Gives the alias itself, the alias with each equivalent legal suffix (``Corp`` <-> ``Corporation``),
    the core name without its legal suffixes, and accent-free forms of these.
    """
    key = normalise(alias).strip()
    if not key:
        return
    seen: set[str] = set()

    def emit(k: str, derived: bool) -> Iterator[tuple[str, bool]]:
        for form in (k, strip_accents(k)):
            if form and form not in seen:
                seen.add(form)
                yield form, derived

    yield from emit(key, False)
    core = key
    while True:
        split = split_legal_suffix(core)
        if split is None:
            break
        head, form = split
        for other in _SUFFIX_GROUP_OF.get(form, ()):
            if other != form:
                yield from emit(
                    f"{head} {other}" if head and not is_cjk(head[-1]) else head + other, True
                )
                if other[0].isalpha():
                    yield from emit(f"{head}, {other}", True)
        core = head
        if core and _meaningful_core(core):
            yield from emit(core, True)


def _meaningful_core(core: str) -> bool:
    """A stripped name still worth matching alone: >= 2 CJK chars or >= 3 other chars."""
    if all(is_cjk(c) for c in core):
        return len(core) >= 2
    return len(core.replace(" ", "")) >= 3
