"""Faust's start-up spinner leaves the root logger at DEBUG; the worker puts it back."""

from __future__ import annotations

import logging
import uuid

from faust.utils.terminal.spinners import Spinner, SpinnerHandler

from streams.agents.loglevel import drop_spinner


def test_the_spinner_handler_goes_and_the_root_level_returns_to_the_handlers_level() -> None:
    root = logging.getLogger(f"test-root-{uuid.uuid4().hex}")
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)
    root.addHandler(stream)
    root.addHandler(SpinnerHandler(Spinner(), level=logging.DEBUG))
    root.setLevel(logging.DEBUG)  # what Faust's worker does at -l warn
    assert root.isEnabledFor(logging.DEBUG)
    assert drop_spinner(root)
    assert root.handlers == [stream]
    assert root.level == logging.WARNING and not root.isEnabledFor(logging.DEBUG)


def test_without_a_spinner_nothing_changes() -> None:
    root = logging.getLogger(f"test-root-{uuid.uuid4().hex}")
    root.addHandler(logging.StreamHandler())
    root.setLevel(logging.DEBUG)  # -l debug: the operator asked for it
    assert not drop_spinner(root)
    assert root.level == logging.DEBUG
