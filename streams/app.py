"""The Faust app, built from ``Settings``, and ``main()``: the ``tickerwire`` command."""

from __future__ import annotations

import sys

import faust

from streams.settings import Settings

settings = Settings.from_env()


def create_app(settings: Settings) -> faust.App:
    """A Faust app for ``settings``; agents register themselves from ``streams.agents``."""
    return faust.App(
        settings.app_id,
        broker=settings.broker_url,
        autodiscover=["streams.agents"],
        origin="streams",
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        web_host=settings.web_host,
        web_bind=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
        datadir=str(settings.data_dir),
        store="memory://",
        producer_acks=-1,
        stream_wait_empty=False,
    )


app = create_app(settings)


def main() -> None:
    """``tickerwire tag|eval|refdata|replay|watch ...`` run offline tools; anything else is Faust's CLI."""
    from streams import cli

    if len(sys.argv) > 1 and sys.argv[1] in cli.COMMANDS:
        raise SystemExit(cli.main(sys.argv[1:]))
    app.main()
