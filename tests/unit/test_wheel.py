"""The built wheel stands on its own: installed in a fresh venv outside the checkout, it carries
the message schemas and ``tickerwire tag`` tags the example stories.

No network: the wheel is built with the test venv's setuptools (``--no-build-isolation``)
and installed with ``--no-deps``; the fresh venv borrows only the third-party packages of
the test venv (a ``.pth`` line), never the checkout or its editable install.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson

from streams.schemas import SCHEMAS_DIR

ROOT = Path(__file__).resolve().parents[2]


def _run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, codes: tuple[int, ...] = (0,)
) -> str:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    assert proc.returncode in codes, (
        f"{args[0]} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    )
    return proc.stdout


def test_wheel_installed_outside_the_checkout_tags_the_example_stories(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
        "-w", dist, ROOT, cwd=tmp_path,
    )  # fmt: skip
    [wheel] = dist.glob("tickerwire-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    schemas = {p.name for p in SCHEMAS_DIR.glob("*.json")}
    assert schemas and {n.rsplit("/", 1)[-1] for n in names if "/message_schemas/" in n} == schemas

    venv = tmp_path / "fresh"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel,
        cwd=tmp_path,
    )  # fmt: skip
    fresh_site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).strip()
    )
    # Third-party packages only: a plain path line does not run the editable install's hook.
    (fresh_site / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run(
        python, "-c", "import streams.schemas as s; print(s.SCHEMAS_DIR)", cwd=tmp_path, env=env
    )
    assert Path(where.strip()).is_relative_to(venv)

    stories = tmp_path / "news.jsonl"
    stories.write_bytes((ROOT / "examples" / "news.jsonl").read_bytes())
    # The examples end with two bad lines on purpose (exit code 1, a message for each).
    out = _run(venv / "bin" / "tickerwire", "tag", stories, cwd=tmp_path, env=env, codes=(1,))
    results = [orjson.loads(line) for line in out.splitlines()]
    lines = [line for line in stories.read_bytes().splitlines() if line.strip()]
    assert len(results) == len(lines)
    good = [r for r in results if "error" not in r]
    assert len(good) == len(lines) - 2 and sum(1 for r in good if r["tags"]) >= len(good) // 2
    assert all(r["language"] in ("en", "fr", "de", "es", "it", "zh", "ja", "ko") for r in good)
