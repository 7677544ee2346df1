"""Per-endpoint lanes: work items by endpoint -> at most ``concurrency`` running per endpoint.

Each endpoint (scheme, host, port) has its own bounded lane, so a slow or dead receiver only
ever holds up its own deliveries. Lanes have no idle tasks: a lane's runners exit when it
empties and the lane is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class _Lane(Generic[T]):
    waiting: deque[T] = field(default_factory=deque)
    running: int = 0


class EndpointQueues(Generic[T]):
    """Runs ``run(item)`` for offered items, ``concurrency`` at a time per endpoint, ``size`` waiting."""

    def __init__(self, run: Callable[[T], Awaitable[None]], *, concurrency: int, size: int) -> None:
        if concurrency < 1 or size < 1:
            raise ValueError("concurrency and size must be at least 1")
        self._run = run
        self.concurrency = concurrency
        self.size = size
        self._lanes: dict[str, _Lane[T]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def offer(self, endpoint: str, item: T) -> bool:
        """Queue ``item`` on its endpoint's lane; False (and nothing queued) when the lane is full."""
        lane = self._lanes.setdefault(endpoint, _Lane())
        if len(lane.waiting) >= self.size:
            return False
        lane.waiting.append(item)
        if lane.running < self.concurrency:
            lane.running += 1
            task = asyncio.create_task(self._drain(endpoint, lane), name=f"lane {endpoint}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return True

    def waiting(self, endpoint: str) -> int:
        lane = self._lanes.get(endpoint)
        return len(lane.waiting) if lane else 0

    def running(self, endpoint: str) -> int:
        lane = self._lanes.get(endpoint)
        return lane.running if lane else 0

    async def close(self) -> None:
        """Cancel every runner (calls in flight are abandoned; their deliveries stay pending)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._lanes.clear()

    async def _drain(self, endpoint: str, lane: _Lane[T]) -> None:
        try:
            while lane.waiting:
                item = lane.waiting.popleft()
                try:
                    await self._run(item)
                except asyncio.CancelledError:
                    raise
                except Exception:  # one failed item must not stop the lane
                    log.exception("delivery to %s failed unexpectedly", endpoint)
        finally:
            lane.running -= 1
            if lane.running == 0 and not lane.waiting and self._lanes.get(endpoint) is lane:
                del self._lanes[endpoint]
