"""Document spans map offsets of the joined text back into the headline or the body."""

from __future__ import annotations

from streams.text import Document


def test_document_span_in_body_is_relative_to_the_body() -> None:
    doc = Document(headline="Ford and Alibaba", body="Shares of Ford rose.")
    start = doc.text.index("Ford", len(doc.headline))
    span = doc.span(start, start + 4)
    assert (span.field, span.start, span.end, span.text) == ("body", 10, 14, "Ford")
    assert doc.body[span.start : span.end] == "Ford"


def test_document_span_in_headline_and_cut_at_its_end() -> None:
    doc = Document(headline="Alibaba signs", body="deal")
    assert doc.span(0, 7).text == "Alibaba" and doc.span(0, 7).field == "headline"
    cut = doc.span(8, 20)
    assert cut.field == "headline" and cut.text == "signs"


def test_document_without_headline_or_body() -> None:
    assert Document(headline="", body="only body").span(0, 4).field == "body"
    only_head = Document(headline="only headline", body="")
    assert only_head.text == "only headline" and only_head.span(5, 13).text == "headline"
