"""A true time axis: months without gaps, a linear date scale, ticks and lanes (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
"""Months between ticks, the finest that fits first."""


def parse_date(text: str | None) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (and longer ISO forms) as the day it starts on."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def month_of(text: str | None) -> str | None:
    """``YYYY-MM`` of a date given at least to the month, else None (a year alone has no month)."""
    if not text or len(text) < 7 or parse_date(text) is None:
        return None
    return text[:7]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from ``first``'s to ``last``'s, empty ones included, as their first days."""
    out = []
    current = month_start(first)
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Whole months from ``start`` (a first of month) to ``end`` (the first of the month after the
    last), mapped linearly onto the pixels ``x0`` to ``x1``: equal times take equal widths."""

    start: dt.date
    end: dt.date
    x0: float
    x1: float

    @classmethod
    def covering(cls, days: list[dt.date], x0: float, x1: float) -> TimeScale:
        first, last = min(days), max(days)
        return cls(month_start(first), add_months(last, 1), x0, x1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def x(self, day: dt.date) -> float:
        return self.x0 + (self.x1 - self.x0) * (day - self.start).days / max(1, self.days)

    def months(self) -> list[dt.date]:
        return months_between(self.start, add_months(self.end, -1))


@dataclass(frozen=True, slots=True)
class Tick:
    day: dt.date
    label: str
    major: bool
    """A new year."""


def ticks(scale: TimeScale, min_spacing: float = 48.0) -> list[Tick]:
    """Month ticks at the finest step whose labels stay ``min_spacing`` pixels apart; years are major."""
    months = scale.months()
    width_per_month = (scale.x1 - scale.x0) / max(1, len(months))
    step = next((s for s in TICK_STEPS if s * width_per_month >= min_spacing), TICK_STEPS[-1])
    out = []
    for day in months:
        index = day.year * 12 + day.month - 1
        if index % step:
            continue
        major = day.month == 1
        label = str(day.year) if major or step >= 12 else _MONTHS[day.month - 1]
        out.append(Tick(day, label, major))
    return out


def pack_lanes(spans: list[tuple[float, float]], gap: float = 4.0) -> list[int]:
    """A lane for each (start, end) span so spans in one lane keep ``gap`` apart; the lowest lane
    that is free is taken, spans in order of their start."""
    ends: list[float] = []
    lanes = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1])):
        start, end = spans[i]
        for lane, last in enumerate(ends):
            if start >= last + gap:
                ends[lane] = end
                lanes[i] = lane
                break
        else:
            ends.append(end)
            lanes[i] = len(ends) - 1
    return lanes
