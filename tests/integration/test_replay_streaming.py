"""`tickerwire replay` streams its file: memory stays flat however large the file, order is kept."""

from __future__ import annotations

import asyncio
import tracemalloc
import uuid
from pathlib import Path

import orjson

from streams import cli
from streams.settings import Settings
from tests.integration.conftest import read_all

LINE_BYTES = 1000


def _file(path: Path, count: int) -> Path:
    pad = "x" * LINE_BYTES
    with path.open("wb") as fh:
        for i in range(count):
            fh.write(orjson.dumps({"id": f"r{i}", "headline": "h", "body": pad}) + b"\n")
    return path


def _peak_bytes(settings: Settings, topic: str, path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        with path.open("rb") as fh:
            records = ((cli._key_of(line), line) for _, line in cli._lines(fh))
            sent = asyncio.run(cli._produce(settings, topic, records))
        return sent, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_replay_memory_does_not_grow_with_the_file(broker: str, tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"KAFKA_BOOTSTRAP_SERVERS": broker, "TICKERWIRE_TOPIC_PARTITIONS": "1"}
    )
    topic = f"t{uuid.uuid4().hex[:8]}.replay"
    small = _file(tmp_path / "small.jsonl", 1500)
    large = _file(tmp_path / "large.jsonl", 6000)  # ~6 MB
    sent_small, peak_small = _peak_bytes(settings, topic, small)
    sent_large, peak_large = _peak_bytes(settings, topic, large)
    assert (sent_small, sent_large) == (1500, 6000)
    # Reading the whole file first would need its 6 MB at once; streaming holds one window.
    assert peak_large < 4_000_000, peak_large
    assert peak_large < peak_small * 2.5, (peak_small, peak_large)
    values = asyncio.run(read_all(settings, topic))
    assert [v["id"] for _, v in values] == [f"r{i}" for i in range(1500)] + [
        f"r{i}" for i in range(6000)
    ]
