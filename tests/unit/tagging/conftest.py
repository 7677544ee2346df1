"""The tagger every tagging test shares: built once, it holds only compiled lexicons."""

from __future__ import annotations

import pytest

from streams.tagging.tagger import Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return Tagger()
