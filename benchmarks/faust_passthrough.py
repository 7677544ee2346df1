"""A bare Faust app for bench_e2e.py: one agent that decodes each event and sends it on.

The ceiling of Faust's own per-event path (``await send`` per event), with the settings the
worker uses (raw serializers, acks from every replica). Configured by BENCH_* variables.

    BENCH_SOURCE=in BENCH_SINK=out python benchmarks/faust_passthrough.py worker -l warn
"""

from __future__ import annotations

import os
from typing import Any

import faust
import orjson

app = faust.App(
    os.environ.get("BENCH_APP_ID", "bench-faust-passthrough"),
    broker="kafka://" + os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
    autodiscover=False,
    key_serializer="raw",
    value_serializer="raw",
    consumer_auto_offset_reset="earliest",
    web_port=int(os.environ.get("BENCH_WEB_PORT", "6291")),
    web_in_thread=False,
    datadir=os.environ.get("BENCH_DATA_DIR", "/tmp/bench-faust"),
    store="memory://",
    producer_acks=-1,
    stream_wait_empty=False,
)
source = app.topic(os.environ.get("BENCH_SOURCE", "bench.in"), key_type=bytes, value_type=bytes)
sink = app.topic(os.environ.get("BENCH_SINK", "bench.out"), key_type=bytes, value_type=bytes)


@app.agent(source)
async def passthrough(stream: Any) -> None:
    async for event in stream.events():
        await sink.send(key=event.key, value=orjson.dumps(orjson.loads(event.value)))


if __name__ == "__main__":
    app.main()
