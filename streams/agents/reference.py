"""Reference data in the worker: ``reference.companies`` -> an in-memory mirror -> the news agent's ``Pipeline``.

Every worker reads the whole compacted topic on start (no consumer group, every
partition) and keeps following it; the bundled dataset is the base and published
records override it by id. The linker is rebuilt before the next article once the
mirror has changed, so an update takes effect without a restart.

Why not a Faust GlobalTable: with a changelog topic of our own name (not
``<app>-<table>-changelog``) faust-streaming 0.15.3's partition assignor hung at
"performing partition assignments" on a fresh group; a plain reader has no such coupling.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from mode import Service

from streams import metrics
from streams.app import app, settings
from streams.compacted import CompactedTopicReader
from streams.linking.linker import Linker
from streams.linking.refdata import load_companies, merge_companies
from streams.pipeline import Pipeline
from streams.tagging.tagger import Tagger

log = logging.getLogger(__name__)


def _decode(value: bytes) -> dict[str, Any]:
    record = orjson.loads(value)
    if not isinstance(record, dict):
        raise ValueError("a company record must be a JSON object")
    return record


class CompanyReader(CompactedTopicReader[dict[str, Any]]):
    """The compacted company topic in memory; ``version`` moves on every applied message."""

    version: int = 0

    def _apply(self, key: bytes | None, value: bytes | None, partition: int, offset: int) -> None:
        super()._apply(key, value, partition, offset)
        self.version += 1


companies = CompanyReader(settings, settings.topics.companies, _decode)


@app.service
class ReferenceData(Service):
    """Starts the company reader with the worker; agents wait until it has caught up."""

    def on_init_dependencies(self) -> list[Service]:
        return [companies]


class PipelineHolder:
    """Builds the pipeline once, and the linker again whenever the reference data changed."""

    def __init__(self, reader: CompanyReader) -> None:
        self._reader = reader
        self._bundled = load_companies()
        self._tagger = Tagger()
        self._pipeline: Pipeline | None = None
        self._version = -1

    def get(self) -> Pipeline:
        version = self._reader.version
        if self._pipeline is None or version != self._version:
            self._version = version
            self._pipeline = self._build()
        return self._pipeline

    def _build(self) -> Pipeline:
        published = {
            key.decode(errors="replace"): self._reader.get(key) or {} for key in self._reader
        }
        merged, rejected = merge_companies(self._bundled, published)
        for key in rejected:
            log.warning(
                "company record %r on %s rejected: not a valid company", key, self._reader.topic
            )
        log.info(
            "linker built over %d companies (%d published records)", len(merged), len(published)
        )
        metrics.reference_data_loaded(len(merged))
        return Pipeline(Linker(merged), self._tagger)


_holder: PipelineHolder | None = None


async def wait_for_reference_data() -> None:
    """Return once the worker has read the reference topic as it stood at start-up."""
    await companies.wait_ready()


def pipeline_built() -> bool:
    """Has the pipeline been built (the linker and tagger automata are in memory)?"""
    return _holder is not None


def current_pipeline() -> Pipeline:
    """The pipeline over the current reference data (built on first use)."""
    global _holder
    if _holder is None:
        _holder = PipelineHolder(companies)
    return _holder.get()
