"""Bundled country boundaries: TopoJSON decoding, centroids and a flat projection.

The boundaries are Natural Earth's (public domain) as shipped by the world-atlas
package; see ``ringscope/data/geo/README.md``. Everything here is pure and cached:
the file is decoded once per process.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

Ring = list[tuple[float, float]]
"""A closed ring of (lon, lat) points."""


@dataclass(frozen=True, slots=True)
class Country:
    code: str | None
    """ISO 3166-1 alpha-2, or None for areas without one."""
    name: str
    polygons: tuple[tuple[Ring, ...], ...]
    """Polygons, each an outer ring followed by its holes."""
    bbox: tuple[float, float, float, float] = (-180.0, -90.0, 180.0, 90.0)
    """(west, south, east, north) in degrees."""


@dataclass(frozen=True, slots=True)
class View:
    """An equirectangular window onto the globe, ``width`` pixels wide."""

    west: float = -180.0
    east: float = 180.0
    south: float = -58.0
    north: float = 84.0
    width: float = 960.0

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.scale


def decode_topology(
    topology: dict[str, Any], object_name: str = "countries"
) -> list[tuple[dict[str, Any], list[list[Ring]]]]:
    """The geometries of one TopoJSON object as (geometry, polygons of rings in lon/lat)."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        points: Ring = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for index in indexes:
            part = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            out.extend(part[1:] if out else part)
        return out

    decoded = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif kind == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            polygons = []
        decoded.append((geometry, polygons))
    return decoded


def _alpha2(numeric: Any) -> str | None:
    if numeric is None:
        return None
    found = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return str(found.alpha_2) if found else None


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country in the bundled boundaries."""
    source = resources.files("ringscope").joinpath("data/geo/countries-50m.json.gz")
    topology = json.loads(gzip.decompress(source.read_bytes()))
    out = []
    for geometry, polygons in decode_topology(topology):
        name = str((geometry.get("properties") or {}).get("name") or "")
        points = [p for rings in polygons for r in rings for p in r]
        bbox = (
            (
                min(p[0] for p in points),
                min(p[1] for p in points),
                max(p[0] for p in points),
                max(p[1] for p in points),
            )
            if points
            else (0.0, 0.0, 0.0, 0.0)
        )
        out.append(
            Country(_alpha2(geometry.get("id")), name, tuple(tuple(rings) for rings in polygons), bbox)
        )
    return tuple(out)


def ring_area(ring: Ring) -> float:
    """Signed planar area of a ring in square degrees."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def ring_centroid(ring: Ring) -> tuple[float, float]:
    """(lon, lat) centroid of a ring (its vertex mean when it has no area)."""
    area = ring_area(ring)
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lon, lat) centroid of each country's largest polygon (not its overseas parts)."""
    out: dict[str, tuple[float, float]] = {}
    for country in countries():
        if not country.code or not country.polygons:
            continue
        outer = max((p[0] for p in country.polygons if p), key=lambda r: abs(ring_area(r)))
        out[country.code] = ring_centroid(outer)
    return out


def ring_path(ring: Ring, view: View, min_step: float = 0.6) -> str:
    """SVG path data for one ring, dropping points closer than ``min_step`` pixels."""
    parts: list[str] = []
    last: tuple[float, float] | None = None
    if any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        # the ring crosses the antimeridian: draw it continuously east of 180 (clipped by the view)
        ring = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    for lon, lat in ring:
        x, y = view.project(lon, lat)
        if last is not None and abs(x - last[0]) < min_step and abs(y - last[1]) < min_step:
            continue
        parts.append(f"{'L' if parts else 'M'}{x:.1f},{y:.1f}")
        last = (x, y)
    if len(parts) < 3:
        return ""
    return "".join(parts) + "Z"


def country_path(country: Country, view: View, min_step: float = 0.6) -> str:
    """SVG path data for a whole country (holes drawn with the even-odd rule); empty when out of view."""
    west, south, east, north = country.bbox
    if east < view.west or west > view.east or north < view.south or south > view.north:
        return ""
    return "".join(ring_path(r, view, min_step) for polygon in country.polygons for r in polygon)
