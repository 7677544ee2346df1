"""`make test`'s broker wrapper: a broker it did not start is used only when named."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "with-broker.sh"


@pytest.fixture
def stranger() -> Iterator[int]:
    """Something listening on a local port, as a broker that is not ours would."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def _run(port: int, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "KAFKA_BOOTSTRAP_SERVERS"}
    base.update(
        TICKERWIRE_KAFKA_PORT=str(port),
        TICKERWIRE_KAFKA_HOME=str(tmp_path / "kafka"),  # no broker of ours there
        **env,
    )
    return subprocess.run(
        [str(SCRIPT), "sh", "-c", "echo ran with $KAFKA_BOOTSTRAP_SERVERS"],
        env=base,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_with_broker_refuses_a_broker_it_did_not_start(stranger: int, tmp_path: Path) -> None:
    proc = _run(stranger, tmp_path)
    assert proc.returncode != 0 and "ran with" not in proc.stdout
    assert (
        "did not start" in proc.stderr
        and f"KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:{stranger}" in proc.stderr
    )


def test_with_broker_uses_a_broker_named_in_the_environment(stranger: int, tmp_path: Path) -> None:
    named = f"127.0.0.1:{stranger}"
    proc = _run(stranger, tmp_path, KAFKA_BOOTSTRAP_SERVERS=named)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"ran with {named}"
