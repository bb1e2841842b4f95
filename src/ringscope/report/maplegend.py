"""The map's legend: what circle sizes, dots, lines and numbers stand for, in a strip under the
map (it does not move when the map zooms)."""

from __future__ import annotations

from dataclasses import dataclass

from ringscope.report.labels import text_width
from ringscope.report.scales import area_radius, legend_values

_SIZE = 10.0
_FONT = f'font-family="DejaVu Sans, sans-serif" font-size="{_SIZE:g}" fill="#333"'


@dataclass(frozen=True, slots=True)
class LegendScales:
    top_people: int
    """The most people a country's figures count (0: no people figures)."""
    largest: float
    """The radius that count is drawn with."""
    top_reports: int
    """The most reports stating one route (0: no routes)."""


def _text(x: float, y: float, text: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" {_FONT}>{text}</text>'


def legend_svg(top: float, scales: LegendScales) -> tuple[str, float]:
    """The legend strip whose top edge is at ``top``, and its height."""
    parts: list[str] = []
    x = 10.0
    height = 34.0
    middle = 17.0
    if scales.top_people:
        values = legend_values(scales.top_people)
        biggest = area_radius(values[-1], scales.top_people, scales.largest, 3.0)
        height = max(height, 2 * biggest + 12)
        base = 6 + 2 * biggest
        middle = height / 2
        for value in values:
            r = area_radius(value, scales.top_people, scales.largest, 3.0)
            parts.append(
                f'<circle cx="{x + biggest:.1f}" cy="{base - r:.1f}" r="{r:.1f}" fill="#1f5f8b"'
                ' fill-opacity="0.25" stroke="#1f5f8b" stroke-width="0.8"/>'
                f'<line x1="{x + biggest:.1f}" y1="{base - 2 * r:.1f}" x2="{x + 2 * biggest + 8:.1f}"'
                f' y2="{base - 2 * r:.1f}" stroke="#1f5f8b" stroke-width="0.5"/>'
                + _text(x + 2 * biggest + 10, base - 2 * r + 3.5, f"{value:,}")
            )
        x += 2 * biggest + 16 + text_width(f"{values[-1]:,}", _SIZE)
        caption = ("people counted in a country", "(its largest figure)")
        parts.append(_text(x, middle - 2, caption[0]) + _text(x, middle + 10, caption[1]))
        x += text_width(caption[0], _SIZE) + 24
    parts.append(
        f'<circle cx="{x + 4:.1f}" cy="{middle:.1f}" r="3.5" fill="#3b3b3b" stroke="#fff"/>'
        + _text(x + 12, middle + 3.5, "place or compound named in reports")
    )
    x += 12 + text_width("place or compound named in reports", _SIZE) + 24
    if scales.top_reports:
        y = middle
        parts.append(
            f'<path d="M{x:.1f},{y + 4:.1f}Q{x + 16:.1f},{y - 6:.1f} {x + 32:.1f},{y + 4:.1f}" fill="none"'
            ' stroke="#b03a2e" stroke-width="2.5" stroke-opacity="0.7"/>'
            f'<path d="M{x + 38:.1f},{y + 6:.1f}L{x + 29:.1f},{y - 1:.1f}L{x + 28:.1f},{y + 8:.1f}z"'
            ' fill="#b03a2e"/>'
            f'<rect x="{x + 10:.1f}" y="{y - 7:.1f}" width="12" height="11" rx="3" fill="#fff"'
            ' stroke="#b03a2e" stroke-width="0.8"/>'
            f'<text x="{x + 16:.1f}" y="{y + 1.5:.1f}" text-anchor="middle" font-family="DejaVu Sans,'
            ' sans-serif" font-size="8" fill="#b03a2e">n</text>'
            + _text(x + 46, y - 2, "route from victims' country to where held;")
            + _text(x + 46, y + 10, "width and n: reports stating it")
        )
        x += 46 + text_width("route from victims' country to where held;", _SIZE) + 24
        parts.append(
            f'<rect x="{x:.1f}" y="{middle - 5:.1f}" width="14" height="10" fill="#f2dcb3" stroke="#8a8a8a"'
            ' stroke-width="0.4"/>' + _text(x + 19, middle + 3.5, "country on a route")
        )
    return f'<g class="legend" transform="translate(0 {top:.1f})">{"".join(parts)}</g>', height
