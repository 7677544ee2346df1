"""One command line: help lists every command, each command's help has an example, input is
streamed, and progress goes to standard error only when it is a terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import orjson
import pytest

from streams import cli
from tests.fixtures.stories import ALIBABA_FORD_FR, QUIET_EARNINGS_EN

COMMANDS = ("worker", "tag", "eval", "refdata", "replay", "watch")
TICKERWIRE = [sys.executable, "-m", "streams"]


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TICKERWIRE, *args], capture_output=True, text=True, timeout=120, **kwargs
    )


def test_help_lists_every_command_with_a_line_each() -> None:
    proc = _run("--help")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    for name in COMMANDS:
        [line] = [x for x in lines if x.strip().startswith(name + " ")]
        assert len(line.split()) > 3, f"{name} has no description: {line!r}"


@pytest.mark.parametrize("name", [c for c in COMMANDS if c != "worker"])
def test_each_command_help_has_a_description_and_an_example(name: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    description = cli._COMMAND_DOCS[name][1].split("\n")[0]
    assert description in out
    assert "example:" in out and f"tickerwire {name}" in out.split("example:")[1]


def test_worker_help_has_our_description_an_example_and_fausts_options() -> None:
    proc = _run("worker", "--help")
    assert proc.returncode == 0, proc.stderr
    assert "Run the stream processor" in proc.stdout
    assert "tickerwire worker -l info" in proc.stdout
    assert "--web-port" in proc.stdout  # Faust's own options follow


def test_worker_with_a_bad_setting_says_which_and_exits_without_a_traceback() -> None:
    env = {**os.environ, "TICKERWIRE_TOPIC_PARTITIONS": "many"}
    proc = _run("worker", env=env)
    assert proc.returncode == 2
    assert "TICKERWIRE_TOPIC_PARTITIONS" in proc.stderr and "many" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_refdata_load_help_has_an_example(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["refdata", "load", "--help"])
    assert "tickerwire refdata load --file" in capsys.readouterr().out


def test_tag_answers_each_line_before_the_input_ends() -> None:
    """Streaming: the first result comes out while standard input is still open."""
    proc = subprocess.Popen(
        [*TICKERWIRE, "tag", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(orjson.dumps(QUIET_EARNINGS_EN) + b"\n")
        proc.stdin.flush()
        first = orjson.loads(proc.stdout.readline())  # blocks until the line is answered
        assert first["id"] == QUIET_EARNINGS_EN["id"]
        assert proc.poll() is None  # still running, waiting for more input
        proc.stdin.write(orjson.dumps(ALIBABA_FORD_FR) + b"\n")
        proc.stdin.close()
        second = orjson.loads(proc.stdout.readline())
        assert second["id"] == ALIBABA_FORD_FR["id"]
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _stories(path: Path, count: int) -> Path:
    stories = [ALIBABA_FORD_FR, QUIET_EARNINGS_EN]
    path.write_bytes(
        b"".join(orjson.dumps({**stories[i % 2], "id": f"s{i}"}) + b"\n" for i in range(count))
    )
    return path


def _run_on_terminal(args: list[str]) -> tuple[int, str]:
    """Run with standard error on a pseudo-terminal (120 columns); gives (exit code, what it showed)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=30), shown.decode(errors="replace")


def test_tag_shows_progress_with_rate_and_time_left_on_a_terminal(tmp_path: Path) -> None:
    src = _stories(tmp_path / "in.jsonl", 130)
    code, shown = _run_on_terminal([*TICKERWIRE, "tag", str(src), "-o", str(tmp_path / "o")])
    assert code == 0, shown
    assert "tag: 100%" in shown
    assert "B/s" in shown and "stories/s" in shown  # rates
    assert "<00:00" in shown  # elapsed<remaining: the time left
    assert "128 stories" in shown  # the story count, updated as it goes


def test_tag_is_silent_on_stderr_when_it_is_not_a_terminal(tmp_path: Path) -> None:
    src = _stories(tmp_path / "in.jsonl", 20)
    proc = _run("tag", str(src), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 20


def test_eval_shows_progress_on_a_terminal() -> None:
    folder = Path(__file__).parents[1] / "fixtures" / "corpus"
    corpus = sorted(str(p) for p in folder.glob("*.jsonl"))
    code, shown = _run_on_terminal([*TICKERWIRE, "eval", corpus[0]])
    assert code == 0, shown
    assert "eval: 100%" in shown and "B/s" in shown
