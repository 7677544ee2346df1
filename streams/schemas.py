"""JSON Schemas of the topic messages (``schemas/*.json``) -> compiled validators."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

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


def first_problem(name: str, data: Any) -> str:
    """The most telling way ``data`` breaks ``schemas/<name>.json``, with its JSON path; "" if none.

    For example ``schema subscription-request.v1: at filter/min_score: 1.5 is greater than
    the maximum of 1``.
    """
    error = best_match(validator(name).iter_errors(data))
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    message = error.message
    if error.validator == "oneOf":  # "... is not valid under any of the given schemas": name them
        shapes = [
            "{" + ", ".join(f"{k!r}: ..." for k in branch.get("required", ())) + "}"
            for branch in error.validator_value
        ]
        message = f"must be exactly one of {' or '.join(shapes)}"
    return f"schema {name}: at {where}: {message}"
