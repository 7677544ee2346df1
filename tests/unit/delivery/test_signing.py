"""Signing: our headers verify with the standardwebhooks package's own verifier."""

from __future__ import annotations

import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from streams.delivery.signing import mask_secret, new_secret, secret_key, signature, webhook_headers
from streams.errors import InvalidSubscription


def test_signing_headers_verify_with_standardwebhooks() -> None:
    secret = new_secret()
    body = b'{"type":"alert.created","data":{"alert_id":"alrt_1"}}'
    headers = webhook_headers(secret, "msg_abc", int(time.time()), body)
    assert Webhook(secret).verify(body, headers) == {
        "type": "alert.created",
        "data": {"alert_id": "alrt_1"},
    }


def test_signing_tampered_body_fails_verification() -> None:
    secret = new_secret()
    headers = webhook_headers(secret, "msg_abc", int(time.time()), b'{"a":1}')
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(b'{"a":2}', headers)


def test_signing_other_secret_fails_verification() -> None:
    headers = webhook_headers(new_secret(), "msg_abc", int(time.time()), b"{}")
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(b"{}", headers)


def test_signing_matches_standardwebhooks_sign() -> None:
    from datetime import UTC, datetime

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    ts = 1_700_000_000
    ours = signature(secret, "msg_1", ts, b'{"x":1}')
    theirs = Webhook(secret).sign("msg_1", datetime.fromtimestamp(ts, UTC), '{"x":1}')
    assert ours == theirs
    assert ours.startswith("v1,")


@pytest.mark.parametrize(
    "secret",
    ["", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_!!!not-base64!!!", "whsec_c2hvcnQ="],
)
def test_signing_rejects_malformed_secrets(secret: str) -> None:
    with pytest.raises(InvalidSubscription):
        secret_key(secret)


def test_signing_accepts_unpadded_base64_secret() -> None:
    assert len(secret_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")) == 24


def test_signing_mask_hides_all_but_the_last_four_characters() -> None:
    secret = new_secret()
    masked = mask_secret(secret)
    assert masked.startswith("whsec_") and masked.endswith(secret[-4:])
    assert secret[6:-4] not in masked
