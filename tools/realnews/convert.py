"""Pinned real-news repositories -> raw-news JSON Lines per language (text stays out of git).

Reads each source of ``tools/realnews/sources.json`` at its pinned commit from a local git
mirror (``--mirror``, default ``$TICKERWIRE_REALNEWS_MIRROR`` or ``/work/.mirror``; a source
is found as ``<mirror>/<owner>+<name>/repo`` or ``<mirror>/<owner>/<name>``, bare or not) and
writes ``<out>/<language>.jsonl`` (default ``.cache/realnews``): one raw-news message per
story, with a stable id derived from the source (never from the file order alone where the
source has its own id), ``source`` set to the source name and ``meta`` holding the source's
own category when it has one. Run ``python tools/realnews/convert.py``; it prints counts.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_MIRROR = "/work/.mirror"
DEFAULT_OUT = ROOT / ".cache" / "realnews"

log = logging.getLogger("realnews.convert")

Story = dict[str, Any]


class Repo:
    """Read-only access to one pinned commit of a local git mirror."""

    def __init__(self, git_dir: Path, commit: str) -> None:
        self.git_dir = git_dir
        self.commit = commit

    def _git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args], check=True, capture_output=True
        ).stdout

    def files(self, path: str) -> list[str]:
        """The files at ``path`` (a file, or every file under a folder ending in '/')."""
        if not path.endswith("/"):
            return [path]
        out = self._git("ls-tree", "-r", "--name-only", self.commit, path).decode()
        return sorted(line for line in out.splitlines() if line)

    def read(self, path: str) -> bytes:
        try:
            return self._git("show", f"{self.commit}:{path}")
        except subprocess.CalledProcessError as exc:
            # Snapshots leave out files of 4 MiB and more: such a file is skipped, not fatal.
            raise MissingFile(f"{path} at {self.commit[:12]}: not in this mirror") from exc


class MissingFile(Exception):
    """A pinned file the local mirror does not hold."""


def find_git_dir(mirror: Path, repo: str) -> Path:
    owner, name = repo.split("/", 1)
    for base in (mirror / f"{owner}+{name}" / "repo", mirror / owner / name):
        for cand in (base / ".git", base):
            if (cand / "objects").is_dir():
                return cand
    raise FileNotFoundError(
        f"{repo}: no git mirror under {mirror} (bring it in with the search tool's fetch, "
        f"or `git clone https://github.com/{repo}` into {mirror}/{owner}/{name})"
    )


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _clean(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


# ---------------------------------------------------------------- readers, one per format

_REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)


def _reuters_field(block: str, tag: str) -> str:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return m.group(1) if m else ""


def _unwrap(body: str) -> str:
    """Re-join the wire's hard-wrapped lines: an indented line starts a paragraph."""
    body = re.sub(r"&#\d+;", "", body)
    body = html.unescape(body)
    body = re.sub(r"\s*\bReuter\s*$", "", body.strip())
    paragraphs: list[list[str]] = []
    for line in body.splitlines():
        if not line.strip():
            continue
        if line.startswith((" ", "\t")) or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n".join(" ".join(p) for p in paragraphs)


def read_reuters(repo: Repo, path: str) -> Iterator[Story]:
    text = repo.read(path).decode("latin-1")
    for attrs, block in _REUTERS.findall(text):
        newid = re.search(r'NEWID="(\d+)"', attrs)
        if not newid:
            continue
        title = _clean(html.unescape(re.sub(r"&#\d+;", "", _reuters_field(block, "TITLE"))))
        body = _unwrap(_reuters_field(block, "BODY"))
        if not title and not body:
            continue
        dateline = _clean(html.unescape(_reuters_field(block, "DATELINE"))).rstrip(" -")
        topics = re.findall(r"<D>(.*?)</D>", _reuters_field(block, "TOPICS"))
        yield {
            "id": f"reuters-{newid.group(1)}",
            "headline": title,
            "body": f"{dateline} - {body}" if dateline and body else body,
            "meta": {"topics": topics},
        }


def read_webscraper_csv(repo: Repo, path: str) -> Iterator[Story]:
    raw = repo.read(path).decode("utf-8-sig", errors="replace")
    for row in csv.DictReader(io.StringIO(raw), delimiter=";"):
        headline = _clean(row.get("Headline") or "")
        url = (row.get("URL-href") or row.get("URL") or "").strip()
        if not headline or not url:
            continue
        section = url.split("/")[3] if url.count("/") > 3 else ""
        yield {
            "id": f"de-{_short_hash(url)}",
            "headline": headline,
            "body": "",
            "meta": {"section": section, "url": url, "date": row.get("Date", "")},
        }


def read_gnews_csv(repo: Repo, path: str) -> Iterator[Story]:
    raw = repo.read(path).decode("utf-8", errors="replace")
    for row in csv.reader(io.StringIO(raw)):
        if len(row) < 4 or not row[0].strip():
            continue
        oid = re.search(r"[0-9a-f]{24}", row[2])
        ident = oid.group(0) if oid else _short_hash(row[0])
        yield {
            "id": f"fr-{ident}",
            "headline": _clean(row[0]),
            "body": "",
            "meta": {"category": row[3]},
        }


def read_articles_json(repo: Repo, path: str) -> Iterator[Story]:
    for item in json.loads(repo.read(path)):
        url = item.get("url") or item.get("title", "")
        yield {
            "id": f"it-{_short_hash(url)}",
            "headline": _clean(item.get("title", "")),
            "body": (item.get("content") or "").strip(),
            "meta": {"outlet": item.get("source", "")},
        }


def read_nlpcc_words(repo: Repo, path: str) -> Iterator[Story]:
    for n, line in enumerate(repo.read(path).decode("utf-8").splitlines(), 1):
        label, _, chars = line.partition("\t")
        headline = _unsegment(chars)
        if headline:
            yield {
                "id": f"zh-{n:05d}",
                "headline": headline,
                "body": "",
                "meta": {"category": label},
            }


def _unsegment(text: str) -> str:
    """Undo word segmentation: drop the spaces, but keep one between two Latin words."""
    return re.sub(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])", "", text.strip())


def read_jawikinews(repo: Repo, path: str) -> Iterator[Story]:
    raw = gzip.decompress(repo.read(path)).decode("utf-8")
    rows = csv.reader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(rows, None)
    for row in rows:
        if len(row) < 3:
            continue
        body = "\n".join(_unsegment(p) for p in re.split(r"\s{2,}", row[1]) if p.strip())
        yield {"id": f"jawn-{row[0]}", "headline": _unsegment(row[2]), "body": body, "meta": {}}


def read_livedoor(repo: Repo, path: str) -> Iterator[Story]:
    for name in repo.files(path):
        if not name.endswith(".txt") or name.endswith(("LICENSE.txt", "README.txt")):
            continue
        lines = repo.read(name).decode("utf-8").splitlines()
        if len(lines) < 3:
            continue
        art = re.search(r"(\d+)/?$", lines[0].strip())
        yield {
            "id": f"livedoor-{art.group(1) if art else _short_hash(name)}",
            "headline": _clean(lines[2]),
            "body": "\n".join(line.strip() for line in lines[3:] if line.strip()),
            "published_at": _iso(lines[1].strip()),
            "meta": {"category": name.split("/")[2]},
        }


def _iso(stamp: str) -> str | None:
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-]\d\d)(\d\d)", stamp)
    return f"{m.group(1)}{m.group(2)}:{m.group(3)}" if m else None


def read_naver_csv(repo: Repo, path: str) -> Iterator[Story]:
    raw = repo.read(path).decode("utf-8-sig", errors="replace")
    stem = Path(path).stem
    for n, row in enumerate(csv.DictReader(io.StringIO(raw)), 1):
        title = _clean(row.get("title") or "")
        if title:
            yield {
                "id": f"ko-{stem}-{n:04d}",
                "headline": title,
                "body": "",
                "meta": {"category": row.get("category", "")},
            }


READERS: dict[str, Callable[[Repo, str], Iterator[Story]]] = {
    "reuters_sgml": read_reuters,
    "webscraper_csv": read_webscraper_csv,
    "gnews_csv": read_gnews_csv,
    "articles_json": read_articles_json,
    "nlpcc_words": read_nlpcc_words,
    "jawikinews_tsv": read_jawikinews,
    "livedoor_txt": read_livedoor,
    "naver_csv": read_naver_csv,
}


def load_sources() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((HERE / "sources.json").read_text())["sources"]
    return data


def convert_source(source: dict[str, Any], mirror: Path) -> Iterator[Story]:
    repo = Repo(find_git_dir(mirror, source["repo"]), source["commit"])
    reader = READERS[source["format"]]
    for path in source["paths"]:
        for file in repo.files(path):
            try:
                stories = list(reader(repo, file))
            except MissingFile as exc:
                log.warning("skipped %s: %s", source["name"], exc)
                continue
            for story in stories:
                story["language"] = source["language"]
                story["source"] = source["name"]
                yield story


def _drop_repeated_headlines(stories: dict[str, Story]) -> None:
    """Keep the first of stories whose headline repeats word for word (overlapping pages)."""
    first: set[str] = set()
    for sid in list(stories):
        key = stories[sid]["headline"]
        if key in first and not stories[sid]["body"]:
            del stories[sid]
        first.add(key)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mirror",
        type=Path,
        default=Path(os.environ.get("TICKERWIRE_REALNEWS_MIRROR", DEFAULT_MIRROR)),
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    by_lang: dict[str, dict[str, Story]] = {}
    missing = []
    for source in load_sources():
        try:
            stories = list(convert_source(source, args.mirror))
        except FileNotFoundError as exc:
            missing.append(str(exc))
            continue
        seen = by_lang.setdefault(source["language"], {})
        before = len(seen)
        for story in stories:
            # The same headline filed under several topic pages is one story.
            seen.setdefault(story["id"], story)
        if source["format"] == "naver_csv":
            _drop_repeated_headlines(seen)
        log.info(
            "%-14s %s  %6d stories (%d new)",
            source["name"],
            source["language"],
            len(stories),
            len(seen) - before,
        )
    for lang, kept in sorted(by_lang.items()):
        path = args.out / f"{lang}.jsonl"
        with path.open("wb") as fh:
            for story in kept.values():
                fh.write(json.dumps(story, ensure_ascii=False).encode("utf-8") + b"\n")
        log.info("wrote %s (%d)", path, len(kept))
    for msg in missing:
        log.warning("missing: %s", msg)
    return 1 if missing and not by_lang else 0


if __name__ == "__main__":
    sys.exit(main())
