"""Offline and operator commands: ``tickerwire tag|eval|refdata|replay|watch`` (argparse, no Faust app)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from streams.errors import InvalidMessage, TickerwireError
from streams.settings import Settings

COMMANDS = frozenset({"tag", "eval", "refdata", "replay", "watch"})


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(list(argv))
    try:
        result: int = args.run(args)
        return result
    except TickerwireError as exc:
        print(f"tickerwire {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tickerwire", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    tag = sub.add_parser("tag", help="tag and link stories from a JSON Lines file, offline")
    tag.add_argument("input", help="raw news JSON Lines file ('-' for standard input)")
    tag.add_argument("-o", "--output", help="write results here instead of standard output")
    tag.set_defaults(run=cmd_tag)

    ev = sub.add_parser("eval", help="score the tagger and linker on labelled JSON Lines files")
    ev.add_argument("corpus", nargs="+", help="labelled corpus files (see corpus SPEC)")
    ev.set_defaults(run=cmd_eval)

    ref = sub.add_parser("refdata", help="reference data: publish the bundled companies")
    ref_sub = ref.add_subparsers(dest="action", required=True)
    load = ref_sub.add_parser("load", help="publish the bundled dataset to reference.companies")
    load.add_argument("--file", action="append", help="publish these JSON Lines files instead")
    load.set_defaults(run=cmd_refdata_load)

    replay = sub.add_parser("replay", help="send a JSON Lines file of stories to news.raw")
    replay.add_argument("input", help="JSON Lines file, one raw news message per line")
    replay.add_argument("--topic", help="target topic (default: the raw news topic)")
    replay.add_argument(
        "--realert",
        action="store_true",
        help="alert again on stories already seen (bypass the replay, revision and copy checks)",
    )
    replay.set_defaults(run=cmd_replay)

    watch = sub.add_parser("watch", help="print alerts from now on, readably")
    watch.add_argument("--topic", help="topic to watch (default: alerts)")
    watch.add_argument("--count", type=int, default=0, help="stop after this many alerts")
    watch.add_argument("--idle", type=float, default=0, help="stop after this many quiet seconds")
    watch.add_argument("--json", action="store_true", help="print raw JSON lines")
    watch.set_defaults(run=cmd_watch)
    return parser


# ---------------------------------------------------------------- tag


def cmd_tag(args: argparse.Namespace) -> int:
    from streams.pipeline import default_pipeline

    pipeline = default_pipeline()
    failures = 0
    with _open_in(args.input) as fh_in, _open_out(args.output) as fh_out:
        for lineno, line in _lines(fh_in):
            result = tag_line(pipeline, line)
            if "error" in result:
                failures += 1
                print(f"tickerwire tag: line {lineno}: {result['error']}", file=sys.stderr)
            fh_out.write(orjson.dumps(result).decode() + "\n")
    return 1 if failures else 0


def tag_line(pipeline: Any, line: bytes) -> dict[str, Any]:
    """One output object per input line: the analysis, or ``{"id", "error"}`` for a bad line."""
    from streams.ingest.parse import parse_article

    try:
        article = parse_article(line)
    except InvalidMessage as exc:
        return {"id": _guess_id(line), "error": str(exc)}
    result: dict[str, Any] = pipeline.analyse(article).to_dict()
    return result


def _guess_id(line: bytes) -> str | None:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace) -> int:
    from streams.evaluation import run_cli

    return run_cli(list(args.corpus), sys.stdout)


# ---------------------------------------------------------------- kafka tools


def cmd_refdata_load(args: argparse.Namespace) -> int:
    from streams.linking.refdata import DATA_DIR, iter_records

    settings = Settings.from_env()
    paths = [Path(f) for f in args.file] if args.file else sorted(DATA_DIR.glob("*.jsonl"))
    records = [(r["id"].encode(), orjson.dumps(r)) for r in iter_records(paths)]
    sent = asyncio.run(_produce(settings, settings.topics.companies, records, compacted=True))
    print(f"published {sent} company records to {settings.topics.companies}")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    topic = args.topic or settings.topics.raw
    with _open_in(args.input) as fh:
        records = [(_key_of(line), line) for _, line in _lines(fh)]
    # The header name is the one streams.agents.novelty reads (not imported: it loads the app).
    headers = [("tickerwire-realert", b"1")] if args.realert else None
    sent = asyncio.run(_produce(settings, topic, records, headers=headers))
    print(f"sent {sent} messages to {topic}" + (" (realert)" if args.realert else ""))
    return 0


def _key_of(line: bytes) -> bytes | None:
    key = _guess_id(line)
    return key.encode() if key else None


async def _produce(
    settings: Settings,
    topic: str,
    records: Sequence[tuple[bytes | None, bytes]],
    *,
    compacted: bool = False,
    headers: list[tuple[str, bytes]] | None = None,
) -> int:
    from streams.broker import ensure_topic, producer

    await ensure_topic(settings, topic, compacted=compacted)
    async with producer(settings) as prod:
        futures = [
            await prod.send(topic, key=key, value=value, headers=headers) for key, value in records
        ]
        await asyncio.gather(*futures)
    return len(records)


def cmd_watch(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    topic = args.topic or settings.topics.alerts
    return asyncio.run(_watch(settings, topic, args))


async def _watch(settings: Settings, topic: str, args: argparse.Namespace) -> int:
    from streams.alerting.render import render_alert
    from streams.broker import tail

    seen = 0
    async for value in tail(settings, topic, idle_seconds=args.idle or None):
        if args.json:
            print(value.decode(), flush=True)
        else:
            print(render_alert(orjson.loads(value)), flush=True)
        seen += 1
        if args.count and seen >= args.count:
            break
    return 0


# ---------------------------------------------------------------- files


@contextlib.contextmanager
def _open_in(name: str) -> Iterator[IO[bytes]]:
    """The named file for reading bytes ('-' is standard input); a clear error if unreadable."""
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        fh = open(name, "rb")
    except OSError as exc:
        raise InvalidMessage(f"cannot read {name}: {exc.strerror}") from None
    with fh:
        yield fh


@contextlib.contextmanager
def _open_out(name: str | None) -> Iterator[IO[str]]:
    """The named file for writing text (standard output when none); a clear error if unwritable."""
    if not name:
        yield sys.stdout
        return
    try:
        fh = open(name, "w", encoding="utf-8")
    except OSError as exc:
        raise InvalidMessage(f"cannot write {name}: {exc.strerror}") from None
    with fh:
        yield fh


def _lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for lineno, line in enumerate(fh, start=1):
        if line.strip():
            yield lineno, line.rstrip(b"\r\n")
