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

from streams import metrics
from streams.compacted import CompactedTopicReader
from streams.linking.linker import Linker
from streams.linking.refdata import load_companies, merge_companies
from streams.pipeline import Pipeline
from streams.records import Company
from streams.tagging.tagger import Tagger

log = logging.getLogger(__name__)


def decode_company(value: bytes) -> dict[str, Any]:
    """A ``reference.companies`` value as a dict (checked against the schema when merged)."""
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


class PipelineHolder:
    """Builds the pipeline on first use, and the linker again whenever the reference data changed."""

    def __init__(self, reader: CompanyReader) -> None:
        self._reader = reader
        self._bundled: list[Company] | None = None
        self._tagger: Tagger | None = None
        self._pipeline: Pipeline | None = None
        self._version = -1

    @property
    def built(self) -> bool:
        """Has the pipeline been built (the linker and tagger automata are in memory)?"""
        return self._pipeline is not None

    def get(self) -> Pipeline:
        """The pipeline over the current reference data."""
        version = self._reader.version
        if self._pipeline is None or version != self._version:
            self._version = version
            self._pipeline = self._build()
        return self._pipeline

    def _build(self) -> Pipeline:
        if self._bundled is None or self._tagger is None:
            self._bundled, self._tagger = load_companies(), Tagger()
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
