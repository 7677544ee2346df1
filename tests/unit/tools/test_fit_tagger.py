"""The shipped tag models are what ``tools/fit_tagger.py`` fits, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tools.fit_tagger import fit_logistic
from tools.realnews import convert, dataset

ROOT = Path(__file__).resolve().parents[3]


def _real_text_available() -> bool:
    if all((dataset.CACHE / f"{lang}.jsonl").exists() for lang in dataset.label_languages()):
        return True
    mirror = Path(os.environ.get("TICKERWIRE_REALNEWS_MIRROR", convert.DEFAULT_MIRROR))
    try:
        for source in convert.load_sources():
            convert.find_git_dir(mirror, source["repo"])
    except FileNotFoundError:
        return False
    return convert.main(["--mirror", str(mirror)]) == 0


def test_fit_logistic_separates_and_is_deterministic() -> None:
    x = np.array([[0.0], [0.0], [1.0], [1.0], [2.0], [2.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    w1 = fit_logistic(x, y, np.ones(6))
    w2 = fit_logistic(x, y, np.ones(6))
    assert np.array_equal(w1, w2)
    assert w1[1] > 0  # the feature raises the odds
    heavier = fit_logistic(x, y, np.array([1.0, 1.0, 5.0, 1.0, 1.0, 1.0]))
    # a heavier negative at x=1 lowers the probability there
    assert heavier[0] + heavier[1] < w1[0] + w1[1]


# the whole fit, cross-fitting included, on every labelled story: minutes, not seconds
@pytest.mark.timeout(1200)
def test_fit_script_reproduces_the_shipped_weights() -> None:
    if not _real_text_available():
        pytest.skip("real-news text not on this machine (see tools/realnews/README.md)")
    done = subprocess.run(
        [sys.executable, "tools/fit_tagger.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1150,
    )
    assert done.returncode == 0, done.stdout + done.stderr
