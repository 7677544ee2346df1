"""JSON Schemas of the topic messages (``schemas/*.json``) -> compiled validators."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

from streams.errors import ConfigurationError

#: Formats the schemas use; jsonschema checks them only with its optional packages
#: (rfc3339-validator for date-time, rfc3986-validator for uri), pinned in pyproject.
REQUIRED_FORMATS = ("date-time", "uri")
#: What a person should read for a failed ``format`` check.
FORMAT_NAMES = {"date-time": "an RFC 3339 date-time", "uri": "an absolute URI (RFC 3986)"}

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


@cache
def _compiled(name: str) -> Any:
    """The same schema compiled by jsonschema-rs: about a hundred times faster on a valid message.

    Formats are checked by jsonschema's own checkers (jsonschema-rs alone would pass a leap
    second that rfc3339-validator rejects), so a "valid" here is a "valid" there."""
    checker = Draft202012Validator.FORMAT_CHECKER
    formats: dict[str, Callable[..., bool]] = {
        str(f): partial(_conforms, checker, str(f)) for f in checker.checkers
    }
    return jsonschema_rs.Draft202012Validator(
        load_schema(name), formats=formats, validate_formats=True
    )


def _conforms(checker: FormatChecker, format_name: str, value: Any) -> bool:
    return bool(checker.conforms(value, format_name))


def fits(name: str, data: Any) -> bool:
    """Whether ``data`` fits ``schemas/<name>.json``: the compiled validator answers a yes at
    once; on a no, ``jsonschema`` (which words the errors) has the last word."""
    return bool(_compiled(name).is_valid(data)) or validator(name).is_valid(data)


def first_problem(name: str, data: Any) -> str:
    """The most telling way ``data`` breaks ``schemas/<name>.json``, with its JSON path; "" if none.

    For example ``schema subscription-request.v1: at filter/min_score: 1.5 is greater than
    the maximum of 1``.
    """
    if _compiled(name).is_valid(data):
        return ""  # the hot path: a valid message costs microseconds, not milliseconds
    error = best_match(validator(name).iter_errors(data))
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    message = error.message
    if error.validator == "format" and error.validator_value in FORMAT_NAMES:
        shown = repr(error.instance)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        message = f"{shown} is not {FORMAT_NAMES[error.validator_value]}"
    if error.validator == "oneOf":  # "... is not valid under any of the given schemas": name them
        shapes = [
            "{" + ", ".join(f"{k!r}: ..." for k in branch.get("required", ())) + "}"
            for branch in error.validator_value
        ]
        message = f"must be exactly one of {' or '.join(shapes)}"
    return f"schema {name}: at {where}: {message}"
