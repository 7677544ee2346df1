"""The Faust app, built from ``Settings``, and ``main()``: the ``tickerwire`` command."""

from __future__ import annotations

import sys

import faust

from streams.logs import worker_logging_config
from streams.settings import Settings

settings = Settings.from_env()


def create_app(settings: Settings) -> faust.App:
    """A Faust app for ``settings``; ``load_agents()`` registers the agents on it."""
    return faust.App(
        settings.app_id,
        broker=settings.broker_url,
        # Agents are imported by load_agents(): Faust's autodiscovery would log an
        # import error as a warning and start a worker without that agent.
        autodiscover=False,
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
        logging_config=worker_logging_config(settings.log_format),
    )


app = create_app(settings)


def load_agents() -> None:
    """Import every module of ``streams.agents`` (they register on ``app``); errors propagate."""
    import importlib
    import pkgutil

    import streams.agents

    for module in pkgutil.iter_modules(streams.agents.__path__):
        importlib.import_module(f"streams.agents.{module.name}")


def main() -> None:
    """``tickerwire tag|eval|refdata|replay|watch ...`` run offline tools; ``worker`` (and Faust's
    other commands) go to Faust's CLI; no command or ``--help`` lists them all."""
    from streams import cli

    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help", "help"):
        cli.print_help()
        raise SystemExit(0 if args else 2)
    if args[0] in cli.COMMANDS:
        raise SystemExit(cli.main(args))
    if args[0] == "worker" and ("-h" in args or "--help" in args):
        print(cli.WORKER_DESCRIPTION, flush=True)
    elif settings.log_format == "json" and "--quiet" not in args:
        # Faust's start-up banner and spinner are not log records: keep every line JSON.
        sys.argv.insert(1, "--quiet")
    load_agents()
    app.main()
