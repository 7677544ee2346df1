"""The subscriptions API keeps to its OpenAPI description: schemathesis against a live worker."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "fuzz-token-1"
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    )
)


class _Accepting(BaseHTTPRequestHandler):
    """A webhook receiver that takes every call (204), so test deliveries succeed."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Accepting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_api_fuzzing_finds_no_server_error_and_no_undocumented_response(
    make_worker, receiver: str, tmp_path: Path
) -> None:
    worker = make_worker(TICKERWIRE_API_TOKEN=TOKEN, TICKERWIRE_WEBHOOK_ALLOWED_HOSTS="127.0.0.1")
    doc = httpx.get(f"{worker.web_url}/openapi.json", timeout=10).json()
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    assert schemas["Subscription"]["x-schema-file"] == "schemas/subscription.v1.json"
    assert schemas["SubscriptionRequest"]["$id"].endswith("subscription-request.v1.json")

    run_id = uuid.uuid4().hex[:8]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SCHEMATHESIS_HOOKS": "tests.integration.schemathesis_hooks",
        "TICKERWIRE_FUZZ_TOPIC_PREFIX": f"t{run_id}.fuzz.",
        "TICKERWIRE_FUZZ_WEBHOOK_URL": receiver,
    }
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{worker.web_url}/openapi.json",
            "--header",
            f"Authorization: Bearer {TOKEN}",
            "--checks",
            CHECKS,
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "10",
            "--seed",
            "20261202",
            "--workers",
            "1",
            "--request-timeout",
            "20",
        ],
        env=env,
        cwd=tmp_path,  # schemathesis keeps a cache in its working directory
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = proc.stdout[-6000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, report
    assert "No issues found" in proc.stdout, report
    assert "6 selected / 6 total" in proc.stdout  # every operation was exercised
