"""Undo Faust's start-up spinner level: at ``-l warn`` (Faust's default) the root logger is left at DEBUG.

Faust's worker, at WARN and above, sets the root logger to DEBUG and adds a handler that
turns a terminal spinner on every record while it starts. The spinner stops at start-up;
the level stays. Every debug call of aiokafka, Faust and ours then builds a log record
and hands it to the handlers, per message, for the life of the worker. Once started, the
root logger goes back to the level of its remaining handlers.
"""

from __future__ import annotations

import logging

from faust.utils.terminal.spinners import SpinnerHandler

from streams.app import app

log = logging.getLogger(__name__)


def drop_spinner(root: logging.Logger) -> bool:
    """Remove the spinner handler and set ``root`` to its handlers' lowest level; False if none."""
    spinners = [h for h in root.handlers if isinstance(h, SpinnerHandler)]
    others = [h.level for h in root.handlers if not isinstance(h, SpinnerHandler)]
    if not spinners or not others:
        return False
    for handler in spinners:
        root.removeHandler(handler)
    root.setLevel(min(others) or logging.WARNING)
    return True


@app.task
async def restore_log_level() -> None:
    if drop_spinner(logging.getLogger()):
        log.debug("root logger back to %s", logging.getLevelName(logging.getLogger().level))
