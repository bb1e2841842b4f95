"""The time axis: gaps keep their length, ticks stay apart, lanes never overlap."""

from __future__ import annotations

import datetime as dt

from ringscope.report.timeaxis import (
    TimeScale,
    add_months,
    month_of,
    months_between,
    pack_lanes,
    parse_date,
    ticks,
)


def test_parse_dates_and_months() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2024-07") == dt.date(2024, 7, 1)
    assert parse_date("2024") == dt.date(2024, 1, 1)
    assert parse_date("2024-13-01") is None and parse_date("soon") is None and parse_date(None) is None
    assert month_of("2024-07-19T10:00:00") == "2024-07"
    assert month_of("2024") is None and month_of("2024-99") is None and month_of("") is None
    assert add_months(dt.date(2023, 11, 20), 3) == dt.date(2024, 2, 1)
    assert add_months(dt.date(2024, 1, 5), -1) == dt.date(2023, 12, 1)


def test_months_between_keeps_empty_months() -> None:
    months = months_between(dt.date(2022, 12, 9), dt.date(2024, 1, 2))
    assert len(months) == 14  # December, the twelve months of 2023, January
    assert months[0] == dt.date(2022, 12, 1) and months[-1] == dt.date(2024, 1, 1)


def test_a_year_without_dates_takes_a_year_of_the_axis() -> None:
    scale = TimeScale.covering([dt.date(2021, 1, 10), dt.date(2021, 2, 3), dt.date(2022, 3, 1)], 0, 1000)
    assert scale.start == dt.date(2021, 1, 1) and scale.end == dt.date(2022, 4, 1)
    # the twelve empty months from March 2021 to February 2022 take 365 of the axis' 455 days
    gap = scale.x(dt.date(2022, 3, 1)) - scale.x(dt.date(2021, 3, 1))
    assert abs(gap - 1000 * 365 / 455) < 1e-6
    assert len(scale.months()) == 15
    assert scale.x(scale.start) == 0 and scale.x(scale.end) == 1000


def test_ticks_keep_apart_and_mark_years() -> None:
    short = TimeScale(dt.date(2024, 1, 1), dt.date(2025, 1, 1), 0, 960)
    marks = ticks(short)
    assert [t.label for t in marks][:3] == ["2024", "Feb", "Mar"]
    assert marks[0].major and not marks[1].major
    long = TimeScale(dt.date(2010, 1, 1), dt.date(2026, 1, 1), 0, 600)
    marks = ticks(long, min_spacing=48)
    xs = [long.x(t.day) for t in marks]
    assert all(b - a >= 40 for a, b in zip(xs, xs[1:], strict=False))  # never crowded
    assert all(t.label.isdigit() for t in marks)  # only years when months would crowd


def test_pack_lanes_puts_overlapping_spans_on_different_lanes() -> None:
    spans = [(0, 100), (50, 120), (110, 200), (125, 130), (0, 10)]
    lanes = pack_lanes(spans, gap=4)
    for i, (a0, a1) in enumerate(spans):
        for j, (b0, b1) in enumerate(spans):
            if i < j and lanes[i] == lanes[j]:
                assert a1 + 4 <= b0 or b1 + 4 <= a0
    assert max(lanes) <= 2  # and no more lanes than the most spans crossing one point
