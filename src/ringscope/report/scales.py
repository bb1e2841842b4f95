"""Scales for symbols: circle radii by area and round values for legends (pure)."""

from __future__ import annotations

import math


def area_radius(value: float, top: float, largest: float, smallest: float = 0.0) -> float:
    """The radius whose circle's area is to the largest one's as ``value`` is to ``top``."""
    if top <= 0 or value <= 0:
        return smallest
    return max(smallest, largest * math.sqrt(min(value, top) / top))


def nice_floor(value: float) -> int:
    """The largest 1, 2 or 5 times a power of ten not above ``value`` (0 below 1)."""
    if value < 1:
        return 0
    power = 10 ** math.floor(math.log10(value))
    for step in (5, 2, 1):
        if step * power <= value:
            return int(step * power)
    return int(power)  # pragma: no cover - the loop always returns


def legend_values(top: float, count: int = 3) -> list[int]:
    """Up to ``count`` round values for a size legend, the largest not above ``top``, ascending."""
    values: list[int] = []
    current = nice_floor(top)
    while current >= 1 and len(values) < count:
        if current not in values:
            values.append(current)
        current = nice_floor(current / 4)
    return sorted(values)
