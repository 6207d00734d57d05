"""Pure statistics over measured latencies (no I/O, unit tested)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks.

    Same definition as numpy's default ("linear"): for n sorted values the rank is
    (n - 1) * q / 100. Returns NaN for an empty sequence.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Measured result of one page (times in milliseconds)."""

    count: int
    errors: int
    p50: float
    p95: float
    p99: float
    rps: float


def summarize(latencies_ms: Sequence[float], count: int, errors: int, elapsed_s: float) -> Summary:
    """Summary of one measured phase of `count` requests.

    `latencies_ms` holds every completed response (a fast 500 is still a response time);
    `errors` counts unexpected statuses plus requests that got no response at all.
    """
    return Summary(
        count=count,
        errors=errors,
        p50=percentile(latencies_ms, 50),
        p95=percentile(latencies_ms, 95),
        p99=percentile(latencies_ms, 99),
        rps=count / elapsed_s if elapsed_s > 0 else math.nan,
    )
