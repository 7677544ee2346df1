"""Per-endpoint lanes: a stuck endpoint never holds up another; concurrency and size are bounded."""

from __future__ import annotations

import asyncio

from streams.delivery.queue import EndpointQueues


async def test_queue_slow_endpoint_does_not_delay_another() -> None:
    release = asyncio.Event()
    done: list[str] = []

    async def run(item: str) -> None:
        if item.startswith("slow"):
            await release.wait()
        done.append(item)

    lanes: EndpointQueues[str] = EndpointQueues(run, concurrency=2, size=10)
    for n in range(5):
        assert lanes.offer("https://slow:443", f"slow{n}")
    for n in range(3):
        assert lanes.offer("https://fast:443", f"fast{n}")
    await asyncio.sleep(0.01)
    assert done == ["fast0", "fast1", "fast2"]
    assert lanes.running("https://slow:443") == 2
    release.set()
    await asyncio.sleep(0.01)
    assert sorted(done) == sorted([f"fast{n}" for n in range(3)] + [f"slow{n}" for n in range(5)])
    assert lanes.running("https://slow:443") == 0


async def test_queue_concurrency_per_endpoint_is_bounded() -> None:
    running = 0
    peak = 0

    async def run(item: int) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.005)
        running -= 1

    lanes: EndpointQueues[int] = EndpointQueues(run, concurrency=3, size=100)
    for n in range(20):
        lanes.offer("e", n)
    await asyncio.sleep(0.1)
    assert peak == 3


async def test_queue_full_lane_refuses_more() -> None:
    gate = asyncio.Event()

    async def run(item: int) -> None:
        await gate.wait()

    lanes: EndpointQueues[int] = EndpointQueues(run, concurrency=1, size=2)
    assert lanes.offer("e", 1) and lanes.offer("e", 2)
    await asyncio.sleep(0)  # the runner takes item 1
    assert lanes.offer("e", 3)
    assert not lanes.offer("e", 4)
    assert lanes.offer("other", 1)
    await lanes.close()


async def test_queue_failing_item_does_not_stop_its_lane() -> None:
    done: list[int] = []

    async def run(item: int) -> None:
        if item == 1:
            raise RuntimeError("boom")
        done.append(item)

    lanes: EndpointQueues[int] = EndpointQueues(run, concurrency=1, size=10)
    for n in range(3):
        lanes.offer("e", n)
    await asyncio.sleep(0.01)
    assert done == [0, 2]
