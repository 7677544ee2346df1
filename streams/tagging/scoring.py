"""Tag scoring: a cue-read document -> per-tag features, a calibrated probability and the evidence.

Each tag is a logistic model over a handful of document features built from cue
families (what the text says), the linked companies (who it is about) and their
placement (headline and lead sentence weigh more, the dateline nothing). The weights
live in ``weights.json``, fitted by ``tools/fit_tagger.py`` (L2-regularised logistic
regression on every labelled set, synthetic and real) and reproduced by it byte for
byte; the spec's explicit NOTs (a denied rumour, a stake purchase alone, public bodies
only) are vetoes, not weights. The features are general vocabulary families of each
language, never story-specific phrases, so the same weights serve every language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from streams.records import TAG_NAMES, Evidence
from streams.tagging.cues import CuedDocument, CuedSentence
from streams.tagging.lexical import LEXICAL_FILE, load_lexical
from streams.tagging.lexicon import UNSPACED

#: A tag is emitted at or above this probability.
THRESHOLD = 0.5
#: At most this many evidence items per tag.
MAX_EVIDENCE = 3

Features = dict[str, float]
#: Cue families that say a company acts (signs, widens, ends, allies), not that buyers buy.
COMPANY_STEP_FAMILIES: tuple[str, ...] = ("formed", "expand", "terminate", "partner_strong")
#: Cue families that name a step of a cooperation (signing, widening, ending, exploring).
STEP_FAMILIES: tuple[str, ...] = ("formed", "expand", "terminate", "explore_doc", "explore")

#: The fitted models of the three tags (``tools/fit_tagger.py`` writes this file).
WEIGHTS_FILE = Path(__file__).parent / "weights.json"


@dataclass(frozen=True, slots=True)
class TagModel:
    """One tag's decision: a logistic model over its features, its vetoes and its threshold."""

    weights: Mapping[str, float]
    #: Features that are the spec's explicit NOTs: any of them present -> probability 0.
    vetoes: tuple[str, ...] = ()
    #: The logit is multiplied by this (a temperature, 1.0 once fitted on enough data).
    scale: float = 1.0
    threshold: float = THRESHOLD
    #: Gram -> weight of the tag's lexical model (``lexical``; kept in ``lexical.json``,
    #: not in ``to_dict``): its score is the feature ``lexical``.
    lexical: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    #: How the lexical score joins in, on a story that has it: the logit becomes
    #: ``c + a * logit + b * lexical`` for ``(c, a, b)`` (``tools/fit_tagger.py``).
    stack: tuple[float, float, float] | None = None

    def probability(self, features: Mapping[str, float]) -> float:
        for veto in self.vetoes:
            if features.get(veto):
                return 0.0
        z = logit(self.weights, features) * self.scale
        lexical = features.get("lexical")
        if self.stack is not None and lexical is not None:
            c, a, b = self.stack
            z = c + a * z + b * lexical
        return sigmoid(z)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TagModel:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            vetoes=tuple(data.get("vetoes", ())),
            scale=float(data.get("scale", 1.0)),
            threshold=float(data.get("threshold", THRESHOLD)),
            stack=_stack(data.get("stack")),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "threshold": self.threshold,
            "scale": self.scale,
            "vetoes": list(self.vetoes),
        }
        if self.stack is not None:
            data["stack"] = list(self.stack)
        data["weights"] = dict(self.weights)
        return data


def _stack(value: Any) -> tuple[float, float, float] | None:
    if value is None:
        return None
    c, a, b = (float(v) for v in value)
    return (c, a, b)


def load_models(
    path: Path = WEIGHTS_FILE, lexical_path: Path = LEXICAL_FILE
) -> dict[str, TagModel]:
    """Tag name -> model, from the weights file and the lexical models' file."""
    data = orjson.loads(path.read_bytes())
    lexical = load_lexical(lexical_path)
    return {
        tag: replace(TagModel.from_dict(data[tag]), lexical=lexical.get(tag, {}))
        for tag in TAG_NAMES
    }


@dataclass(frozen=True, slots=True)
class TagScore:
    """A tag's probability, the features behind it and the evidence to show."""

    name: str
    score: float
    features: Features
    evidence: tuple[Evidence, ...]


def logit(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The log-odds of a logistic model (features without a weight count nothing)."""
    return weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())


def sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


#: The cue families each tag's model reads where they stand (see ``family_features``).
TAG_FAMILIES: Mapping[str, tuple[str, ...]] = {
    "partnership": (
        "partner_strong", "partner_weak", "joint", "develop", "study", "explore", "explore_doc",
        "formed", "expand", "terminate", "acquisition", "stake", "order", "lawsuit",
        "sponsorship", "denial", "rumour", "financing_vehicle", "political", "feature_link",
        "public_body", "sport",
    ),
    "china_strategy": (
        "china", "china_destination", "china_market", "abroad", "macro", "formed", "expand",
        "terminate", "company_noun", "partner_strong", "partner_weak", "acquisition", "order",
        "political", "sport",
    ),
    "auto_tech": (
        "auto_strong", "auto_weak", "vehicle", "ev", "auto_negative", "macro", "sport",
        "order", "lawsuit",
    ),
}  # fmt: skip


def family_features(doc: CuedDocument, families: tuple[str, ...]) -> Features:
    """Where each family stands: headline, lead, anywhere; beside one and two organisations.

    These let the fit weigh what each kind of word means by its place and company, the same
    way in every language (the families are the languages' shared vocabulary).
    """
    out: Features = {}
    lead = {id(s) for s in doc.lead}
    for s in doc.sentences:
        present = [f for f in families if f in s.families]
        if not present:
            continue
        orgs = s.organisations
        for f in present:
            if s.headline:
                out[f"{f}@headline"] = 1.0
            if id(s) in lead:
                out[f"{f}@lead"] = 1.0
            out[f"{f}@any"] = min(3.0, out.get(f"{f}@any", 0.0) + 1.0)
            if orgs >= 1:
                out[f"{f}@org1"] = 1.0
            if orgs >= 2:
                out[f"{f}@org2"] = 1.0
    return out


def _count(doc: CuedDocument, test: Callable[[CuedSentence], bool], cap: int) -> float:
    return float(min(cap, sum(1 for s in doc.sentences if test(s))))


def _share(sentences: list[CuedSentence], test: Callable[[CuedSentence], bool]) -> float:
    return sum(1 for s in sentences if test(s)) / len(sentences) if sentences else 0.0


def _distinct_companies(doc: CuedDocument) -> int:
    return sum(1 for spots in doc.mentions.values() if spots)


# ---------------------------------------------------------------- partnership


def partnership_sentence(s: CuedSentence) -> bool:
    """A sentence that states a cooperation: a strong cue, or a weak one between two companies."""
    return s.has("partner_strong") or (s.has("partner_weak") and len(s.companies) >= 2)


def partnership_features(doc: CuedDocument) -> Features:
    lead = doc.lead
    n_companies = _distinct_companies(doc)
    return {
        "strong_sentences": _count(doc, lambda s: s.has("partner_strong"), 3),
        "strong_lead": float(any(s.has("partner_strong") for s in lead)),
        "strong_with_companies": float(
            any(
                s.has("partner_strong") and (len(s.companies) >= 2 or (s.headline and s.companies))
                for s in doc.sentences
            )
        ),
        "weak_with_companies": _count(
            doc, lambda s: s.has("partner_weak") and len(s.companies) >= 2, 3
        ),
        "weak_lead_with_companies": float(
            any(s.has("partner_weak") and len(s.companies) >= 2 for s in lead)
        ),
        "co_develop": float(
            any(s.has("joint") and s.has("develop") and s.companies for s in doc.sentences)
        ),
        "event": float(
            any(partnership_sentence(s) and s.has(*STEP_FAMILIES) for s in doc.sentences)
        ),
        "acquisition_share": _share(
            [s for s in doc.sentences if partnership_sentence(s)],
            lambda s: s.has("acquisition", "stake"),
        ),
        "two_companies": float(n_companies >= 2),
        "no_company": float(n_companies == 0),
        # Chinese, Japanese and Korean headlines name companies by short forms the linker
        # knows less often: there, no linked company is weaker evidence of no company
        "no_company_unspaced": float(n_companies == 0 and doc.language in UNSPACED),
        # the spec wants a company among the partners: states, cities or ministries joining
        # forces with no company in the story are not a corporate partnership
        "public_bodies_only": float(
            n_companies == 0
            and any(s.has("public_body") for s in doc.sentences if partnership_sentence(s))
        ),
        "denial": float(
            any(s.has("denial") for s in lead)
            or any(s.has("denial") and partnership_sentence(s) for s in doc.sentences)
        ),
        "sponsorship": _count(doc, lambda s: s.has("sponsorship"), 2),
        "sport": float(_count(doc, lambda s: s.has("sport"), 3) >= 2),
        "acquisition_lead": float(any(s.has("acquisition", "stake") for s in lead)),
        # the lead reports a purchase and no sentence names a step of a cooperation:
        # "a stake purchase alone" in the spec's words, even in a joint venture
        "stake_purchase_only": float(
            any(s.has("acquisition", "stake") for s in lead)
            and not any(partnership_sentence(s) and s.has(*STEP_FAMILIES) for s in doc.sentences)
        ),
        "terminate_lead": float(
            any(s.has("terminate") and s.has("partner_strong", "partner_weak") for s in lead)
        ),
        "order_lead": float(any(s.has("order") for s in lead)),
        "lawsuit": _count(doc, lambda s: s.has("lawsuit"), 2),
        # who does what with whom: a cue with two organisations named in its sentence
        "organisations_in_cue_sentence": float(
            any(
                s.has("partner_strong", "partner_weak") and s.organisations >= 2
                for s in doc.sentences
            )
        ),
        "strong_with_organisation": float(
            any(s.has("partner_strong") and s.organisations >= 1 for s in doc.sentences)
        ),
        # readings that are not a cooperation between companies
        "financing_vehicle": _count(doc, lambda s: s.has("financing_vehicle"), 2),
        "political": _count(
            doc, lambda s: s.has("political") and s.has("partner_strong", "partner_weak"), 2
        ),
        "feature_link": _count(
            doc, lambda s: s.has("feature_link") and s.has("partner_strong", "partner_weak"), 2
        ),
        "headline_only": float(not any(not s.headline for s in doc.sentences)),
        # the headline says who cooperates with whom: a cue, two linked companies, and no
        # purchase, order or stake word that would make it a deal of another kind
        "headline_pair": float(
            any(
                s.headline
                and s.has("partner_strong", "partner_weak")
                and len(s.companies) >= 2
                and not s.has("acquisition", "stake", "order")
                for s in doc.sentences
            )
        ),
    }


def partnership_evidence(doc: CuedDocument) -> list[Evidence]:
    picked = sorted(
        (s for s in doc.sentences if partnership_sentence(s)),
        key=lambda s: (not s.headline, -s.count("partner_strong"), s.sentence.index),
    )
    return _evidence(doc, picked, ("partner_strong", "partner_weak"), "cue:partnership")


# ---------------------------------------------------------------- china strategy


def china_features(doc: CuedDocument, partners: tuple[tuple[str, str], ...]) -> Features:
    """``partners`` are company-id pairs of the partnership, if the story reports one."""
    foreign = [cid for cid, spots in doc.mentions.items() if spots and not doc.is_chinese(cid)]
    chinese = {cid for cid, spots in doc.mentions.items() if spots and doc.is_chinese(cid)}
    has_company = bool(foreign or chinese)
    macro = _count(doc, lambda s: s.has("macro"), 3)

    def market(s: CuedSentence) -> bool:
        return s.has("china") and s.has("china_market")

    def foreign_in(s: CuedSentence) -> bool:
        return any(cid in s.companies for cid in foreign)

    mixed = any(
        (a in chinese) != (b in chinese) and a in doc.companies and b in doc.companies
        for a, b in partners
    )
    lead = doc.lead
    lead_companies = {cid for s in lead for cid in s.companies}

    def cn_abroad(s: CuedSentence) -> bool:
        return s.has("abroad") and not s.has("order")

    return {
        "partners_cn_foreign": float(mixed),
        # the linker missed the company: a strategy story still names China with market
        # words in several sentences, the lead among them, where macro news names statistics
        # instead (and one of them reports a step the company takes: not tourists or shoppers)
        "market_no_company": _count(doc, market, 3)
        if not has_company
        and any(market(s) for s in doc.lead)
        and any(market(s) and s.has(*COMPANY_STEP_FAMILIES) for s in doc.sentences)
        else 0.0,
        # a Chinese company leads the story and a partnership sentence names a place abroad,
        # though the foreign partner may be unlisted or unlinked
        "cn_partner_abroad": float(
            bool(chinese & lead_companies)
            and any(
                partnership_sentence(s) and cn_abroad(s) and not s.has("china")
                for s in doc.sentences
            )
        ),
        "market_with_company": _count(doc, lambda s: market(s) and foreign_in(s), 3),
        "market_sentences": _count(doc, market, 3) if foreign else 0.0,
        # the Chinese company may be named in the lead and not again where the story says abroad
        "cn_company_abroad": _count(
            doc,
            lambda s: cn_abroad(s) and any(cid in chinese for cid in s.companies),
            2,
        ),
        "cn_subject_abroad": _count(doc, cn_abroad, 3)
        if chinese & lead_companies and not foreign
        else 0.0,
        "china_headline": float(
            has_company and any(s.has("china") for s in doc.sentences if s.headline)
        ),
        # without a linked company, China words alone read as tourism, property or macro
        # news more often than as the strategy of a company the linker missed
        "china_sentences": _count(doc, lambda s: s.has("china"), 4) if has_company else 0.0,
        "no_company": float(not has_company),
        "macro": macro,
        "denial": float(any(s.has("denial") for s in doc.lead)),
        "lawsuit": float(any(s.has("lawsuit") for s in doc.sentences)),
        # China named with nothing a company does there: police, sport, weather, history
        "china_place_only": float(
            any(s.has("china") for s in doc.sentences)
            and not has_company
            and not any(
                s.has("china_market", "abroad", *COMPANY_STEP_FAMILIES) for s in doc.sentences
            )
        ),
        # a company named by what it is ("the Navarre manufacturer", "该企业") where the
        # linker knows no name, doing business in or from China
        "china_company_noun": _count(
            doc,
            lambda s: (
                s.has("china")
                and s.has("company_noun")
                and s.has("china_market", "abroad", *COMPANY_STEP_FAMILIES)
            ),
            2,
        ),
        "china_lead_business": float(
            any(s.has("china") and (s.companies or s.has("china_market", "abroad")) for s in lead)
        ),
        "headline_only": float(not any(not s.headline for s in doc.sentences)),
    }


def china_evidence(doc: CuedDocument) -> list[Evidence]:
    picked = sorted(
        (s for s in doc.sentences if s.has("china") or (s.has("abroad") and s.companies)),
        key=lambda s: (not s.headline, not s.has("china_market"), s.sentence.index),
    )
    return _evidence(doc, picked, ("china", "abroad"), "cue:china")


# ---------------------------------------------------------------- auto tech


def auto_features(doc: CuedDocument) -> Features:
    def weak(s: CuedSentence) -> bool:
        return s.has("auto_weak") and s.has("vehicle")

    return {
        "strong_sentences": _count(doc, lambda s: s.has("auto_strong"), 4),
        "strong_cues": float(
            min(
                4,
                len(
                    {
                        doc.doc.text[m.start : m.end].lower()
                        for s in doc.sentences
                        if s.has("auto_strong")
                        for m in s.matches
                        if "auto_strong" in m.families
                    }
                ),
            )
        ),
        "weak_with_vehicle": _count(doc, weak, 3),
        "headline": float(
            any(s.has("auto_strong") or weak(s) for s in doc.sentences if s.headline)
        ),
        "vehicle_sentences": _count(doc, lambda s: s.has("vehicle", "auto_strong"), 4),
        "negative_sentences": _count(doc, lambda s: s.has("auto_negative"), 3),
        "macro": _count(doc, lambda s: s.has("macro"), 3),
        # electric and automated vehicles as the subject (the spec's EV batteries and
        # powertrains, autonomous driving), apart from cars in general
        "ev_lead": float(any(s.has("ev") for s in doc.lead)),
        "ev_sentences": _count(doc, lambda s: s.has("ev"), 3),
        "tech_with_vehicle_lead": float(
            any(s.has("auto_weak") and s.has("vehicle", "ev") for s in doc.lead)
        ),
        "headline_only": float(not any(not s.headline for s in doc.sentences)),
    }


def auto_evidence(doc: CuedDocument) -> list[Evidence]:
    picked = sorted(
        (
            s
            for s in doc.sentences
            if s.has("auto_strong") or (s.has("auto_weak") and s.has("vehicle"))
        ),
        key=lambda s: (not s.headline, -s.count("auto_strong"), s.sentence.index),
    )
    return _evidence(doc, picked, ("auto_strong", "auto_weak"), "cue:auto_tech")


# ---------------------------------------------------------------- shared


def _evidence(
    doc: CuedDocument, sentences: list[CuedSentence], families: tuple[str, ...], rule: str
) -> list[Evidence]:
    out: list[Evidence] = []
    for s in sentences[:MAX_EVIDENCE]:
        # the strongest family first: "véhicules connectés" explains auto_tech better than "cloud"
        cue = next((c for f in families if (c := s.first(f)) is not None), None)
        if cue is None:
            continue
        family = next(f for f in cue.families if f in families)
        out.append(
            Evidence(
                span=doc.doc.span(cue.start, cue.end), sentence=s.text, rule=f"{rule}:{family}"
            )
        )
    return out
