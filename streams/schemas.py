"""JSON Schemas of the topic messages (``schemas/*.json``) -> compiled validators."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

from streams.errors import ConfigurationError

#: Formats the schemas use; jsonschema checks them only with its optional packages
#: (rfc3339-validator for date-time, rfc3986-validator for uri), pinned in pyproject.
REQUIRED_FORMATS = ("date-time", "uri")

#: The schemas: in a checkout ``message_schemas`` links to the top-level ``schemas/`` folder;
#: a built wheel carries the files themselves there (package data).
SCHEMAS_DIR = Path(__file__).resolve().parent / "message_schemas"


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
    checker = Draft202012Validator.FORMAT_CHECKER
    missing = [f for f in REQUIRED_FORMATS if f not in checker.checkers]
    if missing:
        # Without them a bad date or URL would pass validation unseen.
        raise ConfigurationError(
            f"jsonschema cannot check the formats {', '.join(missing)}: "
            "install rfc3339-validator and rfc3986-validator"
        )
    return Draft202012Validator(schema, format_checker=checker)
