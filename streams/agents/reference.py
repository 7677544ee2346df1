"""Reference data in the worker: company records -> the ``Pipeline`` the news agent uses."""

from __future__ import annotations

import logging

from streams.pipeline import Pipeline, default_pipeline

log = logging.getLogger(__name__)

_pipeline: Pipeline | None = None


def current_pipeline() -> Pipeline:
    """The pipeline over the current reference data, built on first use."""
    global _pipeline
    if _pipeline is None:
        _pipeline = default_pipeline()
        log.info("pipeline built over the bundled reference data")
    return _pipeline
