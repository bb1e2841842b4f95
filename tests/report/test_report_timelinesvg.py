"""The timeline SVG: a true time axis, events as links, the undated reports said."""

from __future__ import annotations

import re

from ringscope.report.timelinedata import TimelineEvent
from ringscope.report.timelinesvg import timeline_svg


def _bars(svg: str) -> dict[str, tuple[float, float]]:
    return {
        month: (float(x), float(h))
        for x, h, month in re.findall(
            r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="([\d.]+)"'
            r'[^>]*data-month="([\d-]+)"',
            svg,
        )
    }


def test_an_empty_year_takes_a_year_of_the_axis() -> None:
    svg = timeline_svg({"reports": {"2023-01": 2, "2024-02": 1, "2024-03": 3}}, width=800)
    bars = _bars(svg)
    assert len(bars) == 15  # every month from January 2023 to March 2024, the empty ones too
    assert sum(1 for _, h in bars.values() if h == 0) == 12
    month = bars["2023-02"][0] - bars["2023-01"][0]
    gap = bars["2024-02"][0] - bars["2023-02"][0]
    assert abs(gap - 12 * month) < 0.06 * gap  # twelve empty months look like twelve months
    assert ">2024<" in svg  # the year is marked on the axis


def test_events_are_links_placed_by_date_and_undated_reports_are_counted() -> None:
    events = [
        TimelineEvent("ev-a", "2024-01-03", "2024-01-09", 3, 2, "Raid on a harbour compound", "/events/ev-a"),
        TimelineEvent("ev-b", "2024-06-20", "2024-06-20", 2, 0, "Returnees <home>", "/events/ev-b"),
        TimelineEvent("ev-c", "2024-12-30", "2024-12-30", 2, 1, "Late item near the end", "javascript:x()"),
    ]
    svg = timeline_svg({"reports": {"2024-01": 3, "2024-12": 1}}, width=700, events=events, undated=(4, 9))
    links = re.findall(r'<a class="event-item" href="([^"]+)"', svg)
    assert links == ["/events/ev-a", "/events/ev-b"]  # an unsafe address is not linked
    assert '<g class="event-item" data-event="ev-c">' in svg
    assert "Returnees &lt;home&gt;" in svg
    xs = [float(x) for x in re.findall(r'class="event-item"[^>]*>.*?<circle cx="([\d.]+)"', svg)]
    assert xs == sorted(xs) and xs[1] - xs[0] > 0.3 * 700  # placed by date along the axis
    late = re.search(r'data-event="ev-c">.*?</g>', svg)
    assert late and 'text-anchor="end"' in late.group(0)  # its title turns left at the right edge
    assert "4 of 9 report(s) have no publication month" in svg


def test_no_dates_at_all() -> None:
    svg = timeline_svg({"reports": {}}, undated=(5, 5))
    assert "No dated reports" in svg and "5 of 5 report(s)" in svg
