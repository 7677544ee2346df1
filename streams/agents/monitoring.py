"""Monitoring views: ``GET /metrics`` (Prometheus text format) and ``GET /openapi.json``."""

from __future__ import annotations

from faust.web import Request, Response, View

from streams import metrics, openapi
from streams.faust_app import TickerwireApp, app_of


def register(app: TickerwireApp) -> None:
    """Put ``GET /metrics`` and ``GET /openapi.json`` on ``app``; the pending-deliveries gauge
    reads its dispatcher."""
    dispatcher = app.dispatcher
    metrics.watch_pending(lambda: dispatcher.pending)
    app.page("/metrics")(Metrics)
    app.page("/openapi.json")(OpenAPI)


async def consumer_lag(app: TickerwireApp) -> list[tuple[str, int, int]]:
    """``(topic, partition, lag)`` for each partition the worker's consumer owns.

    Lag is the partition's end offset minus the group's last committed offset; before the
    first commit of a partition, minus the consumer's position (where it started reading).
    """
    consumer = app.consumer
    if consumer is None:
        return []
    owned = sorted(consumer.assignment())
    if not owned:
        return []
    ends = await consumer.highwaters(*owned)
    committed = app.monitor.tp_committed_offsets or {}
    rows = []
    for tp in owned:
        if "__assignor" in tp.topic:  # Faust's leader-election topic: not a data topic
            continue
        end = ends.get(tp)
        if end is None:
            continue
        done = committed.get(tp)
        if done is None:
            done = await consumer.position(tp)
        if done is None:
            continue
        rows.append((tp.topic, tp.partition, end - done))
    return rows


class Metrics(View):
    """The Prometheus exposition (no token: it holds counts, not content)."""

    async def get(self, request: Request) -> Response:
        metrics.set_consumer_lag(await consumer_lag(app_of(self)))
        return self.bytes(metrics.exposition(), headers={"Content-Type": metrics.CONTENT_TYPE})


class OpenAPI(View):
    """The OpenAPI 3.1 description of the subscriptions API (no token: it holds no data)."""

    async def get(self, request: Request) -> Response:
        return self.json(openapi.document())
