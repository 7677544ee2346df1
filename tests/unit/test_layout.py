"""The text layer: datelines, credit lines and sentences computed once and shared."""

from __future__ import annotations

from streams import layout
from streams.linking.linker import Linker
from streams.linking.refdata import load_companies
from streams.tagging.cues import read_document
from streams.tagging.lexicon import CueMatcher, load_lexicon
from streams.text import Document


def test_each_part_of_the_layer_is_computed_once_per_document() -> None:
    doc = Document(headline="Orvane opens a plant", body="BERLIN (Wire) - Orvane said so.")
    assert layout.boilerplate(doc) is layout.boilerplate(doc)
    assert layout.sentences(doc, "en") is layout.sentences(doc, "en")


def test_a_cue_in_a_dateline_without_a_dash_is_not_read() -> None:
    # "(Alliance Wire)" is an agency in the dateline, not an alliance
    doc = Document(
        headline="Kelda sales rise",
        body="SEOUL (Alliance Wire) Kelda Systems said on Monday its sales rose 4 percent.",
    )
    cued = read_document(doc, "en", [], CueMatcher("en", load_lexicon("en")))
    assert not any(s.has("partner_strong", "partner_weak") for s in cued.sentences)
    assert layout.boilerplate(doc).agencies >= {"Alliance Wire"}


def test_linker_and_tagger_cut_the_same_sentences() -> None:
    doc = Document(
        headline="BMW und Bosch planen Werk",
        body="MÜNCHEN (Agentur) - BMW baut mit Bosch ein Werk, sagte u. a. ein Sprecher. "
        "Der Bau beginnt im Mai.",
    )
    Linker(load_companies()).link(doc, "de")
    cut = layout.sentences(doc, "de")
    # the linker's context windows come from the same cut ("u. a." does not end a sentence)
    second = doc.text.index("BMW baut")
    start, end = layout.sentence_around(doc, "de", second, second + 3)
    assert (start, end) in {(s.start, s.end) for s in cut}
    assert doc.text[start:end].endswith("Sprecher.")
