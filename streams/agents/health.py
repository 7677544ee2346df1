"""Health views: ``GET /ready`` answers 200 once the worker consumes its partitions."""

from __future__ import annotations

from typing import Any

from faust.web import Request, Response, View

from streams import topics
from streams.app import app


@app.page("/ready")
class Ready(View):
    """200 when the worker has joined its group and owns partitions of the raw topic; else 503."""

    async def get(self, request: Request) -> Response:
        assigned = app.consumer.assignment() if app.consumer else set()
        raw = {tp for tp in assigned if tp.topic == topics.raw_news.get_topic_name()}
        body: dict[str, Any] = {
            "ready": bool(raw) and not app.rebalancing,
            "partitions": sorted(tp.partition for tp in raw),
        }
        return self.json(body, status=200 if body["ready"] else 503)
