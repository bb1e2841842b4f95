"""Country boundaries: TopoJSON decoding, centroids, projection."""

from __future__ import annotations

import pytest

from ringscope.report.geo import (
    View,
    centroids,
    countries,
    country_path,
    decode_topology,
    ring_area,
    ring_centroid,
)


def _topology() -> dict[str, object]:
    # one square (arc 0 forwards) and a triangle that reuses arc 0 backwards, quantised with a transform
    return {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [4, 0], [0, 4], [-4, 0], [0, -4]], [[0, 0], [0, 4]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "116", "properties": {"name": "Square"}},
                    {"type": "MultiPolygon", "arcs": [[[~0]], [[1]]], "properties": {"name": "Two"}},
                    {"type": "Point", "coordinates": [0, 0], "properties": {"name": "Dot"}},
                ],
            }
        },
    }


def test_delta_decoding_and_transform() -> None:
    decoded = decode_topology(_topology())
    (_, square), (_, two), (_, dot) = decoded
    assert square[0][0] == [(10.0, 20.0), (12.0, 20.0), (12.0, 22.0), (10.0, 22.0), (10.0, 20.0)]
    assert two[0][0] == list(reversed(square[0][0]))  # ~0 is arc 0 reversed
    assert two[1][0] == [(10.0, 20.0), (10.0, 22.0)]
    assert dot == []


def test_area_and_centroid_of_a_square() -> None:
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
    assert ring_area(square) == pytest.approx(4.0)
    assert ring_area(list(reversed(square))) == pytest.approx(-4.0)
    assert ring_centroid(square) == pytest.approx((1.0, 1.0))


def test_bundled_countries_carry_iso_codes() -> None:
    codes = {c.code for c in countries() if c.code}
    assert len(codes) > 200
    assert {"KH", "MM", "LA", "TH", "PH", "SG", "IN", "KE"} <= codes


def test_centroids_fall_inside_their_countries_bounding_boxes() -> None:
    by_code = {c.code: c for c in countries() if c.code}
    for code in ("KH", "MM", "TH", "KE", "BR"):
        lon, lat = centroids()[code]
        west, south, east, north = by_code[code].bbox
        assert west <= lon <= east and south <= lat <= north


def test_mainland_centroid_ignores_overseas_parts() -> None:
    lon, lat = centroids()["FR"]
    assert -5 < lon < 8 and 42 < lat < 51


def test_projection_and_paths() -> None:
    view = View(0, 100, -50, 50, width=200)
    assert view.scale == 2 and view.height == 200
    assert view.project(0, 50) == (0, 0)
    assert view.project(100, -50) == (200, 200)
    by_code = {c.code: c for c in countries() if c.code}
    assert country_path(by_code["TH"], View(90, 110, 0, 25)).startswith("M")
    assert country_path(by_code["BR"], View(90, 110, 0, 25)) == ""  # out of view
