"""Logs for machines: log records -> one JSON object per line, with the message being handled.

``TICKERWIRE_LOG_FORMAT=json`` makes the worker and the CLI log through ``JsonFormatter``.
An agent names the message it is handling with ``bind_message`` (and ``bind_article`` once
the article id is known); every record logged from that agent's task until the next message
then carries ``topic``, ``partition``, ``offset`` and ``article_id``. Context variables are
per asyncio task, so agents running side by side never see each other's message.
"""

from __future__ import annotations

import contextvars
import logging
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

LOG_FORMATS = ("text", "json")
#: Record attributes a caller may set with ``extra=`` that are copied into the object.
MESSAGE_FIELDS = ("article_id", "topic", "partition", "offset")

_message: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "tickerwire_message", default=None
)


def bind_message(topic: str, partition: int, offset: int) -> None:
    """From now on (in this task), log records concern the message at ``topic/partition@offset``."""
    _message.set({"topic": topic, "partition": partition, "offset": offset})


def bind_article(article_id: str) -> None:
    """The message being handled holds article ``article_id``."""
    current = dict(_message.get() or {})
    current["article_id"] = article_id
    _message.set(current)


def unbind() -> None:
    """Log records no longer concern a message (in this task)."""
    _message.set(None)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the message's coordinates, error."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_message.get() or {})
        for name in MESSAGE_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(entry, default=str).decode()


def worker_logging_config(log_format: str) -> dict[str, Any] | None:
    """Faust's ``logging_config`` for ``log_format``: merged into the worker's own set-up, so
    ``-l``/``--logfile`` still apply and only the formatters change; None keeps Faust's text."""
    if log_format != "json":
        return None
    json_formatter = {"()": f"{__name__}.JsonFormatter"}
    return {
        "version": 1,
        "merge": True,
        "formatters": {"default": json_formatter, "colored": json_formatter},
    }


def setup_cli_logging(log_format: str, level: int = logging.WARNING) -> None:
    """Logging of the offline commands: warnings and errors on standard error, text or JSON."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
