"""The companies linked on every labelled set match the digest recorded before the data move.

The digest (``tests/fixtures/linking/linked_companies.json``) was recorded with
``python tools/refdata/link_digest.py --write`` before the company records moved from
``tools/refdata/curated_*.py`` to ``streams/linking/data/<country>.jsonl``. A change meant to
link differently re-records it with the same command (and says so in its commit).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from streams.linking.linker import Linker
from streams.linking.refdata import load_companies

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tools" / "refdata"))

import link_digest  # noqa: E402


@pytest.fixture(scope="module")
def recorded() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(link_digest.FIXTURE.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def now() -> dict[str, dict[str, object]]:
    return link_digest.digests()


@pytest.mark.parametrize("name", sorted(link_digest.SETS))
def test_each_labelled_set_links_the_recorded_companies(
    name: str, recorded: dict[str, dict[str, object]], now: dict[str, dict[str, object]]
) -> None:
    if name not in now:
        pytest.skip(f"{link_digest.SETS[name]} is not on this machine")
    assert now[name] == recorded[name]


def test_the_digest_sees_a_changed_link() -> None:
    """One company renamed in the data changes the digest of the sets that link it."""
    companies = load_companies()
    changed = [replace(c, name="Renamed") if c.id == "alibaba" else c for c in companies]
    assert link_digest.digests(Linker(changed))["corpus"] != link_digest.digests()["corpus"]
