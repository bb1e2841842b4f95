"""The timeline as SVG: events as items to click above monthly bars, on a true time axis.

Every month between the first and the last date takes the same width, empty or not, so a
year without reports looks like a year. The SVG is static: items are plain links.
"""

from __future__ import annotations

from html import escape

from ringscope.report.labels import text_width
from ringscope.report.links import safe_href
from ringscope.report.scales import nice_floor
from ringscope.report.timeaxis import TimeScale, add_months, pack_lanes, parse_date, ticks
from ringscope.report.timelinedata import TimelineEvent

COLOURS = ("#1f5f8b", "#b03a2e", "#2e8b57", "#6a3d9a")
FONT = 'font-family="DejaVu Sans, sans-serif"'
LANE = 20.0
ITEM_SIZE = 10.0
TITLE_CHARS = 36


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def _extent(event: TimelineEvent, scale: TimeScale, limit: float) -> tuple[float, float, bool]:
    """Where an item reaches on the axis, and whether its title goes left of it (near the end)."""
    first = parse_date(event.first)
    last = parse_date(event.last) or first
    assert first is not None and last is not None
    x0, x1 = scale.x(first), scale.x(last)
    r = 3.0 + min(4.0, float(event.reports))
    width = text_width(_short(event.title), ITEM_SIZE) + r + 4
    if x1 + width > limit:
        return x0 - width, x1 + r, True
    return x0 - r, x1 + width, False


def _item(event: TimelineEvent, scale: TimeScale, y: float, leftward: bool) -> str:
    first = parse_date(event.first)
    last = parse_date(event.last) or first
    assert first is not None and last is not None
    x0, x1 = scale.x(first), scale.x(last)
    r = 3.0 + min(4.0, float(event.reports))
    span = f"{event.first} to {event.last}" if event.last != event.first else f"{event.first}"
    tip = f"{event.title} · {event.reports} reports · {event.figures} figure(s) · {span}"
    body = [f"<title>{escape(tip)}</title>"]
    if x1 - x0 >= 1.0:
        body.append(
            f'<rect x="{x0:.1f}" y="{y - 2:.1f}" width="{x1 - x0:.1f}" height="4" rx="2" fill="#6a3d9a"'
            ' fill-opacity="0.35"/>'
        )
    body.append(f'<circle cx="{x0:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#6a3d9a"/>')
    at, anchor = (x0 - r - 3, "end") if leftward else (x1 + r + 3, "start")
    body.append(
        f'<text x="{at:.1f}" y="{y + 3.5:.1f}" font-size="{ITEM_SIZE:g}" text-anchor="{anchor}" {FONT}'
        f' fill="#2b1a40">{escape(_short(event.title))}</text>'
    )
    inner = "".join(body)
    href = safe_href(event.href)
    if href:
        return f'<a class="event-item" href="{escape(href)}" data-event="{escape(event.id)}">{inner}</a>'
    return f'<g class="event-item" data-event="{escape(event.id)}">{inner}</g>'


def timeline_svg(
    series: dict[str, dict[str, int]],
    width: int = 760,
    height: int = 220,
    events: list[TimelineEvent] | None = None,
    undated: tuple[int, int] | None = None,
) -> str:
    """Events (when given) above grouped monthly bars of ``series`` ({label: {YYYY-MM: count}}) on
    one time axis; ``undated`` is (undated reports, all reports), said under the axis."""
    dated_events = [e for e in events or [] if parse_date(e.first) is not None]
    days = [d for counts in series.values() for m in counts if (d := parse_date(m)) is not None]
    days += [d for e in dated_events for d in (parse_date(e.first), parse_date(e.last)) if d is not None]
    labels = list(series)
    left, right = 40.0, 12.0
    note = ""
    if undated is not None:
        note = f"{undated[0]} of {undated[1]} report(s) have no publication month and are not on the axis"
    if not days:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-timeline" viewBox="0 0 {width} {height}"'
            f' width="100%" role="img" aria-label="Timeline"><title>Timeline</title>',
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" {FONT}>No dated reports</text>',
        ]
        if note:
            out.append(
                f'<text class="undated" x="{width / 2}" y="{height / 2 + 18}" text-anchor="middle"'
                f' font-size="11" {FONT}>{escape(note)}</text>'
            )
        return "".join(out) + "</svg>"
    scale = TimeScale.covering(days, left, width - right)
    extents = [_extent(e, scale, width - 2.0) for e in dated_events]
    lanes = pack_lanes([(a, b) for a, b, _ in extents])
    events_height = (max(lanes) + 1) * LANE + 10 if lanes else 0.0
    top = 14.0 + events_height
    plot_h = height - 70.0
    base = top + plot_h
    total_h = base + 56.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-timeline" viewBox="0 0 {width} {total_h:.0f}"'
        f' width="100%" role="img" aria-label="Timeline" data-start="{scale.start}" data-end="{scale.end}">',
        "<title>Timeline</title>",
    ]
    axis_ticks = ticks(scale)
    out.append('<g class="grid" stroke="#e3e3e3">')
    for tick in axis_ticks:
        x = scale.x(tick.day)
        colour = ' stroke="#c8c8c8"' if tick.major else ""
        out.append(f'<line x1="{x:.1f}" y1="6" x2="{x:.1f}" y2="{base:.1f}"{colour}/>')
    out.append("</g>")
    if dated_events:
        out.append(
            f'<text x="4" y="12" font-size="10" {FONT} fill="#555">Events (reports of one event; click to'
            " compare them)</text>"
        )
        out.append('<g class="events">')
        for event, lane, (_, _, leftward) in zip(dated_events, lanes, extents, strict=True):
            out.append(_item(event, scale, 14.0 + 10 + lane * LANE, leftward))
        out.append("</g>")
    peak = max((max(c.values(), default=0) for c in series.values()), default=0) or 1
    months = scale.months()
    group = max(1, len(labels))
    out.append('<g class="bars">')
    for month in months:
        x0, x1 = scale.x(month), scale.x(add_months(month, 1))
        bar = max(0.5, (x1 - x0) * 0.8 / group)
        key = f"{month.year:04d}-{month.month:02d}"
        for j, label in enumerate(labels):
            value = series[label].get(key, 0)
            h = plot_h * value / peak
            out.append(
                f'<rect class="bar" x="{x0 + (x1 - x0) * 0.1 + j * bar:.2f}" y="{base - h:.1f}"'
                f' width="{bar:.2f}" height="{h:.1f}" fill="{COLOURS[j % len(COLOURS)]}" data-month="{key}">'
                f"<title>{escape(label)} {key}: {value}</title></rect>"
            )
    out.append("</g>")
    out.append(f'<line x1="{left}" y1="{base:.1f}" x2="{width - right}" y2="{base:.1f}" stroke="#555"/>')
    middle = nice_floor(peak / 2)
    for value in sorted({0, middle, peak}):
        y = base - plot_h * value / peak
        out.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" {FONT}>{value}</text>'
        )
    out.append('<g class="axis">')
    for tick in axis_ticks:
        x = scale.x(tick.day)
        weight = ' font-weight="bold"' if tick.major else ""
        out.append(
            f'<line x1="{x:.1f}" y1="{base:.1f}" x2="{x:.1f}" y2="{base + (6 if tick.major else 3):.1f}"'
            ' stroke="#555"/>'
            f'<text x="{x + 2:.1f}" y="{base + 16:.1f}" font-size="10"{weight} {FONT}>{tick.label}</text>'
        )
    out.append("</g>")
    for j, label in enumerate(labels):
        x = left + j * 140
        out.append(
            f'<rect x="{x}" y="{total_h - 16:.1f}" width="10" height="10"'
            f' fill="{COLOURS[j % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{total_h - 7:.1f}" font-size="11" {FONT}>{escape(label)} a month</text>'
        )
    if note:
        out.append(
            f'<text class="undated" x="{width - right}" y="{total_h - 7:.1f}" font-size="11"'
            f' text-anchor="end" {FONT} fill="#8b1f14">{escape(note)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
