"""The demo: replay examples/news.jsonl into the raw topic and print each alert as it arrives.

Run by `make demo` after the broker and a worker are up; stops after a quiet spell.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import sys
from pathlib import Path

import orjson

from streams.alerting.render import render_alert
from streams.broker import ensure_topic, producer, tail
from streams.settings import Settings


async def run(path: Path, idle: float) -> int:
    settings = Settings.from_env()
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    positioned = asyncio.Event()
    alerts: list[dict] = []
    letters: list[dict] = []

    async def watch(topic: str, sink: list[dict], show: bool) -> None:
        async for value in tail(settings, topic, idle_seconds=idle, positioned=ready[topic]):
            item = orjson.loads(value)
            sink.append(item)
            if show:
                print(render_alert(item), end="\n\n", flush=True)
            else:
                print(f"dead letter: {item['error']}", flush=True)

    ready = {settings.topics.alerts: positioned, settings.topics.deadletter: asyncio.Event()}
    watchers = [
        asyncio.create_task(watch(settings.topics.alerts, alerts, True)),
        asyncio.create_task(watch(settings.topics.deadletter, letters, False)),
    ]
    await asyncio.gather(*(e.wait() for e in ready.values()))
    await ensure_topic(settings, settings.topics.raw)
    async with producer(settings) as prod:
        for line in lines:
            try:
                key = orjson.loads(line).get("id", "").encode() or None
            except (orjson.JSONDecodeError, AttributeError):
                key = None
            # A deliberate re-run (like `tickerwire replay --realert`): stories a previous
            # demo sent would otherwise be dropped as replays.
            await prod.send_and_wait(
                settings.topics.raw, key=key, value=line, headers=[("tickerwire-realert", b"1")]
            )
    print(f"sent {len(lines)} stories to {settings.topics.raw}; alerts follow\n", flush=True)
    await asyncio.gather(*watchers)
    done = {a["article_id"] for a in alerts} | {_letter_id(d) for d in letters}
    quiet = [
        orjson.loads(x).get("id")
        for x in lines
        if _is_story(x) and orjson.loads(x)["id"] not in done
    ]
    print(f"{len(alerts)} alerts and {len(letters)} dead letters from {len(lines)} lines")
    print(f"no alert (as expected for ordinary news): {', '.join(i for i in quiet if i)}")
    return 0


def _letter_id(letter: dict) -> str | None:
    """The story id inside a dead letter's original bytes, when they are a JSON object."""
    raw = base64.b64decode(letter["value_b64"])
    return orjson.loads(raw).get("id") if _is_story(raw) else None


def _is_story(line: bytes) -> bool:
    try:
        return isinstance(orjson.loads(line), dict)
    except orjson.JSONDecodeError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default="examples/news.jsonl", type=Path)
    parser.add_argument(
        "--idle", type=float, default=8.0, help="stop after this many quiet seconds"
    )
    args = parser.parse_args()
    return asyncio.run(run(args.path, args.idle))


if __name__ == "__main__":
    sys.exit(main())
