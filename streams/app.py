"""The Faust app, built from ``Settings``, and ``main()``: the ``tickerwire`` command."""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any

import faust

from streams import kafka_consumer
from streams.logs import worker_logging_config
from streams.settings import Settings

log = logging.getLogger(__name__)

settings = Settings.from_env()


class TickerwireApp(faust.App):
    """Faust's app, with a stop that commits once, first thing, and ends in bounded time.

    Faust then cancels the agents, and a cancelled agent's stream acks the event it was
    in the middle of (and events dropped from the agents' buffers can be taken for
    processed), so a commit after that point can skip stories that never alerted. Only
    what was acked before the stop began is committed; the rest is read again on restart.

    A stop can hang in a client: the Kafka consumer thread waits for a group request in
    flight, and Faust gives that thread 60 s. Past ``stop_timeout`` the process exits:
    offsets are committed already and pending webhook deliveries live in their topic.
    """

    def _new_transport(self) -> Any:
        # A consumer whose commits never pass an unprocessed offset (streams/kafka_consumer.py).
        return kafka_consumer.Transport(self.conf.broker_consumer, self)

    async def _stop_consumer(self) -> None:
        _exit_after(settings.stop_timeout)
        consumer = self._consumer
        if consumer is not None and not getattr(consumer, "_tickerwire_frozen", False):
            try:
                await consumer.commit()
            except Exception as exc:  # a failed commit means repeats after restart, not loss
                log.warning("commit at stop failed (%s): the next start reads again", exc)
            consumer._tickerwire_frozen = True  # type: ignore[attr-defined]
            consumer.commit = _no_commit  # type: ignore[method-assign]
        await super()._stop_consumer()


async def _no_commit(*args: Any, **kwargs: Any) -> bool:
    return False


_stop_deadline: threading.Timer | None = None


def _exit_after(seconds: float) -> None:
    """End the process ``seconds`` from now unless it has exited by then (started once)."""
    global _stop_deadline
    if _stop_deadline is not None:
        return

    def overdue() -> None:
        log.error("worker still stopping after %.0f s: exiting now", seconds)
        logging.shutdown()
        os._exit(0)

    _stop_deadline = threading.Timer(seconds, overdue)
    _stop_deadline.daemon = True
    _stop_deadline.start()


def create_app(settings: Settings) -> faust.App:
    """A Faust app for ``settings``; ``load_agents()`` registers the agents on it."""
    return TickerwireApp(
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
