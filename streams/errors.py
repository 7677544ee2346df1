"""The one error tree of Tickerwire; ``retriable`` says whether trying again can help.

TickerwireError
├── ConfigurationError        bad settings (not retriable)
├── InvalidMessage            bad input message -> dead-letter topic (not retriable)
├── CorpusError               a labelled corpus file that cannot be read (`tickerwire eval`)
├── ReferenceDataError        bad bundled company data, e.g. an id defined twice (not retriable)
├── InvalidSubscription       a bad subscription (-> 4xx from the API)
└── DeliveryError             a webhook call that failed (retriable unless permanent)
"""

from __future__ import annotations


class TickerwireError(Exception):
    """Root of every error Tickerwire raises on purpose."""

    retriable: bool = False

    def __init__(self, message: str, *, retriable: bool | None = None) -> None:
        super().__init__(message)
        if retriable is not None:
            self.retriable = retriable

    @property
    def reason(self) -> str:
        return str(self)


class ConfigurationError(TickerwireError):
    """A setting is missing or malformed."""


class InvalidMessage(TickerwireError):
    """A message that is not JSON, or not of its schema; it goes to the dead-letter topic."""


class CorpusError(TickerwireError):
    """A corpus file cannot be read or a line is not a labelled item."""


class ReferenceDataError(TickerwireError):
    """A company record that cannot be used."""


class InvalidSubscription(TickerwireError):
    """A subscription body that does not validate."""


class DeliveryError(TickerwireError):
    """A delivery attempt failed; ``retriable`` says whether to schedule another."""

    retriable = True


class UnsafeWebhookURL(InvalidSubscription):
    """A webhook URL that is not HTTPS, or that resolves to a private, loopback or metadata address."""


class SubscriptionNotFound(TickerwireError):
    """No subscription has the id asked for (-> 404 from the API)."""


class SubscriptionConflict(TickerwireError):
    """A subscription with that id exists already (-> 409 from the API)."""
