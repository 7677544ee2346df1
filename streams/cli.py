"""Offline and operator commands: ``tickerwire tag|eval|refdata|replay|watch`` (argparse, no Faust app)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from streams.errors import InvalidMessage, TickerwireError
from streams.logs import setup_cli_logging
from streams.settings import Settings

log = logging.getLogger(__name__)

COMMANDS = frozenset({"tag", "eval", "refdata", "replay", "watch"})
#: Faust's stream-processor command: listed in our help, run by Faust's own command line.
WORKER_HELP = "run the stream processor: agents, web server (/ready, /metrics, API, live page)"
WORKER_DESCRIPTION = """\
Run the stream processor (Faust's worker): the news, reference-data and delivery agents and
the web server on TICKERWIRE_WEB_HOST:TICKERWIRE_WEB_PORT (/ready, /metrics, /openapi.json,
the subscriptions API and the live alert page). Settings come from the environment (.env.example).

example:
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 tickerwire worker -l info

Faust's options follow.
"""
EPILOG = """\
Run `tickerwire COMMAND --help` for a command's options and an example.
Faust's other commands (agents, send, tables, reset, ...) work too, with their own --help.
Progress (rate and time left) is shown on standard error when it is a terminal.
"""

_COMMAND_DOCS: dict[str, tuple[str, str, str]] = {
    # name: (one line for the list, description, example)
    "tag": (
        "tag and link stories from a JSON Lines file, offline (no broker)",
        "Run the pipeline (language, company linking, tagging) over raw news messages, one\n"
        "JSON object per line (raw-news.v1 or IPTC ninjs), and write one result object per\n"
        "input line. Reads and writes one line at a time, so any size of file is fine.",
        "tickerwire tag examples/news.jsonl -o tagged.jsonl",
    ),
    "eval": (
        "score the tagger and linker on labelled JSON Lines files",
        "Score tags, partnership status, partner pairs and company links against the labels of\n"
        "a corpus (tests/fixtures/corpus/README.md); prints P/R/F1 per tag and language,\n"
        "calibration and the misclassified ids. Reads one line at a time.",
        "tickerwire eval tests/fixtures/corpus/*.jsonl",
    ),
    "refdata": (
        "reference data: publish company records to reference.companies",
        "Publish the bundled company dataset, or your own JSON Lines records, to the compacted\n"
        "reference topic; running workers pick them up without a restart.",
        "tickerwire refdata load --file my-change.jsonl",
    ),
    "replay": (
        "send a JSON Lines file of stories to news.raw",
        "Produce each line of a file (or standard input) to the raw news topic, keyed by the\n"
        "story id (or ninjs uri). Streams the file: memory does not grow with its size.",
        "tickerwire replay examples/news.jsonl",
    ),
    "watch": (
        "print alerts from now on, readably",
        "Follow an alert topic from its end and print each alert as a short readable block\n"
        "(or its JSON with --json).",
        "tickerwire watch --topic alerts.partnership --count 5",
    ),
}


def _sub(sub: Any, name: str) -> argparse.ArgumentParser:
    line, description, example = _COMMAND_DOCS[name]
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=line,
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(list(argv))
    settings = Settings.from_env()
    setup_cli_logging(settings.log_format)
    try:
        result: int = args.run(args)
        return result
    except TickerwireError as exc:
        print(f"tickerwire {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def print_help(file: IO[str] | None = None) -> None:
    """The top-level help: every command with a line each."""
    _parser().print_help(file)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tickerwire",
        description="Tickerwire: multilingual news -> tagged, company-linked alerts on Kafka.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Listed for the help only: main() hands `worker` to Faust before argparse sees it.
    sub.add_parser("worker", help=WORKER_HELP, add_help=False)

    tag = _sub(sub, "tag")
    tag.add_argument("input", help="raw news JSON Lines file ('-' for standard input)")
    tag.add_argument("-o", "--output", help="write results here instead of standard output")
    tag.set_defaults(run=cmd_tag)

    ev = _sub(sub, "eval")
    ev.add_argument("corpus", nargs="+", help="labelled corpus files (see corpus SPEC)")
    ev.add_argument("--weights", help="tag models (a weights.json) instead of the shipped ones")
    ev.set_defaults(run=cmd_eval)

    ref = _sub(sub, "refdata")
    ref_sub = ref.add_subparsers(dest="action", required=True, metavar="ACTION")
    load = ref_sub.add_parser(
        "load",
        help="publish the bundled dataset (or --file records) to reference.companies",
        description="Publish company records to the compacted reference topic.",
        epilog="examples:\n  tickerwire refdata load\n  tickerwire refdata load --file my-change.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("--file", action="append", help="publish these JSON Lines files instead")
    load.set_defaults(run=cmd_refdata_load)

    replay = _sub(sub, "replay")
    replay.add_argument("input", help="JSON Lines file, one raw news message per line ('-': stdin)")
    replay.add_argument("--topic", help="target topic (default: the raw news topic)")
    replay.add_argument(
        "--realert",
        action="store_true",
        help="alert again on stories already seen (bypass the replay, revision and copy checks)",
    )
    replay.set_defaults(run=cmd_replay)

    watch = _sub(sub, "watch")
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
    with (
        _open_in(args.input) as fh_in,
        _open_out(args.output) as fh_out,
        progress_bar(fh_in, "tag") as bar,
    ):
        for lineno, line in _lines(fh_in, bar):
            result = tag_line(pipeline, line)
            if "error" in result:
                failures += 1
                bar.write(f"tickerwire tag: line {lineno}: {result['error']}", file=sys.stderr)
            fh_out.write(orjson.dumps(result).decode() + "\n")
    return 1 if failures else 0


def tag_line(pipeline: Any, line: bytes) -> dict[str, Any]:
    """One output object per input line: the analysis, or ``{"id", "error"}`` for a bad line."""
    from streams.ingest.parse import parse_article
    from streams.process import printable

    try:
        article = parse_article(line)
        result: dict[str, Any] = pipeline.analyse(article).to_dict()
        orjson.dumps(result)  # what cannot be written out is an error of this line too
    except InvalidMessage as exc:
        return {"id": _guess_id(line), "error": printable(str(exc))}
    except Exception as exc:  # a bug on one line must not end the run; say which line
        log.exception("tag: the analysis failed")
        return {"id": _guess_id(line), "error": f"could not be analysed: {exc!r}"}
    return result


def _guess_id(line: bytes) -> str | None:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    from streams.process import printable

    value = data.get("id") if isinstance(data, dict) else None
    return printable(value[:256]) if isinstance(value, str) else None


# ---------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace) -> int:
    from streams.evaluation import run_cli
    from streams.tagging.scoring import load_models

    models = load_models(Path(args.weights)) if args.weights else None
    total = sum(_size(Path(p)) or 0 for p in args.corpus)
    with _bar(total, "eval") as bar:
        return run_cli(list(args.corpus), sys.stdout, models=models, progress=bar.update)


# ---------------------------------------------------------------- kafka tools


def cmd_refdata_load(args: argparse.Namespace) -> int:
    from streams.linking.refdata import DATA_DIR

    settings = Settings.from_env()
    paths = [Path(f) for f in args.file] if args.file else sorted(DATA_DIR.glob("*.jsonl"))
    records: list[tuple[bytes, bytes]] = []
    bad = 0
    for path in paths:
        with path.open("rb") as fh:
            for lineno, line in _lines(fh):
                problem, record = _company_line(line)
                if problem:
                    bad += 1
                    print(f"tickerwire refdata: {path}:{lineno}: {problem}", file=sys.stderr)
                else:
                    records.append((str(record["id"]).encode(), orjson.dumps(record)))
    if bad:
        print(f"tickerwire refdata: {bad} invalid records, nothing published", file=sys.stderr)
        return 1
    sent = asyncio.run(_produce(settings, settings.topics.companies, records, compacted=True))
    print(f"published {sent} company records to {settings.topics.companies}")
    return 0


def _company_line(line: bytes) -> tuple[str, dict[str, Any]]:
    """(why the line is not a ``company.v1`` record or "", the record)."""
    from streams.linking.refdata import record_errors

    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return f"not JSON: {exc}", {}
    if not isinstance(record, dict):
        return "not a JSON object", {}
    return "; ".join(record_errors(record)), record


def cmd_replay(args: argparse.Namespace) -> int:
    from streams.alerting.novelty import REALERT_HEADER

    settings = Settings.from_env()
    topic = args.topic or settings.topics.raw
    headers = [(REALERT_HEADER, b"1")] if args.realert else None
    with _open_in(args.input) as fh, progress_bar(fh, "replay") as bar:
        records = ((_key_of(line), line) for _, line in _lines(fh, bar))
        sent = asyncio.run(_produce(settings, topic, records, headers=headers))
    print(f"sent {sent} messages to {topic}" + (" (realert)" if args.realert else ""))
    return 0


def _key_of(line: bytes) -> bytes | None:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    key = data.get("id", data.get("uri"))  # raw-news.v1 id, or a ninjs item's uri
    return key.encode() if isinstance(key, str) else None


#: Messages handed to the producer and not yet acknowledged, at most (bounds memory).
IN_FLIGHT = 1000


async def _produce(
    settings: Settings,
    topic: str,
    records: Iterable[tuple[bytes | None, bytes]],
    *,
    compacted: bool = False,
    headers: list[tuple[str, bytes]] | None = None,
) -> int:
    """Send ``records`` in order, pulling them one at a time; gives how many were acked."""
    from streams.broker import ensure_topic, producer

    await ensure_topic(settings, topic, compacted=compacted)
    sent = 0
    async with producer(settings) as prod:
        pending: list[asyncio.Future[Any]] = []
        for key, value in records:
            pending.append(await prod.send(topic, key=key, value=value, headers=headers))
            if len(pending) >= IN_FLIGHT:
                await asyncio.gather(*pending)
                sent += len(pending)
                pending.clear()
        await asyncio.gather(*pending)
        sent += len(pending)
    return sent


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


def _lines(fh: IO[bytes], bar: Any = None) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines with their numbers, read one at a time; ``bar`` counts the bytes read."""
    shown = bar is not None and not bar.disable
    stories = 0
    for lineno, line in enumerate(fh, start=1):
        if bar is not None:
            bar.update(len(line))
        if line.strip():
            stories += 1
            if shown and stories % 64 == 0:
                rate = stories / max(bar.format_dict["elapsed"], 1e-6)
                bar.set_postfix_str(f"{stories} stories, {rate:,.0f} stories/s", refresh=False)
            yield lineno, line.rstrip(b"\r\n")


# ---------------------------------------------------------------- progress


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


@contextlib.contextmanager
def progress_bar(fh: IO[bytes], label: str) -> Iterator[Any]:
    """A byte-counting progress bar for reading ``fh`` (rate and time left when its size is known)."""
    total = None
    with contextlib.suppress(AttributeError, OSError, ValueError):
        total = _size(Path(fh.name)) if isinstance(fh.name, str) else None
    with _bar(total, label) as bar:
        yield bar


@contextlib.contextmanager
def _bar(total: int | None, label: str) -> Iterator[Any]:
    """tqdm on standard error when it is a terminal; silent (and free) otherwise."""
    from tqdm import tqdm

    with tqdm(
        total=total or None,
        desc=label,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        mininterval=0.2,
        dynamic_ncols=True,
    ) as bar:
        yield bar
