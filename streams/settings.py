"""Settings: the environment -> one frozen ``Settings`` object; the only module that reads it."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from streams.errors import ConfigurationError

DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
DEFAULT_PARTITIONS = 6
DEFAULT_WEB_PORT = 6066
#: How long a story's id and revision are remembered (replays and late revisions), in seconds: 7 days.
DEFAULT_DEDUP_RETENTION = 7 * 24 * 3600.0
#: How long after the first alert a copy from another feed is still grouped with it: 48 hours.
DEFAULT_COPY_WINDOW = 48 * 3600.0
#: Delay in seconds before each webhook attempt: immediately, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h.
DEFAULT_WEBHOOK_RETRY_SCHEDULE: tuple[float, ...] = (0, 5, 30, 120, 600, 1800, 3600, 7200)
#: How long the group waits for a silent member before it hands that member's partitions to the
#: others (a crash costs this much), in seconds; a restarted worker rejoins at once (static member).
DEFAULT_SESSION_TIMEOUT = 6.0
#: How often a worker tells the group it is alive, in seconds (well under the session timeout).
DEFAULT_HEARTBEAT_INTERVAL = 1.0
#: How long a rebalance waits for every member to rejoin; also bounds a join in flight at stop.
DEFAULT_REBALANCE_TIMEOUT = 10.0
#: After SIGTERM, the longest a worker takes to stop (offsets committed first), in seconds.
DEFAULT_STOP_TIMEOUT = 8.0
PROCESSING_GUARANTEES = ("at_least_once", "exactly_once")


@dataclass(frozen=True, slots=True)
class Topics:
    """Topic names; every one can be renamed through the environment."""

    raw: str = "news.raw"
    deadletter: str = "news.deadletter"
    alerts: str = "alerts"
    partnership: str = "alerts.partnership"
    china_strategy: str = "alerts.china-strategy"
    auto_tech: str = "alerts.auto-tech"
    companies: str = "reference.companies"
    subscriptions: str = "subscriptions"
    webhook_deadletter: str = "alerts.webhook.deadletter"
    webhook_pending: str = "webhook.pending"
    #: Internal: analysed stories keyed by text fingerprint, for the copy check.
    by_fingerprint: str = "news.by-fingerprint"
    #: Internal: stories past the copy check keyed by article id, for the replay/revision check.
    by_story: str = "news.by-story"

    def for_tag(self, tag: str) -> str:
        """The per-tag alert topic of a tag name (``partnership`` -> ``alerts.partnership``)."""
        return {
            "partnership": self.partnership,
            "china_strategy": self.china_strategy,
            "auto_tech": self.auto_tech,
        }[tag]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, read once at start-up (see ``.env.example``)."""

    bootstrap_servers: str = DEFAULT_BOOTSTRAP
    app_id: str = "tickerwire"
    topics: Topics = field(default_factory=Topics)
    partitions: int = DEFAULT_PARTITIONS
    replication_factor: int = 1
    #: ``min.insync.replicas`` of the topics the worker creates (None: the broker's default);
    #: 2 with replication factor 3 keeps acks=all writes safe while one broker is down.
    min_insync_replicas: int | None = None
    web_host: str = "127.0.0.1"
    web_port: int = DEFAULT_WEB_PORT
    data_dir: Path = Path("tickerwire-data")
    api_token: str | None = None
    webhook_allowed_hosts: tuple[str, ...] = ()
    #: Delay before each webhook attempt, in seconds (its length is the number of attempts).
    webhook_retry_schedule: tuple[float, ...] = DEFAULT_WEBHOOK_RETRY_SCHEDULE
    #: Relative jitter on each retry delay (0.2 = ±20 %).
    webhook_retry_jitter: float = 0.2
    #: The longest ``Retry-After`` honoured, in seconds.
    webhook_max_retry_after: float = 3600.0
    #: Timeout of one webhook call (connect, write, read and pool each), in seconds.
    webhook_timeout: float = 10.0
    #: Calls in flight at once per endpoint (scheme, host, port).
    webhook_concurrency: int = 4
    #: Deliveries waiting per endpoint before new ones are held back in the schedule.
    webhook_queue_size: int = 1000
    #: Largest request body the subscriptions API accepts, in bytes.
    api_max_body_bytes: int = 65536
    #: ``text`` (Faust's) or ``json`` (one object per line, with the message's coordinates).
    log_format: str = "text"
    #: Seconds a story's id and revision are remembered: replays and late revisions are dropped.
    dedup_retention: float = DEFAULT_DEDUP_RETENTION
    #: Seconds after an alert during which a copy of its text from another feed is grouped with it.
    copy_window: float = DEFAULT_COPY_WINDOW
    #: This worker's stable identity in the consumer group (Kafka's ``group.instance.id``): a
    #: worker restarted under the same id takes its partitions back without a rebalance.
    worker_id: str = "worker"
    session_timeout: float = DEFAULT_SESSION_TIMEOUT
    heartbeat_interval: float = DEFAULT_HEARTBEAT_INTERVAL
    rebalance_timeout: float = DEFAULT_REBALANCE_TIMEOUT
    stop_timeout: float = DEFAULT_STOP_TIMEOUT
    #: ``at_least_once`` (a crash may publish an alert twice) or ``exactly_once`` (transactions).
    processing_guarantee: str = "at_least_once"

    @property
    def topic_config(self) -> dict[str, str]:
        """Config of every topic the worker creates (beyond partitions and replicas)."""
        if self.min_insync_replicas is None:
            return {}
        return {"min.insync.replicas": str(self.min_insync_replicas)}

    @property
    def broker_url(self) -> str:
        """The bootstrap servers as Faust wants them (``kafka://h1:p1;h2:p2``)."""
        hosts = [h.strip() for h in self.bootstrap_servers.split(",") if h.strip()]
        return ";".join(f"kafka://{h}" for h in hosts)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        defaults = Topics()
        topics = Topics(
            **{
                name: env.get(f"TICKERWIRE_TOPIC_{name.upper()}", getattr(defaults, name))
                for name in Topics.__dataclass_fields__
            }
        )
        allowed = env.get("TICKERWIRE_WEBHOOK_ALLOWED_HOSTS", "")
        web_port = _int(env, "TICKERWIRE_WEB_PORT", DEFAULT_WEB_PORT)
        # The broker accepts session timeouts of 6 to 300 s (group.min/max.session.timeout.ms).
        session_timeout = _float(
            env, "TICKERWIRE_SESSION_TIMEOUT", DEFAULT_SESSION_TIMEOUT, low=6.0
        )
        heartbeat = _float(
            env, "TICKERWIRE_HEARTBEAT_INTERVAL", DEFAULT_HEARTBEAT_INTERVAL, low=0.1
        )
        if heartbeat * 3 > session_timeout:
            raise ConfigurationError(
                "TICKERWIRE_HEARTBEAT_INTERVAL must be at most a third of TICKERWIRE_SESSION_TIMEOUT"
                f" ({session_timeout:g} s), got {heartbeat:g} s"
            )
        return cls(
            bootstrap_servers=env.get("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
            app_id=env.get("TICKERWIRE_APP_ID", "tickerwire"),
            topics=topics,
            partitions=_int(env, "TICKERWIRE_TOPIC_PARTITIONS", DEFAULT_PARTITIONS),
            replication_factor=_int(env, "TICKERWIRE_TOPIC_REPLICATION_FACTOR", 1),
            min_insync_replicas=(
                _int(env, "TICKERWIRE_MIN_INSYNC_REPLICAS", 1)
                if env.get("TICKERWIRE_MIN_INSYNC_REPLICAS")
                else None
            ),
            web_host=env.get("TICKERWIRE_WEB_HOST", "127.0.0.1"),
            web_port=web_port,
            data_dir=Path(env.get("TICKERWIRE_DATA_DIR", "tickerwire-data")),
            api_token=env.get("TICKERWIRE_API_TOKEN") or None,
            webhook_allowed_hosts=tuple(h.strip() for h in allowed.split(",") if h.strip()),
            webhook_retry_schedule=_schedule(env, "TICKERWIRE_WEBHOOK_RETRY_SCHEDULE"),
            webhook_retry_jitter=_float(env, "TICKERWIRE_WEBHOOK_RETRY_JITTER", 0.2, low=0.0),
            webhook_max_retry_after=_float(env, "TICKERWIRE_WEBHOOK_MAX_RETRY_AFTER", 3600.0),
            webhook_timeout=_float(env, "TICKERWIRE_WEBHOOK_TIMEOUT", 10.0),
            webhook_concurrency=_int(env, "TICKERWIRE_WEBHOOK_CONCURRENCY", 4),
            webhook_queue_size=_int(env, "TICKERWIRE_WEBHOOK_QUEUE_SIZE", 1000),
            api_max_body_bytes=_int(env, "TICKERWIRE_API_MAX_BODY_BYTES", 65536),
            log_format=_choice(env, "TICKERWIRE_LOG_FORMAT", ("text", "json")),
            dedup_retention=_float(env, "TICKERWIRE_DEDUP_RETENTION", DEFAULT_DEDUP_RETENTION),
            copy_window=_float(env, "TICKERWIRE_COPY_WINDOW", DEFAULT_COPY_WINDOW),
            worker_id=_worker_id(env, web_port),
            session_timeout=session_timeout,
            heartbeat_interval=heartbeat,
            rebalance_timeout=_float(
                env, "TICKERWIRE_REBALANCE_TIMEOUT", DEFAULT_REBALANCE_TIMEOUT, low=1.0
            ),
            stop_timeout=_float(env, "TICKERWIRE_STOP_TIMEOUT", DEFAULT_STOP_TIMEOUT, low=1.0),
            processing_guarantee=_choice(
                env, "TICKERWIRE_PROCESSING_GUARANTEE", PROCESSING_GUARANTEES
            ),
        )


def _worker_id(env: Mapping[str, str], web_port: int) -> str:
    """``TICKERWIRE_WORKER_ID``, else host name and web port: stable across restarts of one
    worker, and distinct for two workers on one machine (they cannot share a web port)."""
    raw = (env.get("TICKERWIRE_WORKER_ID") or "").strip()
    if raw:
        if len(raw) > 200 or not raw.isprintable():
            raise ConfigurationError(
                f"TICKERWIRE_WORKER_ID must be printable and at most 200 characters, got {raw!r}"
            )
        return raw
    return f"{socket.gethostname()}-{web_port}"


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (case-insensitive); the first when unset."""
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return choices[0]
    if raw not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise ConfigurationError(f"{name} must be at least 1, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, *, low: float = 0.001) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number, got {raw!r}") from None
    if not value >= low or value == float("inf"):
        raise ConfigurationError(f"{name} must be a finite number of at least {low}, got {raw!r}")
    return value


def _schedule(env: Mapping[str, str], name: str) -> tuple[float, ...]:
    """A comma-separated list of delays in seconds (``0,5,30``): one attempt per entry."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return DEFAULT_WEBHOOK_RETRY_SCHEDULE
    try:
        delays = tuple(float(part) for part in raw.split(","))
    except ValueError:
        raise ConfigurationError(f"{name} must be comma-separated seconds, got {raw!r}") from None
    if any(not 0 <= d < float("inf") for d in delays):
        raise ConfigurationError(f"{name} must hold finite delays of 0 or more, got {raw!r}")
    return delays
