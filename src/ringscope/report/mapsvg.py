"""A map of hotspots and route flows as one SVG, drawn from the bundled boundaries.

The same SVG is static in the brief and zoomable in the web app (``static/mapzoom.js``):
everything that moves with the map is inside ``g.viewport``; markers, arrows and labels are
groups of class ``fx`` that keep their screen size (the script scales them by 1/zoom around
``data-t``), and each label carries ``data-z``, the zoom from which it is shown without
overlapping another (:mod:`ringscope.report.maplayout`). Without the script the map is its
zoom-1 state: only the labels that fit at zoom 1 are shown.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from html import escape

from ringscope.report.geo import View, countries, country_path
from ringscope.report.labels import Placement
from ringscope.report.links import safe_href
from ringscope.report.mapdata import Flow, Hotspot
from ringscope.report.maplayout import (
    COUNT_SIZE,
    COUNTRY_LARGEST,
    MAX_ZOOM,
    MapLayout,
    Text,
    auto_view,
    inset_view,
    layout,
    shown_from,
)
from ringscope.report.maplegend import LegendScales, legend_svg

__all__ = ["Flow", "Hotspot", "MAX_ZOOM", "auto_view", "draw", "map_svg", "static_maps"]

FONT = "DejaVu Sans, sans-serif"
FLOW_COLOUR = "#b03a2e"


@lru_cache(maxsize=8)
def _countries(view: View, involved: frozenset[str], detail: float) -> str:
    """The country shapes (the costly part of a map, the same for a store until it changes)."""
    out = ['<g class="countries" stroke="#8a8a8a" stroke-width="0.4" fill-rule="evenodd">']
    for country in countries():
        path = country_path(country, view, detail)
        if not path:
            continue
        fill = "#f2dcb3" if country.code in involved else "#f4f1ea"
        label = escape(country.name + (f" ({country.code})" if country.code else ""))
        out.append(
            f'<path d="{path}" fill="{fill}" data-code="{country.code or ""}"><title>{label}</title></path>'
        )
    out.append("</g>")
    return "".join(out)


def _fx(kind: str, x: float, y: float, body: str, extra: str = "", rotate: float | None = None) -> str:
    """A group that keeps its screen size when the map zooms (see the module docstring)."""
    base = f"translate({x:.1f} {y:.1f})" + (f" rotate({rotate:.1f})" if rotate is not None else "")
    return f'<g class="fx {kind}" data-t="{base}" transform="{base}"{extra}>{body}</g>'


def _text(text: Text, place: Placement, attributes: str = "") -> str:
    box = place.box
    baseline = box.top + 1.0 + text.size * 0.93
    x, anchor = box.left + 1.0, "start"
    if place.position == "centre":
        x, anchor = (box.left + box.right) / 2, "middle"
    return (
        f'<text class="{text.css}" x="{x:.1f}" y="{baseline:.1f}" font-size="{text.size:g}"'
        f' text-anchor="{anchor}" font-family="{FONT}"{attributes}>{escape(text.text)}</text>'
    )


def _shown(place: Placement) -> str:
    """The label's zoom threshold; hidden in the static map when it is above 1."""
    if not place.shown:
        return ' data-z="inf" display="none"'
    hidden = ' display="none"' if place.min_zoom > 1.0 else ""
    return f' data-z="{shown_from(place):.3f}"{hidden}'


def _people(spot: Hotspot) -> str:
    parts = "; ".join(f"{label.lower()} {value:,}" for label, value in spot.measures)
    return f"{spot.label}: largest figures {parts}; {spot.count} report(s)"


def _routes(plan: MapLayout, names: dict[str, str]) -> list[str]:
    if not plan.routes:
        return []
    out = [
        f'<g class="flows" fill="none" stroke="{FLOW_COLOUR}" stroke-opacity="0.7" stroke-linecap="round">'
    ]
    for route in plan.routes:
        flow = route.flow
        people = f", {flow.people:,} people counted" if flow.people else ""
        tip = (
            f"{names.get(flow.origin, flow.origin)} ({flow.origin}) → "
            f"{names.get(flow.destination, flow.destination)} ({flow.destination}):"
            f" {flow.count} report(s){people}"
        )
        out.append(
            f'<path class="flow" d="{route.path}" stroke-width="{route.stroke:.1f}"'
            f' data-route="{flow.origin}-{flow.destination}"><title>{escape(tip)}</title></path>'
        )
    out.append(f'</g><g class="arrows" fill="{FLOW_COLOUR}" fill-opacity="0.85">')
    for route in plan.routes:
        size = 4.0 + route.stroke * 1.2
        head = f'<path d="M0,0L{-size:.1f},{-size / 2:.1f}L{-size:.1f},{size / 2:.1f}z"/>'
        out.append(_fx("arrow", *route.end, head, rotate=route.heading))
    out.append("</g>")
    return out


def _markers(plan: MapLayout) -> list[str]:
    out = ['<g class="hotspots">']
    for spot in plan.nations:
        x, y = plan.view.project(spot.lon, spot.lat)
        body = (
            f'<circle r="{plan.radius[str(spot.code)]:.1f}" fill="#1f5f8b" fill-opacity="0.55" stroke="#fff"'
            f' stroke-width="1"><title>{escape(_people(spot))}</title></circle>'
        )
        marker = _fx("marker country", x, y, body, f' data-code="{spot.code}" data-people="{spot.people}"')
        href = safe_href(spot.href)
        out.append(f'<a href="{escape(href)}">{marker}</a>' if href else marker)
    for spot in plan.places:
        x, y = plan.view.project(spot.lon, spot.lat)
        body = (
            f'<circle r="{plan.dot(spot):.1f}" fill="#3b3b3b" stroke="#fff" stroke-width="1">'
            f"<title>{escape(spot.label)}: {spot.count} report(s)</title></circle>"
        )
        marker = _fx("marker place", x, y, body)
        href = safe_href(spot.href)
        out.append(f'<a href="{escape(href)}">{marker}</a>' if href else marker)
    out.append("</g>")
    return out


def _labels(plan: MapLayout) -> list[str]:
    out = ['<g class="labels">']
    for i, route in enumerate(plan.routes):
        place = plan.placements[f"f{i}"]
        box = place.box
        badge = (
            f'<rect x="{box.left:.1f}" y="{box.top:.1f}" width="{box.right - box.left:.1f}"'
            f' height="{box.bottom - box.top:.1f}" rx="3" fill="#fff" stroke="{FLOW_COLOUR}"'
            ' stroke-width="0.8"/>'
            + _text(Text(str(route.flow.count), COUNT_SIZE, "flow-count"), place, f' fill="{FLOW_COLOUR}"')
        )
        out.append(_fx("label count", *route.middle, badge, _shown(place)))
    halo = ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    for item in plan.labels:
        text = plan.texts.get(item.key)
        if text is None:
            continue
        place = plan.placements[item.key]
        out.append(_fx("label", item.x, item.y, _text(text, place, halo), _shown(place)))
    out.append("</g>")
    return out


def draw(plan: MapLayout, title: str = "Map", detail: float = 0.6) -> str:
    """The SVG of a laid-out map; ``detail`` is the smallest step kept in country borders (pixels
    at zoom 1: smaller keeps borders sharp when zoomed in, at the cost of a larger SVG)."""
    width, height = plan.view.width, plan.view.height
    names = {c.code: c.name for c in countries() if c.code}
    scales = LegendScales(
        plan.top_people, COUNTRY_LARGEST, max((r.flow.count for r in plan.routes), default=0)
    )
    legend, legend_height = legend_svg(height + 2, scales)
    full = height + legend_height + 4
    # ids are document-wide: two maps on one page (the brief's map and its inset) need their own
    clip = "rs-map-clip-" + hashlib.sha1(repr(plan.view).encode()).hexdigest()[:10]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-map" viewBox="0 0 {width:.0f} {full:.0f}"'
        f' width="100%" role="img" aria-label="{escape(title)}" data-max-zoom="{MAX_ZOOM:g}"'
        f' data-map-height="{height:.1f}">',
        f"<title>{escape(title)}</title>",
        f'<defs><clipPath id="{clip}">'
        f'<rect width="{width:.1f}" height="{height:.1f}"/></clipPath></defs>',
        f'<rect class="paper" width="{width:.0f}" height="{full:.0f}" fill="#fff"/>',
        f'<rect class="sea" width="{width:.1f}" height="{height:.1f}" fill="#dbe9f4"/>',
        f'<g clip-path="url(#{clip})"><g class="viewport">',
        _countries(plan.view, frozenset(plan.involved), detail),
        *_routes(plan, names),
        *_markers(plan),
        *_labels(plan),
        "</g></g>",
        legend,
        "</svg>",
    ]
    return "".join(out)


def static_maps(hotspots: list[Hotspot], flows: list[Flow], title: str = "Map") -> str:
    """Maps for print, where nothing zooms: the whole map, then, when it is wide, a closer view of
    its densest part so crowded places are named; each SVG in a ``div.map``."""
    out = [f'<div class="map">{map_svg(hotspots, flows, title=title)}</div>']
    inset = inset_view(hotspots, flows)
    if inset is not None:
        closer = f"{title}: closer view of the densest part"
        out.append(f'<div class="map inset">{map_svg(hotspots, flows, view=inset, title=closer)}</div>')
    return "".join(out)


def map_svg(hotspots: list[Hotspot], flows: list[Flow], view: View | None = None, title: str = "Map") -> str:
    """The SVG map: countries, route flows (width and number: reports), countries sized by the
    people their figures count, places named in reports, labels that never overlap, a legend."""
    return draw(layout(hotspots, flows, view), title)
