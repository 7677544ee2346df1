"""The offline CLI: one output line per input line, errors reported, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from streams import cli
from tests.fixtures.stories import ALIBABA_FORD_FR, QUIET_EARNINGS_EN


def _write(path: Path, *lines: bytes) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_cli_tag_writes_one_line_per_input_and_reports_bad_lines(tmp_path: Path, capsys) -> None:
    src = _write(
        tmp_path / "in.jsonl",
        orjson.dumps(ALIBABA_FORD_FR),
        b'{"id": "half", "headline": ',
        orjson.dumps({"id": "blank", "headline": ""}),
        orjson.dumps(QUIET_EARNINGS_EN),
    )
    out = tmp_path / "out.jsonl"
    code = cli.main(["tag", str(src), "-o", str(out)])
    results = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert code == 1
    assert [r["id"] for r in results] == [
        ALIBABA_FORD_FR["id"],
        None,
        "blank",
        QUIET_EARNINGS_EN["id"],
    ]
    assert "JSON" in results[1]["error"] and "headline or body" in results[2]["error"]
    assert {"id", "language", "tags", "partnership", "entities"} <= set(results[0])
    assert results[3]["tags"] == []
    err = capsys.readouterr().err
    assert "line 2:" in err and "line 3:" in err


def test_cli_tag_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "streams", "tag", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_tag_reads_standard_input_through_the_console_entry(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "streams", "tag", "-"],
        input=orjson.dumps(QUIET_EARNINGS_EN) + b"\n",
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    assert orjson.loads(line)["id"] == QUIET_EARNINGS_EN["id"]


def test_cli_refdata_load_refuses_a_file_with_an_invalid_record(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """Every line is checked against company.v1 first; one bad line publishes nothing (the
    broker address leads nowhere: trying to publish would fail with a connection error)."""
    from streams.linking.refdata import load_companies

    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")
    good = load_companies()[0].to_dict()
    src = _write(
        tmp_path / "change.jsonl",
        orjson.dumps(good),
        orjson.dumps({k: v for k, v in good.items() if k != "as_of"}),
        b"[1, 2]",
    )
    code = cli.main(["refdata", "load", "--file", str(src)])
    err = capsys.readouterr().err
    assert code == 1
    assert "change.jsonl:2: schema company.v1: at (root): 'as_of' is a required property" in err
    assert "change.jsonl:3: not a JSON object" in err
    assert "2 invalid records, nothing published" in err


def test_cli_tag_reports_hostile_lines_and_still_tags_the_good_one() -> None:
    hostile = [
        b'{"id":"n","headline":"x","published_at":"T1"}',
        b'{"id":"big","headline":"x","revision":18446744073709551616}',
        b'{"id":"u","headline":"x","url":"no scheme here"}',
        b"\xff\xfe not utf-8",
        b"[" * 5000,
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "streams", "tag", "-"],
        input=b"\n".join([*hostile, orjson.dumps(ALIBABA_FORD_FR)]) + b"\n",
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    results = [orjson.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) == len(hostile) + 1
    assert all("error" in r for r in results[:-1]) and results[-1]["tags"]
    assert "RFC 3339" in results[0]["error"] and "maximum" in results[1]["error"]
    assert "URI" in results[2]["error"]
    for number in range(1, len(hostile) + 1):
        assert f"line {number}:".encode() in proc.stderr
