"""The OpenAPI document is 3.1, built on the schema files, and every reference in it resolves."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from streams import openapi
from streams.schemas import load_schema, validator


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_openapi_components_are_the_schema_files() -> None:
    doc = openapi.document()
    assert doc["openapi"] == "3.1.0"
    for name, file in openapi.SCHEMA_FILES.items():
        component = dict(doc["components"]["schemas"][name])
        assert component.pop("x-schema-file") == f"schemas/{file}.json"
        assert component == load_schema(file)


def test_openapi_every_reference_resolves() -> None:
    doc = openapi.document()
    refs = _refs(doc)
    assert refs
    for ref in refs:
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        Draft202012Validator.check_schema(node)


def test_openapi_request_schema_takes_the_readme_examples_and_rejects_stored_fields() -> None:
    request = validator("subscription-request.v1")
    request.validate({"filter": {"companies": ["9988.HK"]}, "target": {"topic": "alerts.desk-a"}})
    request.validate({"target": {"webhook": {"url": "https://example.com/hook"}}})
    assert not request.is_valid({"target": {"topic": "a"}, "created_at": "2024-01-01T00:00:00Z"})
    assert not request.is_valid({"filter": {}})  # no target


def test_openapi_every_operation_documents_401_and_its_success() -> None:
    for path, item in openapi.document()["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            statuses = set(operation["responses"])
            assert "401" in statuses, (path, method)
            assert statuses & {"200", "201", "204"}, (path, method)
