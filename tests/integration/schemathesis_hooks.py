"""Schemathesis hooks for the API fuzz test: keep every request's side effects on this machine.

Loaded by the ``schemathesis`` command through ``SCHEMATHESIS_HOOKS``. Generated webhook URLs
would make the worker resolve random host names and generated topic names would create random
topics on the shared broker; so a well-formed URL becomes the test's own loopback receiver
(allowed by the test worker's TICKERWIRE_WEBHOOK_ALLOWED_HOSTS) and a well-formed topic name
gets the test's own prefix. Malformed values are left alone: they must still get a 4xx.
"""

from __future__ import annotations

import os
import re
from typing import Any

import schemathesis

TOPIC = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
PREFIX = os.environ.get("TICKERWIRE_FUZZ_TOPIC_PREFIX", "tfuzz.")
WEBHOOK_URL = os.environ.get("TICKERWIRE_FUZZ_WEBHOOK_URL", "http://127.0.0.1:9/hook")


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    body = case.body
    if not isinstance(body, dict) or not isinstance(body.get("target"), dict):
        return
    target = body["target"]
    topic = target.get("topic")
    if isinstance(topic, str) and TOPIC.match(topic) and topic not in (".", ".."):
        target["topic"] = f"{PREFIX}{len(topic) % 3}"  # at most three topics per run
    hook = target.get("webhook")
    if isinstance(hook, dict) and isinstance(hook.get("url"), str) and hook["url"]:
        hook["url"] = WEBHOOK_URL
