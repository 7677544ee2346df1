"""IPTC ninjs: a decoded ninjs 1.x or 2.x news item -> the same story as a raw-news.v1 object.

A message on ``news.raw`` is taken for ninjs by its shape: a ``uri`` and no ``id`` (every
raw-news.v1 message has an ``id``). The fields read and where they go (README, "IPTC ninjs
input"):

    uri                          -> id (and url when it is an http(s) address)
    version (a whole number)     -> revision
    headline | headlines[]       -> headline (2.x: the "main" role, else the first; plain text first)
    body_text | bodies[] | body_html -> body (plain text first; HTML reduced to its text)
    language                     -> language
    versioncreated | firstcreated -> published_at (a time without offset is taken as UTC)
    infosources[0].name | copyrightholder -> source
    subject[] / subjects[] names -> extra field "subjects"; "ninjs": "1" or "2" records the input
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from jsonschema.exceptions import best_match

from streams.errors import InvalidMessage
from streams.schemas import validator

SCHEMA = "ninjs-news.v1"
_TEXT_FIELDS = ("headline", "headlines", "body_text", "body_html", "bodies")
_V2_FIELDS = ("headlines", "bodies", "subjects", "infosources")
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
_NAIVE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def is_ninjs(data: Any) -> bool:
    """Is this decoded message a ninjs item (a ``uri``, no ``id``)?"""
    return isinstance(data, dict) and "uri" in data and "id" not in data


def ninjs_version(data: dict[str, Any]) -> str:
    """``"2"`` when the item uses any field ninjs 2 introduced, else ``"1"``."""
    return "2" if any(name in data for name in _V2_FIELDS) else "1"


def raw_news_from_ninjs(data: dict[str, Any]) -> dict[str, Any]:
    """The raw-news.v1 object for a ninjs item; ``InvalidMessage`` when it is not usable ninjs."""
    if not any(data.get(name) for name in _TEXT_FIELDS):
        raise InvalidMessage(
            f"schema {SCHEMA} (IPTC ninjs): at headlines: needs a headline or body "
            f"(one of {', '.join(_TEXT_FIELDS)})"
        )
    error = best_match(validator(SCHEMA).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise InvalidMessage(f"schema {SCHEMA} (IPTC ninjs): at {where}: {error.message}")
    uri: str = data["uri"]
    raw: dict[str, Any] = {"id": uri}
    revision = data.get("version")
    if isinstance(revision, int) or (isinstance(revision, str) and revision.isdigit()):
        raw["revision"] = int(revision)
    headline = data.get("headline") if "headline" in data else _pick(data.get("headlines"))
    if headline:
        raw["headline"] = _text(headline).strip()
    body = _body(data)
    if body:
        raw["body"] = body
    if data.get("language"):
        raw["language"] = data["language"]
    published = data.get("versioncreated") or data.get("firstcreated")
    if published:
        raw["published_at"] = published + "Z" if _NAIVE_TIME.match(published) else published
    source = _source(data)
    if source:
        raw["source"] = source
    if uri.startswith(("http://", "https://")):
        raw["url"] = uri
    subjects = [s.get("name") for s in data.get("subjects") or data.get("subject") or ()]
    if any(subjects):
        raw["subjects"] = [name for name in subjects if name]
    raw["ninjs"] = ninjs_version(data)
    return raw


def _pick(items: list[dict[str, Any]] | None) -> tuple[str, str] | None:
    """``(value, contenttype)`` of the main item (plain text before HTML), else of the first."""
    if not items:
        return None
    main = [i for i in items if i.get("role", "main") == "main"] or items
    plain = [i for i in main if "html" not in (i.get("contenttype") or "text/plain")]
    chosen = (plain or main)[0]
    return chosen["value"], chosen.get("contenttype") or "text/plain"


def _text(value: str | tuple[str, str]) -> str:
    if isinstance(value, tuple):
        text, content_type = value
        return html_text(text) if "html" in content_type else text
    return value


def _body(data: dict[str, Any]) -> str:
    if data.get("body_text"):
        return str(data["body_text"]).strip()
    picked = _pick(data.get("bodies"))
    if picked is not None:
        return _text(picked).strip()
    if data.get("body_html"):
        return html_text(data["body_html"]).strip()
    return ""


def _source(data: dict[str, Any]) -> str | None:
    for info in data.get("infosources") or ():
        if info.get("name"):
            return str(info["name"])[:200]
    holder = data.get("copyrightholder")
    return holder[:200] if holder else None


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(self._skip - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text of an HTML fragment: paragraphs on their own lines, scripts and styles dropped."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
