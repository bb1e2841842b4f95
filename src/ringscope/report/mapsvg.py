"""A map of hotspots and route flows as one SVG, drawn from the bundled boundaries."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from ringscope.report.geo import View, centroids, countries, country_path
from ringscope.report.links import safe_href


@dataclass(frozen=True, slots=True)
class Hotspot:
    label: str
    lon: float
    lat: float
    count: int
    """How many reports mention the place."""
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Flow:
    origin: str
    destination: str
    count: int
    """How many reports state the route."""
    people: int = 0
    """People counted on the route, summed over reports that give a number."""


def _flow_path(a: tuple[float, float], b: tuple[float, float]) -> str:
    (x0, y0), (x1, y1) = a, b
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    bend = 0.25 * length
    cx, cy = mx - dy / length * bend, my + dx / length * bend
    return f"M{x0:.1f},{y0:.1f}Q{cx:.1f},{cy:.1f} {x1:.1f},{y1:.1f}"


def auto_view(hotspots: list[Hotspot], flows: list[Flow], width: float = 960.0) -> View:
    """A view framing the data with room for curved flows (the whole world when there is none)."""
    centre = centroids()
    points = [centre[c] for f in flows for c in (f.origin, f.destination) if c in centre]
    points += [(h.lon, h.lat) for h in hotspots]
    if not points:
        return View(width=width)
    west, east = min(p[0] for p in points) - 15, max(p[0] for p in points) + 15
    south, north = min(p[1] for p in points) - 12, max(p[1] for p in points) + 12
    if east - west < 40:
        middle = (east + west) / 2
        west, east = middle - 20, middle + 20
    wanted = (east - west) * 0.45  # keep the map from becoming a thin strip
    if north - south < wanted:
        middle = (north + south) / 2
        south, north = middle - wanted / 2, middle + wanted / 2
    west, east = max(-180.0, west), min(180.0, east)
    south, north = max(-58.0, south), min(84.0, north)
    return View(west, east, south, north, width)


def map_svg(hotspots: list[Hotspot], flows: list[Flow], view: View | None = None, title: str = "Map") -> str:
    """The SVG map: countries, route flows (width by report count) and hotspots (area by count)."""
    view = view or auto_view(hotspots, flows)
    width, height = view.width, view.height
    involved = {f.origin for f in flows} | {f.destination for f in flows}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-map" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' width="100%" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="rs-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5"'
        ' markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#b03a2e"/>'
        "</marker></defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#dbe9f4"/>',
        '<g class="countries" stroke="#8a8a8a" stroke-width="0.4" fill-rule="evenodd">',
    ]
    for country in countries():
        path = country_path(country, view)
        if not path:
            continue
        fill = "#f2dcb3" if country.code in involved else "#f4f1ea"
        label = escape(country.name + (f" ({country.code})" if country.code else ""))
        out.append(
            f'<path d="{path}" fill="{fill}" data-code="{country.code or ""}"><title>{label}</title></path>'
        )
    out.append("</g>")
    if flows:
        top = max(f.count for f in flows)
        centre = centroids()
        out.append(
            '<g class="flows" fill="none" stroke="#b03a2e" stroke-opacity="0.75" stroke-linecap="round">'
        )
        for flow in sorted(flows, key=lambda f: -f.count):
            if flow.origin not in centre or flow.destination not in centre or flow.origin == flow.destination:
                continue
            a = view.project(*centre[flow.origin])
            b = view.project(*centre[flow.destination])
            stroke = 1.5 + 7.0 * math.sqrt(flow.count / top)
            people = f", {flow.people} people counted" if flow.people else ""
            out.append(
                f'<path d="{_flow_path(a, b)}" stroke-width="{stroke:.1f}" marker-end="url(#rs-arrow)">'
                f"<title>{flow.origin} → {flow.destination}: {flow.count} report(s){people}</title></path>"
            )
        out.append("</g>")
    if hotspots:
        top = max(h.count for h in hotspots)
        out.append('<g class="hotspots" fill="#1f5f8b" fill-opacity="0.7" stroke="#fff" stroke-width="1">')
        for spot in sorted(hotspots, key=lambda h: -h.count):
            x, y = view.project(spot.lon, spot.lat)
            radius = 3.0 + 12.0 * math.sqrt(spot.count / top)
            circle = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
                f"<title>{escape(spot.label)}: {spot.count} report(s)</title></circle>"
            )
            href = safe_href(spot.href)
            if href:
                circle = f'<a href="{escape(href)}">{circle}</a>'
            out.append(circle)
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
