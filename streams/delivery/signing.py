"""Standard Webhooks signing: secret, message id, timestamp and body -> the ``webhook-*`` headers."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from streams.errors import InvalidSubscription

SECRET_PREFIX = "whsec_"
#: Key sizes (decoded bytes) accepted for a ``whsec_`` secret; the spec suggests 24 to 64.
MIN_KEY_BYTES = 24
MAX_KEY_BYTES = 64


def secret_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_<base64>`` secret; ``InvalidSubscription`` when malformed."""
    if not isinstance(secret, str) or not secret.startswith(SECRET_PREFIX):
        raise InvalidSubscription("the webhook secret must start with 'whsec_'")
    encoded = secret[len(SECRET_PREFIX) :]
    try:
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidSubscription("the webhook secret must be 'whsec_' and base64") from None
    if not MIN_KEY_BYTES <= len(key) <= MAX_KEY_BYTES:
        raise InvalidSubscription(
            f"the webhook secret must hold {MIN_KEY_BYTES} to {MAX_KEY_BYTES} bytes, got {len(key)}"
        )
    return key


def new_secret() -> str:
    """A fresh random ``whsec_`` secret (32 bytes)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "<msg_id>.<timestamp>.<body>">`` as the spec defines it."""
    signed = msg_id.encode() + b"." + str(int(timestamp)).encode() + b"." + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def webhook_headers(secret: str, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": signature(secret, msg_id, timestamp, body),
    }


def mask_secret(secret: str) -> str:
    """A secret as the API shows it: the prefix and its last four characters only."""
    return f"{SECRET_PREFIX}…{secret[-4:]}" if len(secret) > len(SECRET_PREFIX) + 8 else "whsec_…"
