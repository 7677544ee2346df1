"""Pinning: a webhook call dials the address the URL guard vetted, never a second DNS answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpcore
import httpx
import pytest

from streams.delivery.pinning import PinnedTransport, pinned
from streams.delivery.signing import new_secret
from streams.delivery.urlguard import URLGuard
from streams.delivery.webhook import attempt

LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=2)


@pytest.fixture
async def local_server() -> AsyncIterator[tuple[int, list[bytes]]]:
    """A real HTTP server on 127.0.0.1 that answers 204 and keeps each request's head."""
    heads: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        heads.append(head)
        length = next(
            (
                int(line.split(b":")[1])
                for line in head.lower().split(b"\r\n")
                if line.startswith(b"content-length:")
            ),
            0,
        )
        await reader.readexactly(length)
        writer.write(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield port, heads


async def test_pinned_call_reaches_the_pinned_address_with_the_name_as_host(
    local_server: tuple[int, list[bytes]],
) -> None:
    port, heads = local_server
    url = f"http://hooks.invalid:{port}/h"  # .invalid never resolves: only the pin can reach it
    async with httpx.AsyncClient(transport=PinnedTransport(limits=LIMITS)) as client:
        with pinned(url, "127.0.0.1"):
            response = await client.post(url, content=b"{}")
    assert response.status_code == 204
    assert heads and f"host: hooks.invalid:{port}".encode() in heads[0].lower()


async def test_unpinned_host_is_refused_without_a_lookup(
    local_server: tuple[int, list[bytes]],
) -> None:
    port, heads = local_server
    async with httpx.AsyncClient(transport=PinnedTransport(limits=LIMITS)) as client:
        with pytest.raises(httpx.ConnectError, match="not vetted"):
            await client.post(f"http://127.0.0.1:{port}/h", content=b"{}")
    assert heads == []


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Stands in for the network: records where a connection was dialled, then fails it."""

    def __init__(self) -> None:
        self.dialled: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dialled.append((host, port))
        raise httpcore.ConnectError("recorded, not connected")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


async def test_attempt_dials_the_vetted_address_even_when_dns_changes_after_the_check() -> None:
    answers = [["93.184.216.34"], ["127.0.0.1"]]  # the second answer would be a rebinding
    lookups: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return answers[min(len(lookups) - 1, 1)]

    backend = RecordingBackend()
    transport = PinnedTransport(limits=LIMITS, network_backend=backend)
    async with httpx.AsyncClient(transport=transport) as client:
        outcome = await attempt(
            client,
            URLGuard.of((), resolver=rebinding),
            url="https://hooks.example.com/h",
            secret=new_secret(),
            msg_id="msg_1",
            body=b"{}",
            number=1,
            timeout=5,
        )
    assert outcome.result == "retry" and "ConnectError" in (outcome.error or "")
    assert backend.dialled == [("93.184.216.34", 443)]
    assert lookups == ["hooks.example.com"]
