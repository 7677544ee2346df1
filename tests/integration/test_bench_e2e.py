"""`make bench-e2e` at a tiny scale: every path runs on the broker and the table comes out.

The figures themselves are not asserted (a benchmark prints them); this only keeps the
script working. About a minute: five processes start (two Faust, two workers, one each).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import LOG_TAIL_CHARS, free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration
#: 40 stories a workload, one run each, 2 s of latency at 20 stories/s.
SMALL = ("--stories", "40", "--runs", "1", "--seconds", "2", "--rate", "20")


def worker_logs(folder: Path) -> str:
    """The end of each worker's log, oldest run first, for a failure message."""
    return "".join(
        f"\n--- end of {log.name} ---\n{log.read_text(errors='replace')[-LOG_TAIL_CHARS:]}"
        for log in sorted(folder.glob("worker-*.log"), key=lambda p: p.stat().st_mtime)
    )


def test_bench_e2e_prints_every_path_with_ratios_latency_and_rss(
    broker: str, tmp_path: Path
) -> None:
    port = free_port()
    script = ROOT / "benchmarks" / "bench_e2e.py"
    done = subprocess.run(
        [sys.executable, str(script), *SMALL, "--port", str(port), "--log-dir", str(tmp_path)],
        env={**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:] + worker_logs(tmp_path)
    out = done.stdout
    for path in (
        "raw aiokafka passthrough",
        "bare Faust passthrough",
        "offline link + tag (1 core)",
        "Tickerwire worker",
    ):
        row = re.search(rf"^\| {re.escape(path)} \| ([\d,]+) \| ([\d,]+) \|$", out, re.M)
        assert row and all(int(v.replace(",", "")) > 0 for v in row.groups()), path
    assert re.search(
        r"^\| worker / offline link \+ tag \(1 core\) \| [\d.]+ \| [\d.]+ \|$", out, re.M
    )
    alerts = re.search(r"tagged-only: (\d+) for (\d+) tagged stories", out)
    # every tagged story (a shortfall is a worker that stalled: its log says where)
    assert alerts and int(alerts.group(1)) == int(alerts.group(2)) > 0, out + worker_logs(tmp_path)
    latency = re.search(r"p50 ([\d.]+) ms, p99 ([\d.]+) ms", out)
    assert latency and 0 < float(latency.group(1)) <= float(latency.group(2))
    assert re.search(r"worker RSS at the end of a run: median \d+ MB", out)
