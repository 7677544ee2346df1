"""The subscriptions API on a real worker: auth, CRUD, validation errors, masking, the test call."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import orjson
from standardwebhooks.webhooks import Webhook

from streams.delivery.signing import new_secret
from tests.integration.conftest import consume
from tests.integration.test_webhooks import TOKEN, Receiver

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENV = {"TICKERWIRE_API_TOKEN": TOKEN, "TICKERWIRE_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1"}


def hook(url: str = "https://example.com/hook", secret: str | None = None) -> dict[str, Any]:
    target: dict[str, Any] = {"url": url}
    if secret is not None:
        target["secret"] = secret
    return {"filter": {"tags": ["partnership"], "min_score": 0.5}, "target": {"webhook": target}}


async def test_subscriptions_api_crud_errors_masking_and_test_call(make_worker: Any) -> None:
    worker = await asyncio.to_thread(make_worker, **ENV)
    secret = new_secret()
    receiver = await Receiver().start()
    async with httpx.AsyncClient(base_url=worker.web_url, timeout=15) as api:
        try:
            # Auth: required on every call.
            assert (await api.get("/subscriptions")).status_code == 401
            wrong = await api.get("/subscriptions", headers={"Authorization": "Bearer nope"})
            assert wrong.status_code == 401 and "error" in wrong.json()

            # Create: 201 with the stored subscription, its id, and the secret masked.
            created = await api.post("/subscriptions", json=hook(secret=secret), headers=AUTH)
            assert created.status_code == 201, created.text
            body = created.json()
            sub_id = body["id"]
            assert body["filter"] == {"tags": ["partnership"], "min_score": 0.5}
            assert body["target"]["webhook"]["url"] == "https://example.com/hook"
            assert body["target"]["webhook"]["secret"] != secret
            assert secret not in created.text

            # A secret the worker generates is shown in full once, then masked.
            generated = await api.post("/subscriptions", json=hook(), headers=AUTH)
            assert generated.status_code == 201
            full = generated.json()["target"]["webhook"]["secret"]
            assert full.startswith("whsec_") and len(full) > 40
            again = await api.get(f"/subscriptions/{generated.json()['id']}", headers=AUTH)
            assert full not in again.text

            # Read and list.
            got = await api.get(f"/subscriptions/{sub_id}", headers=AUTH)
            assert got.status_code == 200 and got.json()["id"] == sub_id
            listed = await api.get("/subscriptions", headers=AUTH)
            assert {s["id"] for s in listed.json()["subscriptions"]} >= {sub_id}
            assert secret not in listed.text

            # Replace: the secret is kept when left out.
            put = await api.put(
                f"/subscriptions/{sub_id}",
                json={
                    "filter": {"languages": ["en"]},
                    "target": {"webhook": {"url": receiver.url}},
                },
                headers=AUTH,
            )
            assert put.status_code == 200, put.text
            assert put.json()["filter"] == {"languages": ["en"]}
            assert put.json()["created_at"] == body["created_at"]

            # Test call: one signed sample alert to the receiver, with the kept secret.
            tested = await api.post(f"/subscriptions/{sub_id}/test", headers=AUTH)
            assert tested.status_code == 200, tested.text
            assert tested.json()["delivered"] is True
            [call] = receiver.calls
            payload = Webhook(secret).verify(call.body, call.headers)
            assert payload["type"] == "alert.test"
            assert payload["data"]["schema"] == "alert.v2"

            # Topic target and its test call.
            topic = f"{worker.settings.topics.alerts}.desk-b"
            made = await api.post("/subscriptions", json={"target": {"topic": topic}}, headers=AUTH)
            assert made.status_code == 201, made.text
            sent = await api.post(f"/subscriptions/{made.json()['id']}/test", headers=AUTH)
            assert sent.status_code == 200 and sent.json()["topic"] == topic
            [(_, sample)] = await consume(worker.settings, topic, count=1, timeout=10)
            assert sample["schema"] == "alert.v2"

            # Errors: each with its status and {"error": ...}.
            cases = [
                (
                    api.post(
                        "/subscriptions",
                        content=b"{",
                        headers={**AUTH, "Content-Type": "application/json"},
                    ),
                    400,
                ),
                (
                    api.post(
                        "/subscriptions",
                        content=b"{}",
                        headers={**AUTH, "Content-Type": "text/plain"},
                    ),
                    415,
                ),
                (
                    api.post(
                        "/subscriptions",
                        content=b"[" + b"1," * 40_000 + b"1]",
                        headers={**AUTH, "Content-Type": "application/json"},
                    ),
                    413,
                ),
                (
                    api.post(
                        "/subscriptions",
                        json={"filter": {"tags": ["weather"]}, "target": {"topic": "x"}},
                        headers=AUTH,
                    ),
                    422,
                ),
                (
                    api.post(
                        "/subscriptions",
                        json={"filter": {}, "target": {"webhook": {"url": "http://example.com/h"}}},
                        headers=AUTH,
                    ),
                    422,
                ),
                (
                    api.post(
                        "/subscriptions",
                        json=hook(url="https://169.254.169.254/latest"),
                        headers=AUTH,
                    ),
                    422,
                ),
                (
                    api.post("/subscriptions", json=hook(url="https://10.1.2.3/h"), headers=AUTH),
                    422,
                ),
                (
                    api.post(
                        "/subscriptions",
                        json={"target": {"topic": worker.settings.topics.raw}},
                        headers=AUTH,
                    ),
                    422,
                ),
                (api.post("/subscriptions", json={"id": sub_id, **hook()}, headers=AUTH), 409),
                (api.get("/subscriptions/nope", headers=AUTH), 404),
                (api.patch(f"/subscriptions/{sub_id}", json={}, headers=AUTH), 405),
                (api.delete("/subscriptions", headers=AUTH), 405),
            ]
            for request, status in cases:
                response = await request
                assert response.status_code == status, (status, response.text)
                assert "error" in orjson.loads(response.content), response.text

            # Delete: 204, then 404.
            assert (await api.delete(f"/subscriptions/{sub_id}", headers=AUTH)).status_code == 204
            assert (await api.get(f"/subscriptions/{sub_id}", headers=AUTH)).status_code == 404
            assert (await api.delete(f"/subscriptions/{sub_id}", headers=AUTH)).status_code == 404
        finally:
            await receiver.stop()

    # Subscriptions survive a restart (they live on the compacted topic).
    await asyncio.to_thread(worker.stop)
    await asyncio.to_thread(worker.start)
    async with httpx.AsyncClient(base_url=worker.web_url, timeout=15) as api:
        listed = await api.get("/subscriptions", headers=AUTH)
        ids = {s["id"] for s in listed.json()["subscriptions"]}
        assert generated.json()["id"] in ids and made.json()["id"] in ids and sub_id not in ids


async def test_subscriptions_api_without_a_token_answers_503(make_worker: Any) -> None:
    worker = await asyncio.to_thread(make_worker, TICKERWIRE_API_TOKEN="")
    async with httpx.AsyncClient(base_url=worker.web_url, timeout=15) as api:
        response = await api.get("/subscriptions", headers=AUTH)
    assert response.status_code == 503
    assert "TICKERWIRE_API_TOKEN" in response.json()["error"]
