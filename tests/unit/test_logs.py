"""JSON logs: one object per record, with the coordinates of the message its task is handling."""

from __future__ import annotations

import asyncio
import logging

import orjson
import pytest

from streams import logs
from streams.errors import ConfigurationError
from streams.settings import Settings


def _record(message: str = "m %s", *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("streams.x", logging.WARNING, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    return record


def test_json_formatter_gives_one_line_with_the_bound_message() -> None:
    async def handle() -> dict:
        logs.bind_message("news.raw", 2, 41)
        logs.bind_article("wire-1")
        return orjson.loads(logs.JsonFormatter().format(_record("dead letter %s", "x")))

    entry = asyncio.run(handle())
    assert entry["message"] == "dead letter x" and entry["level"] == "warning"
    assert (entry["topic"], entry["partition"], entry["offset"]) == ("news.raw", 2, 41)
    assert entry["article_id"] == "wire-1"
    assert entry["logger"] == "streams.x" and entry["time"].endswith("+00:00")


def test_each_task_logs_its_own_message() -> None:
    formatter = logs.JsonFormatter()

    async def agent(topic: str, offset: int, started: asyncio.Event, go: asyncio.Event) -> dict:
        logs.bind_message(topic, 0, offset)
        started.set()
        await go.wait()  # the other task binds its message meanwhile
        return orjson.loads(formatter.format(_record()))

    async def both() -> tuple[dict, dict]:
        a_started, b_started, go = asyncio.Event(), asyncio.Event(), asyncio.Event()
        a = asyncio.create_task(agent("news.raw", 1, a_started, go))
        await a_started.wait()
        b = asyncio.create_task(agent("alerts", 9, b_started, go))
        await b_started.wait()
        go.set()
        return await a, await b

    first, second = asyncio.run(both())
    assert (first["topic"], first["offset"]) == ("news.raw", 1)
    assert (second["topic"], second["offset"]) == ("alerts", 9)


def test_extra_fields_and_errors_are_kept_and_unbound_records_have_no_coordinates() -> None:
    formatter = logs.JsonFormatter()

    async def unbound() -> dict:
        logs.unbind()
        try:
            raise ValueError("boom")
        except ValueError:
            import sys

            record = _record(article_id="a9")
            record.exc_info = sys.exc_info()
        return orjson.loads(formatter.format(record))

    entry = asyncio.run(unbound())
    assert entry["article_id"] == "a9" and "topic" not in entry
    assert "ValueError: boom" in entry["error"]


def test_worker_logging_config_swaps_only_the_formatters() -> None:
    assert logs.worker_logging_config("text") is None
    config = logs.worker_logging_config("json")
    assert config is not None and config["merge"] is True
    assert set(config) == {"version", "merge", "formatters"}
    assert config["formatters"]["colored"]["()"].endswith("JsonFormatter")


def test_log_format_setting_takes_text_or_json_only() -> None:
    assert Settings.from_env({}).log_format == "text"
    assert Settings.from_env({"TICKERWIRE_LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(ConfigurationError, match="TICKERWIRE_LOG_FORMAT"):
        Settings.from_env({"TICKERWIRE_LOG_FORMAT": "xml"})
