"""The one wiring point: ``create_app(settings)`` builds the Faust app with its services and
registers every agent on it; ``main()`` is the ``tickerwire`` command."""

from __future__ import annotations

import sys

from streams import cli
from streams.agents import (
    delivery,
    health,
    live,
    monitoring,
    news,
    novelty,
    subscriptions,
)
from streams.errors import ConfigurationError
from streams.faust_app import TickerwireApp
from streams.logs import worker_logging_config
from streams.settings import Settings

#: Every agent module, each with ``register(app)``: its agents, tasks, timers and web pages.
AGENT_MODULES = (news, novelty, delivery, subscriptions, health, monitoring, live)


def create_app(settings: Settings) -> TickerwireApp:
    """The worker's Faust app for ``settings``: its topics and services, and every agent on it."""
    app = TickerwireApp(
        settings,
        settings.app_id,
        broker=settings.broker_url,
        # The agents are registered below: Faust's autodiscovery would import modules by name
        # (logging an import error as a warning and starting a worker without that agent).
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
        # Recovery (README, "Crashes, restarts and stops"): a static member keeps its partitions
        # over a restart; a member that goes silent loses them after the session timeout.
        consumer_group_instance_id=settings.worker_id,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=settings.heartbeat_interval,
        broker_rebalance_timeout=settings.rebalance_timeout,
        processing_guarantee=settings.processing_guarantee,
        # A source topic created after the worker subscribed (a fresh broker, a new deployment)
        # is seen at the next metadata refresh: every 10 s, not aiokafka's 5 minutes.
        consumer_metadata_max_age_ms=10_000,
        stream_wait_empty=False,
        logging_config=worker_logging_config(settings.log_format),
    )
    for module in AGENT_MODULES:
        module.register(app)
    return app


def main() -> None:
    """``tickerwire tag|eval|refdata|replay|watch ...`` run offline tools; ``worker`` (and Faust's
    other commands) go to Faust's CLI with the app built from the environment; no command or
    ``--help`` lists them all."""
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help", "help"):
        cli.print_help()
        raise SystemExit(0 if args else 2)
    if args[0] in cli.COMMANDS:
        raise SystemExit(cli.main(args))
    try:
        settings = Settings.from_env()
    except ConfigurationError as exc:
        print(f"tickerwire {args[0]}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if args[0] == "worker" and ("-h" in args or "--help" in args):
        print(cli.WORKER_DESCRIPTION, flush=True)
    elif settings.log_format == "json" and "--quiet" not in args:
        # Faust's start-up banner and spinner are not log records: keep every line JSON.
        sys.argv.insert(1, "--quiet")
    create_app(settings).main()
