"""URL guard: HTTPS only, no internal addresses (literal or resolved), unless allow-listed."""

from __future__ import annotations

import pytest

from streams.delivery.urlguard import URLGuard
from streams.errors import DeliveryError, UnsafeWebhookURL


def resolving_to(*addresses: str):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolve


async def unresolvable(host: str, port: int) -> list[str]:
    raise OSError("Name or service not known")


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("fd12::1", "private"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:c0a8:0101::1", r"private \(in 6to4 form\)"),
        ("2002:7f00:0001::1", r"loopback \(in 6to4 form\)"),
        ("2002:a9fe:a9fe::1", r"metadata \(in 6to4 form\)"),
        ("2001:0:4136:e378:8000:63bf:3f57:fdf2", r"private \(in Teredo form\)"),
        ("64:ff9b::10.0.0.1", r"private \(in NAT64 form\)"),
        ("64:ff9b::127.0.0.1", r"loopback \(in NAT64 form\)"),
        ("64:ff9b::a9fe:a9fe", r"(link-local|metadata) \(in NAT64 form\)"),
    ],
)
async def test_urlguard_refuses_names_resolving_to_internal_addresses(
    address: str, reason: str
) -> None:
    guard = URLGuard.of((), resolver=resolving_to("93.184.216.34", address))
    with pytest.raises(UnsafeWebhookURL, match=reason):
        await guard.check("https://hooks.example.com/x", at_delivery=True)


@pytest.mark.parametrize(
    "url", ["https://10.1.2.3/h", "https://[::1]/h", "https://169.254.169.254/latest"]
)
async def test_urlguard_refuses_literal_internal_addresses(url: str) -> None:
    with pytest.raises(UnsafeWebhookURL):
        await URLGuard.of(()).check(url, at_delivery=False)


async def test_urlguard_accepts_public_https() -> None:
    guard = URLGuard.of((), resolver=resolving_to("93.184.216.34", "2606:2800:220:1::1"))
    assert await guard.check("https://example.com/hook", at_delivery=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",
        "ftp://example.com/hook",
        "https://user:pw@example.com/hook",
        "https:///nohost",
        "https://localhost/hook",
        "https://metadata.google.internal/x",
        "https://example.com:99999/",
        "https://exa mple.com/",
        "",
    ],
)
def test_urlguard_refuses_bad_forms(url: str) -> None:
    with pytest.raises(UnsafeWebhookURL):
        URLGuard.of(()).check_syntax(url)


async def test_urlguard_allow_list_permits_http_and_loopback() -> None:
    guard = URLGuard.of(["127.0.0.1", "Hooks.Internal"], resolver=resolving_to("10.0.0.1"))
    await guard.check("http://127.0.0.1:8080/hook", at_delivery=True)
    await guard.check("http://hooks.internal/hook", at_delivery=True)
    with pytest.raises(UnsafeWebhookURL):
        await guard.check("http://127.0.0.2/hook", at_delivery=True)


async def test_urlguard_unresolvable_name_passes_at_creation_but_retries_at_delivery() -> None:
    guard = URLGuard.of((), resolver=unresolvable)
    assert await guard.check("https://not-yet.example.com/", at_delivery=False) == []
    with pytest.raises(DeliveryError) as caught:
        await guard.check("https://not-yet.example.com/", at_delivery=True)
    assert caught.value.retriable


async def test_urlguard_accepts_a_6to4_address_of_a_public_ipv4() -> None:
    guard = URLGuard.of((), resolver=resolving_to("2002:5db8:d822::1"))
    assert await guard.check("https://hooks.example.com/x", at_delivery=True) == [
        "2002:5db8:d822::1"
    ]
