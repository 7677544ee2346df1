"""Who may see the live page: a request's bearer header, ``?token=`` or cookie -> allowed or not.

A browser's ``EventSource`` cannot set headers, so the page and its stream also take the
token as a query parameter (``/?token=...`` once; the page then keeps it in an HttpOnly,
same-site cookie and drops it from the address bar) or as that cookie.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

COOKIE = "tickerwire_token"


def given_token(
    headers: Mapping[str, str], query: Mapping[str, str], cookies: Mapping[str, str]
) -> str | None:
    """The token a request carries: bearer header first, then ``?token=``, then the cookie."""
    scheme, _, value = headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return query.get("token") or cookies.get(COOKIE) or None


def allowed(expected: str | None, given: str | None) -> bool:
    """Open when no token is configured; otherwise the given token must equal it."""
    if not expected:
        return True
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
