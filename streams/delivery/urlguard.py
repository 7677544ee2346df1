"""Webhook URL guard: a URL and the allow-list -> accepted, or ``UnsafeWebhookURL`` with the reason.

HTTPS only, and never an address inside the network (private, loopback, link-local, cloud
metadata, ..., also when a 6to4, Teredo or NAT64 address carries it), unless the host is on ``TICKERWIRE_WEBHOOK_ALLOWED_HOSTS``. The address check runs
when a subscription is created and again before every delivery, since DNS answers can change.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from streams.errors import DeliveryError, UnsafeWebhookURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses``; raises ``OSError`` when the name does not resolve.
Resolver = Callable[[str, int], Awaitable[list[str]]]

MAX_URL_LENGTH = 2048
#: Cloud metadata endpoints, named apart because they hand out credentials.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
#: The well-known NAT64 prefix (RFC 6052): its last 32 bits are the IPv4 address reached.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog"})


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host`` (without blocking the loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def address_class(address: IPAddress) -> str | None:
    """Why an address is off limits (``"loopback"``, ``"private"``, ...), or None when it is public."""
    if address in METADATA_ADDRESSES:
        return "metadata"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address_class(address.ipv4_mapped)
        for form, embedded in _embedded_ipv4(address):
            reason = address_class(embedded)
            if reason:
                return f"{reason} (in {form} form)"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if address.is_reserved or not address.is_global:
        return "reserved"
    return None


def _embedded_ipv4(
    address: ipaddress.IPv6Address,
) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses a 6to4, Teredo or NAT64 address carries (a gateway would reach them)."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.sixtofour is not None:
        found.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        found += [("Teredo", server), ("Teredo", client)]
    if address in NAT64_PREFIX:
        found.append(("NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)))
    return found


def _ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class URLGuard:
    """Checks webhook URLs against the rules above; ``allowed_hosts`` are host names or addresses."""

    allowed_hosts: frozenset[str] = frozenset()
    resolver: Resolver = system_resolver

    @classmethod
    def of(cls, allowed_hosts: Iterable[str], resolver: Resolver = system_resolver) -> URLGuard:
        return cls(frozenset(_normal_host(h) for h in allowed_hosts), resolver)

    def allowed(self, host: str) -> bool:
        return _normal_host(host) in self.allowed_hosts

    def check_syntax(self, url: str) -> SplitResult:
        """The parsed URL when its form is acceptable (scheme, host, no credentials, literal address)."""
        if not isinstance(url, str) or not url:
            raise UnsafeWebhookURL("the webhook url must be a non-empty string")
        if len(url) > MAX_URL_LENGTH:
            raise UnsafeWebhookURL(f"the webhook url is longer than {MAX_URL_LENGTH} characters")
        if any(c.isspace() or ord(c) < 32 for c in url):
            raise UnsafeWebhookURL("the webhook url must not contain spaces or control characters")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UnsafeWebhookURL(f"the webhook url is malformed: {exc}") from None
        scheme = parts.scheme.lower()
        if scheme not in ("https", "http"):
            raise UnsafeWebhookURL("the webhook url must be https://")
        host = parts.hostname
        if not host:
            raise UnsafeWebhookURL("the webhook url has no host")
        if parts.username is not None or parts.password is not None:
            raise UnsafeWebhookURL("the webhook url must not carry credentials (user:password@)")
        if port == 0:
            raise UnsafeWebhookURL("the webhook url has port 0")
        if self.allowed(host):
            return parts
        if scheme != "https":
            raise UnsafeWebhookURL(
                f"the webhook url must be https:// (http is only for allow-listed hosts, not {host})"
            )
        name = host.rstrip(".").lower()
        if name == "localhost" or name.endswith(".localhost") or name in METADATA_HOSTS:
            raise UnsafeWebhookURL(f"the webhook host {host} is a local or metadata name")
        literal = _ip(host)
        if literal is not None:
            reason = address_class(literal)
            if reason:
                raise UnsafeWebhookURL(f"the webhook host {host} is a {reason} address")
        return parts

    async def check(self, url: str, *, at_delivery: bool) -> list[str]:
        """Check ``url`` and the addresses its host resolves to; gives those addresses.

        At creation a name that does not resolve (yet) is accepted; at delivery it is a
        retriable ``DeliveryError``. Any non-public address is ``UnsafeWebhookURL``.
        """
        parts = self.check_syntax(url)
        host = parts.hostname or ""
        if self.allowed(host):
            return []
        if _ip(host) is not None:
            return [host.strip("[]")]
        port = parts.port or 443
        try:
            addresses = await self.resolver(host, port)
        except OSError as exc:
            if at_delivery:
                raise DeliveryError(f"cannot resolve {host}: {exc}", retriable=True) from None
            return []
        for text in addresses:
            address = _ip(text.split("%", 1)[0])
            if address is None:
                raise UnsafeWebhookURL(f"the webhook host {host} resolves to {text!r}")
            reason = address_class(address)
            if reason:
                raise UnsafeWebhookURL(f"the webhook host {host} resolves to a {reason} address")
        return addresses


def _normal_host(host: str) -> str:
    host = host.strip().strip("[]").rstrip(".").lower()
    literal = _ip(host)
    return str(literal) if literal is not None else host
