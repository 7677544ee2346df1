"""One raw story: bytes -> parse -> analyse -> build -> serialise -> a candidate to send, or a dead letter.

The whole per-message path of the news agent in one pure function that never raises:
whatever goes wrong with one message (bad input, a bug in the analysis, an alert that
does not fit its schema or cannot be serialised) becomes a ``Rejected`` outcome with the
reason and the original bytes, so the agent sends a dead letter and goes on.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from jsonschema.exceptions import best_match

from streams.alerting.build import alert_message, build_alert
from streams.alerting.fingerprint import fingerprint
from streams.alerting.novelty import Candidate
from streams.clock import utc_now
from streams.errors import InvalidMessage
from streams.ingest.deadletter import dead_letter
from streams.ingest.parse import parse_article
from streams.pipeline import Pipeline
from streams.records import ALERT_SCHEMA, Alert, Analysis, Article, DeadLetter
from streams.schemas import fits, validator

log = logging.getLogger(__name__)

#: Longest error text a dead letter carries (a schema error may quote a 200 kB body).
MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class Where:
    """The message's coordinates on Kafka."""

    topic: str
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class Processed:
    """A story that went through: its analysis and, when there is one, the candidate to send."""

    article: Article
    analysis: Analysis
    alert: Alert | None
    #: Key and value for the copy check's topic; None when there is nothing to pass on.
    key: bytes | None
    value: bytes | None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that cannot be processed: the error and its dead letter, serialised."""

    error: BaseException
    record: DeadLetter
    key: bytes | None
    value: bytes

    @property
    def reason(self) -> str:
        return self.record.error


def process_story(
    value: Any,
    *,
    key: Any,
    where: Where,
    pipeline: Callable[[], Pipeline],
    realert: bool = False,
) -> Processed | Rejected:
    """The outcome of one raw message; never raises (any error ends in ``Rejected``)."""
    try:
        return _process(value, pipeline, realert)
    except Exception as exc:  # the stream must go on whatever one message does
        if not isinstance(exc, InvalidMessage):
            log.exception("message at %s/%s@%s could not be processed", *_coords(where))
        return reject(exc, value=value, key=key, where=where)


def _process(value: Any, pipeline: Callable[[], Pipeline], realert: bool) -> Processed:
    article = parse_article(value)
    received_at = utc_now()
    # a story that cannot be tagged and updates nothing needs no linking either
    analysis = pipeline().analyse(article, link_untagged=article.revision != 0 or realert)
    alert = build_alert(article, analysis, received_at=received_at)
    if alert is None and article.revision == 0 and not realert:
        # Nothing to alert on and nothing it could update or retract.
        return Processed(article, analysis, None, None, None)
    fp = fingerprint(article.headline, article.body)
    message = alert_message(alert, fingerprint=fp) if alert else None
    if message is not None:
        check_alert(message)
    candidate = Candidate(
        article_id=article.id,
        revision=article.revision,
        fingerprint=fp,
        alert=message,
        key=alert.key if alert else None,
        source=article.source,
        realert=realert,
    )
    return Processed(article, analysis, alert, fp.encode(), orjson.dumps(candidate.to_dict()))


def check_alert(message: dict[str, Any]) -> None:
    """Raise ``InvalidMessage`` unless ``message`` (with ``supersedes`` still to set) is an ``alert.v2``."""
    message = {**message, "supersedes": None}
    if fits(ALERT_SCHEMA, message):
        return
    error = best_match(validator(ALERT_SCHEMA).iter_errors(message))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise InvalidMessage(f"the alert does not fit {ALERT_SCHEMA}: at {where}: {error.message}")


def reject(error: BaseException, *, value: Any, key: Any, where: Where) -> Rejected:
    """The dead letter for ``error`` on the message ``value``; safe for any value and error."""
    record = dead_letter(
        error,
        value=as_bytes(value),
        key=as_bytes(key) if key is not None else None,
        topic=where.topic,
        partition=where.partition,
        offset=where.offset,
    )
    record = dataclasses.replace(record, error=printable(record.error))
    return Rejected(
        error=error,
        record=record,
        key=as_bytes(key) if key is not None else None,
        value=orjson.dumps(record.to_dict()),
    )


def as_bytes(value: Any) -> bytes:
    """The message's bytes as they came (a str, say from a test, is encoded losslessly)."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


def printable(text: str) -> str:
    """The reason cut to ``MAX_REASON`` and made valid UTF-8 (lone surrogates replaced)."""
    if len(text) > MAX_REASON:
        text = text[:MAX_REASON] + f"... ({len(text) - MAX_REASON} more characters)"
    return text.encode("utf-8", "replace").decode("utf-8")


def _coords(where: Where) -> tuple[str, int, int]:
    return (where.topic, where.partition, where.offset)
