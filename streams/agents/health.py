"""Health views: ``GET /ready`` answers 200 once the worker has joined its group and read its reference data."""

from __future__ import annotations

from typing import Any

from faust.web import Request, Response, View

from streams.faust_app import TickerwireApp, app_of


def register(app: TickerwireApp) -> None:
    """Put ``GET /ready`` on ``app``."""
    app.page("/ready")(Ready)


class Ready(View):
    """200 when the worker owns partitions, is not rebalancing or restoring tables, has read the
    company topic and built its pipeline; else 503.

    With more workers than raw-news partitions a worker may own none of them and still be
    ready (it serves other topics); ``raw_partitions`` says which it owns.
    """

    async def get(self, request: Request) -> Response:
        app = app_of(self)
        assigned = app.consumer.assignment() if app.consumer else set()
        raw = sorted(
            tp.partition for tp in assigned if tp.topic == app.topic_set.raw_news.get_topic_name()
        )
        body: dict[str, Any] = {
            "ready": bool(assigned)
            and not app.rebalancing
            # Streams wait while tables (the novelty checks') are restored from changelogs.
            and not getattr(app, "in_recovery", False)
            and app.companies.ready
            and app.pipelines.built,
            "raw_partitions": raw,
            "reference_data": app.companies.ready,
        }
        return self.json(body, status=200 if body["ready"] else 503)
