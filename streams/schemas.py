"""JSON Schemas of the topic messages (``schemas/*.json``) -> compiled validators."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

#: The repository's ``schemas/`` folder; the project is installed editable (see README).
SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


def load_schema(name: str) -> dict[str, Any]:
    """The schema document ``schemas/<name>.json`` (e.g. ``raw-news.v1``)."""
    path = SCHEMAS_DIR / f"{name}.json"
    schema: dict[str, Any] = orjson.loads(path.read_bytes())
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for ``schemas/<name>.json``, with format checks."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
