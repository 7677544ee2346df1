"""Topic declarations: names from ``Settings`` -> Faust topics carrying raw bytes (orjson payloads)."""

from __future__ import annotations

import faust

from streams.app import app, settings

names = settings.topics


def _topic(name: str, **options: object) -> faust.TopicT:
    return app.topic(
        name,
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.partitions,
        config=settings.topic_config or None,
        # "internal" makes Faust create the topic (with these partitions) before subscribing.
        internal=True,
        **options,  # type: ignore[arg-type]
    )


raw_news = _topic(names.raw)
deadletter = _topic(names.deadletter)
alerts = _topic(names.alerts)
alerts_by_tag: dict[str, faust.TopicT] = {
    tag: _topic(names.for_tag(tag)) for tag in ("partnership", "china_strategy", "auto_tech")
}

#: Topics only written to: declared at start-up so subscribers can attach before the first alert.
OUTPUT_TOPICS: tuple[faust.TopicT, ...] = (deadletter, alerts, *alerts_by_tag.values())

#: Internal repartitions of the novelty checks (see ``streams/agents/novelty.py``).
by_fingerprint = _topic(names.by_fingerprint)
by_story = _topic(names.by_story)
