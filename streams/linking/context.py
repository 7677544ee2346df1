"""Context rules: normalised text -> dateline/credit-line regions and agencies; is an ambiguous name a company here?"""

from __future__ import annotations

import re
from collections.abc import Iterable

from streams.linking.names import all_han, is_cjk, is_word_char, normalise

# --- ambiguity ---------------------------------------------------------------------------------

#: Words that name what kind of company follows, before the name: "the automaker Ford".
COMPANY_WORDS_BEFORE: frozenset[str] = frozenset(
    {
        # en
        "automaker", "carmaker", "automakers", "carmakers", "company", "companies", "firm",
        "group", "maker", "manufacturer", "rival", "rivals", "giant", "operator", "retailer",
        "supplier", "chipmaker", "conglomerate", "brand", "corporation", "competitor", "partner",
        "partners", "insurer", "bank", "lender", "airline", "carrier", "shares", "stake",
        "spokesperson", "spokesman", "spokeswoman", "investor", "subsidiary", "unit", "major",
        "producer", "telecoms", "telecom", "e-commerce", "shipbuilder", "distributor",
        "reinsurer", "insurers", "brewer", "bottler",
        # fr
        "constructeur", "constructeurs", "groupe", "société", "entreprise", "firme", "opérateur",
        "géant", "fabricant", "marque", "concurrent", "porte-parole", "action", "titre",
        "distributeur", "équipementier", "pétrolier", "filiale", "partenaire",
        "assureur", "réassureur", "banque", "brasseur",
        # de
        "autobauer", "autokonzern", "konzern", "hersteller", "unternehmen", "konkurrent",
        "rivale", "firma", "gruppe", "marke", "betreiber", "riese", "zulieferer",
        "mineralölkonzern", "ölkonzern", "tochter", "aktie", "aktien", "wettbewerber",
        "versicherer", "versicherungskonzern", "versicherungsriese", "rückversicherer",
        # es
        "fabricante", "grupo", "empresa", "compañía", "marca", "operadora", "gigante", "portavoz",
        "acciones", "filial", "petrolera", "automovilística", "socio",
        "aseguradora", "reaseguradora", "banco",
        # it
        "costruttore", "gruppo", "società", "azienda", "marchio", "operatore", "colosso",
        "portavoce", "titolo", "casa", "controllata",
        "assicuratore", "compagnia", "banca",
    }
)  # fmt: skip
#: German compounds end with the company word: "US-Autobauer", "Ölkonzern", "Elektroautohersteller".
_COMPANY_WORD_ENDINGS: tuple[str, ...] = (
    "bauer", "konzern", "hersteller", "unternehmen", "riese", "gruppe", "konkurrent", "zulieferer",
    "maker", "-group", "anbieter", "betreiber",
    "versicherer",
)  # fmt: skip
#: Words right after the name (after an optional possessive) that make it a company.
COMPANY_WORDS_AFTER: frozenset[str] = frozenset(
    {
        "motor", "motors", "inc", "inc.", "corp", "corp.", "plc", "group", "shares", "share",
        "stock", "spokesperson", "spokesman", "spokeswoman", "chief", "ceo", "executive",
        "executives", "chairman", "board", "investors", "shareholders", "dealers", "dealerships",
        "earnings", "profit", "revenue", "sales", "vehicles", "cars", "models", "plant", "factory",
        "brand", "stores", "store", "subsidiary", "unit", "s.a.", "sa", "se", "ag", "n.v.", "ltd",
        # de compounds and words
        "sprecher", "sprecherin", "chef", "aktie", "aktien", "konzern", "werk", "vorstand",
        "manager", "händler", "modelle", "fahrzeuge",
    }
)  # fmt: skip
#: Words right after an ambiguous name that make it something else ("Amazon rainforest").
NON_COMPANY_AFTER: frozenset[str] = frozenset(
    {
        "rainforest", "river", "basin", "forest", "jungle", "region", "tribe", "tribes", "delta",
        "foundation", "fondation", "stiftung", "fundación", "fondazione", "museum", "university",
        "prize", "award", "street", "avenue", "square", "park", "zoo", "cub", "cubs",
        "juice", "tree", "trees", "orchard", "orchards", "pie", "colour", "color", "peel",
        "hunters", "collectors", "shop", "shops", "jewellery", "jewelry", "fans",
    }
)  # fmt: skip
#: Capitalised words that may stand right before a company name without making it a person.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "for", "with", "at", "by", "of", "in", "on", "to",
        "from", "as", "while", "after", "when", "le", "la", "les", "l'", "de", "du", "des", "et",
        "un", "une", "chez", "pour", "avec", "selon", "der", "die", "das", "den", "dem", "und", "bei", "mit", "von", "für", "auch", "el", "los", "las", "y", "con", "según", "il",
        "lo", "gli", "i", "e", "per", "da", "di", "del", "della", "secondo", "both", "rivals",
        "like", "including", "unlike", "whereas", "meanwhile", "also", "then", "laut", "nach",
        "über", "gegen", "wie", "sowie", "nur", "selbst", "para", "sobre", "entre",
        "contra", "como", "comme", "contre", "sur", "vers", "avant", "après", "ainsi", "come",
        "contro", "tra", "fra", "su", "anche", "against", "over", "between", "than", "only",
        "even", "why", "how", "what", "where", "neither", "either", "whether", "if", "since",
        "because", "although", "though", "yet", "so", "now", "today", "this", "that", "these",
        "those", "its", "their", "our", "we", "they", "not", "no", "all", "some", "many", "most",
        "mais", "pero", "ma", "aber", "doch", "dass", "que", "che", "qui", "quand", "cuando",
        "quando", "wenn", "als", "ob", "weil", "en", "au", "aux", "dans", "im", "am", "zum",
        "zur", "al", "nel", "nella", "alla", "sul", "dal", "ein", "eine", "einem", "einen",
        "eines", "einer", "una", "uno", "unos", "unas", "un'", "dello", "degli",
    }
)  # fmt: skip

#: Sector families -> words of that sector, in the eight languages.
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "auto": (
        "car",
        "cars",
        "vehicle",
        "automaker",
        "carmaker",
        "auto",
        "autos",
        "automotive",
        "ev",
        "evs",
        "suv",
        "sedan",
        "pickup",
        "truck",
        "trucks",
        "dealership",
        "electric vehicle",
        "motor",
        "driving",
        "self-driving",
        "robotaxi",
        "battery",
        "batteries",
        "model",
        "voiture",
        "voitures",
        "véhicule",
        "constructeur",
        "automobile",
        "conduite",
        "berline",
        "auto",
        "autos",
        "fahrzeug",
        "autobauer",
        "elektroauto",
        "pkw",
        "wagen",
        "modell",
        "coche",
        "coches",
        "vehículo",
        "automóvil",
        "automovilística",
        "vettura",
        "vetture",
        "veicolo",
        "auto elettrica",
        "automobilistica",
        "汽车",
        "车型",
        "整车",
        "车企",
        "电动车",
        "新能源车",
        "自动驾驶",
        "智能驾驶",
        "座舱",
        "自動車",
        "車種",
        "電気自動車",
        "自動運転",
        "車両",
        "자동차",
        "차량",
        "전기차",
        "완성차",
        "자율주행",
    ),
    "tech": (
        "iphone",
        "ipad",
        "mac",
        "app",
        "apps",
        "chips",
        "app store",
        "smartphone",
        "smartphones",
        "chip",
        "chips",
        "cloud",
        "software",
        "ai",
        "artificial intelligence",
        "device",
        "devices",
        "online",
        "e-commerce",
        "streaming",
        "data centre",
        "data center",
        "platform",
        "logiciel",
        "appareil",
        "nuage",
        "plateforme",
        "handy",
        "geräte",
        "plattform",
        "teléfono",
        "dispositivo",
        "plataforma",
        "nube",
        "telefono",
        "piattaforma",
        "手机",
        "芯片",
        "云",
        "软件",
        "电商",
        "人工智能",
        "平台",
        "智能",
        "スマホ",
        "スマートフォン",
        "半導体",
        "クラウド",
        "アプリ",
        "스마트폰",
        "반도체",
        "클라우드",
        "앱",
        "플랫폼",
    ),
    "telecom": (
        "telecom",
        "telecoms",
        "mobile",
        "broadband",
        "network",
        "5g",
        "fibre",
        "fiber",
        "subscribers",
        "opérateur",
        "télécommunications",
        "abonnés",
        "mobilfunk",
        "netz",
        "telekommunikation",
        "operadora",
        "telecomunicaciones",
        "móvil",
        "operatore",
        "telecomunicazioni",
        "电信",
        "运营商",
        "通信",
        "携帯",
        "통신",
    ),
    "energy": (
        "oil",
        "gas",
        "lng",
        "fuel",
        "fuels",
        "refinery",
        "petrol",
        "energy",
        "pétrole",
        "pétrolier",
        "carburant",
        "gaz",
        "raffinerie",
        "öl",
        "erdöl",
        "kraftstoff",
        "raffinerie",
        "petróleo",
        "petrolera",
        "combustible",
        "petrolio",
        "carburante",
        "石油",
        "天然气",
        "能源",
        "燃料",
        "石油会社",
        "정유",
        "석유",
    ),
    "retail": (
        "store",
        "stores",
        "retailer",
        "shoppers",
        "e-commerce",
        "online",
        "magasin",
        "magasins",
        "commerce en ligne",
        "geschäft",
        "onlinehandel",
        "tienda",
        "tiendas",
        "negozio",
        "negozi",
        "零售",
        "电商",
        "网购",
        "小売",
        "통신판매",
        "유통",
    ),
}


def sector_family(sector: str | None, industry: str | None) -> tuple[str, ...]:
    """Sector families of a company from its sector/industry labels."""
    label = f"{sector or ''} {industry or ''}".lower()
    families = []
    if any(w in label for w in ("auto", "vehicle", "motor", "car")):
        families.append("auto")
    if any(
        w in label
        for w in ("tech", "software", "semiconductor", "internet", "electronic", "computer")
    ):
        families.append("tech")
    if any(w in label for w in ("communication", "telecom")):
        families.append("telecom")
    if any(w in label for w in ("energy", "oil", "gas")):
        families.append("energy")
    if any(w in label for w in ("retail", "consumer", "commerce")):
        families.append("retail")
    return tuple(families)


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    latin = {normalise(w) for w in words if not any(is_cjk(c) for c in w)}
    # Words of five letters or more match as stems (vehicle -> vehicles, Fahrzeug -> Fahrzeuge).
    stems = sorted((w for w in latin if len(w) >= 5), key=len, reverse=True)
    short = sorted((w for w in latin if len(w) < 5), key=len, reverse=True)
    cjk = sorted({w for w in words if any(is_cjk(c) for c in w)}, key=len, reverse=True)
    parts = []
    if stems:
        parts.append(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in stems) + r")")
    if short:
        parts.append(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in short) + r")(?![^\W_])")
    if cjk:
        parts.append("|".join(re.escape(w) for w in cjk))
    return re.compile("|".join(parts))


SECTOR_RES: dict[str, re.Pattern[str]] = {k: _words_re(v) for k, v in SECTOR_WORDS.items()}

#: Han-script company words next to a name: 长城汽车, 小米集团, 车企小米, 小米方面, 小米表示.
CJK_COMPANY_AFTER: tuple[str, ...] = (
    "汽车", "汽車", "集团", "集團", "公司", "方面", "股份", "控股", "科技", "旗下", "品牌", "表示",
    "宣布", "称", "稱", "发布", "發布", "推出", "董事长", "创始人", "股价", "港股", "美股", "A股",
    "自動車", "ホールディングス", "グループ", "社は", "社長", "株",
    "자동차", "그룹", "측", "관계자", "주가", "회장",
)  # fmt: skip
CJK_COMPANY_BEFORE: tuple[str, ...] = (
    "车企", "車企", "厂商", "厂家", "巨头", "企业", "公司", "集团", "品牌", "合作伙伴", "车厂",
    "平台", "运营商", "制造商", "供应商", "巨頭", "企業", "廠商",
    "メーカー", "大手", "업체", "기업",
)  # fmt: skip
#: After a Han-script name these make it an ordinary word: 理想的, 大众化, 长城脚下.
CJK_WORD_AFTER: tuple[str, ...] = ("的", "地", "得", "化", "脚下", "粥", "市场", "消费", "媒体")
CJK_WORD_BEFORE: tuple[str, ...] = ("的", "很", "最", "更", "不", "普通", "广大", "万里")

#: Words that name a joint venture, in the project's languages (matched case-insensitively).
JOINT_VENTURE_WORDS: tuple[str, ...] = (
    "joint venture",
    "joint-venture",
    "coentreprise",
    "co-entreprise",
    "entreprise commune",
    "gemeinschaftsunternehmen",
    "empresa conjunta",
    "empresa mixta",
    "società mista",
    "合资",
    "合資",
    "合弁",
    "합작",
)


def names_joint_venture(sentence: str) -> bool:
    """The sentence speaks of a joint venture."""
    lowered = sentence.lower()
    return any(word in lowered for word in JOINT_VENTURE_WORDS)


_TOKEN_RE = re.compile(r"[\w'.&-]+")
#: Elided articles glued to the next word: "L'action", "d'Orange", "dell'azienda".
_ELISION_RE = re.compile(r"^(?:l|d|qu|dell|all|nell|sull|dall|un)'", re.IGNORECASE)

#: Countries and regions that follow a company name to name its local arm ("Porsche China").
REGION_WORDS: frozenset[str] = frozenset(
    {
        "china", "japan", "korea", "india", "europe", "asia", "america", "americas", "germany",
        "france", "italy", "spain", "uk", "us", "usa", "canada", "mexico", "brazil", "australia",
        "africa", "international", "global", "north", "deutschland", "frankreich", "italien",
        "spanien", "chine", "japon", "corée", "allemagne", "italie", "espagne", "europa",
        "italia", "españa", "alemania", "francia", "japón", "giappone", "cina", "corea",
        "belgium", "belgique", "polska", "poland", "schweiz", "suisse", "austria", "österreich",
    }
)  # fmt: skip

#: Lower-case name particles: "Leonardo da Vinci", "Puerto de Santander", "Ursula von der Leyen".
NAME_PARTICLES: frozenset[str] = frozenset(
    {"da", "di", "de", "del", "della", "von", "van", "der", "du", "dos", "do", "la", "le"}
)


def _is_company_word(word: str) -> bool:
    w = _ELISION_RE.sub("", word.strip(".,;:'\"")).lower()
    if w in COMPANY_WORDS_BEFORE:
        return True
    return any(w.endswith(e) for e in _COMPANY_WORD_ENDINGS)


def prev_tokens(original: str, start: int, count: int, limit: int) -> list[tuple[int, str]]:
    """Up to ``count`` tokens before ``start`` in the same sentence (``limit``), nearest first."""
    out: list[tuple[int, str]] = []
    pos = start
    while len(out) < count:
        j = pos
        while j > limit and original[j - 1] in " \t":
            j -= 1
        if j <= limit or not (is_word_char(original[j - 1]) or original[j - 1] in "'.&-"):
            break
        k = j
        while k > limit and (is_word_char(original[k - 1]) or original[k - 1] in "'.&-"):
            k -= 1
        out.append((k, original[k:j]))
        pos = k
    return out


def _next_token(original: str, end: int) -> tuple[str, str]:
    """The joiner (" ", "-", "'s ") and the token right after ``end``."""
    i = end
    n = len(original)
    # Possessive or genitive: "Ford's", "Fords", "Stellantis'".
    if original.startswith("'s", i):
        i += 2
    elif original.startswith("'", i):
        i += 1
    elif original.startswith("s", i) and (i + 1 >= n or not original[i + 1].isalnum()):
        i += 1
    joiner_start = i
    while i < n and original[i] in " -":
        i += 1
    joiner = original[joiner_start:i]
    m = _TOKEN_RE.match(original, i)
    return joiner, (m.group(0) if m else "")


def is_ordinary_word(original: str, start: int, end: int, sent_start: int) -> bool:
    """True when the name at ``original[start:end]`` is evidently not a company (Harrison Ford)."""
    name = original[start:end]
    if all_han(name):
        after = original[end : end + 2]
        before = original[max(0, start - 2) : start]
        return after.startswith(CJK_WORD_AFTER) or before.endswith(CJK_WORD_BEFORE)
    if any(is_cjk(c) for c in name):
        return False
    joiner, nxt = _next_token(original, end)
    nxt_l = nxt.lower().strip(".,")
    if nxt_l in NON_COMPANY_AFTER:
        return True
    if (
        nxt
        and nxt[0].isupper()
        and joiner in (" ", "-")
        and not _is_company_word(nxt)
        and nxt_l not in COMPANY_WORDS_AFTER
        and nxt_l not in FUNCTION_WORDS
        and nxt_l not in REGION_WORDS
        and not nxt.isupper()
    ):
        # "Ford Foundation", "House of Orange-Nassau": part of another proper name.
        return True
    prev = prev_tokens(original, start, 2, sent_start)
    if prev:
        k, word = prev[0]
        if (
            word[:1].isupper()
            and not word.isupper()
            and original[k + len(word) : start] == " "
            and word.lower() not in FUNCTION_WORDS
            and not _is_company_word(word)
        ):
            # "Harrison Ford", "President Ford", "Edsel Ford": a first name or a title.
            return True
        if word in NAME_PARTICLES and len(prev) == 2:
            k2, word2 = prev[1]
            if (
                word2[:1].isupper()
                and not word2.isupper()
                and original[k2 + len(word2) : k] == " "
                and word2.lower() not in FUNCTION_WORDS
                and not _is_company_word(word2)
            ):
                # "Leonardo da Vinci", "Puerto de Santander": a person's or a place's name.
                return True
    return False


def has_company_cue(original: str, start: int, end: int, sent_start: int) -> bool:
    """True when a company word, legal form or role stands next to the name ("the automaker Ford")."""
    after = original[end : end + 8]
    before = original[max(0, start - 6) : start]
    if after.startswith(CJK_COMPANY_AFTER) or before.endswith(CJK_COMPANY_BEFORE):
        return True
    name = original[start:end]
    if any(is_cjk(c) for c in name):
        return False
    joiner, nxt = _next_token(original, end)
    if nxt.lower().strip(".,") in COMPANY_WORDS_AFTER:
        return True
    if joiner == "-" and any(
        nxt.lower().startswith(w) for w in ("sprecher", "chef", "aktie", "konzern")
    ):
        return True
    for _, word in prev_tokens(original, start, 3, sent_start):
        if _is_company_word(word):
            return True
    return False


def has_sector_context(
    norm: str, start: int, end: int, families: Iterable[str], sent_start: int, sent_end: int
) -> bool:
    """True when the sentence around the name (``sent_start``-``sent_end``) talks about the
    company's sector."""
    sentence = norm[sent_start:start] + " " + norm[end:sent_end]
    return any(SECTOR_RES[f].search(sentence) for f in families if f in SECTOR_RES)


def sector_word_follows(norm: str, end: int, families: Iterable[str]) -> bool:
    """True when a CJK sector word of the company follows right after ``end`` (小米手机)."""
    return any(
        norm.startswith(w, end) for f in families for w in SECTOR_WORDS.get(f, ()) if is_cjk(w[0])
    )


# --- passing mentions --------------------------------------------------------------------------

#: Phrases that introduce companies named only as a point of comparison or as examples.
COMPARISON_CUES: tuple[str, ...] = (
    "such as", "like", "including", "against", "catch up with", "compete with", "competing with",
    "dominated by", "unlike", "versus", "vs.", "the likes of",
    "comme", "tels que", "telles que", "face à", "à l'instar de", "notamment",
    "wie", "etwa", "gegen", "darunter", "gegenüber",
    "como", "frente a", "tales como", "incluidos", "incluidas",
    "come", "rispetto a", "tra cui", "quali",
)  # fmt: skip
_COMPARISON_RE = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(c) for c in sorted(COMPARISON_CUES, key=len, reverse=True))
    + r")\s+(?:[\w.&'-]+(?:\s+[\w.&'-]+)?\s*(?:,|and|or|et|ou|und|oder|y|o|e)\s+)*$",
    re.IGNORECASE,
)
#: Longest stretch of text before a name searched for a comparison cue.
_COMPARISON_WINDOW = 60


def compared_before(text: str, sent_start: int, name_start: int) -> bool:
    """A comparison or example cue leads up to the name ("rivals such as Sany and XCMG")."""
    window = text[max(sent_start, name_start - _COMPARISON_WINDOW) : name_start]
    return _COMPARISON_RE.search(window) is not None
