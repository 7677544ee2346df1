"""docker-compose.yml is valid Compose (checked against the spec's schema) and runs what `make demo` runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import orjson
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "check_compose", ROOT / "scripts" / "check_compose.py"
)
assert _spec and _spec.loader
check_compose = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_compose)


@pytest.fixture(scope="module")
def schema() -> dict:
    path = check_compose.DEFAULT_SCHEMA
    if not path.exists():
        pytest.skip(f"Compose schema not available at {path}")
    return orjson.loads(path.read_bytes())


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_is_valid_and_in_step_with_the_demo(schema: dict) -> None:
    assert check_compose.problems(_compose(), schema) == []


def test_compose_check_catches_a_misspelt_key_and_a_worker_not_waiting(schema: dict) -> None:
    compose = _compose()
    compose["services"]["worker"]["depends_onn"] = compose["services"]["worker"].pop("depends_on")
    found = check_compose.problems(compose, schema)
    assert any("depends_onn" in p for p in found)
    assert any("healthy kafka" in p for p in found)


def test_compose_check_catches_a_default_api_token(schema: dict) -> None:
    compose = _compose()
    assert compose["services"]["worker"]["environment"]["TICKERWIRE_API_TOKEN"].startswith(
        "${TICKERWIRE_API_TOKEN:?"
    )
    compose["services"]["worker"]["environment"]["TICKERWIRE_API_TOKEN"] = (
        "${TICKERWIRE_API_TOKEN:-change-me}"
    )
    assert any("TICKERWIRE_API_TOKEN" in p for p in check_compose.problems(compose, schema))
