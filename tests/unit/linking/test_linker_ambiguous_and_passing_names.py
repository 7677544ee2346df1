"""Linker rules for how wires phrase names: explicit names over derived forms, repeated ambiguous
names, name particles and dateline places, local arms ("X China"), comparisons in the lead."""

from __future__ import annotations

from streams.linking import context
from streams.linking.linker import Linker
from streams.text import Document

from .factories import company


def _ids(linker: Linker, body: str, language: str = "en", headline: str = "") -> list[str]:
    return [m.company.id for m in linker.link(Document(headline, body), language)]


# --- an explicit alias beats a form derived from another of the company's names -----------------


def test_explicit_short_name_survives_a_derived_clash() -> None:
    # "Falcon" is explicit for falcon-ag but also the derived core of "Falcon SE" (another
    # company); the explicit name must win although "Falcon AG" yields "falcon" first.
    ag = company("falcon-ag", "Falcon AG", "FAL.DE", aliases={"*": ("Falcon AG", "Falcon")})
    se = company("falcon-se", "Falcon SE", "FSE.DE", aliases={"*": ("Falcon SE",)})
    linker = Linker([ag, se])
    assert _ids(linker, "Falcon raised its forecast on Monday.") == ["falcon-ag"]


# --- a capitalised ambiguous name the story keeps using is the company --------------------------

_PLUM = company(
    "plum", "Plum", "PLM.PA", aliases={"*": ("Plum",)}, ambiguous=("Plum",), sector="Telecom"
)
_KESTREL = company("kestrel", "Kestrel Devices", "KST", aliases={"*": ("Kestrel Devices",)})


def test_repeated_ambiguous_name_mid_sentence_links() -> None:
    body = (
        "LYON (Agence) - Kestrel Devices a conclu un accord avec Plum pour vendre ses montres.\n"
        "Plum, de son côté, veut élargir son catalogue."
    )
    assert "plum" in _ids(Linker([_PLUM, _KESTREL]), body, "fr")


def test_ambiguous_name_once_does_not_link() -> None:
    body = "LYON (Agence) - Kestrel Devices a conclu un accord avec Plum pour vendre ses montres."
    assert "plum" not in _ids(Linker([_PLUM, _KESTREL]), body, "fr")


def test_repeated_ambiguous_name_only_sentence_initial_does_not_link() -> None:
    body = "Plum trees flower early.\nPlum harvests were late this year."
    assert _ids(Linker([_PLUM]), body) == []


def test_repeated_ambiguous_name_after_the_does_not_link() -> None:
    body = "Fires spread in the Plum again.\nScientists flew over the Plum on Monday."
    assert _ids(Linker([_PLUM]), body) == []


def test_repeated_ambiguous_name_that_is_the_dateline_place_does_not_link() -> None:
    body = (
        "PLUM (Agencia) - El puerto de Plum movió más vehículos.\n"
        "La autoridad del puerto de Plum invertirá más."
    )
    assert _ids(Linker([_PLUM]), body, "es", headline="El puerto de Plum bate su récord") == []


# --- name particles and local arms ----------------------------------------------------------------


def test_name_after_a_particle_of_a_proper_name_is_ordinary() -> None:
    text = "L'aeroporto Giovanni da Plum ha accolto più passeggeri."
    start = text.index("Plum")
    assert context.is_ordinary_word(text, start, start + 4, 0)


def test_name_after_a_plain_preposition_is_not_ordinary() -> None:
    text = "Le contrat de Plum a été prolongé."
    start = text.index("Plum")
    assert not context.is_ordinary_word(text, start, start + 4, 0)


def test_name_before_a_country_is_its_local_arm_not_another_name() -> None:
    text = "a Plum China executive said."
    start = text.index("Plum")
    assert not context.is_ordinary_word(text, start, start + 4, 0)
    text2 = "a Plum Foundation grant was paid."
    assert context.is_ordinary_word(text2, 2, 6, 0)


def test_elided_company_word_counts() -> None:
    text = "L'action Plum cédait 1%."
    start = text.index("Plum")
    assert not context.is_ordinary_word(text, start, start + 4, 0)


# --- comparisons in the lead are in passing -------------------------------------------------------

_OTTER = company("otter", "Otter Cloud", "OTR", aliases={"*": ("Otter Cloud",)})
_BADGER = company("badger", "Badger Systems", "BDG", aliases={"*": ("Badger Systems",)})
_HERON = company("heron", "Heron Data", "HRN", aliases={"*": ("Heron Data",)})


def test_company_compared_in_the_lead_is_in_passing() -> None:
    body = (
        "Otter Cloud will buy a security start-up to compete against Badger Systems and "
        "Heron Data, it said on Monday.\nOtter Cloud shares rose."
    )
    assert _ids(Linker([_OTTER, _BADGER, _HERON]), body) == ["otter"]
    keep = Linker([_OTTER, _BADGER, _HERON], keep_passing=True)
    assert _ids(keep, body) == ["otter", "badger", "heron"]


def test_partner_in_the_lead_is_not_in_passing() -> None:
    body = (
        "Otter Cloud signed a supply deal with Badger Systems on Monday.\nOtter Cloud shares rose."
    )
    assert _ids(Linker([_OTTER, _BADGER]), body) == ["otter", "badger"]


def test_compared_before_cues() -> None:
    for text in (
        "as rivals such as ",
        "dominated by Heron Data and ",
        "face à ",
        "Konkurrenten wie ",
        "frente a ",
    ):
        assert context.compared_before(text, 0, len(text)), text
    assert not context.compared_before("signed a deal with ", 0, len("signed a deal with "))


def test_repeated_ambiguous_name_in_german_needs_other_context() -> None:
    # German capitalises every noun: "Plum" used twice mid-sentence is still just a word.
    body = (
        "MÜNCHEN (Agentur) - Im Zoo lebt seit Jahren ein junger Plum aus Südamerika.\n"
        "Besucher sehen den Plum meist am Abend, sagte ein Sprecher."
    )
    assert "plum" not in _ids(Linker([_PLUM, _KESTREL]), body, "de")


_ENERU = company("eneru", "Eneru", "ENR.MI", aliases={"ja": ("エネル",)})
_TOYOTA = company("toyota", "Toyota Motor", "7203.T", aliases={"ja": ("トヨタ",)})


def test_short_katakana_name_inside_a_longer_katakana_word_is_not_linked() -> None:
    linker = Linker([_ENERU, _TOYOTA])
    assert _ids(linker, "再生可能エネルギーの投資が増えた。", "ja") == []
    assert _ids(linker, "エネルは再生可能エネルギー事業を拡大する。", "ja") == ["eneru"]


def test_katakana_name_followed_by_a_company_word_or_a_particle_is_linked() -> None:
    linker = Linker([_ENERU, _TOYOTA])
    assert _ids(linker, "トヨタグループは新工場を建てる。", "ja") == ["toyota"]
    assert _ids(linker, "トヨタが発表した。", "ja") == ["toyota"]
