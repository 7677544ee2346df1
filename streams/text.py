"""Document text: headline and body joined for matching, with offsets mapped back per field."""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.records import Span

#: What joins headline and body in ``Document.text``; two newlines also end a sentence.
SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one article. Matchers run over ``text``; spans point back into a field."""

    headline: str
    body: str
    #: headline + SEPARATOR + body (or whichever is present), joined once.
    text: str = field(init=False, repr=False, compare=False)
    #: What the text layer (``streams.layout``) computed for this document, by name.
    _layer: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.headline:
            text = self.body
        elif not self.body:
            text = self.headline
        else:
            text = self.headline + SEPARATOR + self.body
        object.__setattr__(self, "text", text)

    def cached(self, name: str) -> object | None:
        """A text-layer result computed earlier for this document, or None."""
        return self._layer.get(name)

    def cache(self, name: str, value: object) -> None:
        self._layer[name] = value

    @property
    def body_offset(self) -> int:
        """Where the body starts in ``text``."""
        if not self.headline:
            return 0
        return len(self.headline) + len(SEPARATOR)

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, as offsets into the headline or the body.

        A range that crosses the separator is cut at the end of the headline.
        """
        text = self.text
        if self.headline and start < len(self.headline):
            end = min(end, len(self.headline))
            return Span(field="headline", start=start, end=end, text=text[start:end])
        offset = self.body_offset
        return Span(field="body", start=start - offset, end=end - offset, text=text[start:end])

    def field_text(self, field: str) -> str:
        return self.headline if field == "headline" else self.body
