"""`python -m lermap bench`: performance figures as JSON, measured in one run.

Benchmarks register in BENCHMARKS (name -> function returning a dict of figures). Targets are
reported next to each figure; nothing here is a test, so a slow shared machine fails nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

BENCHMARKS: dict[str, Callable[[dict], dict]] = {}


def benchmark(name: str):
    """Register a benchmark function taking the options dict."""

    def register(fn: Callable[[dict], dict]) -> Callable[[dict], dict]:
        BENCHMARKS[name] = fn
        return fn

    return register


def timed(fn: Callable[[], object], repeat: int = 5) -> dict[str, float]:
    """Median and best wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(samples), 2), "best_ms": round(min(samples), 2)}


# Modules whose import registers benchmarks.
MODULES: tuple[str, ...] = ("lermap.bench_explore", "lermap.bench_network")


def load_all() -> None:
    """Import every benchmark module so that its benchmarks register."""
    import importlib

    for module in MODULES:
        importlib.import_module(module)
