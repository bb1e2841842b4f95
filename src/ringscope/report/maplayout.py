"""Where everything on the map goes: the view, route curves, symbol sizes and labels (pure).

Positions are in map units at zoom 1 (the SVG's own units); sizes of markers and labels are in
screen units, which zooming does not change (see :mod:`ringscope.report.labels`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ringscope.report.geo import View, centroids, countries
from ringscope.report.labels import Label, Placement, place_labels, text_width
from ringscope.report.mapdata import Flow, Hotspot
from ringscope.report.scales import area_radius

MAX_ZOOM = 64.0
LABEL_SIZE = 11.0
COUNT_SIZE = 9.0
COUNTRY_LARGEST = 24.0
"""Radius of the circle of the country with the most people counted (screen units)."""
COUNTRY_SMALLEST = 3.0


def shown_from(place: Placement) -> float:
    """The zoom from which a label is shown, rounded up to what the SVG writes (3 decimals)."""
    return math.ceil(place.min_zoom * 1000) / 1000 if place.shown else math.inf


@dataclass(frozen=True, slots=True)
class Route:
    """A flow drawn as a quadratic curve from its origin's centre to its destination's."""

    flow: Flow
    start: tuple[float, float]
    control: tuple[float, float]
    end: tuple[float, float]
    stroke: float

    @property
    def path(self) -> str:
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return f"M{x0:.1f},{y0:.1f}Q{cx:.1f},{cy:.1f} {x1:.1f},{y1:.1f}"

    @property
    def middle(self) -> tuple[float, float]:
        """The curve's point halfway (where its count goes)."""
        (x0, y0), (cx, cy), (x1, y1) = self.start, self.control, self.end
        return (x0 + 2 * cx + x1) / 4, (y0 + 2 * cy + y1) / 4

    @property
    def heading(self) -> float:
        """The direction of arrival, in degrees."""
        (cx, cy), (x1, y1) = self.control, self.end
        return math.degrees(math.atan2(y1 - cy, x1 - cx))


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    size: float
    css: str


@dataclass(frozen=True, slots=True)
class MapLayout:
    view: View
    routes: list[Route]
    nations: list[Hotspot]
    """Countries with people figures, largest first."""
    radius: dict[str, float]
    """Country code -> circle radius."""
    places: list[Hotspot]
    labels: list[Label]
    texts: dict[str, Text]
    """Label key -> what it says (every label but the routes' counts)."""
    placements: dict[str, Placement]
    top_people: int
    top_place: int

    @property
    def involved(self) -> set[str]:
        return {r.flow.origin for r in self.routes} | {r.flow.destination for r in self.routes}

    def dot(self, spot: Hotspot) -> float:
        """The radius of a place's dot (by reports)."""
        return 2.5 + 2.0 * math.sqrt(spot.count / max(1, self.top_place))

    def focus(self) -> dict[str, tuple[float, float, float]]:
        """Each hotspot's label -> (x, y, zoom) that centres it with its label shown."""
        out: dict[str, tuple[float, float, float]] = {}
        for label in self.labels:
            text = self.texts.get(label.key)
            if text is None or label.key.startswith("r") or text.text in out:
                continue
            shown = shown_from(self.placements[label.key])
            zoom = min(MAX_ZOOM, max(2.0, shown)) if math.isfinite(shown) else MAX_ZOOM / 4
            out[text.text] = (label.x, label.y, zoom)
        return out


def control_point(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The control point bending the curve from ``a`` to ``b`` to its left by a quarter of its length."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    bend = 0.25 * length
    return (x0 + x1) / 2 - dy / length * bend, (y0 + y1) / 2 + dx / length * bend


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


def inset_view(
    hotspots: list[Hotspot], flows: list[Flow], span: float = 32.0, width: float = 960.0
) -> View | None:
    """A closer view of the densest part of the map (``span`` degrees wide), for a static map
    that cannot be zoomed; None when the whole map is not much wider than that."""
    whole = auto_view(hotspots, flows, width)
    if whole.east - whole.west < 2.5 * span:
        return None
    points = [(h.lon, h.lat) for h in hotspots]
    if len(points) < 3:
        return None
    tall = span * 0.6

    def inside(lon: float, lat: float) -> list[tuple[float, float]]:
        return [p for p in points if abs(p[0] - lon) <= span / 2 and abs(p[1] - lat) <= tall / 2]

    best = max(points, key=lambda p: (len(inside(*p)), -abs(p[1]), p[0]))
    chosen = inside(*best)
    lon = (min(p[0] for p in chosen) + max(p[0] for p in chosen)) / 2
    lat = (min(p[1] for p in chosen) + max(p[1] for p in chosen)) / 2
    return View(lon - span / 2, lon + span / 2, max(-58.0, lat - tall / 2), min(84.0, lat + tall / 2), width)


def routes(flows: list[Flow], view: View) -> list[Route]:
    """The drawable flows (both ends known, not within one country), most reported first."""
    centre = centroids()
    shown = [
        f for f in flows
        if f.origin in centre and f.destination in centre and f.origin != f.destination
    ]
    top = max((f.count for f in shown), default=1)
    out = []
    for flow in sorted(shown, key=lambda f: (-f.count, f.origin, f.destination)):
        a, b = view.project(*centre[flow.origin]), view.project(*centre[flow.destination])
        out.append(Route(flow, a, control_point(a, b), b, 1.2 + 5.0 * math.sqrt(flow.count / top)))
    return out


def layout(hotspots: list[Hotspot], flows: list[Flow], view: View | None = None) -> MapLayout:
    """Everything's place on the map; labels by priority: countries with people figures, places,
    the other countries on routes, then the routes' counts."""
    view = view or auto_view(hotspots, flows)
    names = {c.code: c.name for c in countries() if c.code}
    centre = centroids()
    drawn = routes(flows, view)
    nations = [h for h in hotspots if h.kind == "country" and h.people > 0 and h.code]
    places = [h for h in hotspots if h.kind != "country"]
    top_people = max((h.people for h in nations), default=0)
    top_place = max((h.count for h in places), default=1)
    radius = {
        str(h.code): area_radius(h.people, top_people, COUNTRY_LARGEST, COUNTRY_SMALLEST) for h in nations
    }
    labels: list[Label] = []
    texts: dict[str, Text] = {}
    line = LABEL_SIZE * 1.17

    def add(key: str, x: float, y: float, text: str, css: str, gap: float, priority: float) -> None:
        labels.append(Label(key, x, y, text_width(text, LABEL_SIZE), line, gap, priority))
        texts[key] = Text(text, LABEL_SIZE, css)

    for i, spot in enumerate(nations):
        x, y = view.project(spot.lon, spot.lat)
        add(f"c{i}", x, y, spot.label, "country-name", radius[str(spot.code)],
            3000.0 + spot.people / max(1, top_people))
    for i, spot in enumerate(places):
        x, y = view.project(spot.lon, spot.lat)
        add(f"p{i}", x, y, spot.label, "place-name", 2.5 + 2.0 * math.sqrt(spot.count / top_place),
            2000.0 + spot.count / top_place)
    ends = {r.flow.origin for r in drawn} | {r.flow.destination for r in drawn}
    for code in sorted(ends - set(radius)):
        x, y = view.project(*centre[code])
        add(f"r{code}", x, y, names.get(code, code), "country-name", 2.0, 1000.0)
    for i, route in enumerate(drawn):
        x, y = route.middle
        text = str(route.flow.count)
        labels.append(
            Label(f"f{i}", x, y, text_width(text, COUNT_SIZE) + 6, COUNT_SIZE * 1.4, 0.0,
                  route.flow.count / 1000.0, centred=True)
        )
    placements = {p.key: p for p in place_labels(labels, MAX_ZOOM, bounds=(view.width, view.height))}
    return MapLayout(view, drawn, nations, radius, places, labels, texts, placements, top_people, top_place)
