"""OpenAPI: the subscriptions API -> an OpenAPI 3.1 document built on the JSON Schemas in ``schemas/``.

The request and response bodies are the schema files themselves (``subscription-request.v1``,
``subscription.v1``), placed under ``components/schemas`` with their ``$id`` and the file
they come from (``x-schema-file``), so the description cannot drift from the schemas.
"""

from __future__ import annotations

from typing import Any

from streams.schemas import load_schema

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"
#: Schema files in ``schemas/`` -> their component names.
SCHEMA_FILES = {
    "SubscriptionRequest": "subscription-request.v1",
    "Subscription": "subscription.v1",
}
JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    reasons = {
        400: "The body is not valid JSON.",
        401: "No bearer token, or the wrong one.",
        404: "No subscription has this id.",
        409: "A subscription with this id exists already.",
        413: "The body is larger than TICKERWIRE_API_MAX_BODY_BYTES.",
        415: "The body is not sent as application/json.",
        422: "The subscription is not valid (the message says which field and why).",
        502: "The test delivery failed; 'outcome' says how.",
        503: "The API is disabled (no TICKERWIRE_API_TOKEN), still loading, or Kafka is unavailable.",
    }
    out: dict[str, Any] = {}
    for status in statuses:
        schema = _ref("TestFailed") if status == 502 else _ref("Error")
        response = _json(schema, reasons[status])
        if status == 401:
            response["headers"] = {
                "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}
            }
        out[str(status)] = response
    return out


def document(server_url: str | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the subscriptions API."""
    components: dict[str, Any] = {}
    for name, file in SCHEMA_FILES.items():
        schema = dict(load_schema(file))
        schema["x-schema-file"] = f"schemas/{file}.json"
        components[name] = schema
    components["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    }
    components["Outcome"] = {
        "type": "object",
        "description": "One webhook attempt: its result, HTTP status and error, if any.",
        "required": ["result"],
        "properties": {
            "result": {"enum": ["delivered", "retry", "failed"]},
            "status": {"type": ["integer", "null"]},
            "error": {"type": ["string", "null"]},
        },
    }
    components["TestFailed"] = {
        "type": "object",
        "required": ["error", "outcome"],
        "properties": {"error": {"type": "string"}, "outcome": _ref("Outcome")},
    }
    components["TestDelivered"] = {
        "type": "object",
        "required": ["delivered"],
        "properties": {
            "delivered": {"const": True},
            "outcome": _ref("Outcome"),
            "topic": {"type": "string"},
            "partition": {"type": "integer"},
            "offset": {"type": "integer"},
            "alert_id": {"type": "string"},
        },
    }
    components["SubscriptionList"] = {
        "type": "object",
        "required": ["subscriptions"],
        "properties": {"subscriptions": {"type": "array", "items": _ref("Subscription")}},
    }
    subscription_id = {
        "name": "subscription_id",
        "in": "path",
        "required": True,
        "description": "The subscription's id.",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},
    }
    body = {"required": True, "content": {JSON: {"schema": _ref("SubscriptionRequest")}}}
    paths: dict[str, Any] = {
        "/subscriptions": {
            "get": {
                "operationId": "listSubscriptions",
                "summary": "Every subscription, oldest first (secrets masked).",
                "responses": {
                    "200": _json(_ref("SubscriptionList"), "The subscriptions."),
                    **_errors(401, 503),
                },
            },
            "post": {
                "operationId": "createSubscription",
                "summary": "Create a subscription (a generated secret is shown once, in full).",
                "requestBody": body,
                "responses": {
                    "201": _json(_ref("Subscription"), "Created."),
                    **_errors(400, 401, 409, 413, 415, 422, 503),
                },
            },
        },
        "/subscriptions/{subscription_id}": {
            "parameters": [subscription_id],
            "get": {
                "operationId": "getSubscription",
                "summary": "One subscription (secret masked).",
                "responses": {
                    "200": _json(_ref("Subscription"), "The subscription."),
                    **_errors(401, 404, 503),
                },
            },
            "put": {
                "operationId": "replaceSubscription",
                "summary": "Replace a subscription (a secret left out is kept).",
                "requestBody": body,
                "responses": {
                    "200": _json(_ref("Subscription"), "Replaced."),
                    **_errors(400, 401, 404, 413, 415, 422, 503),
                },
            },
            "delete": {
                "operationId": "deleteSubscription",
                "summary": "Delete a subscription.",
                "responses": {"204": {"description": "Deleted."}, **_errors(401, 404, 503)},
            },
        },
        "/subscriptions/{subscription_id}/test": {
            "parameters": [subscription_id],
            "post": {
                "operationId": "testSubscription",
                "summary": "Send one sample alert (type alert.test) to the target now, no retries.",
                "responses": {
                    "200": _json(_ref("TestDelivered"), "Delivered."),
                    **_errors(401, 404, 502, 503),
                },
            },
        },
    }
    doc: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "Tickerwire subscriptions API",
            "version": API_VERSION,
            "description": (
                "Subscribe Kafka topics and signed webhooks (Standard Webhooks) to Tickerwire "
                "alerts. Every call needs 'Authorization: Bearer $TICKERWIRE_API_TOKEN'."
            ),
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
    if server_url:
        doc["servers"] = [{"url": server_url}]
    return doc
