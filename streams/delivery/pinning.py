"""Connect where the URL guard looked: a vetted host -> address pin -> an httpx transport that dials it.

The guard resolves a webhook's host and vets every address; if httpx then resolved the
name again, a DNS answer changed in between (DNS rebinding) could send the call inside
the network. So the delivery pins the vetted address for the duration of the call and
the transport's network backend opens the TCP connection to that address. The URL keeps
its host name, so the ``Host`` header, TLS SNI and certificate check still use the name.

A host with no pin is refused unless the caller marked it as not needing one (a host on
the allow-list, which the guard does not resolve).
"""

from __future__ import annotations

import contextlib
import typing
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar

import httpcore
import httpx

#: host (as httpcore sees it: ASCII, lower case) -> the address to dial, or None: dial the name.
_pins: ContextVar[Mapping[str, str | None] | None] = ContextVar("tickerwire_pins", default=None)


def pin_key(url: str) -> str:
    """The host of ``url`` as the transport will see it (IDNA-encoded, lower case)."""
    return httpx.URL(url).raw_host.decode("ascii").lower().strip("[]")


@contextlib.contextmanager
def pinned(url: str, address: str | None) -> Iterator[None]:
    """Within the block, connections to ``url``'s host go to ``address`` (None: to the name itself)."""
    token = _pins.set({**(_pins.get() or {}), pin_key(url): address})
    try:
        yield
    finally:
        _pins.reset(token)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Dials the pinned address of a host; refuses a host that was not pinned."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        pins = _pins.get() or {}
        key = host.lower().strip("[]")
        if key not in pins:
            raise httpcore.ConnectError(f"{host} was not vetted by the URL guard: not connecting")
        return await self._inner.connect_tcp(
            pins[key] or host,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks are not delivered over Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own HTTP transport, with connections opened by a ``PinnedBackend``."""

    def __init__(
        self,
        *,
        limits: httpx.Limits,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        super().__init__(limits=limits, trust_env=False)
        # httpx has no public way to hand its pool a network backend: build the pool as it
        # would, with ours (the TLS context is httpx's default one, certificates verified).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(network_backend),
        )
