"""The map SVG: zoomable structure, flows with counts, countries sized by people, labels, legend."""

from __future__ import annotations

import math
import re

from ringscope.report.mapdata import Flow, Hotspot
from ringscope.report.maplayout import MAX_ZOOM, auto_view, inset_view, layout
from ringscope.report.mapsvg import draw, map_svg, static_maps


def _country(code: str, name: str, lon: float, lat: float, people: int) -> Hotspot:
    return Hotspot(name, lon, lat, 2, None, people, "country", code, (("Victims rescued", people),))


def test_flows_are_sized_by_count_point_to_destination_and_say_their_count() -> None:
    flows = [Flow("KE", "MM", 4, 100), Flow("NP", "TH", 1), Flow("TH", "TH", 2)]
    svg = map_svg([Hotspot("Somewhere", 100.0, 15.0, 3)], flows)
    flow_path = r'<path class="flow" d="M[^"]*Q[^"]*" stroke-width="([\d.]+)"'
    widths = [float(w) for w in re.findall(flow_path, svg)]
    assert len(widths) == 2 and widths[0] > widths[1]  # a route within one country is not drawn
    assert svg.count('class="fx arrow"') == 2
    assert "Kenya (KE) → Myanmar (MM): 4 report(s), 100 people counted" in svg
    counts = re.findall(r'class="flow-count"[^>]*>(\d+)</text>', svg)
    assert sorted(counts) == ["1", "4"]
    view = auto_view([], flows)
    assert view.west < 38 < 100 < view.east  # Kenya and Myanmar both in view


def test_countries_are_sized_by_people_and_the_legend_says_so() -> None:
    spots = [_country("KH", "Cambodia", 105.0, 12.5, 4000), _country("LA", "Laos", 103.0, 18.5, 1000)]
    svg = map_svg(spots, [])
    radii = dict(re.findall(r'data-code="(\w\w)" data-people="\d+"><circle r="([\d.]+)"', svg))
    assert set(radii) == {"KH", "LA"}
    # four times the people, four times the area
    assert abs(float(radii["KH"]) / float(radii["LA"]) - 2.0) < 0.05
    legend = svg[svg.index('<g class="legend"'):]
    assert "2,000" in legend and "500" in legend and "people counted in a country" in legend
    assert "victims rescued 4,000" in svg  # the tooltip gives the figure


def test_the_map_is_ready_to_zoom_and_shows_only_labels_that_fit() -> None:
    # five invented places a few hundred metres apart, and one far away
    knot = [Hotspot(f"Quarry {i}", 98.50 + i * 0.003, 16.70 + i * 0.002, 5 - i) for i in range(5)]
    spots = [*knot, Hotspot("Farpoint <Bay>", 120.0, 5.0, 1, "/entities/x")]
    plan = layout(spots, [Flow("ID", "KH", 2)])
    svg = draw(plan, "Test map")
    clip = re.search(r'<clipPath id="([\w-]+)">', svg)
    assert clip and f'clip-path="url(#{clip.group(1)})"' in svg and '<g class="viewport">' in svg
    assert f'data-max-zoom="{MAX_ZOOM:g}"' in svg
    assert "Farpoint &lt;Bay&gt;" in svg and 'href="/entities/x"' in svg
    zooms = {
        text: float(z)
        for z, text in re.findall(r'class="fx label" data-t="[^"]*" transform="[^"]*" data-z="([\d.inf]+)"'
                                  r'[^>]*><text[^>]*>([^<]+)</text>', svg)
    }
    assert zooms["Farpoint &lt;Bay&gt;"] == 1.0
    knot_zooms = [zooms[f"Quarry {i}"] for i in range(5)]
    assert min(knot_zooms) == 1.0 and max(knot_zooms) > 4  # the knot is untied by zooming in
    hidden = re.findall(r'data-z="([\d.]+)" display="none"', svg)
    assert hidden and all(float(z) > 1 for z in hidden)  # the static map shows only what fits
    focus = plan.focus()
    for i in range(5):
        x, y, zoom = focus[f"Quarry {i}"]
        assert zoom <= MAX_ZOOM
        if math.isfinite(knot_zooms[i]):
            assert zoom >= knot_zooms[i]  # zooming to a place shows its name


def test_a_map_without_data_is_the_world() -> None:
    svg = map_svg([], [])
    assert svg.count("<path") > 150 and 'class="fx' not in svg
    assert "people counted" not in svg  # no people legend without people


def test_an_inset_frames_the_densest_part_for_a_static_map() -> None:
    knot = [Hotspot(f"Knot {i}", 100.0 + i * 0.7, 14.0 + (i % 3) * 0.9, 1) for i in range(8)]
    far = [Hotspot("West end", -60.0, -10.0, 1), Hotspot("North end", 30.0, 55.0, 1)]
    view = inset_view([*knot, *far], [])
    assert view is not None
    assert all(view.west < h.lon < view.east and view.south < h.lat < view.north for h in knot)
    assert not any(view.west < h.lon < view.east for h in far)
    assert inset_view(knot, []) is None  # everything is close together already
    svg = map_svg([*knot, *far], [], view=view)
    shown = re.findall(r'data-z="1.000"[^>]*><text[^>]*>([^<]+)</text>', svg)
    assert len([s for s in shown if s.startswith("Knot")]) >= 6  # the inset names the knot's places


def test_static_maps_add_the_inset_only_when_the_map_is_wide() -> None:
    knot = [Hotspot(f"Knot {i}", 100.0 + i * 0.7, 14.0 + (i % 3) * 0.9, 1) for i in range(8)]
    wide = static_maps([*knot, Hotspot("West end", -60.0, -10.0, 1)], [], "Test")
    assert wide.count('<div class="map') == 2 and "closer view" in wide
    ids = re.findall(r'<clipPath id="([\w-]+)">', wide)
    assert len(ids) == len(set(ids)) == 2  # one page, two maps: each clips by its own outline
    assert static_maps(knot, [], "Test").count('<div class="map') == 1
