"""Requests within a set of limits ("5/min, 50/hour, 125/day"): a sliding window per limit.

The clock and the sleep are injected (tests run hours of limits in no time), and so is the store of past
request times, so several processes can share one budget (casetracker keeps it in the shared cache)."""
from __future__ import annotations

import re
import time
from typing import Callable, Optional, Protocol

UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600,
         "d": 86400, "day": 86400}
_PART = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-z]+?)s?\s*$")


class RateLimited(Exception):
    """The next request is allowed only after ``wait`` seconds, longer than the caller may wait."""

    def __init__(self, wait: float, message: str = ""):
        super().__init__(message or f"rate limit reached: next request allowed in {wait:.0f} s")
        self.wait = wait


def parse_rate(text: str) -> list[tuple[int, float]]:
    """"5/min, 50/hour, 125/day" -> [(5, 60), (50, 3600), (125, 86400)]; "10/2min" is 10 in 120 s."""
    limits = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        m = _PART.match(part.lower())
        if not m or m.group(3) not in UNITS or int(m.group(1)) < 1:
            raise ValueError(f"not a rate: {part.strip()!r} (write e.g. '5/min, 50/hour, 125/day')")
        limits.append((int(m.group(1)), float(int(m.group(2) or 1) * UNITS[m.group(3)])))
    if not limits:
        raise ValueError("no rate given (write e.g. '5/min, 50/hour, 125/day')")
    return limits


class Store(Protocol):
    def load(self) -> list[float]: ...

    def save(self, stamps: list[float]) -> None: ...


class MemoryStore:
    def __init__(self):
        self.stamps: list[float] = []

    def load(self) -> list[float]:
        return list(self.stamps)

    def save(self, stamps: list[float]) -> None:
        self.stamps = list(stamps)


class RateLimiter:
    """``acquire()`` before each request: returns at once within the limits, else sleeps until the oldest
    request of the full window leaves it; a wait longer than ``max_wait`` raises RateLimited instead."""

    def __init__(self, limits: list[tuple[int, float]], *, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep, store: Optional[Store] = None, max_wait: float = 120.0):
        self.limits, self.clock, self.sleep = limits, clock, sleep
        self.store = store or MemoryStore()
        self.max_wait = max_wait
        self.horizon = max(seconds for _, seconds in limits)

    def wait_time(self, stamps: list[float], now: float) -> float:
        wait = 0.0
        for count, seconds in self.limits:
            inside = sorted(t for t in stamps if t > now - seconds)
            if len(inside) >= count:
                wait = max(wait, inside[len(inside) - count] + seconds - now)
        return wait

    def acquire(self) -> None:
        while True:
            now = self.clock()
            stamps = [t for t in self.store.load() if t > now - self.horizon]
            wait = self.wait_time(stamps, now)
            if wait <= 0:
                self.store.save(stamps + [now])
                return
            if wait > self.max_wait:
                raise RateLimited(wait)
            self.sleep(wait)
