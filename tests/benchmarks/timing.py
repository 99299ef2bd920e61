"""Timing helpers for the benchmarks: best of several runs, and a ratio report."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], repeat: int = 7, number: int = 1) -> float:
    """Best wall time in seconds of ``number`` calls of ``fn``, over ``repeat`` rounds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def report(name: str, ours: float, floor: float, target: str = "") -> float:
    """Print one result line: absolute times and the ratio to the floor; returns the ratio."""
    ratio = ours / floor if floor > 0 else float("inf")
    line = f"{name}: {ours * 1000:.2f} ms vs floor {floor * 1000:.2f} ms = {ratio:.2f}x"
    print(line + (f"  (target {target})" if target else ""))
    return ratio
